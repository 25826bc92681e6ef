/**
 * Every message of the stream-level probe judges (probe-stream-judges.ts), in both languages: a translator edits
 * here, and the judges read as logic. Partner-entry values stay as Lync prints them (TlsNegotiation=Required).
 */
import { text, type Localized } from '../../i18n/localized'
import type { ProbeLimits, ProbeStreamError } from '../../probe/probe-types'

export const STREAM_OPENS_MESSAGES = {
  noConnection: text('No connection was made (see s2s-port-reachable)', '沒有建立任何連線（請見 s2s-port-reachable）'),
  targetFailed: (target: string, why: Localized) => text(`${target}: ${why.en}`, `${target}：${why['zh-TW']}`),
  unusualHeader: (targets: readonly string[]) =>
    text(
      `${targets.join(', ')} answered with an unusual stream header (version or namespace not 1.0 / jabber:server).`,
      `${targets.join('、')} 回應了不尋常的串流標頭（版本或命名空間不是 1.0 / jabber:server）。`,
    ),
  opens: (targets: readonly string[]) =>
    text(`An XMPP S2S stream opens on ${targets.join(', ')}.`, `${targets.join('、')} 可開啟 XMPP 伺服器對伺服器串流。`),

  // Why one target's stream did not open.
  streamError: (error: ProbeStreamError, explained: Localized) =>
    text(
      `the server sent <${error.condition}/>${error.text ? ` ("${error.text}")` : ''}. ${explained.en}`,
      `伺服器送出 <${error.condition}/>${error.text ? `（「${error.text}」）` : ''}。${explained['zh-TW']}`,
    ),
  awaitedFeatures: text('features', '功能'),
  awaitedHeader: text('header', '標頭'),
  stepTimeout: (awaited: Localized, limits: ProbeLimits, bound: Localized) =>
    text(
      `connected, but no XMPP stream ${awaited.en} arrived within ${limits.stepTimeoutMs} ms (cut by ${bound.en}): a stalled server, or something other than XMPP that waits for the client; a limit proves nothing on its own (a longer --timeout tells them apart).`,
      `已連線，但在 ${limits.stepTimeoutMs} 毫秒內沒有收到 XMPP 串流${awaited['zh-TW']}（受${bound['zh-TW']}截斷）：可能是停滯的伺服器，或等待用戶端先送資料的非 XMPP 服務；時間上限本身無法證明任何事（較長的 --timeout 可分辨）。`,
    ),
  totalTimeout: (awaited: Localized, bound: Localized) =>
    text(
      `connected, but ${bound.en} ended the probe while it waited for the stream ${awaited.en}; that says nothing about the server (the step's own limit had not passed).`,
      `已連線，但在等待串流${awaited['zh-TW']}時，${bound['zh-TW']}結束了探測；這無法說明伺服器的狀態（步驟本身的時間上限尚未到）。`,
    ),
  xmlRestricted: text(
    'the server sent a DOCTYPE or entity declarations, which XMPP forbids; the probe stopped reading without expanding anything.',
    '伺服器送出 XMPP 禁止的 DOCTYPE 或實體宣告；探測已停止讀取，未展開任何內容。',
  ),
  byteLimit: (limits: ProbeLimits) =>
    text(
      `the server sent more than ${limits.maxBytesPerConnection} bytes without completing the stream features; the probe stopped reading.`,
      `伺服器送出超過 ${limits.maxBytesPerConnection} 位元組仍未完成串流功能；探測已停止讀取。`,
    ),
  notXmpp: (message: string) => text(`the answer is not an XMPP stream (${message}).`, `回應不是 XMPP 串流（${message}）。`),
  endedEarly: (failure: { readonly code: string; readonly message: string } | null) =>
    text(
      `the connection ended before the stream features (${failure ? `${failure.code}: ${failure.message}` : 'no features'}).`,
      `連線在串流功能之前就結束了（${failure ? `${failure.code}: ${failure.message}` : '沒有功能'}）。`,
    ),
  askPartnerRepointSrv: text('point their SRV record at a server that hosts the domain.', '將 SRV 記錄指向實際服務此網域的伺服器。'),
  hostUnknownFix: (domain: string) =>
    text(
      `The server the SRV record points to does not serve ${domain}. Point the record at the Edge that carries the XMPP federation route, and make sure ${domain} is one of the deployment's SIP domains.`,
      `SRV 記錄指向的伺服器不服務 ${domain}。請將記錄指向承載 XMPP 同盟路由的 Edge，並確認 ${domain} 是部署中的 SIP 網域之一。`,
    ),
}

export const STARTTLS_MESSAGES = {
  noStream: text('No stream opened, so STARTTLS could not be checked (see s2s-stream-opens)', '沒有開啟串流，因此無法檢查 STARTTLS（請見 s2s-stream-opens）'),
  stepStarttlsAnswer: text('the answer to <starttls/>', '<starttls/> 的回應'),
  stepHandshake: text('the TLS handshake', 'TLS 交握'),
  cutShort: (target: string, bound: Localized, step: Localized) =>
    text(
      `${target} offers TLS, but ${bound.en} cut ${step.en} short; that proves nothing about its TLS.`,
      `${target} 提供 TLS，但${bound['zh-TW']}截斷了${step['zh-TW']}；這無法證明其 TLS 的狀態。`,
    ),
  /** `message`: the server's <failure/> (null) or the TLS library's own words, quoted as sent. */
  handshakeFailed: (target: string, starttlsFailure: boolean, message: string | null) => {
    const en = starttlsFailure ? 'the server answered <failure/>' : (message ?? 'handshake failed')
    const zh = starttlsFailure ? '伺服器回應 <failure/>' : (message ?? '交握失敗')
    return text(`${target} offers TLS but the handshake failed: ${en}.`, `${target} 提供 TLS，但交握失敗：${zh}。`)
  },
  askPartnerCheckTls: text('check the TLS configuration of their XMPP server.', '檢查其 XMPP 伺服器的 TLS 設定。'),
  partial: (plain: readonly string[]) =>
    text(`Only some targets offer STARTTLS; ${plain.join(', ')} do not.`, `只有部分目標提供 STARTTLS；${plain.join('、')} 沒有。`),
  requiredButEntryNotSupported: (domain: string) =>
    text(
      `${domain} requires TLS, but our partner entry says TlsNegotiation=NotSupported: the partner will refuse our connections.`,
      `${domain} 要求 TLS，但我方夥伴設定為 TlsNegotiation=NotSupported：夥伴會拒絕我方的連線。`,
    ),
  works: (required: boolean, version: string) =>
    text(`STARTTLS is offered${required ? ' (required)' : ''} and ${version} works.`, `提供 STARTTLS${required ? '（必要）' : ''}，且 ${version} 可正常運作。`),
  notOfferedOurs: (domain: string) =>
    text(
      `Our server for ${domain} does not offer STARTTLS: partners that require TLS (Lync's default) cannot federate with us.`,
      `我方 ${domain} 的伺服器沒有提供 STARTTLS：要求 TLS 的夥伴（Lync 的預設值）無法與我方同盟。`,
    ),
  notOfferedAllowed: (domain: string, tlsSetting: string) =>
    text(
      `${domain} does not offer STARTTLS; our partner entry allows that (TlsNegotiation=${tlsSetting}), so federation runs unencrypted.`,
      `${domain} 沒有提供 STARTTLS；我方夥伴設定允許（TlsNegotiation=${tlsSetting}），因此同盟流量不加密。`,
    ),
  /** `entryRequires`: our partner entry says Required (else Lync's default, Required, applies). */
  notOfferedRequired: (domain: string, entryRequires: boolean) =>
    entryRequires
      ? text(
          `${domain} does not offer STARTTLS, but our partner entry says TlsNegotiation=Required: the Edge will not federate with it.`,
          `${domain} 沒有提供 STARTTLS，但我方夥伴設定為 TlsNegotiation=Required：Edge 不會與其同盟。`,
        )
      : text(
          `${domain} does not offer STARTTLS, but Lync's default TlsNegotiation is Required: the Edge will not federate with it.`,
          `${domain} 沒有提供 STARTTLS，但 Lync 的 TlsNegotiation 預設值為 Required：Edge 不會與其同盟。`,
        ),
}

export const AUTH_MESSAGES = {
  noFinalFeatures: text('The probe did not reach the final stream features', '探測沒有取得最終的串流功能'),
  noMethod: (domain: string) =>
    text(
      `${domain} offers neither dialback nor SASL EXTERNAL. (The probe presented no client certificate; a server that offers EXTERNAL only to certificate-authenticated peers hides it, but then it should still offer dialback. --client-cert with our Edge certificate and --from shows whether it accepts ours.)`,
      `${domain} 既不提供回撥（dialback）也不提供 SASL EXTERNAL。（探測未出示用戶端憑證；只對已驗證憑證的對象提供 EXTERNAL 的伺服器會隱藏它，但此時仍應提供回撥。以 --client-cert 出示我方 Edge 憑證並加上 --from，可確認對方是否接受我方憑證。）`,
    ),
  askPartnerDialback: text('enable server dialback (XEP-0220) for federation with us.', '為與我方的同盟啟用伺服器回撥（XEP-0220）。'),
  dialbackOnlyEntryDisables: (domain: string) =>
    text(
      `${domain} offers only dialback, but our partner entry says SupportDialbackNegotiation=False.`,
      `${domain} 只提供回撥，但我方夥伴設定為 SupportDialbackNegotiation=False。`,
    ),
  offers: (domain: string, offered: string) => text(`${domain} offers ${offered}.`, `${domain} 提供 ${offered}。`),
}
