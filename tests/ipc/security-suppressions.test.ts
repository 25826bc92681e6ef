/**
 * `npm run security` fails on an inline electronegativity suppression that does not say why next to it, and
 * accepts the app's own suppressions (each explained on its line or in the comment right above).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A copy of what `npm run security` scans, optionally edited, and the check's result on it. */
function checkCopy(edit: (dir: string) => void = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xed-suppress-'))
  made.push(dir)
  for (const part of ['src-main/electron', 'src-main/preload', 'src-renderer']) cpSync(join(ROOT, part), join(dir, part), { recursive: true })
  edit(dir)
  return spawnSync(process.execPath, ['scripts/security-check.mjs', '--input', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

function editFile(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, 'utf8')
  const after = change(before)
  expect(after).not.toBe(before)
  writeFileSync(path, after)
}

describe('inline electronegativity suppressions', () => {
  it('accepts the app as it is: 0 findings, every suppression explained', () => {
    const run = checkCopy()
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/0 findings/)
    expect(run.status).toBe(0)
  })

  it('fails on a suppression whose reason was removed', () => {
    const run = checkCopy((dir) => editFile(join(dir, 'src-main/electron/main-window.ts'), (t) => t.replace(/(eng-disable CSP_GLOBAL_CHECK) -- .*$/m, '$1')))
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/without a reason/)
    expect(run.stderr).toMatch(/main-window\.ts:\d+: .*eng-disable CSP_GLOBAL_CHECK/)
  })

  it('fails on a new file-wide suppression with no reason and on one that names no check', () => {
    const run = checkCopy((dir) => {
      editFile(join(dir, 'src-main/preload/preload.ts'), (t) => `// eng-disable CONTEXT_ISOLATION_JS_CHECK\n${t}`)
      editFile(join(dir, 'src-renderer/index.html'), (t) => t.replace('<title>', '<!-- eng-disable --><title>'))
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/preload\.ts:1: /)
    expect(run.stderr).toMatch(/index\.html:\d+: .*name the check IDs/)
  })
})
