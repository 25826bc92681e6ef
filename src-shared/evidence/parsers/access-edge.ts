/** access-edge.json: Get-CsAccessEdgeConfiguration -LocalStore, a single global object (DOMAIN-FACTS §2). */
import type { AccessEdgeConfiguration } from '../evidence-model'
import { createEmptyFileError } from '../evidence-parse-error'
import type { ParseNotes } from '../parse-notes'
import { normalizePsValue, parsePsJson, readPsBoolean, readPsSingleRecord, readPsText } from '../ps-json'

/** Parses access-edge.json; a missing property is null, never a guessed default. */
export function parseAccessEdge(source: string, notes?: ParseNotes): AccessEdgeConfiguration {
  const value = parsePsJson(source, notes)
  if (value === undefined) throw createEmptyFileError()
  const record = readPsSingleRecord(value, notes)
  return {
    identity: readPsText(record, 'Identity') ?? 'Global',
    allowFederatedUsers: readPsBoolean(record, 'AllowFederatedUsers'),
    allowOutsideUsers: readPsBoolean(record, 'AllowOutsideUsers'),
    enablePartnerDiscovery: readPsBoolean(record, 'EnablePartnerDiscovery'),
    useDnsSrvRouting: readPsBoolean(record, 'UseDnsSrvRouting'),
    properties: normalizePsValue(record) as Readonly<Record<string, unknown>>,
  }
}
