/** The event log check judges events by their age at collection, and offers CLS commands for the server they came from. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'

const temp: string[] = []
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

async function eventCheck(...argv: string[]) {
  let stdout = ''
  await runCli([...argv, '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
  const result = JSON.parse(stdout)
  return result.checks.find((c: { id: string }) => c.id === 'xmpp-event-log-clean')
}

describe('xmpp-event-log-clean', () => {
  it('an error only a year old is a warning with its age, not today’s root cause', async () => {
    const check = await eventCheck('demo', 'xmpp-errors-year-old')
    expect(check.status).toBe('warn')
    expect(check.summary.en).toContain('The latest was 365 d before the collection: check whether it still happens.')
    expect(check.summary['zh-TW']).toContain('最新一筆發生在收集前 365 天：請確認是否仍在發生。')
    expect(check.evidence[0].text).toContain('(365 d before collection, old)')
  })

  it('a recent error fails, shows its age, and offers CLS on the Edge it came from', async () => {
    const check = await eventCheck('demo', 'xmpp-errors-zh-tw')
    expect(check.status).toBe('fail')
    expect(check.evidence[0].text).toContain('2026-11-20T01:10:00.000Z  (20 min before collection)')
    expect(check.fix.runOn).toBe('edge')
  })

  it('a critical gateway event on a Front End fails and offers CLS on the Front End', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xed-events-'))
    temp.push(dir)
    cpSync('tests/scenarios/healthy-frontend', dir, { recursive: true })
    // Get-WinEvent | ConvertTo-Json (Windows PowerShell 5.1): Level 1 = Critical.
    writeFileSync(
      join(dir, 'events.json'),
      JSON.stringify([{ TimeCreated: '/Date(1795137600000)/', Id: 31001, Level: 1, LevelDisplayName: 'Critical', ProviderName: 'LS XMPP Translating Gateway', Message: 'The gateway stopped.' }]),
    )
    const check = await eventCheck('analyze', dir)
    expect(check.status).toBe('fail')
    expect(check.fix.runOn).toBe('front-end')
  })
})
