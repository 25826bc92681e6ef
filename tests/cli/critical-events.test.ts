/** The collector reads levels 1-3 (Critical, Error, Warning): a Critical XMPP event is an error, never ignored. */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { copyScenario, psDate, writeEvidenceText } from './evidence-folder-helper'

describe('Critical events of an XMPP provider', () => {
  it('fail the event log check (level 1 = Critical, StandardEventLevel)', async () => {
    const dir = copyScenario('healthy-edge')
    writeEvidenceText(
      dir,
      'events.json',
      JSON.stringify([{ TimeCreated: psDate('2026-11-20T01:00:00Z'), Id: 1, Level: 1, LevelDisplayName: 'Critical', ProviderName: 'LS XMPP Translating Gateway Proxy', Message: 'stopped' }]),
    )
    let stdout = ''
    const code = await runCli(['analyze', dir, '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const check = (JSON.parse(stdout) as { checks: { id: string; status: string; summary: { en: string } }[] }).checks.find((c) => c.id === 'xmpp-event-log-clean')
    expect(code).toBe(1)
    expect(check?.status).toBe('fail')
    expect(check?.summary.en).toContain('1 XMPP error(s)')
  })
})
