/** `npm run security` (electronegativity, offline) passes on the app, and would catch a weakened window. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

function runCheck(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/security-check.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

describe('electronegativity', () => {
  it('finds nothing in the app', () => {
    const run = runCheck()
    expect(run.stdout).toMatch(/electronegativity: 0 findings/)
    expect(run.status).toBe(0)
  })

  it('fails on a window without the sandbox and with navigation unguarded (so the check above can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-eneg-'))
    try {
      cpSync(join(ROOT, 'src-main', 'electron'), join(dir, 'electron'), { recursive: true })
      const file = join(dir, 'electron', 'main-window.ts')
      writeFileSync(file, readFileSync(file, 'utf8').replace('sandbox: true', 'sandbox: false'))
      const run = runCheck('--input', dir)
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/SANDBOX_JS_CHECK/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
