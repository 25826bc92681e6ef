/**
 * `watch`: a folder a scheduled collector keeps rewriting, polled with a fake clock (no waiting): only changes are
 * printed, the end says how long recovery took, a half-written folder never yields a verdict, and the exit code
 * says healthy (0) or not (1). The evidence is the documented demo scenarios (the same Edge, stopped then running).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { runWatchCommand, type WatchCommandDependencies } from '../../src-main/cli/commands/watch-command'
import { runCli } from '../../src-main/cli/main'

const SCENARIOS = 'tests/scenarios'
const temp: string[] = []
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xed-watch-'))
  temp.push(dir)
  return dir
}

/** Replaces the folder's content with a scenario's, as the next collector run would. */
function collectInto(folder: string, scenario: string): void {
  rmSync(folder, { recursive: true, force: true })
  cpSync(join(SCENARIOS, scenario), folder, { recursive: true })
  rmSync(join(folder, 'scenario.json'), { force: true })
}

/** A fake clock that only moves when the watch pauses; `onPause(n)` runs at the n-th pause (the "collector"). */
function fakeTime(onPause: (pause: number) => void = () => undefined) {
  let now = Date.parse('2026-11-20T01:30:00Z')
  let pauses = 0
  let stop: (() => void) | null = null
  const deps: WatchCommandDependencies = {
    now: () => new Date(now),
    sleep: async (ms) => {
      pauses++
      onPause(pauses)
      now += ms
    },
    onInterrupt: (s) => {
      stop = s
      return () => undefined
    },
    collectLive: async () => {
      throw new Error('not live')
    },
  }
  return { deps, interrupt: () => stop?.(), pauses: () => pauses }
}

async function watch(args: string[], deps: WatchCommandDependencies) {
  let stdout = ''
  let stderr = ''
  const code = await runWatchCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {}, deps)
  return { code, stdout, stderr }
}

describe('watch <folder>', () => {
  it('prints the opening verdict, then only what changed, and exits 0 with the time to recover', async () => {
    const folder = join(tempDir(), 'EDGE01')
    collectInto(folder, 'proxy-service-stopped')
    // The admin starts the service; the next collector run (during the 2nd pause) sees it running.
    const time = fakeTime((pause) => pause === 2 && collectInto(folder, 'healthy-edge'))
    const r = await watch([folder, '--interval', '30s', '--max', '10m', '--lang', 'en'], time.deps)
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^2026-11-20 01:30:00 UTC {2}Problems found — root cause: /)
    // The unchanged second poll prints nothing; the third prints the changes at 01:31:00.
    expect(lines.slice(1, -1).every((line) => line.startsWith('2026-11-20 01:31:00 UTC  '))).toBe(true)
    expect(r.stdout).toContain('XMPP Translating Gateway Proxy running (Edge): ✗ → ✓')
    expect(r.stdout).toMatch(/Services: changed RTCXMPPTGWPX/)
    expect(lines.at(-1)).toBe('Healthy: recovered after 1m 00s (3 polls).')
  })

  it('exits 1 when --max is reached, polling once more at the limit itself', async () => {
    const folder = join(tempDir(), 'EDGE01')
    collectInto(folder, 'proxy-service-stopped')
    const time = fakeTime()
    const r = await watch([folder, '--interval', '1m', '--max', '3m', '--json'], time.deps)
    expect(r.code).toBe(1)
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(events.filter((e) => e.format === 'xmpp-edge-doctor/watch-poll')).toHaveLength(4) // 0, 1, 2, 3 minutes
    expect(events.at(-1)).toMatchObject({ format: 'xmpp-edge-doctor/watch-result', ending: 'max-reached', healthy: false, polls: 4, elapsedMs: 180_000 })
  })

  it('never gives a verdict from a half-written folder: it reads again until the files settle', async () => {
    const folder = join(tempDir(), 'EDGE01')
    collectInto(folder, 'healthy-edge')
    const services = readFileSync(join(folder, 'services.json'))
    writeFileSync(join(folder, 'services.json'), services.subarray(0, Math.floor(services.length / 2))) // mid-write
    // The collector finishes the file during the first retry pause.
    const time = fakeTime((pause) => pause === 1 && writeFileSync(join(folder, 'services.json'), services))
    const r = await watch([folder, '--json'], time.deps)
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(events[0]).toMatchObject({ poll: 1, verdict: 'healthy' })
    expect(r.code).toBe(0)
  })

  it('says a poll could not be read, and keeps watching, when a file stays broken', async () => {
    const folder = join(tempDir(), 'EDGE01')
    collectInto(folder, 'healthy-edge')
    writeFileSync(join(folder, 'services.json'), '[{"Name": "RTCXMPPTGWPX", "Status"')
    const time = fakeTime()
    const r = await watch([folder, '--interval', '1m', '--max', '1m', '--lang', 'en'], time.deps)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('? evidence not readable this time: unreadable: services.json (possibly half written)')
    expect(r.stdout).not.toContain('Healthy')
  })

  it('follows the newest collection in the collector’s output folder', async () => {
    const output = tempDir()
    collectInto(join(output, 'EDGE01-20261120-013000'), 'proxy-service-stopped')
    collectInto(join(output, 'EDGE01-20261120-020000'), 'healthy-edge')
    const r = await watch([output, '--json'], fakeTime().deps)
    expect(r.code).toBe(0)
  })

  it('stops cleanly on Ctrl-C with exit 1 (not proven healthy)', async () => {
    const folder = join(tempDir(), 'EDGE01')
    collectInto(folder, 'proxy-service-stopped')
    let interrupt = (): void => undefined
    const time = fakeTime((pause) => pause === 2 && interrupt())
    interrupt = time.interrupt
    const r = await watch([folder, '--lang', 'en'], time.deps)
    expect(r.code).toBe(1)
    expect(r.stdout.trim().split('\n').at(-1)).toBe('Stopped after 1m 00s (2 polls); not proven healthy.')
  })

  it('records the watch as one session with its poll timeline as a note', async () => {
    const dir = tempDir()
    const folder = join(dir, 'EDGE01')
    collectInto(folder, 'proxy-service-stopped')
    const time = fakeTime((pause) => pause === 1 && collectInto(folder, 'healthy-edge'))
    const db = join(dir, 'history.sqlite3')
    const r = await watch([folder, '--db', db, '--lang', 'en'], time.deps)
    expect(r.code).toBe(0)
    const opened = new Database(db, { readonly: true })
    try {
      expect(opened.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 1 })
      const notes = opened.prepare('SELECT body FROM notes').all() as { body: string }[]
      expect(notes).toHaveLength(1)
      expect(notes[0]!.body).toMatch(/^watch healthy after 2 poll\(s\)/)
      expect(notes[0]!.body).toContain('2026-11-20 01:30:00 UTC Problems found')
    } finally {
      opened.close()
    }
  })

  it('refuses a bare number as a duration and a missing folder argument, with exit 2', async () => {
    const run = async (...argv: string[]) => {
      let stderr = ''
      const code = await runCli(argv, { stdout: () => undefined, stderr: (s) => (stderr += s) })
      return { code, stderr }
    }
    expect(await run('watch', `${SCENARIOS}/healthy-edge`, '--interval', '30')).toMatchObject({ code: 2, stderr: expect.stringContaining('unit') })
    expect(await run('watch')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: xmpp-edge-doctor watch') })
    mkdirSync(join(tempDir(), 'x'))
  })
})
