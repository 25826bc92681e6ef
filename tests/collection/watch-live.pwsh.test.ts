/**
 * `watch --live --domain D` on the command line against a real pwsh 7: every poll is a live collection through
 * node-powershell, with the Lync and Windows cmdlets of tests/pester/fakes found through PSModulePath in the child's
 * environment and pwsh found on PATH, so the product runs unchanged (no test hook). The fake server is a symbolic
 * link to a scenario folder; the test points it at the healthy server (an atomic rename) once the first poll has been
 * printed, as an admin starting the XMPP proxy would.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scenariosRoot } from '../../src-main/scenarios/scenario-catalog'
import { requirePwsh } from '../powershell/find-pwsh'
import { fakeServerEnv } from './run-collector'

const ROOT = resolve(import.meta.dirname, '..', '..')
const pwsh = requirePwsh()
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const temp = mkdtempSync(join(tmpdir(), 'xed-watch-live-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** A fake server that the test can switch to another scenario between polls. */
function switchableServer(name: string, scenario: string): { path: string; switchTo: (scenario: string) => void } {
  const path = join(temp, name)
  symlinkSync(join(scenariosRoot(), scenario), path)
  return {
    path,
    switchTo: (next) => {
      symlinkSync(join(scenariosRoot(), next), `${path}.next`)
      renameSync(`${path}.next`, path)
    },
  }
}

interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the CLI; `onStdout` sees the output so far each time more arrives. */
function watchLive(server: string, args: readonly string[], onStdout: (stdout: string) => void = () => undefined): Promise<Finished> {
  const env = { ...fakeServerEnv(server), PATH: [dirname(pwsh), process.env.PATH ?? ''].join(delimiter) }
  const child = spawn(npm, ['run', '--silent', 'doctor', '--', 'watch', '--live', '--domain', 'contoso.com', ...args], { cwd: ROOT, env })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    onStdout(stdout)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

// Each poll starts pwsh and runs every collection step: bounded by --max and the per-command --timeout; the test
// timeout only has to outlast that on a loaded machine.
const SLOW = { timeout: 600_000 }

describe('watch --live under real pwsh with the fake Lync and Windows modules', SLOW, () => {
  it('prints the opening verdict, then what changed when the proxy runs again, and exits 0 with the time to recover', async () => {
    const server = switchableServer('recovers', 'proxy-service-stopped')
    let switched = false
    const finished = await watchLive(server.path, ['--interval', '2s', '--max', '8m', '--timeout', '1m', '--json'], (stdout) => {
      // The first poll's line is printed: the next poll starts after the 2 s pause at the earliest.
      if (!switched && stdout.includes('"poll":1')) {
        switched = true
        server.switchTo('healthy-edge')
      }
    })
    expect(finished.code, finished.stderr).toBe(0)
    const lines = finished.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    const polls = lines.filter((line) => line.format === 'xmpp-edge-doctor/watch-poll')
    expect(polls[0]).toMatchObject({ poll: 1, verdict: 'problems', rootCause: 'xmpp-proxy-service-running' })
    const last = polls.at(-1) as { verdict: string; changes: { kind: string; text: { en: string } }[] }
    expect(last.verdict).toBe('healthy')
    // Only what changed: the verdict and the proxy's check, not the whole diagnosis again.
    expect(last.changes.some((change) => change.kind === 'verdict')).toBe(true)
    expect(last.changes.some((change) => change.kind === 'check' && /proxy/i.test(change.text.en))).toBe(true)
    expect(lines.at(-1)).toMatchObject({ format: 'xmpp-edge-doctor/watch-result', ending: 'healthy', healthy: true, polls: polls.length })
  })

  it('stops with exit 1 when --max is reached while the proxy stays stopped', async () => {
    const server = switchableServer('stays-stopped', 'proxy-service-stopped')
    const finished = await watchLive(server.path, ['--interval', '1s', '--max', '2s', '--timeout', '1m', '--lang', 'en'])
    expect(finished.code, finished.stderr).toBe(1)
    expect(finished.stderr).toContain('watching this server (live collection) every 1s for up to 2s')
    expect(finished.stdout).toMatch(/problems/i)
    expect(finished.stdout).toMatch(/Not healthy after .* \(\d+ polls\): the --max limit was reached\./)
  })
})
