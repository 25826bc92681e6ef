/** sites.json: Get-CsSite (Identity, SiteId, FederationRoute, XmppFederationRoute; DOMAIN-FACTS §3; DisplayName, Pools). */
import type { LyncSite } from '../evidence-model'
import { addWarning, PARSE_LIMITS, type ParseNotes } from '../parse-notes'
import { getPsProperty, parsePsJson, readPsRecords, readPsStringList, readPsText } from '../ps-json'

/** Parses sites.json; an unset route (empty or null) becomes null. */
export function parseSites(source: string, notes?: ParseNotes): readonly LyncSite[] {
  const sites: LyncSite[] = []
  for (const record of readPsRecords(parsePsJson(source, notes), notes, PARSE_LIMITS.maxRecords)) {
    const identity = readPsText(record, 'Identity')
    if (identity === null) {
      addWarning(notes, 'skipped a site without an Identity')
      continue
    }
    sites.push({
      identity,
      siteId: readPsText(record, 'SiteId'),
      federationRoute: readPsText(record, 'FederationRoute'),
      xmppFederationRoute: readPsText(record, 'XmppFederationRoute'),
      ...(getPsProperty(record, 'DisplayName') === undefined ? {} : { displayName: readPsText(record, 'DisplayName') }),
      ...(getPsProperty(record, 'Pools') === undefined
        ? {}
        : { pools: readPsStringList(record, 'Pools').map((pool) => pool.toLowerCase()) }),
    })
  }
  return sites
}
