/**
 * Every message of the port checks (port-checks.ts), in both languages: a translator edits here, and the checks
 * read as logic.
 */
import { text, type Localized } from '../../i18n/localized'

/** What both port checks say about a port (5269 for partners, 23456 for the Front End). */
export const PORT_MESSAGES = {
  notListening: (port: number, purpose: Localized) =>
    text(`Nothing is listening on TCP ${port} (${purpose.en}).`, `TCP ${port}（${purpose['zh-TW']}）上沒有任何程式在接聽。`),
  heldByOther: (port: number, image: string, pid: number, proxyImage: string) =>
    text(
      `TCP ${port} is held by ${image} (PID ${pid}), not by the XMPP proxy (${proxyImage}).`,
      `TCP ${port} 被 ${image}（PID ${pid}）占用，而不是 XMPP Proxy（${proxyImage}）。`,
    ),
  freePortFix: (port: number) =>
    text(
      `Stop or reconfigure the program that holds port ${port}, then restart the XMPP proxy service.`,
      `停止或重新設定占用連接埠 ${port} 的程式，然後重新啟動 XMPP Proxy 服務。`,
    ),
  noEstablished: (port: number) =>
    text(
      `TCP ${port} is listening but has no established connection: the Front End's XMPP gateway is not connected to this Edge.`,
      `TCP ${port} 正在接聽，但沒有已建立的連線：前端伺服器的 XMPP 閘道尚未連線到此 Edge。`,
    ),
  connectGatewayFix: text(
    'On the Front End, check that the XMPP Translating Gateway is running and that the firewall between Front End and Edge allows TCP 23456 (MTLS).',
    '在前端伺服器上確認 XMPP 轉譯閘道正在執行，並確認前端與 Edge 之間的防火牆允許 TCP 23456（MTLS）。',
  ),
  listeningByProxy: (port: number, established: number) =>
    text(
      `TCP ${port} is listening, owned by the XMPP proxy${established > 0 ? `; ${established} established connection(s)` : ''}.`,
      `TCP ${port} 正在接聽，由 XMPP Proxy 擁有${established > 0 ? `；已建立 ${established} 條連線` : ''}。`,
    ),
  listeningOwnerUnverified: (port: number) =>
    text(
      `TCP ${port} is listening (owner not verified: tasklist.csv or the service's process id was not collected).`,
      `TCP ${port} 正在接聽（未能確認擁有者：未收集 tasklist.csv 或服務的處理程序識別碼）。`,
    ),
}

export const EXTERNAL_PORT_MESSAGES = {
  title: text('Port 5269 listening for partners (Edge)', '連接埠 5269 正在接聽夥伴連線（Edge）'),
  explanation: text(
    'XMPP partners connect to the Access Edge on TCP 5269. The XMPP proxy (XmppProxy.exe) must own that socket.',
    'XMPP 夥伴透過 TCP 5269 連線至 Access Edge。該通訊端必須由 XMPP Proxy（XmppProxy.exe）擁有。',
  ),
  purpose: text('external, XMPP partners', '外部，XMPP 夥伴'),
  notListeningFix: text(
    'Make sure the XMPP proxy service is running; if it is, check that the site\'s XMPP federation route points at this Edge pool and that the topology was published (Troubleshooting steps 6–11).',
    '確認 XMPP Proxy 服務正在執行；若已執行，請確認站台的 XMPP 同盟路由指向此 Edge 集區，且拓撲已發佈（疑難排解步驟 6–11）。',
  ),
}

export const INTERNAL_PORT_MESSAGES = {
  title: text('Port 23456 listening for the Front End (Edge)', '連接埠 23456 正在接聽前端連線（Edge）'),
  explanation: text(
    'The Front End\'s XMPP gateway connects to the Edge proxy over MTLS on TCP 23456 (internal interface). Listening and established connections are expected.',
    '前端伺服器的 XMPP 閘道透過 TCP 23456（內部介面）以 MTLS 連線至 Edge Proxy。應看到接聽中與已建立的連線。',
  ),
  purpose: text('internal, Front End ↔ Edge', '內部，前端 ↔ Edge'),
  notListeningFix: text(
    'Make sure the XMPP proxy service is running; if it is, check the XMPP federation route in Topology Builder and publish the topology (Troubleshooting steps 6–11).',
    '確認 XMPP Proxy 服務正在執行；若已執行，請在拓撲產生器中檢查 XMPP 同盟路由並發佈拓撲（疑難排解步驟 6–11）。',
  ),
}
