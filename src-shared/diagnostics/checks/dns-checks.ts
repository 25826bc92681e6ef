/**
 * The published SRV records, as the Edge's resolver saw them (dns-srv.json, dns-a.json): one
 * `_xmpp-server._tcp.<domain>` per XMPP domain pointing on 5269 at the Access Edge FQDN of a pool that serves XMPP,
 * one per such pool with distinct priorities (pools without XMPP do not count), and a target that resolves. DOC-SETUP step 23, DOC-DNS, DOMAIN-FACTS §5 causes 3–4.
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { Evidence, SrvLookup } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
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

/** "sip.contoso.com." → "sip.contoso.com". */
function hostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}

/** The target a new SRV record should name: this Edge's pool when it serves XMPP, else the first pool that does. */
function preferredTarget(evidence: Evidence, targets: readonly string[], domain: string): string {
  const own = thisEdgePool(evidence)?.accessEdgeExternalFqdn?.toLowerCase()
  return own && targets.includes(own) ? own : (targets[0] ?? `sip.${domain}`)
}

/**
 * Said beside a pass: SIP domains for which DNS returned no _xmpp-server record are SIP-only, not judged (DOC-DNS);
 * those not looked up at all (evidence collected before the SIP domains were) are named as such.
 */
function sipOnlySuffix(noRecord: readonly string[], notQueried: readonly string[]): { en: string; zh: string } {
  const en: string[] = []
  const zh: string[] = []
  if (noRecord.length > 0) {
    en.push(` Not judged: ${noRecord.join(', ')} (SIP domain: DNS returned no _xmpp-server._tcp record, so it is not taken as an XMPP domain; publish one if its users should talk to XMPP contacts).`)
    zh.push(`未判斷：${noRecord.join('、')}（SIP 網域：DNS 未傳回 _xmpp-server._tcp 記錄，因此不視為 XMPP 網域；若其使用者需要與 XMPP 連絡人通訊，請發佈此記錄）。`)
  }
  if (notQueried.length > 0) {
    en.push(` Not queried: ${notQueried.join(', ')} (SIP domain; if it federates over XMPP, collect again with -Domain ${notQueried.join(',')}).`)
    zh.push(`未查詢：${notQueried.join('、')}（SIP 網域；若它以 XMPP 同盟，請以 -Domain ${notQueried.join(',')} 重新收集）。`)
  }
  return { en: en.join(''), zh: zh.join('') }
}

/** "contoso.com → sip.contoso.com:5269 (priority 0)": only what DNS returned. */
function describeRecords(domain: string, lookup: SrvLookup): string {
  return `${domain} → ${lookup.records.map((r) => `${hostName(r.target)}:${r.port} (priority ${r.priority})`).join(', ')}`
}

function describeRecordsZh(domain: string, lookup: SrvLookup): string {
  return `${domain} → ${lookup.records.map((r) => `${hostName(r.target)}:${r.port}（優先順序 ${r.priority}）`).join('、')}`
}

export const xmppSrvRecord: CheckDefinition<'xmpp-srv-record'> = {
  id: 'xmpp-srv-record',
  group: 'dns',
  title: text('_xmpp-server._tcp SRV record published', '已發佈 _xmpp-server._tcp SRV 記錄'),
  explanation: text(
    'Partners find the Edge through _xmpp-server._tcp.<domain>: every domain that federates over XMPP needs one, pointing on port 5269 at the Access Edge external FQDN of an Edge pool that serves XMPP.',
    '夥伴透過 _xmpp-server._tcp.<網域> 找到 Edge：每個以 XMPP 同盟的網域都需要此記錄，並指向提供 XMPP 的 Edge 集區之 Access Edge 外部 FQDN 的連接埠 5269。',
  ),
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
        summary: text(`No SRV record for ${missing.map(srvName).join(', ')}.`, `${missing.map(srvName).join('、')} 沒有 SRV 記錄。`),
        evidence: items,
        fix: fixFor(missing[0] ?? ''),
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
        fix: fixFor(wrongPort[0] ?? ''),
      }
    }
    if (wrongTarget.length > 0) {
      const list = wrongTarget.map((w) => `${w.domain} → ${w.target}`)
      return {
        status: 'fail',
        summary: text(
          `The SRV record of ${list.join(', ')} does not point at the Access Edge FQDN of an Edge pool with XMPP federation (${edgeFqdns.join(', ')}).`,
          `${list.join('、')} 的 SRV 記錄未指向啟用 XMPP 同盟之 Edge 集區的 Access Edge FQDN（${edgeFqdns.join('、')}）。`,
        ),
        evidence: items,
        fix: fixFor(wrongTarget[0]?.domain ?? ''),
      }
    }
    if (notQueried.length > 0) {
      const names = notQueried.map(srvName)
      return {
        status: 'unknown',
        summary: text(
          `${names.join(', ')} was not queried when the evidence was collected: collect again with -Domain ${notQueried.join(',')}, or run analyze --probe.`,
          `收集證據時未查詢 ${names.join('、')}：請以 -Domain ${notQueried.join(',')} 重新收集，或執行 analyze --probe。`,
        ),
        evidence: items,
        fix: null,
      }
    }
    const en = found.map((f) => describeRecords(f.domain, f.lookup)).join('; ')
    const zh = found.map((f) => describeRecordsZh(f.domain, f.lookup)).join('；')
    const notJudged = sipOnlySuffix(sipOnly.filter((domain) => !sipNotQueried.includes(domain)), sipNotQueried)
    return {
      status: 'pass',
      summary:
        edgeFqdns.length > 0
          ? text(`SRV records: ${en}.${notJudged.en}`, `SRV 記錄：${zh}。${notJudged.zh}`)
          : text(
              `SRV records: ${en} (target not compared: edge-services.json was not collected).${notJudged.en}`,
              `SRV 記錄：${zh}（未比對目標：未收集 edge-services.json）。${notJudged.zh}`,
            ),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppSrvPriorities: CheckDefinition<'xmpp-srv-priorities'> = {
  id: 'xmpp-srv-priorities',
  group: 'dns',
  title: text('One SRV record per Edge pool, distinct priorities', '每個 Edge 集區一筆 SRV 記錄，優先順序各不相同'),
  explanation: text(
    'With several Edge pools that serve XMPP, Microsoft recommends one SRV record per pool, each with a different priority, so XMPP fails over without DNS changes. Pools without XMPP federation need none.',
    '當有多個提供 XMPP 的 Edge 集區時，Microsoft 建議每個集區一筆 SRV 記錄，且優先順序各不相同，如此 XMPP 不需變更 DNS 即可容錯移轉。未啟用 XMPP 同盟的集區不需要。',
  ),
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
      return {
        status: 'unknown',
        summary: text('DNS returned no SRV record, so there are no priorities to compare (see the SRV record check).', 'DNS 未傳回任何 SRV 記錄，因此沒有可比較的優先順序（請參閱 SRV 記錄檢查）。'),
        evidence: items,
        fix: null,
      }
    }
    const flagged = duplicates[0]?.domain ?? uncovered[0]?.domain ?? found[0]?.domain ?? ''
    const recordTargets = unique(found.find((f) => f.domain === flagged)?.lookup.records.map((r) => hostName(r.target)) ?? [])
    const fixTargets = poolTargets.length > 1 ? poolTargets : recordTargets
    const fix = {
      description: text(
        `Give every Edge pool that serves XMPP its own SRV record for ${flagged}, each with a different priority (lower value = preferred; the backup pool gets the higher value).`,
        `為每個提供 XMPP 的 Edge 集區建立 ${flagged} 的 SRV 記錄，並設定不同的優先順序（數值越小越優先；備援集區使用較大的數值）。`,
      ),
      ...fixCommands(...fixTargets.map((target, i) => srvRecord(flagged, i * 10, DEFAULT_XMPP_EXTERNAL_PORT, target))),
      runOn: 'public-dns' as const,
      changesServer: false,
    }
    if (duplicates.length > 0) {
      const en = duplicates.map((d) => `SRV records of ${d.domain} share priority ${d.priority}`).join('; ')
      const zh = duplicates.map((d) => `${d.domain} 的 SRV 記錄使用相同的優先順序 ${d.priority}`).join('；')
      return {
        status: 'warn',
        summary: text(
          `${en}: partners spread the load over the pools instead of failing over (Microsoft recommends a different priority per pool).`,
          `${zh}：夥伴會將負載分散到各集區而非容錯移轉（Microsoft 建議每個集區使用不同的優先順序）。`,
        ),
        evidence: items,
        fix,
      }
    }
    if (uncovered.length > 0) {
      const list = uncovered.map((u) => `${u.domain} → ${u.target}`)
      return {
        status: 'warn',
        summary: text(
          `${poolTargets.length} Edge pools serve XMPP, but no SRV record for ${list.join(', ')}: partners cannot fail over to that pool.`,
          `共有 ${poolTargets.length} 個 Edge 集區提供 XMPP，但缺少 ${list.join('、')} 的 SRV 記錄：夥伴無法容錯移轉到該集區。`,
        ),
        evidence: items,
        fix,
      }
    }
    const en = found.map((f) => describeRecords(f.domain, f.lookup)).join('; ')
    const zh = found.map((f) => describeRecordsZh(f.domain, f.lookup)).join('；')
    return {
      status: 'pass',
      summary:
        poolTargets.length > 1
          ? text(`One record per Edge pool that serves XMPP, distinct priorities: ${en}.`, `每個提供 XMPP 的 Edge 集區各一筆記錄，優先順序各不相同：${zh}。`)
          : text(`Priorities are distinct: ${en}.`, `優先順序各不相同：${zh}。`),
      evidence: items,
      fix: null,
    }
  },
}

export const xmppSrvTargetAddress: CheckDefinition<'xmpp-srv-target-address'> = {
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
