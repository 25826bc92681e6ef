/**
 * `collect` and `diagnose` through the real node-powershell code path, with the fake PowerShell executable
 * answering in real output formats. Nothing here claims PowerShell ran: the fake's log proves what it received.
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCollectCommand, runDiagnoseCommand } from '../../src-main/cli/commands/live-commands'
import { runAnalyzeCommand } from '../../src-main/cli/commands/analyze-command'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'

let harness: FakeHarness | undefined
afterEach(() => harness?.cleanup())

function sink() {
  const out = { stdout: '', stderr: '' }
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } }
}

const env = { LANG: 'en_US.UTF-8' }

describe('live commands with the fake PowerShell', () => {
  it('collect writes a folder that analyze reads', async () => {
    harness = createFakeHarness({ role: 'Edge' })
    const output = join(mkdtempSync(join(tmpdir(), 'xed-collect-')), 'evidence')
    const { out, io } = sink()
    const code = await runCollectCommand(['--domain', 'contoso.com', '--output', output], io, env, {
      createSession: () => harness!.createSession(),
      now: () => new Date('2026-11-20T01:30:00Z'),
    })
    expect(out.stderr).toContain('[✓] netstat.txt')
    expect(code).toBe(0)
    expect(readdirSync(output)).toContain('manifest.json')
    const analyzed = sink()
    expect(await runAnalyzeCommand([output, '--json'], analyzed.io, env)).toBeLessThan(2)
    const json = JSON.parse(analyzed.out.stdout)
    expect(json.subject).toMatchObject({ role: 'Edge', domains: ['contoso.com'] })
    // The domain reached PowerShell as data only.
    const scripts = harness.readLog().filter((e) => e.event === 'invoke').map((e) => e.script ?? '')
    expect(scripts.some((s) => s.includes('contoso.com'))).toBe(false)
  })

  it('diagnose collects, diagnoses and records the live session', async () => {
    harness = createFakeHarness({ role: 'Edge' })
    const db = join(mkdtempSync(join(tmpdir(), 'xed-diag-')), 'history.sqlite3')
    const { out, io } = sink()
    const code = await runDiagnoseCommand(['--domain', 'contoso.com', '--json', '--db', db], io, env, {
      createSession: () => harness!.createSession(),
      now: () => new Date('2026-11-20T01:30:00Z'),
    })
    expect(code).toBeLessThan(2)
    expect(JSON.parse(out.stdout).subject).toMatchObject({ source: 'live', role: 'Edge' })
    expect(out.stderr).toContain('recorded as session #1')
  })

  it('diagnose refuses a hostile domain before PowerShell starts', async () => {
    harness = createFakeHarness({ role: 'Edge' })
    const { out, io } = sink()
    await expect(
      runDiagnoseCommand(['--domain', "contoso.com'; Stop-Service *"], io, env, { createSession: () => harness!.createSession(), now: () => new Date() }),
    ).rejects.toThrow(/not a domain name/)
    expect(out.stdout).toBe('')
    expect(harness.readLog()).toEqual([])
  })

  it('diagnose says clearly that PowerShell is unavailable here (exit 3: cannot run here, not bad input)', async () => {
    const { out, io } = sink()
    const code = await runDiagnoseCommand(['--domain', 'contoso.com'], io, env, {
      createSession: () => createNodePowerShellSession({ executable: '/nonexistent/powershell.exe', killGraceMs: 200 }),
      now: () => new Date(),
    })
    expect(code).toBe(3)
    expect(out.stderr).toMatch(/PowerShell/)
    expect(out.stderr).toContain('Collect-XmppEvidence.ps1')
    expect(out.stdout).toBe('')
  })
})
