/** dns-a.json: Resolve-DnsName -Type A of each SRV target (A = 1 and AAAA = 28 kept; CNAME = 5 followed, not listed). */
import type { AddressLookup } from '../evidence-model'
import type { ParseNotes } from '../parse-notes'
import { getFirstPsProperty, readPsText, toPsString, type PsObject } from '../ps-json'
import { normalizeDnsName, readDnsGroups, readDnsType } from './dns-records'

const MAX_CNAME_HOPS = 8

/** Parses dns-a.json. */
export function parseDnsA(source: string, notes?: ParseNotes): readonly AddressLookup[] {
  const { wrapped, groups, bare } = readDnsGroups(source, notes)
  if (wrapped) {
    return groups.map((group) => ({
      query: group.query,
      addresses: readAddresses(group.records),
      error: group.error,
      ...(group.server === undefined ? {} : { server: group.server }),
    }))
  }
  return groupBareRecords(bare)
}

function readAddresses(records: readonly PsObject[]): readonly string[] {
  const addresses: string[] = []
  for (const record of records) {
    const type = readDnsType(record)
    if (type !== 'A' && type !== 'AAAA') continue
    const address = toPsString(getFirstPsProperty(record, ['IPAddress', 'IP4Address', 'IP6Address']))
    if (address && !addresses.includes(address)) addresses.push(address)
  }
  return addresses
}

// A bare Resolve-DnsName answer lists "alias CNAME target" before the target's A records, so the
// addresses of a queried alias are found by following its CNAME chain.
function groupBareRecords(records: readonly PsObject[]): readonly AddressLookup[] {
  const aliases = new Map<string, string>()
  const addressRecords = new Map<string, PsObject[]>()
  const order = new Set<string>()
  for (const record of records) {
    const type = readDnsType(record)
    const name = normalizeDnsName(readPsText(record, 'Name') ?? '')
    if (name === '' || (type !== 'A' && type !== 'AAAA' && type !== 'CNAME')) continue
    order.add(name)
    if (type === 'CNAME') {
      const target = readPsText(record, 'NameHost')
      if (target) aliases.set(name, normalizeDnsName(target))
    } else {
      const list = addressRecords.get(name) ?? []
      list.push(record)
      addressRecords.set(name, list)
    }
  }
  const aliasTargets = new Set(aliases.values())
  return [...order]
    .filter((name) => !aliasTargets.has(name))
    .map((query) => ({ query, addresses: readAddresses(addressRecords.get(followAliases(query, aliases)) ?? []), error: null }))
}

function followAliases(name: string, aliases: ReadonlyMap<string, string>): string {
  let current = name
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const next = aliases.get(current)
    if (next === undefined) return current
    current = next
  }
  return current
}
