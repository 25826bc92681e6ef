/** The catalog of every check: evidence checks first, then the live probe's. */
import type { CheckDefinition, CheckId } from './check-types'
import { EVIDENCE_CHECKS } from './evidence-checks'
import { PROBE_CHECKS } from './checks/probe-checks'

export const ALL_CHECKS: readonly CheckDefinition[] = [...EVIDENCE_CHECKS, ...PROBE_CHECKS]

export const CHECK_CATALOG: ReadonlyMap<CheckId, CheckDefinition> = new Map(ALL_CHECKS.map((c) => [c.id, c]))
