/**
 * Is the Edge listening on 5269 (partners) and 23456 (Front End), and is it the XMPP proxy that owns the socket?
 * DOC-SETUP step 25 and troubleshooting 6/11: `netstat -ano | findstr 5269` / `findstr 23456`.
 */
import type { CheckContext, CheckDefinition, CheckOutcome, EvidenceItem } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import type { Evidence, NetstatEntry } from '../../evidence/evidence-model'
import { text, type Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { getLyncService, getProcess, netstatPort, testConnection } from '../../commands/fix-commands'
import {
  DEFAULT_XMPP_INTERNAL_PORT,
  PROXY_PROCESS_IMAGE,
  establishedOn,
  expectedExternalPort,
  findProxyService,
  listenersOn,
  processById,
  serverRole,
  skippedForRole,
  unknownBecause,
  valueOf,
} from '../evidence-access'

type Ownership = { kind: 'proxy'; how: string } | { kind: 'other'; image: string } | { kind: 'unverified' }

/** Who owns a listening socket: by tasklist image/services, else by the service's recorded process id. */
function ownerOf(entry: NetstatEntry, evidence: Evidence): Ownership {
  const services = valueOf(evidence.services) ?? []
  const proxy = findProxyService(services)
  const task = processById(valueOf(evidence.tasklist), entry.pid)
  if (task) {
    const isProxyImage = task.imageName.toLowerCase() === PROXY_PROCESS_IMAGE.toLowerCase()
    const hostsProxy = proxy !== undefined && task.services.some((s) => s.toLowerCase() === proxy.name.toLowerCase())
    if (isProxyImage || hostsProxy) return { kind: 'proxy', how: `tasklist: ${task.imageName} (PID ${task.pid})` }
    return { kind: 'other', image: task.imageName }
  }
  if (proxy?.processId !== null && proxy?.processId === entry.pid) {
    return { kind: 'proxy', how: `services.json: ${proxy.name} ProcessId=${proxy.processId}` }
  }
  return { kind: 'unverified' }
}

function netstatLines(entries: readonly NetstatEntry[]): EvidenceItem[] {
  return entries.slice(0, 12).map((e) => ({ source: 'netstat.txt', text: e.line.trim() }))
}

/** The codes both port checks produce (the same for 5269 and 23456). */
type PortReason = FindingReasonOf<'xmpp-external-port-listening' | 'xmpp-internal-port-listening'>

function portNotListening(port: number, purpose: Localized, fixText: Localized): CheckOutcome<PortReason> {
  return {
    status: 'fail',
    reason: 'port-not-listening',
    summary: text(
      `Nothing is listening on TCP ${port} (${purpose.en}).`,
      `TCP ${port}（${purpose['zh-TW']}）上沒有任何程式在接聽。`,
    ),
    evidence: [],
    fix: {
      description: fixText,
      ...fixCommands(netstatPort(port), getLyncService()),
      runOn: 'edge',
      changesServer: false,
    },
  }
}

function evaluatePort(
  context: CheckContext,
  port: number,
  purpose: Localized,
  notListeningFix: Localized,
  wantEstablished: boolean,
): CheckOutcome<PortReason> {
  const { evidence } = context
  const role = serverRole(evidence)
  if (role === 'FrontEnd') return skippedForRole(role, 'Edge Server')
  if (evidence.netstat.state !== 'collected') return unknownBecause('netstat.txt', evidence.netstat)
  const listeners = listenersOn(evidence.netstat.value, port)
  const established = establishedOn(evidence.netstat.value, port)
  if (listeners.length === 0) return portNotListening(port, purpose, notListeningFix)

  const owners = listeners.map((l) => ({ entry: l, owner: ownerOf(l, evidence) }))
  const foreign = owners.find((o) => o.owner.kind === 'other')
  const evidenceItems = [...netstatLines(listeners), ...netstatLines(established)]
  for (const { owner } of owners) {
    if (owner.kind === 'proxy') evidenceItems.push({ source: 'tasklist.csv', text: owner.how })
    if (owner.kind === 'other') evidenceItems.push({ source: 'tasklist.csv', text: `PID owner: ${owner.image}` })
  }
  if (foreign && foreign.owner.kind === 'other') {
    return {
      status: 'fail',
      summary: text(
        `TCP ${port} is held by ${foreign.owner.image} (PID ${foreign.entry.pid}), not by the XMPP proxy (${PROXY_PROCESS_IMAGE}).`,
        `TCP ${port} 被 ${foreign.owner.image}（PID ${foreign.entry.pid}）占用，而不是 XMPP Proxy（${PROXY_PROCESS_IMAGE}）。`,
      ),
      evidence: evidenceItems,
      reason: 'port-held-by-other-process',
      fix: {
        description: text(
          `Stop or reconfigure the program that holds port ${port}, then restart the XMPP proxy service.`,
          `停止或重新設定占用連接埠 ${port} 的程式，然後重新啟動 XMPP Proxy 服務。`,
        ),
        ...fixCommands(getProcess(foreign.entry.pid), netstatPort(port)),
        runOn: 'edge',
        changesServer: false,
      },
    }
  }
  const verified = owners.every((o) => o.owner.kind === 'proxy')
  if (wantEstablished && established.length === 0) {
    return {
      status: 'warn',
      summary: text(
        `TCP ${port} is listening but has no established connection: the Front End's XMPP gateway is not connected to this Edge.`,
        `TCP ${port} 正在接聽，但沒有已建立的連線：前端伺服器的 XMPP 閘道尚未連線到此 Edge。`,
      ),
      evidence: evidenceItems,
      fix: {
        description: text(
          'On the Front End, check that the XMPP Translating Gateway is running and that the firewall between Front End and Edge allows TCP 23456 (MTLS).',
          '在前端伺服器上確認 XMPP 轉譯閘道正在執行，並確認前端與 Edge 之間的防火牆允許 TCP 23456（MTLS）。',
        ),
        ...fixCommands(getLyncService('RTCXMPPTGW'), testConnection(null, port, '<Edge internal FQDN>')),
        runOn: 'front-end',
        changesServer: false,
      },
    }
  }
  return {
    status: 'pass',
    summary: verified
      ? text(
          `TCP ${port} is listening, owned by the XMPP proxy${established.length > 0 ? `; ${established.length} established connection(s)` : ''}.`,
          `TCP ${port} 正在接聽，由 XMPP Proxy 擁有${established.length > 0 ? `；已建立 ${established.length} 條連線` : ''}。`,
        )
      : text(
          `TCP ${port} is listening (owner not verified: tasklist.csv or the service's process id was not collected).`,
          `TCP ${port} 正在接聽（未能確認擁有者：未收集 tasklist.csv 或服務的處理程序識別碼）。`,
        ),
    evidence: evidenceItems,
    fix: null,
  }
}

export const xmppExternalPortListening: CheckDefinition<'xmpp-external-port-listening'> = {
  id: 'xmpp-external-port-listening',
  group: 'ports',
  title: text('Port 5269 listening for partners (Edge)', '連接埠 5269 正在接聽夥伴連線（Edge）'),
  explanation: text(
    'XMPP partners connect to the Access Edge on TCP 5269. The XMPP proxy (XmppProxy.exe) must own that socket.',
    'XMPP 夥伴透過 TCP 5269 連線至 Access Edge。該通訊端必須由 XMPP Proxy（XmppProxy.exe）擁有。',
  ),
  reads: ['netstat.txt', 'tasklist.csv', 'services.json', 'edge-services.json'],
  source: 'DOC-SETUP step 25; DOC-PORTS; DOC-AV (XmppProxy.exe)',
  evaluate: (context) =>
    evaluatePort(
      context,
      expectedExternalPort(context.evidence),
      text('external, XMPP partners', '外部，XMPP 夥伴'),
      text(
        'Make sure the XMPP proxy service is running; if it is, check that the site\'s XMPP federation route points at this Edge pool and that the topology was published (Troubleshooting steps 6–11).',
        '確認 XMPP Proxy 服務正在執行；若已執行，請確認站台的 XMPP 同盟路由指向此 Edge 集區，且拓撲已發佈（疑難排解步驟 6–11）。',
      ),
      false,
    ),
}

export const xmppInternalPortListening: CheckDefinition<'xmpp-internal-port-listening'> = {
  id: 'xmpp-internal-port-listening',
  group: 'ports',
  title: text('Port 23456 listening for the Front End (Edge)', '連接埠 23456 正在接聽前端連線（Edge）'),
  explanation: text(
    'The Front End\'s XMPP gateway connects to the Edge proxy over MTLS on TCP 23456 (internal interface). Listening and established connections are expected.',
    '前端伺服器的 XMPP 閘道透過 TCP 23456（內部介面）以 MTLS 連線至 Edge Proxy。應看到接聽中與已建立的連線。',
  ),
  reads: ['netstat.txt', 'tasklist.csv', 'services.json'],
  source: 'DOC-SETUP step 25; DOC-PORTS',
  evaluate: (context) =>
    evaluatePort(
      context,
      DEFAULT_XMPP_INTERNAL_PORT,
      text('internal, Front End ↔ Edge', '內部，前端 ↔ Edge'),
      text(
        'Make sure the XMPP proxy service is running; if it is, check the XMPP federation route in Topology Builder and publish the topology (Troubleshooting steps 6–11).',
        '確認 XMPP Proxy 服務正在執行；若已執行，請在拓撲產生器中檢查 XMPP 同盟路由並發佈拓撲（疑難排解步驟 6–11）。',
      ),
      true,
    ),
}
