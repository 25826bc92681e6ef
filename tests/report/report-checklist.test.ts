/** The setup checklist section of the HTML and Markdown reports (and the JSON report's model). */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { loadScenario } from '../../src-main/scenarios/scenario-catalog'
import { buildReportModel } from '../../src-shared/report/report-model'
import { renderReportHtml } from '../../src-shared/report/render-html'
import { renderReportMarkdown } from '../../src-shared/report/render-markdown'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

async function scenarioResult(name: string, answers: Record<string, string> = {}): Promise<DiagnosisResult> {
  const { info, read } = await loadScenario(name)
  return diagnose({ evidence: parseEvidence(read.files).evidence, domains: info.domains, answers, source: 'demo', startedAt: new Date('2026-11-20T02:00:00Z') })
}

const GENERATED = new Date('2026-11-20T10:00:00Z')

describe('report checklist', () => {
  it('the model holds the 25 steps worded for the locale, and falls back to walking the checks for old results', async () => {
    const result = await scenarioResult('certificate-renewed-not-restarted', { 'setup-1': 'yes' })
    const en = buildReportModel({ result, locale: 'en', generatedAt: GENERATED })
    const zh = buildReportModel({ result, locale: 'zh-TW', generatedAt: GENERATED })
    expect(en.checklist).toHaveLength(25)
    expect(en.checklist[21]).toMatchObject({ step: 22, state: 'contradicted', stateLabel: 'contradicted' })
    expect(en.checklist[0]).toMatchObject({ state: 'confirmed', answer: 'Yes' })
    expect(zh.checklist[0]?.answer).toBe('是')
    expect(zh.checklist[21]?.stateLabel).toBe('與證據不符')
    expect(zh.checklist[21]?.checks[0]?.statusLabel).toBe('警告')
    const { checklist: _dropped, ...recordedBefore } = result
    expect(buildReportModel({ result: recordedBefore, locale: 'en', generatedAt: GENERATED }).checklist.map((s) => s.state)).toHaveLength(25)
  })

  it('HTML has a checklist section with each step, its state, the checks and the evidence lines', async () => {
    const html = renderReportHtml(buildReportModel({ result: await scenarioResult('healthy-edge'), locale: 'en', generatedAt: GENERATED }))
    const section = html.slice(html.indexOf('<section id="checklist">'), html.indexOf('<section id="checks">'))
    expect(section).toContain('Setup checklist (Setting up XMPP federation, steps 1–25)')
    expect(section.match(/<li class="checklist-step /g)).toHaveLength(25)
    const step22 = section.slice(section.indexOf('id="setup-22"'), section.indexOf('id="setup-23"'))
    expect(step22).toContain('<span class="badge pass">verified by the evidence</span>')
    expect(step22).toContain('<code>edge-certificate-valid</code> <span class="badge pass">Pass</span>')
    expect(step22).toMatch(/<pre>RTCXMPPTGWPX ProcessStartTime=2026-11-19T22:04:11\.531Z +\(certificate NotBefore=/)
    expect(section.slice(section.indexOf('id="setup-2"'), section.indexOf('id="setup-3"'))).toContain('Seen from the Front End: collect the evidence there')
  })

  it('Markdown lists the 25 steps in order, evidence fenced inside its step, zh-TW worded', async () => {
    const md = renderReportMarkdown(buildReportModel({ result: await scenarioResult('certificate-renewed-not-restarted'), locale: 'zh-TW', generatedAt: GENERATED }))
    const section = md.slice(md.indexOf('## 設定檢查清單'), md.indexOf('## 檢查'))
    const items = section.split('\n').filter((l) => /^\d+\. \*\*\[/.test(l))
    expect(items.map((l) => Number(l.split('.')[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(items[21]).toMatch(/^22\. \*\*\[與證據不符\]\*\* 匯入並指派公用憑證/)
    expect(section).toMatch(/\n {4}```text\n {4}certificates\.json：Use=AccessEdgeExternal/)
    expect(section).toContain('    services.json：RTCXMPPTGWPX ProcessStartTime=')
  })
})
