/** dns-srv.json: Resolve-DnsName -Type SRV _xmpp-server._tcp.<domain> for each domain. */
import type { SrvLookup, SrvRecord } from '../evidence-model'
import { addWarning, type ParseNotes } from '../parse-notes'
import { readPsNumber, readPsText, type PsObject } from '../ps-json'
import { normalizeDnsName, readDnsGroups, readDnsType } from './dns-records'

/** Parses dns-srv.json. Non-SRV records (the A records of the Additional section, SOA) are skipped. */
export function parseDnsSrv(source: string, notes?: ParseNotes): readonly SrvLookup[] {
  const { wrapped, groups, bare } = readDnsGroups(source, notes)
  if (wrapped) {
    return groups.map((group) => ({
      query: group.query,
      records: readSrvRecords(group.records, notes),
      error: group.error,
      ...(group.server === undefined ? {} : { server: group.server }),
    }))
  }
  const byName = new Map<string, PsObject[]>()
  for (const record of bare) {
    if (readDnsType(record) !== 'SRV') continue
    const name = normalizeDnsName(readPsText(record, 'Name') ?? '')
    const list = byName.get(name) ?? []
    list.push(record)
    byName.set(name, list)
  }
  return [...byName].map(([query, records]) => ({ query, records: readSrvRecords(records, notes), error: null }))
}

function readSrvRecords(records: readonly PsObject[], notes: ParseNotes | undefined): readonly SrvRecord[] {
  const srv: SrvRecord[] = []
  for (const record of records) {
    if (readDnsType(record) !== 'SRV') continue
    const target = readPsText(record, 'NameTarget')
    const port = readPsNumber(record, 'Port')
    if (target === null || port === null) {
      addWarning(notes, 'skipped an SRV record without NameTarget or Port')
      continue
    }
    srv.push({
      target: normalizeDnsName(target),
      port,
      priority: readPsNumber(record, 'Priority') ?? 0,
      weight: readPsNumber(record, 'Weight') ?? 0,
    })
  }
  return srv
}
