import { describe, expect, it } from 'vitest'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { diffSnapshots } from '../../src-shared/report/diff-snapshots'
import { buildReportModel, type ReportInput } from '../../src-shared/report/report-model'
import { renderReportHtml } from '../../src-shared/report/render-html'
import { renderReportJson } from '../../src-shared/report/render-json'
import { fence, renderReportMarkdown } from '../../src-shared/report/render-markdown'
import { renderPartnerMessage } from '../../src-shared/report/render-partner-message'
import { renderStatusLine } from '../../src-shared/report/render-status-line'
import { toJsonOutput } from '../../src-main/cli/json-output'
import { buildEvidence, buildHealthyResult, buildProblemResult, buildProblemSession, HOST, HOSTILE_EVENT_TEXT, PROXY_SERVICE } from './helpers/sample-diagnosis'

const GENERATED = new Date('2026-11-20T10:00:00Z')

function input(locale: 'en' | 'zh-TW', withSession = true): ReportInput {
  const session = buildProblemSession()
  return {
    result: buildProblemResult(),
    locale,
    session: withSession ? session : null,
    changes: withSession
      ? {
          baseline: { ...session, id: 3, uid: 'healthy-run-uid', startedAt: '2026-11-01T08:01:00.000Z', verdict: 'healthy', endedAt: null, rootCauseCheckId: null, rootCauseTitle: null },
          diff: diffSnapshots(extractConfigSnapshot(buildEvidence('healthy')), extractConfigSnapshot(buildEvidence('problem'))),
        }
      : null,
    generatedAt: GENERATED,
    appVersion: '0.1.0',
  }
}

/** Positions of the given markers in order; fails if any is missing. */
function order(haystack: string, markers: readonly string[]): number[] {
  return markers.map((m) => {
    const at = haystack.indexOf(m)
    expect(at, `missing ${m}`).toBeGreaterThanOrEqual(0)
    return at
  })
}

describe('report model', () => {
  it('names the path steps from the tree and the checks from the catalog, in the chosen language', () => {
    const en = buildReportModel(input('en'))
    const zh = buildReportModel(input('zh-TW'))
    expect(en.verdict).toEqual({ code: 'problems', label: 'Problems found' })
    expect(zh.verdict.label).toBe('發現問題')
    expect(en.rootCause?.fix?.commands).toEqual([`Start-CsWindowsService -Name ${PROXY_SERVICE}`])
    expect(en.path.map((s) => s.kind)).toEqual(['check', 'check'])
    expect(en.path[1]).toMatchObject({ nodeId: 'proxy-service', status: 'fail', statusLabel: 'Fail' })
    expect(en.path[1]?.label).not.toBe('proxy-service')
    expect(zh.path[1]?.label).not.toBe(en.path[1]?.label)
    expect(en.answers[0]).toMatchObject({ nodeId: 'q-edge-restarted', answer: expect.not.stringMatching(/^yes$/) })
    expect(en.counts).toEqual({ pass: 3, warn: 1, fail: 2, unknown: 0, skipped: 0 })
    expect(en.changes?.sections.map((s) => s.section)).toEqual(['certificates', 'partners', 'services', 'listeningSockets', 'events'])
    const restart = (model: typeof en) => model.changes?.sections.find((s) => s.section === 'services')?.changes.find((c) => c.kind === 'restarted')
    expect(restart(en)).toMatchObject({ kindLabel: 'restarted', key: 'REPLICA', field: 'startedAt', after: '2026-11-20T09:05:00.000Z' })
    expect(restart(zh)?.kindLabel).toBe('已重新啟動')
    expect(en.timing.sessionDurationMs).toBe(21 * 60_000 + 40_000)
  })
})

describe('HTML', () => {
  it('puts the verdict and root cause first, then path, checks, actions, notes, changes, host and timing', () => {
    const page = renderReportHtml(buildReportModel(input('en')))
    const positions = order(page, ['id="verdict"', 'Root cause', 'id="path"', 'id="checks"', 'id="actions"', 'id="notes"', 'id="changes"', 'id="subject"', 'Time taken'])
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(page).toContain(`Start-CsWindowsService -Name ${PROXY_SERVICE}`)
    expect(page).toContain('10.0.0.5:5061')
    expect(page).toContain('9B17E0C44D2A6F8B3E5C7A9D1F0B2C4E6A8D0F12')
    expect(page).toContain('<html lang="en">')
  })

  it('escapes hostile evidence and notes, and can load nothing', () => {
    const page = renderReportHtml(buildReportModel(input('en')))
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toMatch(/<img/i)
    expect(page).not.toMatch(/<b>bold/)
    expect(page).toContain('&#60;script&#62;window.__pwned = true&#60;/script&#62;')
    expect(page).not.toMatch(/<[^>]*\s(?:src|href)\s*=/i)
    expect(page).toContain(`content="default-src 'none'`.replace(/'/g, '&#39;'))
    expect(page).not.toMatch(/<link|@import|url\(/i)
  })

  it('renders zh-TW with the right lang and labels', () => {
    const page = renderReportHtml(buildReportModel(input('zh-TW')))
    expect(page).toContain('<html lang="zh-Hant-TW">')
    expect(page).toContain('根本原因')
    expect(page).toContain('自上次正常執行以來的變更')
    expect(page).toContain('XMPP Proxy 服務已停止')
  })

  it('says so when there is no session and no earlier healthy run', () => {
    const page = renderReportHtml(buildReportModel(input('en', false)))
    expect(page).toContain('Not recorded in the history')
    expect(page).toContain('No earlier healthy run of this host')
    expect(page).not.toContain('id="notes"')
  })
})

describe('Markdown', () => {
  it('keeps evidence verbatim in fences and escapes running text', () => {
    const md = renderReportMarkdown(buildReportModel(input('en')))
    expect(md.startsWith(`# XMPP federation diagnostic report: ${HOST}`)).toBe(true)
    expect(md).toContain(`\`\`\`text\n61001 LS XMPP Translating Gateway Proxy: ${HOSTILE_EVENT_TEXT}\n\`\`\``)
    expect(md).toContain('\\<b\\>bold?\\</b\\> \\[link\\](http\\://evil.example)')
    // The action output has a run of four backticks: its fence must be longer.
    expect(md).toContain('  `````text\n  WARNING: Waiting for service to start... ```` backticks ````\n  `````')
    expect(md).toContain('| changed `AccessEdgeExternal · thumbprint` | `3F2A9C10B7D84E55A1C0FF1234567890ABCDEF01` | `9B17E0C44D2A6F8B3E5C7A9D1F0B2C4E6A8D0F12` |')
    const positions = order(md, ['**Verdict', '## Root cause', '## Path', '## Checks', '## Actions taken', '## Notes', '## What changed', '## Host and versions', '## Time taken'])
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('builds fences that content cannot close', () => {
    expect(fence('a ``` b', 'text')).toEqual(['````text', 'a ``` b', '````', ''])
  })
})

describe('JSON', () => {
  it('is the analyze --json shape plus session data', () => {
    const json = renderReportJson(input('en'))
    const parsed = JSON.parse(json) as Record<string, unknown>
    const analyze = JSON.parse(toJsonOutput(buildProblemResult())) as Record<string, unknown>
    expect(Object.keys(parsed).slice(0, Object.keys(analyze).length)).toEqual(Object.keys(analyze))
    for (const key of Object.keys(analyze)) expect(parsed[key], key).toEqual(analyze[key])
    expect(parsed.session).toMatchObject({ uid: buildProblemSession().uid, notes: [expect.objectContaining({ body: expect.stringContaining('PKI') })] })
    expect(parsed.changesSinceHealthy).toMatchObject({ baseline: { uid: 'healthy-run-uid' } })
    expect(parsed.report).toEqual({ locale: 'en', generatedAt: GENERATED.toISOString(), appVersion: '0.1.0' })
  })
})

describe('when the evidence was collected', () => {
  it('heads the report with the collection time, per server when several were diagnosed together', () => {
    const single = buildReportModel(input('en'))
    expect(renderReportMarkdown(single)).toContain('Evidence collected: 2026-11-20 09:30:00 UTC · Report generated: 2026-11-20 10:00:00 UTC')
    const servers = [
      { host: 'FE01', role: 'FrontEnd' as const, collectedAt: '2026-11-20T09:28:00.000Z', apartFromOthers: false },
      { host: 'EDGE01', role: 'Edge' as const, collectedAt: '2026-11-20T09:30:00.000Z', apartFromOthers: false },
    ]
    const incident = buildReportModel({ ...input('zh-TW'), result: { ...buildProblemResult(), servers } })
    const both = 'FE01 2026-11-20 09:28:00 UTC · EDGE01 2026-11-20 09:30:00 UTC'
    expect(renderReportMarkdown(incident)).toContain(`證據收集時間：${both}`)
    expect(renderReportHtml(incident)).toContain(`證據收集時間：${both}`)
    expect(renderStatusLine(incident)).toContain(`證據收集於 ${both}`)
    // The partner is not told our internal host names: one time, the first set's.
    expect(renderPartnerMessage(incident)).not.toContain('FE01')
  })
})

describe('short audiences', () => {
  it('gives management one line', () => {
    const en = renderStatusLine(buildReportModel(input('en')))
    expect(en).toBe(
      `${HOST} (contoso.com) — Problems found: The XMPP proxy service is stopped. Checks: 3 passed, 1 warning, 2 failed. Actions: 1 run (1 succeeded). Evidence collected 2026-11-20 09:30:00 UTC`,
    )
    const zh = renderStatusLine(buildReportModel(input('zh-TW')))
    expect(zh).toBe(`${HOST}（contoso.com）——發現問題：XMPP Proxy 服務已停止。檢查：3 項通過、1 項警告、2 項失敗。動作：已執行 1 項（成功 1 項）。證據收集於 2026-11-20 09:30:00 UTC`)
    const healthy = renderStatusLine(buildReportModel({ result: buildHealthyResult(), locale: 'en', generatedAt: GENERATED }))
    expect(healthy).toMatch(/— Healthy\. Checks: 2 passed, 0 warnings, 0 failed\. Evidence collected 2026-11-01 08:00:00 UTC$/)
    expect(en).not.toContain('\n')
  })

  it('tells the partner what we saw without internal names or addresses', () => {
    const message = renderPartnerMessage(buildReportModel(input('en')), { partnerDomain: 'fabrikam.com' })
    expect(message).toContain('XMPP federation between contoso.com and fabrikam.com')
    // When our side was seen is when the evidence was collected, not when the report was written.
    expect(message).toContain('in the evidence collected at 2026-11-20 09:30:00 UTC')
    expect(message).toContain('_xmpp-server._tcp.contoso.com SRV 0 0 5269 access.contoso.com')
    expect(message).toContain('We found a problem on our side and are fixing it: The XMPP proxy service is stopped.')
    expect(message).not.toMatch(/EDGE01|10\.0\.0\.5|RTCXMPPTGWPX|netstat/i)
    const zh = renderPartnerMessage(buildReportModel(input('zh-TW')), { partnerDomain: 'fabrikam.com' })
    expect(zh).toContain('我方觀察到的情況')
    expect(zh).not.toMatch(/EDGE01|10\.0\.0\.5/)
    expect(zh).toContain('contoso.com 與 fabrikam.com 之間')
    expect(renderPartnerMessage(buildReportModel(input('zh-TW')))).toContain('contoso.com 與貴方網域之間')
  })
})
