/**
 * Stream error conditions (RFC 6120 §4.9.3) explained for someone probing a federation partner.
 * The condition name is shown as sent; the explanation says what it usually means for S2S.
 */
import { text, type Localized } from '../i18n/localized'

/** The namespace of stream error conditions. */
export const STREAM_ERRORS_NS = 'urn:ietf:params:xml:ns:xmpp-streams'

const EXPLANATIONS: Readonly<Record<string, Localized>> = {
  'bad-format': text(
    'The server could not process what the probe sent (RFC 6120 §4.9.3.1).',
    '伺服器無法處理探測送出的內容（RFC 6120 §4.9.3.1）。',
  ),
  'bad-namespace-prefix': text(
    'The server rejected the namespace prefix of the stream header.',
    '伺服器拒絕串流標頭的命名空間前置詞。',
  ),
  conflict: text(
    'The server closed the stream because a newer stream for the same domains replaced it.',
    '伺服器因同一組網域已有較新的串流而關閉此串流。',
  ),
  'connection-timeout': text(
    'The server closed the stream because nothing was sent for too long.',
    '伺服器因太久沒有收到資料而關閉串流。',
  ),
  'host-gone': text(
    'The domain was served by this server but no longer is.',
    '此網域原本由這台伺服器服務，但現在已不再服務。',
  ),
  'host-unknown': text(
    'The server does not serve the domain the probe asked for (the stream\'s "to"). The SRV record points to a server that is not configured for this XMPP domain.',
    '伺服器不服務探測要求的網域（串流的 "to"）。SRV 記錄指向一台沒有為此 XMPP 網域設定的伺服器。',
  ),
  'improper-addressing': text(
    'The stream lacked a "to" or "from" the server requires.',
    '串流缺少伺服器要求的 "to" 或 "from"。',
  ),
  'internal-server-error': text(
    'The server hit an internal error or misconfiguration while opening the stream.',
    '伺服器在開啟串流時發生內部錯誤或設定錯誤。',
  ),
  'invalid-from': text(
    'The server does not accept the "from" domain: it may not be allowed to federate with it, or could not verify it. Check that our domain is configured on the partner side.',
    '伺服器不接受 "from" 網域：可能不允許與該網域同盟，或無法驗證它。請確認對方已設定我方網域。',
  ),
  'invalid-namespace': text(
    'The server rejected the stream namespace (S2S streams use jabber:server).',
    '伺服器拒絕串流命名空間（伺服器對伺服器串流使用 jabber:server）。',
  ),
  'invalid-xml': text('The server found invalid XML in what it received.', '伺服器在收到的資料中發現無效的 XML。'),
  'not-authorized': text(
    'The server refused before authentication completed: the partner does not (yet) trust our domain, or requires authentication the probe did not attempt.',
    '伺服器在驗證完成前拒絕：對方（尚）不信任我方網域，或要求探測沒有進行的驗證。',
  ),
  'not-well-formed': text('The server found malformed XML in what it received.', '伺服器在收到的資料中發現格式錯誤的 XML。'),
  'policy-violation': text(
    'A local policy of the server forbids this stream: often "TLS required", a blocked domain, or a rate limit. The error text usually says which.',
    '伺服器的本機原則禁止此串流：常見原因是「必須使用 TLS」、網域被封鎖或速率限制。錯誤文字通常會說明原因。',
  ),
  'remote-connection-failed': text(
    'The server could not reach a server it depends on: a proxy in front (such as an Edge) could not connect to the XMPP service behind it.',
    '伺服器無法連線到它所依賴的伺服器：前端的 Proxy（例如 Edge）無法連線到後端的 XMPP 服務。',
  ),
  reset: text('The server reset the stream (for example after a security change).', '伺服器重設了串流（例如安全設定變更後）。'),
  'resource-constraint': text(
    'The server is out of resources to serve the stream right now.',
    '伺服器目前沒有足夠的資源服務此串流。',
  ),
  'restricted-xml': text(
    'The server received XML that XMPP forbids (comments, processing instructions, DTDs, entity references).',
    '伺服器收到 XMPP 禁止的 XML（註解、處理指令、DTD、實體參照）。',
  ),
  'see-other-host': text(
    'The server redirects to another host; the error text names it.',
    '伺服器要求改連另一台主機；錯誤內容會指出是哪一台。',
  ),
  'system-shutdown': text('The server is shutting down.', '伺服器正在關機。'),
  'undefined-condition': text(
    'The server gave no standard reason; read the error text.',
    '伺服器沒有提供標準原因；請閱讀錯誤文字。',
  ),
  'unsupported-encoding': text('The server does not support the encoding used (XMPP uses UTF-8).', '伺服器不支援所使用的編碼（XMPP 使用 UTF-8）。'),
  'unsupported-feature': text(
    'The server requires a stream feature the probe does not support.',
    '伺服器要求探測不支援的串流功能。',
  ),
  'unsupported-stanza-type': text('The server received a stanza type it does not support.', '伺服器收到不支援的節類型。'),
  'unsupported-version': text(
    'The server does not support XMPP stream version 1.0 as sent.',
    '伺服器不支援所送出的 XMPP 串流版本 1.0。',
  ),
}

/** Explains a stream error condition; unknown (application-specific) names get a generic sentence. */
export function explainStreamError(condition: string): Localized {
  return (
    EXPLANATIONS[condition] ??
    text(
      `The server closed the stream with the non-standard condition "${condition}".`,
      `伺服器以非標準條件「${condition}」關閉串流。`,
    )
  )
}

/** True for the RFC 6120 §4.9.3 condition names. */
export function isKnownStreamError(condition: string): boolean {
  return Object.hasOwn(EXPLANATIONS, condition)
}
