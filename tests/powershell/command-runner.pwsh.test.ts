/**
 * The action runner against real PowerShell (pwsh 7): the fixed script receives each value as data, so a
 * value holding `;`, quotes, `$()`, a newline or a backtick reaches the (shadowed) cmdlet exactly as it
 * is and no injected command runs, even when the data skips the model's validation. Commands outside
 * the command table are refused by the script itself.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runnerScriptFor, runnerScriptForData } from '../../src-main/powershell/command-runner'
import { createNodePowerShellSession } from '../../src-main/powershell/node-powershell-session'
import type { PowerShellSession } from '../../src-main/powershell/powershell-session'
import { setXmppPartner, startLyncService } from '../../src-shared/commands/fix-commands'
import { requirePwsh, shadowEnv, writeShadowModule } from './real-pwsh'

let dir: string
let marker: string
let boundFile: string
let session: PowerShellSession

beforeAll(() => {
  const pwsh = requirePwsh()
  dir = mkdtempSync(join(tmpdir(), 'xed-runner-'))
  marker = join(dir, 'marker')
  boundFile = join(dir, 'bound.json')
  writeShadowModule(join(dir, 'modules'), ['Start-CsWindowsService', 'Set-CsXmppAllowedPartner'])
  session = createNodePowerShellSession({ executable: pwsh, env: shadowEnv(join(dir, 'modules'), boundFile), killGraceMs: 2000 })
})

afterAll(async () => {
  await session?.dispose()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function bound(): Record<string, unknown> {
  return JSON.parse(readFileSync(boundFile, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>
}

describe('action runner under real pwsh', () => {
  it('runs a modelled command with its values bound as parameters', async () => {
    const output = await session.invoke(runnerScriptFor(startLyncService('RTC$XMPP.PX-1')), { timeoutMs: 30_000 })
    expect(output.stderr).toBe('')
    expect(output.stdout).toMatch(/Start-CsWindowsService ran/)
    // `$XMPP` pasted into code would have been expanded to nothing; as data it is kept.
    expect(bound()).toEqual({ Cmdlet: 'Start-CsWindowsService', Name: 'RTC$XMPP.PX-1' })
  }, 60_000)

  const hostile = (m: string): string[] => [
    `RTCXMPPTGWPX; New-Item -ItemType File -Path '${m}'; #`,
    `gmail.com'; New-Item -ItemType File -Path '${m}'; '`,
    `x$(New-Item -ItemType File -Path '${m}')`,
    `jabber.org\nNew-Item -ItemType File -Path '${m}'`,
    `a\`"; New-Item -ItemType File -Path "${m}"; "\u2019; New-Item -ItemType File -Path '${m}'; \u2018`,
  ]

  it('passes hostile values as data even when validation is skipped: exact values, no injected command', async () => {
    for (const value of hostile(marker)) {
      for (const data of [
        { stages: [{ command: 'Start-CsWindowsService', named: { Name: value }, args: [] }] },
        { stages: [{ command: 'Set-CsXmppAllowedPartner', named: { Identity: value, TlsNegotiation: 'Optional', SupportDialbackNegotiation: true }, args: [] }] },
      ]) {
        rmSync(boundFile, { force: true })
        const output = await session.invoke(runnerScriptForData(data), { timeoutMs: 30_000 })
        expect(output.stderr).toBe('')
        const got = bound()
        expect(got.Name ?? got.Identity).toBe(value)
        if (got.Cmdlet === 'Set-CsXmppAllowedPartner') expect(got.SupportDialbackNegotiation).toBe(true)
        expect(existsSync(marker)).toBe(false)
      }
    }
  }, 120_000)

  it('refuses, inside PowerShell, a command that is not in the table', async () => {
    const output = await session.invoke(
      runnerScriptForData({ stages: [{ command: 'New-Item', named: { ItemType: 'File', Path: marker }, args: [] }] }),
      { timeoutMs: 30_000 },
    )
    expect(output.stderr).toMatch(/Not an allowed command: New-Item/)
    expect(existsSync(marker)).toBe(false)
  }, 60_000)

  it('runs a pipeline: each stage gets the previous one\'s output, and a script block comes from the fixed table by key', async () => {
    const files = join(dir, 'files')
    mkdirSync(files)
    for (const name of ['XMPP-one.txt', 'xmpp-two.txt', 'other.txt']) writeFileSync(join(files, name), '')
    const output = await session.invoke(
      runnerScriptForData({
        stages: [
          { command: 'Get-ChildItem', named: { Path: files }, args: [] },
          { command: 'Where-Object', named: { FilterScript: 'name-matches-xmpp' }, args: [] },
          { command: 'Measure-Object', named: {}, args: [] },
        ],
      }),
      { timeoutMs: 30_000 },
    )
    expect(output.stderr).toBe('')
    // -match is case-insensitive: both XMPP files, not the other one.
    expect(output.stdout).toMatch(/Count\s*:\s*2/)
    const refused = await session.invoke(
      runnerScriptForData({ stages: [{ command: 'Get-ChildItem', named: { Path: files }, args: [] }, { command: 'Where-Object', named: { FilterScript: '{ New-Item x }' }, args: [] }] }),
      { timeoutMs: 30_000 },
    )
    expect(refused.stderr).toMatch(/Not a known script block/)
  }, 60_000)

  it('never builds a runner line for a display-only command', () => {
    expect(() => runnerScriptFor(setXmppPartner(hostile(marker)[1] ?? '', { tls: 'Optional' }))).toThrow(/display-only/)
  })
})
