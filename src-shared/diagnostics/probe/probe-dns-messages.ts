/**
 * Every message of the DNS and reachability probe judges (probe-dns-judges.ts), in both languages: a translator
 * edits here, and the judges read as logic.
 */
import { text, type Localized } from '../../i18n/localized'
import type { ProbeSrvRecord } from '../../probe/probe-types'

/** "the resolver …" → "The resolver …". */
function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

export const DNS_SRV_MESSAGES = {
  serviceRefused: (query: string) =>
    text(
      `${query} is ".": the domain says it offers no server-to-server XMPP (RFC 2782).`,
      `${query} 的目標為「.」：此網域表示不提供伺服器對伺服器 XMPP（RFC 2782）。`,
    ),
  askPartnerRealTarget: text('publish a real SRV target.', '發佈實際的 SRV 目標。'),
  /** No answer to the SRV question: nothing is proven (and a fallback, if tried, proves nothing about SRV). */
  lookupFailed: (why: Localized, provesNothing: Localized, fallback: { readonly domain: string; readonly port: number } | null) =>
    text(
      `${capitalize(why.en)}. ${provesNothing.en}${fallback ? ` The probe tried ${fallback.domain}:${fallback.port} instead.` : ''}`,
      `${why['zh-TW']}。${provesNothing['zh-TW']}${fallback ? `探測改試 ${fallback.domain}:${fallback.port}。` : ''}`,
    ),
  resolverFix: text('Check that the resolver is reachable and answers for this zone.', '請確認解析程式可連線，且能回應此區域的查詢。'),
  missingOurs: (query: string) =>
    text(
      `${query} does not exist: partners cannot find our Edge (Lync publishes federation through this SRV record).`,
      `${query} 不存在：夥伴找不到我方的 Edge（Lync 透過此 SRV 記錄發佈同盟）。`,
    ),
  missingFallbackUsed: (query: string, domain: string, port: number) =>
    text(
      `${query} does not exist; the probe fell back to ${domain} on port ${port} (RFC 6120 §3.2.1). Servers that require the SRV record will not find this domain.`,
      `${query} 不存在；探測改用 ${domain} 的連接埠 ${port}（RFC 6120 §3.2.1）。要求 SRV 記錄的伺服器將找不到此網域。`,
    ),
  askPartnerPublish: (domain: string) => text(`publish _xmpp-server._tcp.${domain}.`, `發佈 _xmpp-server._tcp.${domain}。`),
  resolverUnanswered: (query: string, listed: string, why: Localized, warnings: readonly Localized[]) =>
    text(
      `${query} points to ${listed}, but ${why.en}, so the resolvers could not be compared.${warnings.map((w) => ` ${w.en}`).join('')}`,
      `${query} 指向 ${listed}，但${why['zh-TW']}，因此無法比較各解析程式的答案。${warnings.map((w) => w['zh-TW']).join('')}`,
    ),
  warnings: (warnings: readonly Localized[]) => text(warnings.map((w) => w.en).join(' '), warnings.map((w) => w['zh-TW']).join(' ')),
  pointsTo: (query: string, listed: string) => text(`${query} points to ${listed}.`, `${query} 指向 ${listed}。`),

  // Warnings about a published record.
  equalPriority: (targets: readonly string[], priority: number) =>
    text(
      `${targets.length} SRV targets share priority ${priority} (${targets.join(', ')}): partners pick one at random, so a pool that is not the XMPP federation route fails part of the time. Give each Edge pool its own priority.`,
      `${targets.length} 個 SRV 目標共用優先順序 ${priority}（${targets.join('、')}）：夥伴會隨機選擇，因此不是 XMPP 同盟路由的集區會間歇失敗。請為每個 Edge 集區設定不同的優先順序。`,
    ),
  portMismatch: (wrong: readonly ProbeSrvRecord[], port: number) =>
    text(
      `SRV port ${wrong.map((r) => r.port).join(', ')} differs from the Edge's XMPP port ${port}.`,
      `SRV 連接埠 ${wrong.map((r) => r.port).join('、')} 與 Edge 的 XMPP 連接埠 ${port} 不同。`,
    ),
  resolversDisagree: (resolver: string, others: readonly string[]) =>
    text(
      `Resolvers disagree: ${resolver} and ${others.join(', ')} give different SRV answers (internal and public DNS differ).`,
      `解析程式結果不一致：${resolver} 與 ${others.join('、')} 的 SRV 答案不同（內部與公用 DNS 不一致）。`,
    ),
}

export const TARGET_RESOLVES_MESSAGES = {
  allResolve: (targets: readonly { readonly host: string; readonly addresses: readonly string[] }[]) =>
    text(
      `Every target resolves: ${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('; ')}.`,
      `所有目標都能解析：${targets.map((t) => `${t.host} → ${t.addresses.join(', ')}`).join('；')}。`,
    ),
  askPartnerAddress: (host: string) => text(`publish an A record for ${host}.`, `為 ${host} 發佈 A 記錄。`),
  /** A question nobody answered proves nothing: never "no record", whatever the other targets did. */
  lookupUnanswered: (why: Localized, provesNothing: Localized, othersUnanswered: number, absentNames: string | null) =>
    text(
      `${capitalize(why.en)}${othersUnanswered > 0 ? ` (${othersUnanswered} more target(s) likewise unanswered)` : ''}. ${provesNothing.en}${absentNames ? ` No A or AAAA record for ${absentNames}.` : ''}`,
      `${why['zh-TW']}${othersUnanswered > 0 ? `（另有 ${othersUnanswered} 個目標同樣未獲回應）` : ''}。${provesNothing['zh-TW']}${absentNames ? `${absentNames} 沒有 A 或 AAAA 記錄。` : ''}`,
    ),
  noneResolves: (absentNames: string) => text(`No A or AAAA record for ${absentNames}: nobody can connect.`, `${absentNames} 沒有 A 或 AAAA 記錄：無人能連線。`),
  someMissing: (absentNames: string) =>
    text(`No A or AAAA record for ${absentNames}; the other targets resolve.`, `${absentNames} 沒有 A 或 AAAA 記錄；其他目標可以解析。`),
}

export const PORT_REACHABLE_MESSAGES = {
  nothingResolved: text(
    'No target resolved, so there was nothing to connect to (see s2s-target-resolves).',
    '沒有可解析的目標，因此無從連線（請見 s2s-target-resolves）。',
  ),
  connects: (targets: readonly string[]) => text(`TCP connects to ${targets.join(', ')}.`, `可用 TCP 連線到 ${targets.join('、')}。`),
  leadNoneAnswered: text('No target answered the connection request:', '沒有目標回應連線要求：'),
  leadNoneAcceptedSomeSilent: text('No target accepted a TCP connection, and not every one answered:', '沒有目標接受 TCP 連線，且並非每個目標都有回應：'),
  leadNoneAccepts: text('No target accepts TCP connections:', '沒有目標接受 TCP 連線：'),
  leadSomeRefuse: text('Some targets do not accept TCP connections:', '部分目標不接受 TCP 連線：'),
  targetFailure: (target: string, why: Localized) => text(`${target}: ${why.en}`, `${target}：${why['zh-TW']}`),
  failures: (lead: Localized, parts: readonly Localized[]) =>
    text(`${lead.en} ${parts.map((p) => p.en).join('; ')}.`, `${lead['zh-TW']}${parts.map((p) => p['zh-TW']).join('；')}。`),

  // What the network said to one target's connection attempts.
  filtered: (stepTimeoutMs: number, limit: Localized) =>
    text(
      `filtered: no answer to the connection request within ${stepTimeoutMs} ms (cut by ${limit.en}); a firewall that drops packets, a host that is down, or a limit too short for this path, which the probe cannot tell apart`,
      `已過濾：${stepTimeoutMs} 毫秒內連線要求沒有回應（受${limit['zh-TW']}截斷）；可能是丟棄封包的防火牆、主機未開機，或此路徑的時間上限太短，探測無法分辨`,
    ),
  notFinished: (limit: Localized) =>
    text(
      `not finished: ${limit.en} cut the connection attempt short, which proves nothing about the port`,
      `未完成：${limit['zh-TW']}截斷了連線嘗試，這無法證明連接埠的狀態`,
    ),
  refused: (port: number) =>
    text(
      `refused: the host answered with a TCP reset, so nothing listens on port ${port} there (or a firewall rejects it)`,
      `被拒：主機以 TCP 重設回應，表示該處沒有程式接聽連接埠 ${port}（或防火牆拒絕）`,
    ),
  unreachable: (message: string) =>
    text(`unreachable: the network answered that the host cannot be reached (${message})`, `無法連線：網路回應主機無法到達（${message}）`),
  otherFailure: (failure: { readonly code: string; readonly message: string } | null) =>
    text(`${failure ? `${failure.code}: ${failure.message}` : 'no connection'}`, `${failure ? `${failure.code}: ${failure.message}` : '沒有連線'}`),
}
