/**
 * What is wrong, in a few words, when a check is the root cause: the headline of the CLI, the reports, the
 * status line, the partner message and the history list ("The XMPP proxy service is not running on the
 * Edge"), never the check's title, which names the healthy state ("XMPP Translating Gateway Proxy running").
 * One table, so a translator edits one place; a finding code (`reason`) can say it more precisely.
 */
import { text, type Localized } from '../i18n/localized'
import type { CheckId } from './check-types'
import type { FindingReason, FindingReasonOf } from './finding-reasons'

/** The failure headline of each check. */
export const CHECK_FAILURE_TITLES: Readonly<Record<CheckId, Localized>> = {
  'xmpp-components-installed': text('The XMPP components are not installed on this server', '此伺服器未安裝 XMPP 元件'),
  'xmpp-proxy-service-running': text('The XMPP proxy service is not running on the Edge', 'Edge 上的 XMPP Proxy 服務未執行'),
  'xmpp-gateway-service-running': text('The XMPP gateway service is not running on the Front End', '前端伺服器上的 XMPP 閘道服務未執行'),
  'xmpp-federation-route-assigned': text('No XMPP federation route points at an Edge pool', 'XMPP 同盟路由未指向任何 Edge 集區'),
  'cms-replica-up-to-date': text("This server's copy of the configuration (CMS replica) is out of date", '此伺服器的設定複本（CMS 複本）不是最新的'),
  'xmpp-external-port-listening': text('Nothing is listening on TCP 5269 for partners', 'TCP 5269 上沒有程式為夥伴接聽'),
  'xmpp-internal-port-listening': text('Nothing is listening on TCP 23456 for the Front End', 'TCP 23456 上沒有程式為前端伺服器接聽'),
  'edge-certificate-valid': text('The external edge certificate is missing or out of date', '外部 Edge 憑證遺失或不在有效期間內'),
  'edge-certificate-names': text('The external edge certificate does not name every XMPP domain', '外部 Edge 憑證未包含每個 XMPP 網域名稱'),
  'access-edge-federation-enabled': text('Federation is turned off on the Access Edge', 'Access Edge 上的同盟已關閉'),
  'xmpp-access-policy-enabled': text('The external access policy does not allow XMPP', '外部存取原則不允許 XMPP'),
  'xmpp-partner-configured': text('The XMPP partner is not configured', '未設定 XMPP 夥伴'),
  'xmpp-partner-negotiation-valid': text("The partner's TLS, SASL and dialback settings cannot work together", '夥伴的 TLS、SASL 與回撥設定無法搭配運作'),
  'xmpp-partner-not-obsolete': text('A configured partner no longer offers XMPP federation', '已設定的夥伴不再提供 XMPP 同盟'),
  'xmpp-srv-record': text('The _xmpp-server._tcp SRV record is missing or wrong', '_xmpp-server._tcp SRV 記錄遺失或錯誤'),
  'xmpp-srv-priorities': text("The Edge pools' SRV records share a priority", '各 Edge 集區的 SRV 記錄優先順序相同'),
  'xmpp-srv-target-address': text('The SRV target does not resolve to the Access Edge', 'SRV 目標未解析到 Access Edge'),
  'xmpp-event-log-clean': text('The Lync Server event log shows XMPP errors', 'Lync Server 事件記錄中有 XMPP 錯誤'),
  'root-ca-store-healthy': text('The trusted root store is overloaded or damaged', '受信任的根憑證存放區過度擁擠或已損毀'),
  's2s-dns-srv': text('The _xmpp-server._tcp SRV record cannot be found from outside', '從外部找不到 _xmpp-server._tcp SRV 記錄'),
  's2s-target-resolves': text('The SRV target has no address', 'SRV 目標沒有位址'),
  's2s-port-reachable': text('TCP 5269 cannot be reached', '無法連線到 TCP 5269'),
  's2s-stream-opens': text('The XMPP server does not open a server-to-server stream', 'XMPP 伺服器未開啟伺服器對伺服器串流'),
  's2s-starttls-offered': text('The XMPP server does not offer STARTTLS', 'XMPP 伺服器未提供 STARTTLS'),
  's2s-certificate-names': text('The certificate presented on 5269 does not name the domain', '5269 上出示的憑證未包含該網域名稱'),
  's2s-certificate-trusted': text('The certificate presented on 5269 is not trusted', '5269 上出示的憑證不受信任'),
  's2s-certificate-not-expiring': text('The certificate presented on 5269 has expired or is about to', '5269 上出示的憑證已過期或即將過期'),
  's2s-auth-available': text('No server-to-server authentication (dialback or SASL EXTERNAL) succeeds', '伺服器對伺服器驗證（回撥或 SASL EXTERNAL）無法成功'),
}

/** Headlines by finding code, per check: a code is typed by the check that produces it (finding-reasons.ts). */
type ReasonFailureTitles = { readonly [C in CheckId]?: Readonly<Partial<Record<FindingReasonOf<C>, Localized>>> }

/** Sharper headlines for a check's finding code, where one check has several causes. */
export const REASON_FAILURE_TITLES: ReasonFailureTitles = {
  'xmpp-external-port-listening': { 'port-held-by-other-process': text('Another program holds TCP 5269', '其他程式佔用了 TCP 5269') },
  'xmpp-internal-port-listening': { 'port-held-by-other-process': text('Another program holds TCP 23456', '其他程式佔用了 TCP 23456') },
  'edge-certificate-valid': {
    'proxy-started-before-certificate': text(
      'The Edge services were not restarted after the new certificate was assigned',
      '指派新憑證後未重新啟動 Edge 服務',
    ),
  },
}

/** The headline for a check that is the root cause (with its finding code, when it has one). */
export function failureTitleOf(checkId: CheckId, reason?: FindingReason): Localized {
  // The code comes from the check's own result, so it is one of that check's: look it up by name.
  const titles: Readonly<Partial<Record<string, Localized>>> | undefined = REASON_FAILURE_TITLES[checkId]
  return (reason !== undefined ? titles?.[reason] : undefined) ?? CHECK_FAILURE_TITLES[checkId]
}

