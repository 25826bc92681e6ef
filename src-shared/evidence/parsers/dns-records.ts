/**
 * Shared reading of dns-srv.json and dns-a.json. Two shapes are accepted:
 * - the collector's: [{ "Query": "...", "Records": [Resolve-DnsName objects], "Error": null | "..." }];
 * - a bare array of Resolve-DnsName objects (what an admin gets by hand), grouped by Name.
 */
import { createShapeError } from '../evidence-parse-error'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { toDnsRecordType, type DnsRecordType } from '../ps-enums'
import { getPsProperty, parsePsJson, readPsRecords, readPsText, toPsArray, isPsObject, type PsObject } from '../ps-json'

/** One query's answer before type-specific reading. */
export interface DnsAnswerGroup {
  readonly query: string
  readonly records: readonly PsObject[]
  readonly error: string | null
  /** The resolver that answered, when the collector recorded it (Server). */
  readonly server?: string | null
}

/** Host names compare in lower case without the root dot. */
export function normalizeDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '')
}

/** The record's type, from Type (33 or "SRV") or, failing that, QueryType. */
export function readDnsType(record: PsObject): DnsRecordType | null {
  return toDnsRecordType(getPsProperty(record, 'Type') ?? getPsProperty(record, 'QueryType'))
}

/** Parses either shape: the collector's groups, or the bare records for the caller to group. */
export function readDnsGroups(source: string, notes: ParseNotes | undefined): {
  readonly wrapped: boolean
  readonly groups: readonly DnsAnswerGroup[]
  readonly bare: readonly PsObject[]
} {
  const records = readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)
  const wrapped = records.some((record) => getPsProperty(record, 'Query') !== undefined)
  if (!wrapped) return { wrapped, groups: [], bare: records }
  const groups: DnsAnswerGroup[] = []
  for (const record of records) {
    const query = readPsText(record, 'Query')
    if (query === null) {
      addWarning(notes, 'skipped an entry without a Query')
      continue
    }
    const server = getPsProperty(record, 'Server') === undefined ? {} : { server: readPsText(record, 'Server') }
    groups.push({ query: normalizeDnsName(query), records: readAnswerRecords(record, query), error: readPsText(record, 'Error'), ...server })
  }
  return { wrapped, groups, bare: [] }
}

function readAnswerRecords(entry: PsObject, query: string): readonly PsObject[] {
  const items = toPsArray(getPsProperty(entry, 'Records'))
  const objects = items.filter(isPsObject)
  if (objects.length < items.length) {
    // Records deeper than ConvertTo-Json's -Depth arrive as their type name.
    throw createShapeError(
      `The records of "${query}" were written as text: the collector's ConvertTo-Json needs -Depth 5.`,
      `「${query}」的記錄被寫成文字：收集程式的 ConvertTo-Json 需要 -Depth 5。`,
    )
  }
  return objects.slice(0, PARSE_LIMITS.maxRecords)
}
