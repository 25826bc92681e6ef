/** A built-in scenario: an evidence folder from tests/scenarios with what it should diagnose to. */
import type { CheckId } from '../diagnostics/check-types'
import type { Localized } from '../i18n/localized'
import type { Verdict } from '../result/diagnosis-result'

export interface ScenarioExpectation {
  readonly verdict: Verdict
  readonly rootCauseCheck: CheckId | null
  /** The tree node the walk must stop at. */
  readonly stopsAt: string
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
}

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
    },
    formats: Array.isArray(formats) ? formats.map(String) : [],
  }
}
