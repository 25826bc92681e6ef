/**
 * The 25 steps of DOC-SETUP ("Setting up XMPP federation in Lync Server 2013", MicrosoftDocs/OfficeDocs-SkypeForBusiness
 * Lync/LyncServer/lync-server-2013-setting-up-xmpp-federation.md), each with the checks whose evidence shows it.
 */
import type { CheckId } from '../diagnostics/check-types'
import { text, type Localized } from '../i18n/localized'

/** The server whose evidence shows a step ("either": the checks run on both). */
export type SeenFrom = 'edge' | 'front-end' | 'either'

export interface SetupStep {
  /** DOC-SETUP step number. */
  readonly step: number
  readonly title: Localized
  readonly seenFrom: SeenFrom
  /** The checks whose results decide the step; empty = only the user knows. */
  readonly decidedBy: readonly CheckId[]
  /** What passing checks prove about the step, said when it is verified. */
  readonly proof: Localized | null
  /** Asked when the evidence cannot tell (answer yes or no, node id `setup-<step>`). */
  readonly question: Localized | null
}

// Steps 6–14 and 18–20 are Certificate Wizard pages: nothing records them but the certificate they produce.
const CERTIFICATE: readonly CheckId[] = ['edge-certificate-valid']
const CERTIFICATE_PROOF = text(
  'An external edge certificate is assigned (Use AccessEdgeExternal) and in date: the request these wizard pages prepare was made.',
  '已指派外部 Edge 憑證（用途 AccessEdgeExternal）且在有效期內：這些精靈頁面所準備的要求已完成。',
)
const NAMES: readonly CheckId[] = ['edge-certificate-names']
const NAMES_PROOF = text('The assigned certificate names sip.<domain> and <domain> for every XMPP domain.', '已指派的憑證為每個 XMPP 網域列出 sip.<網域> 與 <網域>。')
const FRONT_END_SETUP = text('The XMPP Translating Gateway service is installed and running on the Front End.', '前端伺服器上已安裝且正在執行 XMPP Translating Gateway 服務。')
const EDGE_SETUP = text('The XMPP proxy is installed and its service runs on the Edge.', 'Edge 上已安裝 XMPP Proxy，且其服務正在執行。')

const cert = (step: number, title: Localized): SetupStep => ({ step, title, seenFrom: 'edge', decidedBy: CERTIFICATE, proof: CERTIFICATE_PROOF, question: null })

/** DOC-SETUP steps 1–25, in order. */
export const SETUP_STEPS: readonly SetupStep[] = [
  {
    step: 1,
    title: text('Log on as a member of Domain Admins and RTCUniversalServerAdmins', '以 Domain Admins 與 RTCUniversalServerAdmins 成員身分登入'),
    seenFrom: 'either',
    decidedBy: [],
    proof: null,
    question: text('Were you logged on with an account in both groups?', '您是否以同時屬於這兩個群組的帳戶登入？'),
  },
  {
    step: 2,
    title: text('Front End: Deployment Wizard → Install or Update Lync Server System → Setup or Remove Lync Server Components → Run Again', '前端：部署精靈 →「安裝或更新 Lync Server 系統」→「設定或移除 Lync Server 元件」→「再次執行」'),
    seenFrom: 'front-end',
    decidedBy: ['xmpp-components-installed', 'xmpp-gateway-service-running'],
    proof: FRONT_END_SETUP,
    question: null,
  },
  {
    step: 3,
    title: text('Front End: Setup Lync Server components → Next → Finish', '前端：「設定 Lync Server 元件」→「下一步」→「完成」'),
    seenFrom: 'front-end',
    decidedBy: ['xmpp-components-installed', 'xmpp-gateway-service-running'],
    proof: FRONT_END_SETUP,
    question: null,
  },
  {
    step: 4,
    title: text('Edge: Deployment Wizard → Install or Update Lync Server System → Setup or Remove Lync Server Components → Run Again', 'Edge：部署精靈 →「安裝或更新 Lync Server 系統」→「設定或移除 Lync Server 元件」→「再次執行」'),
    seenFrom: 'edge',
    decidedBy: ['xmpp-components-installed', 'xmpp-proxy-service-running'],
    proof: EDGE_SETUP,
    question: null,
  },
  {
    step: 5,
    title: text('Edge: Setup Lync Server components → Next → Finish', 'Edge：「設定 Lync Server 元件」→「下一步」→「完成」'),
    seenFrom: 'edge',
    decidedBy: ['xmpp-components-installed', 'xmpp-proxy-service-running'],
    proof: EDGE_SETUP,
    question: null,
  },
  cert(6, text('Edge: Deployment Wizard → Step 3: Request, Install, or Assign Certificates → Run Again', 'Edge：部署精靈 →「步驟 3：要求、安裝或指派憑證」→「再次執行」')),
  cert(7, text('Available Certificate Tasks: Create a new certificate request', '「可用的憑證工作」：建立新的憑證要求')),
  cert(8, text('Certificate Request: External Edge Certificate', '「憑證要求」：外部 Edge 憑證')),
  cert(9, text('Delayed or Immediate Request: prepare the request now, send it later', '「延遲或立即要求」：立即準備要求，稍後傳送')),
  cert(10, text('Certificate Request File: the path of the request file', '「憑證要求檔案」：要求檔案的路徑')),
  cert(11, text('Specify Alternate Certificate Template (optional)', '「指定替代憑證範本」（選用）')),
  cert(12, text('Name and Security Settings: friendly name, bit length, private key exportable', '「名稱與安全性設定」：易記名稱、位元長度、私密金鑰可匯出')),
  cert(13, text('Organization Information: organization and organizational unit', '「組織資訊」：組織與組織單位')),
  cert(14, text('Geographical Information', '「地理資訊」')),
  {
    step: 15,
    title: text('Subject Name / Subject Alternate Names: review the names the wizard filled in', '「主體名稱／主體別名」：檢查精靈自動填入的名稱'),
    seenFrom: 'edge',
    decidedBy: NAMES,
    proof: NAMES_PROOF,
    question: null,
  },
  {
    step: 16,
    title: text('SIP Domain Setting on SANs: add sip.<domain>', '「主體別名的 SIP 網域設定」：加入 sip.<網域>'),
    seenFrom: 'edge',
    decidedBy: NAMES,
    proof: NAMES_PROOF,
    question: null,
  },
  {
    step: 17,
    title: text('Configure Additional Subject Alternate Names: the XMPP domain (<domain>)', '「設定其他主體別名」：XMPP 網域（<網域>）'),
    seenFrom: 'edge',
    decidedBy: NAMES,
    proof: NAMES_PROOF,
    question: null,
  },
  cert(18, text('Request Summary: review the request', '「要求摘要」：檢閱要求')),
  cert(19, text('View Log, or Next', '「檢視記錄」或「下一步」')),
  cert(20, text('Certificate Request File: view the CSR, Finish', '「憑證要求檔案」：檢視 CSR，「完成」')),
  {
    step: 21,
    title: text('Submit the request file to a public certification authority', '將要求檔案提交給公用憑證授權單位'),
    seenFrom: 'edge',
    decidedBy: ['edge-certificate-valid', 's2s-certificate-trusted'],
    proof: text('A certificate from the request is assigned and in date (with a probe: partners trust its issuer).', '依要求核發的憑證已指派且在有效期內（有探測時：夥伴信任其簽發者）。'),
    question: null,
  },
  {
    step: 22,
    title: text('Import and assign the public certificate, then Stop-CsWindowsService and Start-CsWindowsService', '匯入並指派公用憑證，然後執行 Stop-CsWindowsService 與 Start-CsWindowsService'),
    seenFrom: 'edge',
    decidedBy: ['edge-certificate-valid', 'xmpp-proxy-service-running'],
    proof: null,
    question: text('Were the Edge services restarted after the certificate was assigned?', '指派憑證後是否已重新啟動 Edge 服務？'),
  },
  {
    step: 23,
    title: text('External DNS: _xmpp-server._tcp.<domain> SRV to the Access Edge FQDN, port 5269, and its A record', '外部 DNS：_xmpp-server._tcp.<網域> SRV 指向 Access Edge FQDN、連接埠 5269，以及其 A 記錄'),
    seenFrom: 'either',
    decidedBy: ['xmpp-srv-record', 'xmpp-srv-priorities', 'xmpp-srv-target-address', 's2s-dns-srv'],
    proof: text('DNS returns the _xmpp-server._tcp SRV record on port 5269 and its target resolves.', 'DNS 傳回連接埠 5269 的 _xmpp-server._tcp SRV 記錄，且其目標可解析。'),
    question: null,
  },
  {
    step: 24,
    title: text('External access policy with EnableXmppAccess $true, granted to the users', '外部存取原則設定 EnableXmppAccess $true，並授與使用者'),
    seenFrom: 'either',
    decidedBy: ['xmpp-access-policy-enabled'],
    proof: text('The external access policy that applies to the users has EnableXmppAccess True.', '適用於使用者的外部存取原則已設定 EnableXmppAccess $true。'),
    question: null,
  },
  {
    step: 25,
    title: text('Edge: netstat -ano shows ports 5269 (external) and 23456 (internal) listening or established', 'Edge：netstat -ano 顯示連接埠 5269（外部）與 23456（內部）正在接聽或已建立連線'),
    seenFrom: 'edge',
    decidedBy: ['xmpp-external-port-listening', 'xmpp-internal-port-listening'],
    proof: text('netstat shows both ports listening or established.', 'netstat 顯示兩個連接埠皆正在接聽或已建立連線。'),
    question: null,
  },
]
