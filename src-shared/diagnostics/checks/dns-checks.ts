/**
 * The published SRV records, as the Edge's resolver saw them (dns-srv.json, dns-a.json): one
 * `_xmpp-server._tcp.<domain>` per domain pointing at the access edge FQDN on 5269, one per Edge pool with distinct
 * priorities, and a target that resolves. DOC-SETUP step 23, DOC-DNS, DOMAIN-FACTS §5 causes 3–4.
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { SrvLookup } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { addressRecord, resolveDnsName, srvRecord } from '../../commands/fix-commands'
import { DEFAULT_XMPP_EXTERNAL_PORT, accessEdgeFqdns, domainsUnderTest, edgePoolFqdns, unknownBecause, valueOf } from '../evidence-access'

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
    description: text(
      `Publish this record in the external (public) DNS zone of ${domain}, plus an A record for ${target} that points at the Access Edge's public IP address.`,
      `在 ${domain} 的外部（公用）DNS 區域發佈此記錄，並為 ${target} 建立指向 Access Edge 公用 IP 位址的 A 記錄。`,
    ),
    ...fixCommands(srvRecord(domain, 0, DEFAULT_XMPP_EXTERNAL_PORT, target), resolveDnsName(srvName(domain), 'SRV')),
    runOn: 'public-dns' as const,
    changesServer: false,
  }
}

function noDomain() {
  return {
    status: 'unknown' as const,
    summary: text('No domain to check: pass --domain or collect with -Domain.', '沒有可檢查的網域：請指定 --domain，或在收集時使用 -Domain。'),
    evidence: [],
    fix: null,
  }
}

export const xmppSrvRecord: CheckDefinition = {
  id: 'xmpp-srv-record',
  group: 'dns',
  title: text('_xmpp-server._tcp SRV record published', '已發佈 _xmpp-server._tcp SRV 記錄'),
  explanation: text(
    'Partners find the Edge through _xmpp-server._tcp.<domain>, which must point at the access edge FQDN on port 5269.',
    '夥伴透過 _xmpp-server._tcp.<網域> 找到 Edge，此記錄必須指向 Access Edge FQDN 的連接埠 5269。',
  ),
  reads: ['dns-srv.json', 'edge-services.json'],
  source: 'DOC-SETUP step 23; DOC-DNS',
  evaluate: ({ evidence, domains }) => {
    if (evidence.dnsSrv.state !== 'collected') return unknownBecause('dns-srv.json', evidence.dnsSrv)
    const targets = domainsUnderTest(evidence, domains)
    if (targets.length === 0) return noDomain()
    const edgeFqdns = accessEdgeFqdns(evidence)
    const expectedTarget = edgeFqdns[0] ?? `sip.${targets[0]}`
    const items: EvidenceItem[] = []
    const missing: string[] = []
    const wrongPort: string[] = []
    const wrongTarget: string[] = []
    for (const domain of targets) {
      const lookup = lookupFor(evidence.dnsSrv.value, domain)
      if (!lookup) {
        missing.push(domain)
        items.push({ source: 'dns-srv.json', text: `${srvName(domain)}: not queried` })
        continue
      }
      items.push(...srvEvidence(lookup))
      if (lookup.records.length === 0) missing.push(domain)
      if (lookup.records.some((r) => r.port !== DEFAULT_XMPP_EXTERNAL_PORT)) wrongPort.push(domain)
      if (edgeFqdns.length > 0 && lookup.records.some((r) => !edgeFqdns.includes(r.target.toLowerCase().replace(/\.$/, '')))) {
        wrongTarget.push(domain)
      }
    }
    if (missing.length > 0) {
      return {
        status: 'fail',
        summary: text(`No SRV record for ${missing.map(srvName).join(', ')}.`, `${missing.map(srvName).join('、')} 沒有 SRV 記錄。`),
        evidence: items,
        fix: srvRecordFix(missing[0] ?? '', expectedTarget),
      }
    }
    if (wrongPort.length > 0) {
      return {
        status: 'fail',
        summary: text(
          `The SRV record of ${wrongPort.join(', ')} does not use port ${DEFAULT_XMPP_EXTERNAL_PORT}.`,
          `${wrongPort.join('、')} 的 SRV 記錄未使用連接埠 ${DEFAULT_XMPP_EXTERNAL_PORT}。`,
        ),
        evidence: items,
        fix: srvRecordFix(wrongPort[0] ?? '', expectedTarget),
      }
    }
    if (wrongTarget.length > 0) {
      return {
        status: 'fail',
        summary: text(
          `The SRV record of ${wrongTarget.join(', ')} does not point at the access edge FQDN (${edgeFqdns.join(', ')}).`,
          `${wrongTarget.join('、')} 的 SRV 記錄未指向 Access Edge FQDN（${edgeFqdns.join('、')}）。`,
        ),
        evidence: items,
        fix: srvRecordFix(wrongTarget[0] ?? '', expectedTarget),
      }
    }
    return {
      status: 'pass',
      summary:
        edgeFqdns.length > 0
          ? text(`SRV records point at ${edgeFqdns.join(', ')}:${DEFAULT_XMPP_EXTERNAL_PORT}.`, `SRV 記錄指向 ${edgeFqdns.join('、')}:${DEFAULT_XMPP_EXTERNAL_PORT}。`)
          : text(
              `SRV records use port ${DEFAULT_XMPP_EXTERNAL_PORT} (target not compared: edge-services.json was not collected).`,
              `SRV 記錄使用連接埠 ${DEFAULT_XMPP_EXTERNAL_PORT}（未比對目標：未收集 edge-services.json）。`,
            ),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppSrvPriorities: CheckDefinition = {
  id: 'xmpp-srv-priorities',
  group: 'dns',
  title: text('One SRV record per Edge pool, distinct priorities', '每個 Edge 集區一筆 SRV 記錄，優先順序各不相同'),
  explanation: text(
    'With Edge pools in several sites, Microsoft recommends one SRV record per pool, each with a different priority, so XMPP fails over without DNS changes.',
    '當多個站台都有 Edge 集區時，Microsoft 建議每個集區一筆 SRV 記錄，且優先順序各不相同，如此 XMPP 不需變更 DNS 即可容錯移轉。',
  ),
  reads: ['dns-srv.json', 'edge-services.json'],
  source: 'DOC-SETUP step 23 (Important); DOC-FAILOVER',
  evaluate: ({ evidence, domains }) => {
    if (evidence.dnsSrv.state !== 'collected') return unknownBecause('dns-srv.json', evidence.dnsSrv)
    const targets = domainsUnderTest(evidence, domains)
    if (targets.length === 0) return noDomain()
    const pools = edgePoolFqdns(evidence)
    const items: EvidenceItem[] = pools.map((p) => ({ source: 'edge-services.json', text: `Edge pool: ${p}` }))
    const duplicates: string[] = []
    const tooFew: string[] = []
    for (const domain of targets) {
      const lookup = lookupFor(evidence.dnsSrv.value, domain)
      if (!lookup || lookup.records.length === 0) continue
      items.push(...srvEvidence(lookup))
      const priorities = lookup.records.map((r) => r.priority)
      if (new Set(priorities).size !== priorities.length) duplicates.push(domain)
      if (pools.length > 1 && lookup.records.length < pools.length) tooFew.push(domain)
    }
    const fix = {
      description: text(
        'Give every Edge pool its own SRV record with a different priority (lower value = preferred).',
        '為每個 Edge 集區建立各自的 SRV 記錄，並設定不同的優先順序（數值越小越優先）。',
      ),
      ...fixCommands(...pools.map((_, i) => srvRecord(targets[0] ?? '<domain>', i * 10, DEFAULT_XMPP_EXTERNAL_PORT, `<access edge FQDN of pool ${i + 1}>`))),
      runOn: 'public-dns' as const,
      changesServer: false,
    }
    if (duplicates.length > 0) {
      return {
        status: 'warn',
        summary: text(`SRV records of ${duplicates.join(', ')} share a priority: partners spread load instead of failing over.`, `${duplicates.join('、')} 的 SRV 記錄使用相同的優先順序：夥伴會分散負載而非容錯移轉。`),
        evidence: items,
        fix,
      }
    }
    if (tooFew.length > 0) {
      return {
        status: 'warn',
        summary: text(`${pools.length} Edge pools but fewer SRV records for ${tooFew.join(', ')}.`, `共有 ${pools.length} 個 Edge 集區，但 ${tooFew.join('、')} 的 SRV 記錄較少。`),
        evidence: items,
        fix,
      }
    }
    return { status: 'pass', summary: text('Priorities are distinct.', '優先順序各不相同。'), evidence: items, fix: null }
  },
}

export const xmppSrvTargetAddress: CheckDefinition = {
  id: 'xmpp-srv-target-address',
  group: 'dns',
  title: text('SRV target resolves to an address', 'SRV 目標可解析為位址'),
  explanation: text(
    'The host named by the SRV record needs an A record pointing at the Access Edge\'s public address.',
    'SRV 記錄所指的主機需要一筆指向 Access Edge 公用位址的 A 記錄。',
  ),
  reads: ['dns-a.json', 'dns-srv.json'],
  source: 'DOC-SETUP step 23',
  evaluate: ({ evidence }) => {
    const srv = valueOf(evidence.dnsSrv)
    if (evidence.dnsA.state !== 'collected') return unknownBecause('dns-a.json', evidence.dnsA)
    const srvTargets = [...new Set((srv ?? []).flatMap((l) => l.records.map((r) => r.target.toLowerCase().replace(/\.$/, ''))))]
    const lookups = evidence.dnsA.value
    const targets = srvTargets.length > 0 ? srvTargets : lookups.map((l) => l.query.toLowerCase().replace(/\.$/, ''))
    if (targets.length === 0) {
      return { status: 'skipped', summary: text('No SRV target to resolve.', '沒有可解析的 SRV 目標。'), evidence: [], fix: null }
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
        summary: text(`No address for ${unresolved.join(', ')}.`, `${unresolved.join('、')} 沒有位址。`),
        evidence: items,
        fix: {
          description: text('Add an A record for the SRV target that points at the Access Edge\'s public IP address.', '為 SRV 目標新增指向 Access Edge 公用 IP 位址的 A 記錄。'),
          ...fixCommands(...unresolved.slice(0, 1).flatMap((host) => [addressRecord(host, '<Access Edge public IP>'), resolveDnsName(host, 'A')])),
          runOn: 'public-dns',
          changesServer: false,
        },
      }
    }
    return { status: 'pass', summary: text(`${targets.join(', ')} resolve.`, `${targets.join('、')} 可以解析。`), evidence: items, fix: null }
  },
}
