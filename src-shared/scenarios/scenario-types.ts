/** A built-in scenario: an evidence folder from tests/scenarios with what it should diagnose to. */
import type { CheckId } from '../diagnostics/check-types'
import type { Localized } from '../i18n/localized'
import type { Verdict } from '../result/diagnosis-result'
import { ROUTE_HOP_IDS, type RouteHopId } from '../route/federation-route'
import type { CheckStatus } from '../diagnostics/check-types'

export interface ScenarioExpectation {
  readonly verdict: Verdict
  readonly rootCauseCheck: CheckId | null
  /** The tree node the walk must stop at. */
  readonly stopsAt: string
  /** Hops of the route the diagnosis must judge so (incident sets: which server's side breaks). */
  readonly route?: Readonly<Partial<Record<RouteHopId, CheckStatus>>>
}

export interface ScenarioInfo {
  readonly name: string
  readonly title: Localized
  readonly description: Localized
  /** Answers a user gave to manual nodes, replayed by the demo. */
  readonly answers: Readonly<Record<string, string>>
  readonly domains: readonly string[]
  readonly expected: ScenarioExpectation
  /** What is special about the files (encodings, PS 5.1 habits), for people reading the tests. */
  readonly formats: readonly string[]
  /**
   * An incident set: the other scenarios whose evidence is diagnosed together (the Front End beside the Edge),
   * the first as the subject. The scenario's own folder then holds only scenario.json.
   */
  readonly sets?: readonly string[]
}

const ROUTE_STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'unknown', 'skipped']

/** Validates the scenario.json shape; throws with the field name on anything unexpected. */
export function parseScenarioInfo(name: string, json: unknown): ScenarioInfo {
  const fail = (field: string): never => {
    throw new Error(`scenario ${name}: scenario.json field "${field}" is missing or malformed`)
  }
  if (typeof json !== 'object' || json === null) return fail('(root)')
  const o = json as Record<string, unknown>
  const localized = (field: string): Localized => {
    const v = o[field] as Record<string, unknown> | undefined
    if (!v || typeof v.en !== 'string' || typeof v['zh-TW'] !== 'string') return fail(field)
    return { en: v.en, 'zh-TW': v['zh-TW'] }
  }
  const expected = o.expected as Record<string, unknown> | undefined
  if (!expected || typeof expected.verdict !== 'string' || typeof expected.stopsAt !== 'string') return fail('expected')
  if (!['healthy', 'problems', 'incomplete'].includes(expected.verdict)) return fail('expected.verdict')
  const answers = (o.answers ?? {}) as Record<string, unknown>
  if (Object.values(answers).some((v) => typeof v !== 'string')) fail('answers')
  const domains = (o.domains ?? []) as unknown[]
  if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string')) fail('domains')
  const formats = (o.formats ?? []) as unknown[]
  const sets = o.sets as unknown[] | undefined
  if (sets !== undefined && (!Array.isArray(sets) || sets.length < 2 || sets.some((s) => typeof s !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(s)))) fail('sets')
  const route = expected.route as Record<string, unknown> | undefined
  if (route !== undefined && (typeof route !== 'object' || route === null || Object.entries(route).some(([hop, status]) => !(ROUTE_HOP_IDS as readonly string[]).includes(hop) || !ROUTE_STATUSES.includes(status as CheckStatus)))) {
    fail('expected.route')
  }
  return {
    name,
    title: localized('title'),
    description: localized('description'),
    answers: answers as Record<string, string>,
    domains: domains as string[],
    expected: {
      verdict: expected.verdict as Verdict,
      rootCauseCheck: (expected.rootCauseCheck ?? null) as CheckId | null,
      stopsAt: expected.stopsAt,
      ...(route ? { route: route as Partial<Record<RouteHopId, CheckStatus>> } : {}),
    },
    formats: Array.isArray(formats) ? formats.map(String) : [],
    ...(sets ? { sets: sets as string[] } : {}),
  }
}
