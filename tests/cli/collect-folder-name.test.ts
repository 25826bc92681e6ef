/** `collect` names its default folder after the host only through the collector script's sanitizing rule. */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCollectCommand } from '../../src-main/cli/commands/live-commands'
import { evidenceFolderName, sanitizeHostForFolderName } from '../../src-main/evidence-io/evidence-folder-name'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'

let harness: FakeHarness | undefined
afterEach(() => {
  harness?.cleanup()
  vi.restoreAllMocks()
})

describe('collect: default folder name', () => {
  it('keeps a hostile host name inside one folder name under the current folder', async () => {
    harness = createFakeHarness({ role: 'Edge', host: '../../x\u001b[2J/..\\evil host' })
    const cwd = mkdtempSync(join(tmpdir(), 'xed-cwd-'))
    vi.spyOn(process, 'cwd').mockReturnValue(cwd)
    let stdout = ''
    const code = await runCollectCommand(
      ['--domain', 'contoso.com'],
      { stdout: (s) => (stdout += s), stderr: () => undefined },
      { LANG: 'en_US.UTF-8' },
      { createSession: () => harness!.createSession(), now: () => new Date('2026-11-20T01:30:00Z') },
    )
    expect(code).toBe(0)
    const written = stdout.trim()
    expect(dirname(written)).toBe(cwd)
    expect(basename(written)).toBe('xmpp-evidence-.._.._x__2J_.._evil_host-20261120-013000')
    expect(readdirSync(cwd)).toEqual([basename(written)])
  })
})

describe('sanitizeHostForFolderName', () => {
  it('replaces what Collect-XmppEvidence.ps1 replaces ([^A-Za-z0-9.-] → _)', () => {
    expect(sanitizeHostForFolderName('EDGE01.contoso.local')).toBe('EDGE01.contoso.local')
    expect(sanitizeHostForFolderName('a/b\\c:d*e?f"g<h>i|j k')).toBe('a_b_c_d_e_f_g_h_i_j_k')
    expect(sanitizeHostForFolderName('伺服器')).toBe('___')
  })

  it('never yields an empty name, a dot name or one longer than a file name may be', () => {
    expect(sanitizeHostForFolderName('')).toBe('unknown-host')
    expect(sanitizeHostForFolderName('..')).toBe('unknown-host')
    expect(sanitizeHostForFolderName('x'.repeat(500))).toHaveLength(63)
    expect(evidenceFolderName('EDGE01', new Date('2026-11-20T01:30:00.123Z'))).toBe('xmpp-evidence-EDGE01-20261120-013000')
  })
})
