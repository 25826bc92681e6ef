/**
 * Microsoft's "Setting up XMPP federation in Lync Server 2013" (DOC-SETUP) troubleshooting section and setup
 * steps, as a tree. Order matters: the first failing node on the path is the root cause, so causes come before
 * their symptoms (a stopped proxy service before the ports it would open).
 */
import type { SeedRef, TreeNode, TroubleshootingTree } from './tree-types'
import { text } from '../i18n/localized'
import { commandTexts, fixCommands } from '../commands/command-model'
import { assignXmppRoute, getLyncService, listIpv4Addresses, listSiteRoutes, netstatPort, startLyncService, stopLyncServices } from '../commands/fix-commands'

const setup = (steps: string): SeedRef => ({ doc: 'DOC-SETUP', section: 'setup', steps })
const troubleshooting = (steps: string): SeedRef => ({ doc: 'DOC-SETUP', section: 'troubleshooting', steps })
const probe = (steps: string): SeedRef => ({ doc: 'PROBE', section: 'reference', steps })

const YES = text('Yes', '是')
const NO = text('No', '否')

const nodes: TreeNode[] = [
  // Is the software there and running? (Setting up 2–5; Troubleshooting 1–6)
  { kind: 'check', id: 'components', checkId: 'xmpp-components-installed', seed: setup('2–5'), next: 'proxy-service' },
  { kind: 'check', id: 'proxy-service', checkId: 'xmpp-proxy-service-running', seed: troubleshooting('1–5'), next: 'gateway-service' },
  { kind: 'check', id: 'gateway-service', checkId: 'xmpp-gateway-service-running', seed: troubleshooting('6'), next: 'external-port' },

  // Is the Edge listening? (Setting up 25). When not, Troubleshooting 6–12 walks route → publish → restart → events.
  {
    kind: 'check', id: 'external-port', checkId: 'xmpp-external-port-listening', seed: setup('25'),
    next: 'internal-port', on: { fail: 'ports-route' }, onReason: { 'port-held-by-other-process': 'conclude' },
  },
  {
    kind: 'check', id: 'internal-port', checkId: 'xmpp-internal-port-listening', seed: setup('25'),
    next: 'route', on: { fail: 'ports-route' }, onReason: { 'port-held-by-other-process': 'conclude' },
  },
  {
    kind: 'check', id: 'ports-route', checkId: 'xmpp-federation-route-assigned', seed: troubleshooting('6–9'),
    next: 'q-topology-published', on: { unknown: 'q-route-assigned', skipped: 'q-route-assigned', fail: 'c-assign-route' },
  },
  {
    kind: 'question', id: 'q-route-assigned', seed: troubleshooting('9'),
    question: text(
      'In Topology Builder, does the site\'s "Site federation route assignment" for XMPP federation show this Edge pool?',
      '在拓撲產生器中，站台的「站台同盟路由指派」之 XMPP 同盟是否顯示此 Edge 集區？',
    ),
    help: text(
      'Open Topology Builder, select the site, and look at Site federation route assignment. On a Front End you can also run:',
      '開啟拓撲產生器，選取站台並查看「站台同盟路由指派」。也可以在前端伺服器上執行：',
    ),
    commands: commandTexts([listSiteRoutes()]),
    answers: [
      { id: 'yes', label: YES, next: 'q-topology-published' },
      { id: 'no', label: NO, next: 'c-assign-route' },
    ],
  },
  {
    kind: 'conclusion', id: 'c-assign-route', seed: troubleshooting('9–10'), blames: 'xmpp-federation-route-assigned',
    title: text('The XMPP federation route is not assigned to this Edge pool', 'XMPP 同盟路由未指派給此 Edge 集區'),
    explanation: text(
      'Without the route, the Edge proxy does not serve XMPP: the ports stay closed and partners get no answer.',
      '沒有路由時 Edge Proxy 不會提供 XMPP 服務：連接埠維持關閉，夥伴得不到回應。',
    ),
    fix: {
      description: text(
        'In Topology Builder, right-click the site → Edit Properties → select "XMPP federation" and this Edge pool; publish the topology; re-run Setup (Setup or Remove Lync Server Components) on the Edge.',
        '在拓撲產生器中，於站台按右鍵 →「編輯內容」→ 勾選「XMPP 同盟」並選擇此 Edge 集區；發佈拓撲；在 Edge 上重新執行安裝程式（設定或移除 Lync Server 元件）。',
      ),
      ...fixCommands(assignXmppRoute(null, null)),
      runOn: 'topology-builder',
      changesServer: true,
    },
  },
  {
    kind: 'question', id: 'q-topology-published', seed: troubleshooting('10'),
    question: text(
      'Was the topology published, and Setup run again on the Edge, after XMPP federation and its route were configured?',
      '設定 XMPP 同盟及其路由之後，是否已發佈拓撲，並在 Edge 上再次執行安裝程式？',
    ),
    help: text(
      'Publishing happens in Topology Builder (Action → Publish Topology). Setup on the Edge: Deployment Wizard → Install or Update Lync Server System → Setup or Remove Lync Server Components → Run Again.',
      '在拓撲產生器中發佈（動作 → 發佈拓撲）。Edge 上的安裝：部署精靈 →「安裝或更新 Lync Server 系統」→「設定或移除 Lync Server 元件」→「再次執行」。',
    ),
    commands: [],
    answers: [
      { id: 'yes', label: YES, next: 'q-edge-restarted' },
      { id: 'no', label: NO, next: 'c-publish-topology' },
    ],
  },
  {
    kind: 'conclusion', id: 'c-publish-topology', seed: troubleshooting('10'),
    title: text('The XMPP configuration has not reached the Edge', 'XMPP 設定尚未到達 Edge'),
    explanation: text(
      'Topology changes take effect only after publishing and re-running Setup on the servers involved.',
      '拓撲變更必須發佈並在相關伺服器上重新執行安裝程式後才會生效。',
    ),
    fix: {
      description: text(
        'Publish the topology in Topology Builder, then on the Edge run the Deployment Wizard step "Setup or Remove Lync Server Components" again, and check the ports.',
        '在拓撲產生器中發佈拓撲，接著在 Edge 上再次執行部署精靈的「設定或移除 Lync Server 元件」，然後檢查連接埠。',
      ),
      ...fixCommands(netstatPort(5269), netstatPort(23456)),
      runOn: 'topology-builder',
      changesServer: true,
    },
  },
  {
    kind: 'question', id: 'q-edge-restarted', seed: troubleshooting('10 (tip)'),
    question: text('Have the Edge services been restarted since?', '之後是否已重新啟動 Edge 服務？'),
    help: text(
      'Microsoft notes that, though not usually required, the Edge Servers may need a restart. Restarting the Lync services stops calls through this Edge for a minute.',
      'Microsoft 指出，雖然通常不需要，但 Edge 伺服器可能需要重新啟動。重新啟動 Lync 服務會使經過此 Edge 的通話中斷約一分鐘。',
    ),
    commands: commandTexts([getLyncService()]),
    answers: [
      { id: 'yes', label: YES, next: 'ports-events' },
      { id: 'no', label: NO, next: 'c-restart-edge' },
    ],
  },
  {
    kind: 'conclusion', id: 'c-restart-edge', seed: troubleshooting('10 (tip)'),
    title: text('The Edge services need a restart to pick up the XMPP configuration', 'Edge 服務需要重新啟動以載入 XMPP 設定'),
    explanation: text(
      'The configuration is published but the proxy is not listening yet.',
      '設定已發佈，但 Proxy 尚未開始接聽。',
    ),
    fix: {
      description: text('Restart the Lync services on the Edge, then check the ports again.', '重新啟動 Edge 上的 Lync 服務，然後再次檢查連接埠。'),
      ...fixCommands(stopLyncServices(), startLyncService(), netstatPort(5269)),
      runOn: 'edge',
      changesServer: true,
    },
  },
  {
    kind: 'check', id: 'ports-events', checkId: 'xmpp-event-log-clean', seed: troubleshooting('12'),
    next: 'c-ports-closed', on: { fail: 'c-ports-events', warn: 'c-ports-events' },
  },
  {
    kind: 'conclusion', id: 'c-ports-events', seed: troubleshooting('12'), blames: 'xmpp-event-log-clean',
    title: text('The XMPP component reports errors that keep the ports closed', 'XMPP 元件回報的錯誤使連接埠無法開啟'),
    explanation: text(
      'Configuration, publishing and restarts are done; the event log now holds the cause.',
      '設定、發佈與重新啟動都已完成；原因現在記錄在事件記錄中。',
    ),
    fix: null,
  },
  {
    kind: 'conclusion', id: 'c-ports-closed', seed: troubleshooting('11–12'),
    title: text('The Edge does not listen for XMPP and nothing explains why', 'Edge 未接聽 XMPP，且找不到原因'),
    explanation: text(
      'Services, route, publishing and restart look right and the event log is clean. Check that nothing else binds the ports and that the external and internal IP addresses of the Edge are configured as in the topology.',
      '服務、路由、發佈與重新啟動看起來都正確，事件記錄也沒有錯誤。請確認沒有其他程式繫結這些連接埠，且 Edge 的內外部 IP 位址與拓撲中的設定一致。',
    ),
    fix: {
      description: text('Look at every socket on the ports and at the Edge\'s addresses.', '檢查這些連接埠上的每個通訊端及 Edge 的位址。'),
      ...fixCommands(netstatPort(5269), netstatPort(23456), listIpv4Addresses()),
      runOn: 'edge',
      changesServer: false,
    },
  },

  // Topology and replication (Troubleshooting 6–10).
  { kind: 'check', id: 'route', checkId: 'xmpp-federation-route-assigned', seed: troubleshooting('6–9'), next: 'replica' },
  { kind: 'check', id: 'replica', checkId: 'cms-replica-up-to-date', seed: troubleshooting('10'), next: 'cert-valid' },

  // Certificate (Setting up 6–22).
  { kind: 'check', id: 'cert-valid', checkId: 'edge-certificate-valid', seed: setup('6–22'), next: 'cert-names' },
  { kind: 'check', id: 'cert-names', checkId: 'edge-certificate-names', seed: setup('16–17'), next: 'federation' },

  // Federation and policy (Example configuration step 5; Setting up 24).
  { kind: 'check', id: 'federation', checkId: 'access-edge-federation-enabled', seed: { doc: 'DOC-GTALK', section: 'setup', steps: '5' }, next: 'policy' },
  { kind: 'check', id: 'policy', checkId: 'xmpp-access-policy-enabled', seed: setup('24'), next: 'partner' },

  // Partners (Example configuration step 4; negotiation matrix).
  { kind: 'check', id: 'partner', checkId: 'xmpp-partner-configured', seed: { doc: 'DOC-GTALK', section: 'setup', steps: '4' }, next: 'negotiation' },
  { kind: 'check', id: 'negotiation', checkId: 'xmpp-partner-negotiation-valid', seed: { doc: 'DOC-NEG', section: 'reference', steps: 'matrix' }, next: 'obsolete' },
  { kind: 'check', id: 'obsolete', checkId: 'xmpp-partner-not-obsolete', seed: { doc: 'DOC-GTALK', section: 'reference', steps: '4' }, next: 'srv' },

  // DNS (Setting up 23).
  { kind: 'check', id: 'srv', checkId: 'xmpp-srv-record', seed: setup('23'), next: 'srv-priorities' },
  { kind: 'check', id: 'srv-priorities', checkId: 'xmpp-srv-priorities', seed: setup('23'), next: 'srv-address' },
  { kind: 'check', id: 'srv-address', checkId: 'xmpp-srv-target-address', seed: setup('23'), next: 'root-store' },

  // Host health and the event log (Troubleshooting 12).
  { kind: 'check', id: 'root-store', checkId: 'root-ca-store-healthy', seed: { doc: 'DOC-CERT', section: 'reference', steps: 'MTLS' }, next: 'events' },
  { kind: 'check', id: 'events', checkId: 'xmpp-event-log-clean', seed: troubleshooting('12'), next: 'probe-dns' },

  // What a partner actually sees: the live probe (skipped when no probe ran).
  { kind: 'check', id: 'probe-dns', checkId: 's2s-dns-srv', seed: probe('DNS'), next: 'probe-resolves' },
  { kind: 'check', id: 'probe-resolves', checkId: 's2s-target-resolves', seed: probe('DNS'), next: 'probe-port' },
  { kind: 'check', id: 'probe-port', checkId: 's2s-port-reachable', seed: probe('TCP'), next: 'probe-stream' },
  { kind: 'check', id: 'probe-stream', checkId: 's2s-stream-opens', seed: probe('stream'), next: 'probe-starttls' },
  { kind: 'check', id: 'probe-starttls', checkId: 's2s-starttls-offered', seed: probe('STARTTLS'), next: 'probe-cert-names' },
  { kind: 'check', id: 'probe-cert-names', checkId: 's2s-certificate-names', seed: probe('TLS'), next: 'probe-cert-trusted' },
  { kind: 'check', id: 'probe-cert-trusted', checkId: 's2s-certificate-trusted', seed: probe('TLS'), next: 'probe-cert-expiry' },
  { kind: 'check', id: 'probe-cert-expiry', checkId: 's2s-certificate-not-expiring', seed: probe('TLS'), next: 'probe-auth' },
  { kind: 'check', id: 'probe-auth', checkId: 's2s-auth-available', seed: probe('auth'), next: 'healthy' },

  { kind: 'end', id: 'healthy', seed: setup('25') },
]

export const TROUBLESHOOTING_TREE: TroubleshootingTree = { start: 'components', nodes }
