/**
 * Every evidence folder under tests/scenarios is diagnosed exactly as `analyze` would, and must reach the
 * verdict, root cause and tree node its scenario.json promises.
 */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { listScenarios, loadScenario } from '../../src-main/scenarios/scenario-catalog'

const scenarios = await listScenarios()

describe('scenario catalog', () => {
  it('has at least 14 scenarios, healthy and failing, with both languages', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(14)
    expect(scenarios.some((s) => s.expected.verdict === 'healthy')).toBe(true)
    expect(new Set(scenarios.map((s) => s.expected.rootCauseCheck).filter(Boolean)).size).toBeGreaterThanOrEqual(10)
    for (const s of scenarios) expect(s.title['zh-TW']).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe('incident scenarios', () => {
  it('has an Edge plus Front End set whose root cause is the stopped proxy, Front End gateway pass, Edge proxy fail', () => {
    const incident = scenarios.find((s) => s.sets?.includes('healthy-frontend') && s.sets.includes('proxy-service-stopped'))
    expect(incident?.expected).toMatchObject({
      rootCauseCheck: 'xmpp-proxy-service-running',
      route: { 'frontend-gateway': 'pass', 'edge-proxy': 'fail' },
    })
  })
})

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s', (name, info) => {
  it(`diagnoses to ${info.expected.verdict}${info.expected.rootCauseCheck ? ` / ${info.expected.rootCauseCheck}` : ''}`, async () => {
    const { read, others } = await loadScenario(name)
    const [parsed, ...otherParsed] = [read, ...others].map((set) => parseEvidence(set.files))
    // Every file a scenario ships must parse: scenarios exercise real formats, not parse failures.
    const unparseable = [parsed!, ...otherParsed].flatMap((set) => set.diagnostics.filter((d) => d.state === 'unparseable'))
    expect(unparseable.map((d) => `${d.file}: ${d.error}`)).toEqual([])
    expect(otherParsed.length).toBe(info.sets ? info.sets.length - 1 : 0)
    const result = diagnose({
      evidence: parsed!.evidence,
      ...(otherParsed.length > 0 ? { otherEvidence: otherParsed.map((set) => set.evidence) } : {}),
      domains: info.domains,
      answers: info.answers,
      source: 'demo',
      startedAt: new Date(),
    })
    expect({ verdict: result.verdict, rootCause: result.rootCause?.checkId ?? null, stopsAt: result.currentNode }).toEqual({
      verdict: info.expected.verdict,
      rootCause: info.expected.rootCauseCheck,
      stopsAt: info.expected.stopsAt,
    })
    if (info.expected.route) {
      const judged = Object.fromEntries(Object.keys(info.expected.route).map((hop) => [hop, result.route?.find((h) => h.hop === hop)?.status]))
      expect(judged).toEqual(info.expected.route)
    }
  })
})
