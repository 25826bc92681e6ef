/**
 * Every message of the DNS checks (dns-checks.ts), in both languages: a translator edits here, and the checks
 * read as logic. Record names, ports and -Domain values stay as DNS and PowerShell write them.
 */
import { text, type Localized } from '../../i18n/localized'
import type { SrvLookup } from '../../evidence/evidence-model'

/** One domain's SRV answer as found. */
interface FoundRecords {
  readonly domain: string
  readonly lookup: SrvLookup
}

/** "sip.contoso.com." → "sip.contoso.com". */
function bareHost(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}

/** "contoso.com → sip.contoso.com:5269 (priority 0); …": only what DNS returned. */
function recordList(found: readonly FoundRecords[]): Localized {
  return text(
    found.map((f) => `${f.domain} → ${f.lookup.records.map((r) => `${bareHost(r.target)}:${r.port} (priority ${r.priority})`).join(', ')}`).join('; '),
    found.map((f) => `${f.domain} → ${f.lookup.records.map((r) => `${bareHost(r.target)}:${r.port}（優先順序 ${r.priority}）`).join('、')}`).join('；'),
  )
}

export const DNS_SHARED_MESSAGES = {
  noDomain: text('No domain to check: pass --domain or collect with -Domain.', '沒有可檢查的網域：請指定 --domain，或在收集時使用 -Domain。'),
}

export const SRV_RECORD_MESSAGES = {
  title: text('_xmpp-server._tcp SRV record published', '已發佈 _xmpp-server._tcp SRV 記錄'),
  explanation: text(
    'Partners find the Edge through _xmpp-server._tcp.<domain>: every domain that federates over XMPP needs one, pointing on port 5269 at the Access Edge external FQDN of an Edge pool that serves XMPP.',
    '夥伴透過 _xmpp-server._tcp.<網域> 找到 Edge：每個以 XMPP 同盟的網域都需要此記錄，並指向提供 XMPP 的 Edge 集區之 Access Edge 外部 FQDN 的連接埠 5269。',
  ),
  publishFix: (domain: string, target: string) =>
    text(
      `Publish this record in the external (public) DNS zone of ${domain}, plus an A record for ${target} that points at the Access Edge's public IP address.`,
      `在 ${domain} 的外部（公用）DNS 區域發佈此記錄，並為 ${target} 建立指向 Access Edge 公用 IP 位址的 A 記錄。`,
    ),
  missing: (names: readonly string[]) => text(`No SRV record for ${names.join(', ')}.`, `${names.join('、')} 沒有 SRV 記錄。`),
  wrongPort: (domains: readonly string[], port: number) =>
    text(`The SRV record of ${domains.join(', ')} does not use port ${port}.`, `${domains.join('、')} 的 SRV 記錄未使用連接埠 ${port}。`),
  wrongTarget: (list: readonly string[], edgeFqdns: readonly string[]) =>
    text(
      `The SRV record of ${list.join(', ')} does not point at the Access Edge FQDN of an Edge pool with XMPP federation (${edgeFqdns.join(', ')}).`,
      `${list.join('、')} 的 SRV 記錄未指向啟用 XMPP 同盟之 Edge 集區的 Access Edge FQDN（${edgeFqdns.join('、')}）。`,
    ),
  notQueried: (names: readonly string[], domains: readonly string[]) =>
    text(
      `${names.join(', ')} was not queried when the evidence was collected: collect again with -Domain ${domains.join(',')}, or run analyze --probe.`,
      `收集證據時未查詢 ${names.join('、')}：請以 -Domain ${domains.join(',')} 重新收集，或執行 analyze --probe。`,
    ),
  /**
   * The records, then the SIP domains said beside them: those DNS returned no _xmpp-server record for are SIP-only,
   * not judged (DOC-DNS); those not looked up at all (evidence collected before SIP domains were) are named as such.
   */
  published: (found: readonly FoundRecords[], targetsCompared: boolean, noRecord: readonly string[], notQueried: readonly string[]) => {
    const records = recordList(found)
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
    return targetsCompared
      ? text(`SRV records: ${records.en}.${en.join('')}`, `SRV 記錄：${records['zh-TW']}。${zh.join('')}`)
      : text(
          `SRV records: ${records.en} (target not compared: edge-services.json was not collected).${en.join('')}`,
          `SRV 記錄：${records['zh-TW']}（未比對目標：未收集 edge-services.json）。${zh.join('')}`,
        )
  },
}

export const SRV_PRIORITIES_MESSAGES = {
  title: text('One SRV record per Edge pool, distinct priorities', '每個 Edge 集區一筆 SRV 記錄，優先順序各不相同'),
  explanation: text(
    'With several Edge pools that serve XMPP, Microsoft recommends one SRV record per pool, each with a different priority, so XMPP fails over without DNS changes. Pools without XMPP federation need none.',
    '當有多個提供 XMPP 的 Edge 集區時，Microsoft 建議每個集區一筆 SRV 記錄，且優先順序各不相同，如此 XMPP 不需變更 DNS 即可容錯移轉。未啟用 XMPP 同盟的集區不需要。',
  ),
  nothingToCompare: text(
    'DNS returned no SRV record, so there are no priorities to compare (see the SRV record check).',
    'DNS 未傳回任何 SRV 記錄，因此沒有可比較的優先順序（請參閱 SRV 記錄檢查）。',
  ),
  onePerPoolFix: (domain: string) =>
    text(
      `Give every Edge pool that serves XMPP its own SRV record for ${domain}, each with a different priority (lower value = preferred; the backup pool gets the higher value).`,
      `為每個提供 XMPP 的 Edge 集區建立 ${domain} 的 SRV 記錄，並設定不同的優先順序（數值越小越優先；備援集區使用較大的數值）。`,
    ),
  sharedPriority: (duplicates: readonly { readonly domain: string; readonly priority: number }[]) =>
    text(
      `${duplicates.map((d) => `SRV records of ${d.domain} share priority ${d.priority}`).join('; ')}: partners spread the load over the pools instead of failing over (Microsoft recommends a different priority per pool).`,
      `${duplicates.map((d) => `${d.domain} 的 SRV 記錄使用相同的優先順序 ${d.priority}`).join('；')}：夥伴會將負載分散到各集區而非容錯移轉（Microsoft 建議每個集區使用不同的優先順序）。`,
    ),
  poolUncovered: (poolCount: number, list: readonly string[]) =>
    text(
      `${poolCount} Edge pools serve XMPP, but no SRV record for ${list.join(', ')}: partners cannot fail over to that pool.`,
      `共有 ${poolCount} 個 Edge 集區提供 XMPP，但缺少 ${list.join('、')} 的 SRV 記錄：夥伴無法容錯移轉到該集區。`,
    ),
  distinct: (found: readonly FoundRecords[], severalPools: boolean) => {
    const records = recordList(found)
    if (severalPools) {
      return text(`One record per Edge pool that serves XMPP, distinct priorities: ${records.en}.`, `每個提供 XMPP 的 Edge 集區各一筆記錄，優先順序各不相同：${records['zh-TW']}。`)
    }
    // Priorities order the records of one domain: with one record per domain there is nothing to tell apart, and
    // "distinct" beside two records of priority 0 (two domains) would read as a contradiction.
    return found.every((f) => f.lookup.records.length === 1)
      ? text(`One record per domain (one Edge pool serves XMPP): ${records.en}.`, `每個網域各一筆記錄（由一個 Edge 集區提供 XMPP）：${records['zh-TW']}。`)
      : text(`Each domain's records have distinct priorities: ${records.en}.`, `每個網域的記錄優先順序各不相同：${records['zh-TW']}。`)
  },
}

export const SRV_TARGET_ADDRESS_MESSAGES = {
  title: text('SRV target resolves to an address', 'SRV 目標可解析為位址'),
  explanation: text(
    'The host named by the SRV record needs an A record pointing at the Access Edge\'s public address.',
    'SRV 記錄所指的主機需要一筆指向 Access Edge 公用位址的 A 記錄。',
  ),
  noTarget: text('No SRV target to resolve.', '沒有可解析的 SRV 目標。'),
  noAddress: (hosts: readonly string[]) => text(`No address for ${hosts.join(', ')}.`, `${hosts.join('、')} 沒有位址。`),
  addressFix: text('Add an A record for the SRV target that points at the Access Edge\'s public IP address.', '為 SRV 目標新增指向 Access Edge 公用 IP 位址的 A 記錄。'),
  resolve: (hosts: readonly string[]) => text(`${hosts.join(', ')} resolve.`, `${hosts.join('、')} 可以解析。`),
}
