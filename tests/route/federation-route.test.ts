/** The route hop by hop: which hop breaks, judged from the right checks, on the right side, from the right role. */
import { describe, expect, it } from 'vitest'
import type { CheckId, CheckResult, CheckStatus } from '../../src-shared/diagnostics/check-types'
import { text } from '../../src-shared/i18n/localized'
import { buildRoute, ROUTE_HOP_IDS, type RouteHop } from '../../src-shared/route/federation-route'
import { formatRouteLine } from '../../src-shared/route/route-line'
import { runCli } from '../../src-main/cli/main'

async function demoJson(name: string): Promise<{ route: RouteHop[]; rootCause: { checkId: string } | null }> {
  let stdout = ''
  await runCli(['demo', name, '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
  return JSON.parse(stdout)
}

function hop(route: readonly RouteHop[], id: RouteHop['hop']): RouteHop {
  const found = route.find((h) => h.hop === id)
  if (!found) throw new Error(`no hop ${id}`)
  return found
}

function check(id: CheckId, status: CheckStatus, summary = `${id} is ${status}`): CheckResult {
  return { id, status, summary: text(summary, summary), evidence: [], fix: null, durationMs: 0 }
}

describe('the route in a diagnosis', () => {
  it('lists the nine hops in the documented order', async () => {
    const { route } = await demoJson('healthy-edge')
    expect(route.map((h) => h.hop)).toEqual([...ROUTE_HOP_IDS])
    expect(ROUTE_HOP_IDS).toEqual([
      'user-policy', 'frontend-gateway', 'frontend-to-edge', 'edge-proxy', 'external-listener', 'dns-srv', 'certificate', 'partner-allowed', 'partner-reachable',
    ])
  })

  it('an Edge with the proxy stopped: the Edge proxy hop fails, the Front End gateway says where to look', async () => {
    const { route, rootCause } = await demoJson('proxy-service-stopped')
    expect(rootCause?.checkId).toBe('xmpp-proxy-service-running')
    expect(hop(route, 'edge-proxy')).toMatchObject({ status: 'fail', checks: expect.arrayContaining(['xmpp-proxy-service-running']) })
    expect(hop(route, 'frontend-gateway')).toMatchObject({ status: 'unknown', summary: { en: expect.stringContaining('Front End') } })
    expect(hop(route, 'user-policy').status).toBe('pass')
  })

  it('a healthy Front End proves its own hops and never the Edge-side ones', async () => {
    const { route } = await demoJson('healthy-frontend')
    expect(hop(route, 'frontend-gateway').status).toBe('pass')
    for (const id of ['edge-proxy', 'frontend-to-edge', 'external-listener', 'certificate'] as const) {
      expect(hop(route, id)).toMatchObject({ status: 'unknown', summary: { en: expect.stringContaining('Edge Server') } })
    }
  })

  it('without a probe the partner hop is unknown and says how to probe', async () => {
    const { route } = await demoJson('healthy-edge')
    expect(hop(route, 'partner-reachable')).toMatchObject({ status: 'unknown', checks: [], summary: { en: expect.stringContaining('--probe') } })
  })
})

describe('buildRoute', () => {
  const evidence = [check('xmpp-external-port-listening', 'skipped'), check('edge-certificate-valid', 'skipped'), check('xmpp-partner-configured', 'pass')]

  it('judges the partner hop from the partners’ probe only, and ours from ours', () => {
    const route = buildRoute({
      servers: [{ role: 'FrontEnd', checks: evidence }],
      probeChecks: { ours: [check('s2s-port-reachable', 'pass')], partners: [check('s2s-port-reachable', 'fail', 'partner 5269 refused')] },
    })
    // A live probe of our domain proves 5269 from outside, even though the listener is on the Edge.
    expect(hop(route, 'external-listener')).toMatchObject({ status: 'pass', checks: ['s2s-port-reachable'] })
    expect(hop(route, 'partner-reachable')).toMatchObject({ status: 'fail', summary: { en: 'partner 5269 refused' } })
  })

  it('takes the worst applicable check, and a warning is not a pass', () => {
    const route = buildRoute({
      servers: [{ role: 'Edge', checks: [check('xmpp-srv-record', 'pass'), check('xmpp-srv-priorities', 'warn', 'equal priorities'), check('xmpp-srv-target-address', 'pass')] }],
      probeChecks: { ours: [], partners: [] },
    })
    expect(hop(route, 'dns-srv')).toMatchObject({ status: 'warn', summary: { en: 'equal priorities' } })
  })

  it('prints one line with a mark per hop, in both languages', () => {
    const route = buildRoute({ servers: [{ role: 'Edge', checks: [check('xmpp-proxy-service-running', 'fail')] }], probeChecks: { ours: [], partners: [] } })
    expect(formatRouteLine(route, 'en')).toMatch(/^Route: user policy \? → FE gateway \? → 23456 \? → Edge proxy ✗ → 5269 \? → .* → partner reachable \?$/)
    expect(formatRouteLine(route, 'zh-TW')).toMatch(/^路由：使用者原則 \? → 前端閘道 \? → 23456 \? → Edge Proxy ✗/)
  })
})

describe('the CLI', () => {
  it('prints the route as one line in its human output', async () => {
    let stdout = ''
    await runCli(['demo', 'proxy-service-stopped', '--lang', 'en'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    expect(stdout).toContain('Route: user policy ✓ → FE gateway ? → 23456 ✗ → Edge proxy ✗ → 5269 ✗')
  })
})

describe('the route in reports', () => {
  it('draws the hops in the HTML report with a text alternative, and lists them in Markdown', async () => {
    const { buildReportModel } = await import('../../src-shared/report/report-model')
    const { renderReportHtml } = await import('../../src-shared/report/render-html')
    const { renderReportMarkdown } = await import('../../src-shared/report/render-markdown')
    let stdout = ''
    await runCli(['demo', 'proxy-service-stopped', '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const result = JSON.parse(stdout)
    const html = renderReportHtml(buildReportModel({ result, locale: 'en' }))
    expect(html.match(/<g class="hop /g)).toHaveLength(9)
    expect(html).toContain('<g class="hop fail"><rect')
    expect(html).toMatch(/<desc id="route-desc">[^<]*Edge proxy: broken/)
    expect(html).toMatch(/<li class="fail"><strong>✗ Edge proxy<\/strong> — /)
    const markdown = renderReportMarkdown(buildReportModel({ result, locale: 'zh-TW' }))
    expect(markdown).toContain('## 訊息到 Jabber 聯絡人的路由')
    expect(markdown).toMatch(/^4\. ✗ Edge Proxy — /m)
    // A result recorded before the route existed has no route section.
    expect(renderReportHtml(buildReportModel({ result: { ...result, route: undefined }, locale: 'en' }))).not.toContain('id="route"')
  })
})

describe('report headers', () => {
  it('say when the evidence was collected, with its zone, beside when the report was written', async () => {
    const { buildReportModel } = await import('../../src-shared/report/report-model')
    const { renderReportHtml } = await import('../../src-shared/report/render-html')
    const { renderReportMarkdown } = await import('../../src-shared/report/render-markdown')
    let stdout = ''
    await runCli(['demo', 'healthy-edge', '--json'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const model = buildReportModel({ result: JSON.parse(stdout), locale: 'en', generatedAt: new Date('2026-11-22T10:00:00Z') })
    expect(renderReportHtml(model)).toMatch(/<p class="meta">[^<]*Evidence collected: 2026-11-20 01:30:00 UTC · [^<]*2026-11-22 10:00:00 UTC<\/p>/)
    expect(renderReportMarkdown(model).split('\n')[2]).toBe('Evidence collected: 2026-11-20 01:30:00 UTC · Report generated: 2026-11-22 10:00:00 UTC')
  })
})
