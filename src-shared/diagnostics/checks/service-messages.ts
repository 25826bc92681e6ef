/**
 * Every message of the service checks (service-checks.ts), in both languages: a translator edits here, and the
 * checks read as logic.
 */
import { text, type Localized } from '../../i18n/localized'
import type { ServerRole, WindowsService } from '../../evidence/evidence-model'

/** Windows service states as words (zh-TW as the Services console shows them: 已停止, 執行中 …). */
const SERVICE_STATE_WORDS: Readonly<Record<WindowsService['status'], Localized>> = {
  Stopped: text('stopped', '已停止'),
  StartPending: text('starting (start pending)', '正在啟動'),
  StopPending: text('stopping (stop pending)', '正在停止'),
  Running: text('running', '執行中'),
  ContinuePending: text('resuming (continue pending)', '正在繼續'),
  PausePending: text('pausing (pause pending)', '正在暫停'),
  Paused: text('paused', '已暫停'),
  Unknown: text('in an unknown state', '狀態不明'),
}

/** What any service check says about one service and how to start it. */
export const SERVICE_MESSAGES = {
  running: (service: WindowsService) => text(`"${service.displayName}" is running.`, `「${service.displayName}」正在執行。`),
  notRunning: (service: WindowsService) => {
    const disabled = service.startType === 'Disabled'
    // The state in words of the sentence's language; the raw value stays in the evidence line.
    const state = SERVICE_STATE_WORDS[service.status] ?? SERVICE_STATE_WORDS.Unknown
    return text(
      `"${service.displayName}" is ${state.en}${disabled ? ' and its startup type is Disabled' : ''}.`,
      `「${service.displayName}」${state['zh-TW']}${disabled ? '，且啟動類型為「已停用」' : ''}。`,
    )
  },
  startFix: (service: WindowsService) =>
    text(
      `Start the "${service.displayName}" service. If it stops again, read the errors of the "Lync Server" event log (Event Viewer → Applications and Services Logs → Lync Server).`,
      `啟動「${service.displayName}」服務。若服務再次停止，請查看「Lync Server」事件記錄的錯誤（事件檢視器 → 應用程式及服務記錄檔 → Lync Server）。`,
    ),
  rerunSetupFix: text(
    'In Topology Builder, enable XMPP federation on the Edge pool and publish the topology; then on the Front End and on the Edge, open the Deployment Wizard: Install or Update Lync Server System → Setup or Remove Lync Server Components → Run Again, and finish the wizard.',
    '在拓撲產生器中為 Edge 集區啟用 XMPP 同盟並發佈拓撲；接著在前端伺服器與 Edge 伺服器上開啟部署精靈：「安裝或更新 Lync Server 系統」→「設定或移除 Lync Server 元件」→「再次執行」，並完成精靈。',
  ),
}

export const COMPONENTS_INSTALLED_MESSAGES = {
  title: text('XMPP components installed', '已安裝 XMPP 元件'),
  explanation: text(
    'The Edge runs the XMPP Translating Gateway Proxy and the Front End the XMPP Translating Gateway. Both appear only after XMPP federation is enabled in the topology and Setup is run again on each server.',
    'Edge 伺服器執行 XMPP 轉譯閘道 Proxy，前端伺服器執行 XMPP 轉譯閘道。兩者要在拓撲中啟用 XMPP 同盟並於各伺服器重新執行安裝程式後才會出現。',
  ),
  installed: (service: WindowsService) => text(`"${service.displayName}" is installed.`, `已安裝「${service.displayName}」。`),
  notInstalled: (role: ServerRole, serviceCount: number) => {
    const expected = role === 'FrontEnd' ? text('XMPP Translating Gateway', 'XMPP 轉譯閘道') : text('XMPP Translating Gateway Proxy', 'XMPP 轉譯閘道 Proxy')
    return text(
      `No "${expected.en}" service among the ${serviceCount} Lync services on this server.`,
      `此伺服器的 ${serviceCount} 個 Lync 服務中沒有「${expected['zh-TW']}」服務。`,
    )
  },
}

export const PROXY_SERVICE_MESSAGES = {
  title: text('XMPP Translating Gateway Proxy running (Edge)', 'XMPP 轉譯閘道 Proxy 正在執行（Edge）'),
  explanation: text(
    'The proxy on the Edge accepts partners on port 5269 and talks to the Front End on port 23456. When it is stopped, nothing XMPP works.',
    'Edge 上的 Proxy 在連接埠 5269 接受夥伴連線，並透過連接埠 23456 與前端伺服器通訊。服務停止時，所有 XMPP 功能都無法運作。',
  ),
  notInstalled: text('The proxy service is not installed, so it cannot run.', 'Proxy 服務未安裝，因此無法執行。'),
}

export const GATEWAY_SERVICE_MESSAGES = {
  title: text('XMPP Translating Gateway running (Front End)', 'XMPP 轉譯閘道正在執行（前端）'),
  explanation: text(
    'The gateway on the Front End translates between SIP and XMPP and connects to the Edge proxy on port 23456.',
    '前端伺服器上的閘道負責 SIP 與 XMPP 之間的轉譯，並透過連接埠 23456 連線至 Edge Proxy。',
  ),
  notInstalled: text('The XMPP gateway service is not installed on this Front End.', '此前端伺服器未安裝 XMPP 閘道服務。'),
}
