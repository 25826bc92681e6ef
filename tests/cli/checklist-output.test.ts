/** The setup checklist as the CLI prints it (`--checklist`) and in the JSON result (`checklist`). */
import { describe, expect, it } from 'vitest'
import { runCliCaptured as run } from '../support/run-cli-captured'

describe('--json checklist', () => {
  it('holds the 25 steps, each with its state, why, checks and evidence', async () => {
    const r = await run('demo', 'healthy-edge', '--json')
    const result = JSON.parse(r.stdout) as { checklist: Record<string, unknown>[] }
    expect(result.checklist.map((s) => s.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    const step22 = result.checklist[21]!
    expect(Object.keys(step22).sort()).toEqual(['answer', 'checks', 'evidence', 'nodeId', 'question', 'seenFrom', 'state', 'step', 'title', 'why'])
    expect(step22).toMatchObject({ nodeId: 'setup-22', state: 'verified', seenFrom: 'edge', answer: null })
    expect(step22.checks).toEqual([
      expect.objectContaining({ id: 'edge-certificate-valid', status: 'pass' }),
      expect.objectContaining({ id: 'xmpp-proxy-service-running', status: 'pass' }),
    ])
    expect(step22.evidence).toContainEqual(expect.objectContaining({ source: 'services.json', text: expect.stringMatching(/ProcessStartTime=.*NotBefore=/) }))
    expect(result.checklist[1]).toMatchObject({ state: 'elsewhere', seenFrom: 'front-end', checks: [], evidence: [] })
  })

  it('incident mode (Front End beside the Edge): the steps of each server are judged by its own evidence', async () => {
    const r = await run('demo', 'incident-edge-proxy-stopped', '--json')
    const states = Object.fromEntries((JSON.parse(r.stdout).checklist as { step: number; state: string }[]).map((s) => [s.step, s.state]))
    expect([states[2], states[3], states[22], states[25]]).toEqual(['verified', 'verified', 'contradicted', 'contradicted'])
  })

  it('an answer given on the command line shows in the step', async () => {
    const r = await run('demo', 'healthy-edge', '--json', '--answer', 'setup-1=yes')
    expect(JSON.parse(r.stdout).checklist[0]).toMatchObject({ nodeId: 'setup-1', state: 'confirmed', answer: 'yes' })
  })
})

describe('--checklist', () => {
  it('demo prints every step with its state and why; the renewed certificate contradicts step 22', async () => {
    const r = await run('demo', 'certificate-renewed-not-restarted', '--checklist', '--lang', 'en')
    const lines = r.stdout.split('\n')
    expect(lines.filter((l) => /^ {2}\[.\] +\d+\. /.test(l))).toHaveLength(25)
    const step22 = lines.findIndex((l) => / 22\. /.test(l))
    expect(lines[step22]).toMatch(/^ {2}\[✗\] 22\. Import and assign the public certificate.* — contradicted$/)
    expect(lines[step22 + 1]).toContain('before this certificate was issued')
    expect(r.stdout).toMatch(/\[→\] {2}2\. Front End: .* — cannot be verified from this server\n +Seen from the Front End: collect the evidence there/)
    expect(r.stdout).toContain('Were you logged on with an account in both groups? (--answer setup-1=yes|no)')
  })

  it('analyze --verbose adds the evidence lines; zh-TW uses full-width punctuation', async () => {
    const r = await run('analyze', 'tests/scenarios/healthy-edge', '--checklist', '--verbose', '--lang', 'zh-TW')
    expect(r.stdout).toMatch(/\[✓\] 22\. 匯入並指派公用憑證.* — 已由證據驗證/)
    expect(r.stdout).toMatch(/ {10}services\.json：RTCXMPPTGWPX ProcessStartTime=/)
    expect(r.stdout).toContain('edge-certificate-valid：通過、xmpp-proxy-service-running：通過')
    expect(r.stdout).toContain('（--answer setup-1=yes|no）')
  })

  it('accepts the single step ids and refuses a grouped id without a question', async () => {
    expect((await run('demo', 'healthy-edge', '--answer', 'setup-22=yes', '--json')).code).not.toBe(2)
    const grouped = await run('demo', 'healthy-edge', '--answer', 'setup-6-15=yes')
    expect(grouped.code).toBe(2)
    expect(grouped.stderr).toContain('setup-1, setup-22')
  })
})
