/**
 * History import and bundle export are bounded by the bytes a file really decompresses to, not by the sizes
 * it declares: a brotli bomb, a file with correct hashes and 4 × 1 GiB of payload, and a history already
 * holding such rows are refused through the real CLI, in a child process whose peak memory is measured.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from './helpers/temp-dir'
import { GIB, plantGigabyteRows, readSessionFile, runCliChild, seedOneSession, SHA256_OF_1_GIB_OF_ZEROS, withEvidence, writeSessionFile, zeroBomb } from './helpers/hostile-session-file'
import { runCliCaptured as cli } from '../support/run-cli-captured'

const makeDir = useTempDirs('xed-bounds-')
// The bound for refusing such a file (the process's own baseline is about 100 MB).
const MAX_RSS = 300 * 1024 * 1024

/** In-process CLI run for the set-up and the checks after (only the hostile step runs in a child). */
/** A history with session 1 and its export as a session file (the base each hostile file is made from). */
async function exported(): Promise<{ dir: string; db: string; sessionFile: string }> {
  const dir = makeDir()
  const db = seedOneSession(dir)
  const sessionFile = join(dir, 'case.xedsession')
  const out = await cli('history', 'export', '1', sessionFile, '--db', db)
  expect(out.code, out.stderr).toBe(0)
  return { dir, db, sessionFile }
}

async function sessionCount(db: string): Promise<number> {
  return (JSON.parse((await cli('history', 'list', '--json', '--db', db)).stdout) as { total: number }).total
}

describe('history import and bundle export bounds', () => {
  it('refuses a 1.5 GiB brotli bomb that declares its size, before inflating it', async () => {
    const { dir, sessionFile } = await exported()
    const bomb = await zeroBomb(1.5 * GIB)
    expect(bomb.byteLength).toBeLessThan(400 * 1024)
    const hostile = join(dir, 'bomb.xedsession')
    writeSessionFile(hostile, withEvidence(readSessionFile(sessionFile), [{ name: 'events.json', originalSize: 1.5 * GIB, sha256: 'a'.repeat(64), content: bomb }]))
    const target = join(dir, 'target.sqlite3')
    const run = runCliChild(['history', 'import', hostile, '--db', target])
    console.log(`bomb import: exit ${run.code}, peak RSS ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ${run.elapsedMs} ms`)
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/evidence events\.json .*larger than/)
    expect(run.maxRssBytes).toBeLessThan(MAX_RSS)
    expect(await sessionCount(target)).toBe(0)
  })

  it('refuses a bomb that understates its size once it inflates past what it declared', async () => {
    const { dir, sessionFile } = await exported()
    const bomb = await zeroBomb(GIB)
    // 1,000 bytes and 60 MiB (just under the per-file cap): both stop where the declared size ends.
    for (const declared of [1000, 60 * 1024 * 1024]) {
      const hostile = join(dir, `liar-${declared}.xedsession`)
      writeSessionFile(hostile, withEvidence(readSessionFile(sessionFile), [{ name: 'events.json', originalSize: declared, sha256: SHA256_OF_1_GIB_OF_ZEROS, content: bomb }]))
      const run = runCliChild(['history', 'import', hostile, '--db', join(dir, 'target.sqlite3')])
      console.log(`understated bomb (${declared} bytes declared) import: exit ${run.code}, peak RSS ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ${run.elapsedMs} ms`)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toMatch(new RegExp(`evidence events\\.json inflates to more than the ${declared} bytes it declares`))
      expect(run.maxRssBytes).toBeLessThan(MAX_RSS)
    }
  })

  it('refuses a small file with correct hashes and 4 × 1 GiB of payload', async () => {
    const { dir, sessionFile } = await exported()
    const bomb = await zeroBomb(GIB)
    const names = ['events.json', 'netstat.txt', 'services.json', 'topology.xml']
    const hostile = join(dir, 'gigabytes.xedsession')
    writeSessionFile(hostile, withEvidence(readSessionFile(sessionFile), names.map((name) => ({ name, originalSize: GIB, sha256: SHA256_OF_1_GIB_OF_ZEROS, content: bomb }))))
    expect(statSync(hostile).size).toBeLessThan(2 * 1024 * 1024)
    const target = join(dir, 'target.sqlite3')
    const run = runCliChild(['history', 'import', hostile, '--db', target])
    console.log(`4 x 1 GiB import: exit ${run.code}, peak RSS ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ${run.elapsedMs} ms`)
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/larger than/)
    expect(run.maxRssBytes).toBeLessThan(MAX_RSS)
    expect(await sessionCount(target)).toBe(0)
  })

  it('refuses many files that are each under the cap but together over it', async () => {
    const { dir, sessionFile } = await exported()
    const bomb = await zeroBomb(GIB)
    const names = Array.from({ length: 40 }, (_, i) => `part-${i}.json`)
    const hostile = join(dir, 'many.xedsession')
    // Each declares 30 MiB (under the per-file cap); the sizes alone add up past the total cap.
    writeSessionFile(hostile, withEvidence(readSessionFile(sessionFile), names.map((name) => ({ name, originalSize: 30 * 1024 * 1024, sha256: 'b'.repeat(64), content: bomb }))))
    const run = runCliChild(['history', 'import', hostile, '--db', join(dir, 'target.sqlite3')])
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/together|in total/)
    expect(run.maxRssBytes).toBeLessThan(MAX_RSS)
  })

  it('refuses to export a support bundle from a history already holding 4 × 1 GiB rows', async () => {
    const { dir, db } = await exported()
    plantGigabyteRows(db, await zeroBomb(GIB))
    const zip = join(dir, 'support.zip')
    const run = runCliChild(['history', 'export', '1', zip, '--db', db])
    console.log(`4 x 1 GiB bundle export: exit ${run.code}, peak RSS ${(run.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ${run.elapsedMs} ms`)
    expect(run.code, run.stderr).not.toBe(0)
    expect(run.stderr).toMatch(/larger than/)
    expect(run.maxRssBytes).toBeLessThan(MAX_RSS)
    expect(existsSync(zip)).toBe(false)
  })
})
