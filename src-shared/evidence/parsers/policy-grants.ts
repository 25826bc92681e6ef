/**
 * policy-grants.json: how many users have each per-user ExternalAccessPolicy. The collector writes
 * [{Policy, RegistrarPool, UserCount}] (Policy null = inherits site/global; one entry per policy and pool; older
 * collectors wrote [{Policy, UserCount}]); `Group-Object ExternalAccessPolicy` output
 * ({Name, Count}, Name "" for users without a per-user policy) is accepted too.
 */
import type { PolicyGrantCount } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { getPsProperty, parsePsJson, readPsNumber, readPsRecords, readPsText } from '../ps-json'

/** Parses policy-grants.json. */
export function parsePolicyGrants(source: string, notes?: ParseNotes): readonly PolicyGrantCount[] {
  const grants: PolicyGrantCount[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const hasPolicy = getPsProperty(record, 'Policy') !== undefined || getPsProperty(record, 'UserCount') !== undefined
    const userCount = readPsNumber(record, hasPolicy ? 'UserCount' : 'Count')
    if (userCount === null) {
      addWarning(notes, 'skipped a grant without a readable UserCount')
      continue
    }
    const pool = getPsProperty(record, 'RegistrarPool') === undefined ? {} : { registrarPool: readPsText(record, 'RegistrarPool')?.toLowerCase() ?? null }
    grants.push({ policy: readPsText(record, hasPolicy ? 'Policy' : 'Name'), userCount, ...pool })
  }
  return grants
}
