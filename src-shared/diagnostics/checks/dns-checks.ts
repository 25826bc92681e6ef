/**
 * The published SRV records, as the Edge's resolver saw them (dns-srv.json, dns-a.json): one
 * `_xmpp-server._tcp.<domain>` per XMPP domain pointing on 5269 at the Access Edge FQDN of a pool that serves XMPP,
 * one per such pool with distinct priorities (pools without XMPP do not count), and a target that resolves. DOC-SETUP step 23, DOC-DNS, DOMAIN-FACTS §5 causes 3–4.
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { Evidence, SrvLookup } from '../../evidence/evidence-model'
import { fixCommands } from '../../commands/command-model'
import { addressRecord, resolveDnsName, srvRecord } from '../../commands/fix-commands'
import {
  DEFAULT_XMPP_EXTERNAL_PORT,
  domainsUnderTest,
  edgePoolFqdnOf,
  sipOnlyDomains,
  thisEdgePool,
  unique,
  unknownBecause,
  valueOf,
  xmppAccessEdgeFqdns,
  xmppEdgePools,
} from '../evidence-access'
import {
  DNS_SHARED_MESSAGES as SHARED,
  SRV_PRIORITIES_MESSAGES as PRIORITIES,
  SRV_RECORD_MESSAGES as RECORD,
  SRV_TARGET_ADDRESS_MESSAGES as TARGET_ADDRESS,
} from './dns-messages'

export function srvName(domain: string): string {
  return `_xmpp-server._tcp.${domain}`
}

function lookupFor(lookups: readonly SrvLookup[], domain: string): SrvLookup | undefined {
  const name = srvName(domain).toLowerCase()
  return lookups.find((l) => l.query.toLowerCase().replace(/\.$/, '') === name)
}

function srvEvidence(lookup: SrvLookup): EvidenceItem[] {
  if (lookup.records.length === 0) {
    return [{ source: 'dns-srv.json', text: `${lookup.query}: ${lookup.error ?? 'no records'}` }]
  }
  return lookup.records.map((r) => ({
    source: 'dns-srv.json',
    text: `${lookup.query}  SRV  ${r.priority} ${r.weight} ${r.port} ${r.target}`,
  }))
}

function srvRecordFix(domain: string, target: string) {
  return {
    description: RECORD.publishFix(domain, target),
    ...fixCommands(srvRecord(domain, 0, DEFAULT_XMPP_EXTERNAL_PORT, target), resolveDnsName(srvName(domain), 'SRV')),
    runOn: 'public-dns' as const,
    changesServer: false,
  }
}

function noDomain() {
  return {
    status: 'unknown' as const,
    summary: SHARED.noDomain,
    evidence: [],
    fix: null,
  }
}

/** "sip.contoso.com." → "sip.contoso.com". */
function hostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}

/** The target a new SRV record should name: this Edge's pool when it serves XMPP, else the first pool that does. */
function preferredTarget(evidence: Evidence, targets: readonly string[], domain: string): string {
  const own = thisEdgePool(evidence)?.accessEdgeExternalFqdn?.toLowerCase()
  return own && targets.includes(own) ? own : (targets[0] ?? `sip.${domain}`)
}

export const xmppSrvRecord: CheckDefinition<'xmpp-srv-record'> = {
  id: 'xmpp-srv-record',
  group: 'dns',
  title: RECORD.title,
  explanation: RECORD.explanation,
  reads: ['dns-srv.json', 'edge-services.json', 'sites.json', 'manifest.json'],
  source: 'DOC-SETUP step 23; DOC-DNS',
  evaluate: ({ evidence, domains }) => {
    if (evidence.dnsSrv.state !== 'collected') return unknownBecause('dns-srv.json', evidence.dnsSrv)
    const targets = domainsUnderTest(evidence, domains)
    if (targets.length === 0) return noDomain()
    const edgeFqdns = xmppAccessEdgeFqdns(evidence)
    const items: EvidenceItem[] = []
    const found: { domain: string; lookup: SrvLookup }[] = []
    const missing: string[] = []
    const notQueried: string[] = []
    const wrongPort: string[] = []
    const wrongTarget: { domain: string; target: string }[] = []
    for (const domain of targets) {
      const lookup = lookupFor(evidence.dnsSrv.value, domain)
      if (!lookup) {
        // Not asked is not absent: the collector queries the -Domain domains only, --domain may name others.
        notQueried.push(domain)
        items.push({ source: 'dns-srv.json', text: `${srvName(domain)}: not queried` })
        continue
      }
      items.push(...srvEvidence(lookup))
      if (lookup.records.length === 0) {
        missing.push(domain)
        continue
      }
      found.push({ domain, lookup })
      if (lookup.records.some((r) => r.port !== DEFAULT_XMPP_EXTERNAL_PORT)) wrongPort.push(domain)
      const stray = edgeFqdns.length > 0 ? lookup.records.find((r) => !edgeFqdns.includes(hostName(r.target))) : undefined
      if (stray) wrongTarget.push({ domain, target: hostName(stray.target) })
    }
    // SIP domains that publish no record are shown, not judged: only XMPP domains need one.
    const sipOnly = sipOnlyDomains(evidence, domains)
    const lookups = evidence.dnsSrv.value
    const sipNotQueried = sipOnly.filter((domain) => !lookupFor(lookups, domain))
    for (const domain of sipOnly) {
      const lookup = lookupFor(lookups, domain)
      if (lookup) items.push(...srvEvidence(lookup))
    }
    const fixFor = (domain: string) => srvRecordFix(domain, preferredTarget(evidence, edgeFqdns, domain))
    if (missing.length > 0) {
      return {
        status: 'fail',
        summary: RECORD.missing(missing.map(srvName)),
        evidence: items,
        fix: fixFor(missing[0] ?? ''),
      }
    }
    if (wrongPort.length > 0) {
      return {
        status: 'fail',
        summary: RECORD.wrongPort(wrongPort, DEFAULT_XMPP_EXTERNAL_PORT),
        evidence: items,
        fix: fixFor(wrongPort[0] ?? ''),
      }
    }
    if (wrongTarget.length > 0) {
      return {
        status: 'fail',
        summary: RECORD.wrongTarget(wrongTarget.map((w) => `${w.domain} → ${w.target}`), edgeFqdns),
        evidence: items,
        fix: fixFor(wrongTarget[0]?.domain ?? ''),
      }
    }
    if (notQueried.length > 0) {
      return {
        status: 'unknown',
        summary: RECORD.notQueried(notQueried.map(srvName), notQueried),
        evidence: items,
        fix: null,
      }
    }
    const noRecord = sipOnly.filter((domain) => !sipNotQueried.includes(domain))
    return {
      status: 'pass',
      summary: RECORD.published(found, edgeFqdns.length > 0, noRecord, sipNotQueried),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppSrvPriorities: CheckDefinition<'xmpp-srv-priorities'> = {
  id: 'xmpp-srv-priorities',
  group: 'dns',
  title: PRIORITIES.title,
  explanation: PRIORITIES.explanation,
  reads: ['dns-srv.json', 'edge-services.json', 'sites.json'],
  source: 'DOC-SETUP step 23 (Important); DOC-FAILOVER',
  evaluate: ({ evidence, domains }) => {
    if (evidence.dnsSrv.state !== 'collected') return unknownBecause('dns-srv.json', evidence.dnsSrv)
    const targets = domainsUnderTest(evidence, domains)
    if (targets.length === 0) return noDomain()
    const allPools = valueOf(evidence.edgeServices) ?? []
    const serving = xmppEdgePools(evidence)
    const poolTargets = unique(serving.map((e) => e.accessEdgeExternalFqdn?.toLowerCase()).filter((f): f is string => !!f))
    const items: EvidenceItem[] = allPools.map((e) => ({
      source: 'edge-services.json',
      text: `Edge pool: ${edgePoolFqdnOf(e)}  AccessEdgeExternalFqdn=${e.accessEdgeExternalFqdn ?? ''}  XmppListeningPort=${e.xmppListeningPort ?? ''}${serving.includes(e) ? '' : '  (no XMPP federation)'}`,
    }))
    const found: { domain: string; lookup: SrvLookup }[] = []
    const duplicates: { domain: string; priority: number }[] = []
    const uncovered: { domain: string; target: string }[] = []
    for (const domain of targets) {
      const lookup = lookupFor(evidence.dnsSrv.value, domain)
      if (!lookup || lookup.records.length === 0) continue
      found.push({ domain, lookup })
      items.push(...srvEvidence(lookup))
      const priorities = lookup.records.map((r) => r.priority)
      const shared = priorities.find((p, i) => priorities.indexOf(p) !== i)
      if (shared !== undefined) duplicates.push({ domain, priority: shared })
      const named = lookup.records.map((r) => hostName(r.target))
      if (poolTargets.length > 1) for (const target of poolTargets) if (!named.includes(target)) uncovered.push({ domain, target })
    }
    if (found.length === 0) {
      // Nothing to compare is not "distinct": the SRV record check says what is missing.
      return { status: 'unknown', summary: PRIORITIES.nothingToCompare, evidence: items, fix: null }
    }
    const flagged = duplicates[0]?.domain ?? uncovered[0]?.domain ?? found[0]?.domain ?? ''
    const recordTargets = unique(found.find((f) => f.domain === flagged)?.lookup.records.map((r) => hostName(r.target)) ?? [])
    const fixTargets = poolTargets.length > 1 ? poolTargets : recordTargets
    const fix = {
      description: PRIORITIES.onePerPoolFix(flagged),
      ...fixCommands(...fixTargets.map((target, i) => srvRecord(flagged, i * 10, DEFAULT_XMPP_EXTERNAL_PORT, target))),
      runOn: 'public-dns' as const,
      changesServer: false,
    }
    if (duplicates.length > 0) {
      return { status: 'warn', summary: PRIORITIES.sharedPriority(duplicates), evidence: items, fix }
    }
    if (uncovered.length > 0) {
      const list = uncovered.map((u) => `${u.domain} → ${u.target}`)
      return { status: 'warn', summary: PRIORITIES.poolUncovered(poolTargets.length, list), evidence: items, fix }
    }
    return {
      status: 'pass',
      summary: PRIORITIES.distinct(found, poolTargets.length > 1),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppSrvTargetAddress: CheckDefinition<'xmpp-srv-target-address'> = {
  id: 'xmpp-srv-target-address',
  group: 'dns',
  title: TARGET_ADDRESS.title,
  explanation: TARGET_ADDRESS.explanation,
  reads: ['dns-a.json', 'dns-srv.json'],
  source: 'DOC-SETUP step 23',
  evaluate: ({ evidence }) => {
    const srv = valueOf(evidence.dnsSrv)
    if (evidence.dnsA.state !== 'collected') return unknownBecause('dns-a.json', evidence.dnsA)
    const srvTargets = [...new Set((srv ?? []).flatMap((l) => l.records.map((r) => r.target.toLowerCase().replace(/\.$/, ''))))]
    const lookups = evidence.dnsA.value
    const targets = srvTargets.length > 0 ? srvTargets : lookups.map((l) => l.query.toLowerCase().replace(/\.$/, ''))
    if (targets.length === 0) {
      return { status: 'skipped', summary: TARGET_ADDRESS.noTarget, evidence: [], fix: null }
    }
    const items: EvidenceItem[] = []
    const unresolved: string[] = []
    for (const target of targets) {
      const lookup = lookups.find((l) => l.query.toLowerCase().replace(/\.$/, '') === target)
      if (!lookup || lookup.addresses.length === 0) {
        unresolved.push(target)
        items.push({ source: 'dns-a.json', text: `${target}: ${lookup?.error ?? 'no address'}` })
      } else {
        items.push({ source: 'dns-a.json', text: `${target}  A  ${lookup.addresses.join(', ')}` })
      }
    }
    if (unresolved.length > 0) {
      return {
        status: 'fail',
        summary: TARGET_ADDRESS.noAddress(unresolved),
        evidence: items,
        fix: {
          description: TARGET_ADDRESS.addressFix,
          ...fixCommands(...unresolved.slice(0, 1).flatMap((host) => [addressRecord(host, '<Access Edge public IP>'), resolveDnsName(host, 'A')])),
          runOn: 'public-dns',
          changesServer: false,
        },
      }
    }
    return { status: 'pass', summary: TARGET_ADDRESS.resolve(targets), evidence: items, fix: null }
  },
}
