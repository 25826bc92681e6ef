/** edge-services.json: Get-CsService -EdgeServer (property names: DOMAIN-FACTS §3, PS/Set-CsEdgeServer). */
import type { EdgeService } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { normalizePsValue, parsePsJson, readPsNumber, readPsRecords, readPsText } from '../ps-json'

/** Parses edge-services.json; every collected property is kept in `properties` for display. */
export function parseEdgeServices(source: string, notes?: ParseNotes): readonly EdgeService[] {
  const services: EdgeService[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const identity = readPsText(record, 'Identity')
    if (identity === null) {
      addWarning(notes, 'skipped an Edge service without an Identity')
      continue
    }
    services.push({
      identity,
      poolFqdn: readPsText(record, 'PoolFqdn')?.toLowerCase() ?? null,
      siteId: readPsText(record, 'SiteId'),
      accessEdgeExternalFqdn: readPsText(record, 'AccessEdgeExternalFqdn')?.toLowerCase() ?? null,
      accessEdgeExternalSipPort: readPsNumber(record, 'AccessEdgeExternalSipPort'),
      xmppListeningPort: readPsNumber(record, 'XmppListeningPort'),
      xmppInternalPort: readPsNumber(record, 'XmppInternalPort'),
      properties: normalizePsValue(record) as Readonly<Record<string, unknown>>,
    })
  }
  return services
}
