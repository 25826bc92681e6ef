/**
 * Every message of the topology checks (topology-checks.ts), in both languages: a translator edits here, and the
 * checks read as logic.
 */
import { text } from '../../i18n/localized'
import type { LyncSite, ReplicationStatus } from '../../evidence/evidence-model'

export const FEDERATION_ROUTE_MESSAGES = {
  title: text('XMPP federation route assigned to an Edge pool', 'XMPP 同盟路由已指派給 Edge 集區'),
  explanation: text(
    'In Topology Builder, a site\'s "Site federation route assignment" for XMPP federation names the Edge pool that carries XMPP traffic (Get-CsSite shows it as XmppFederationRoute). Without it the proxy has nothing to serve.',
    '在拓撲產生器中，站台的「站台同盟路由指派」之 XMPP 同盟項目指定承載 XMPP 流量的 Edge 集區（Get-CsSite 顯示為 XmppFederationRoute）。未指派時 Proxy 無事可做。',
  ),
  noRoute: (sitesChecked: number) =>
    text(`No site has an XMPP federation route (${sitesChecked} site(s) checked).`, `沒有任何站台設定 XMPP 同盟路由（已檢查 ${sitesChecked} 個站台）。`),
  assignRouteFix: text(
    'In Topology Builder, right-click the site → Edit Properties → Site federation route assignment: select "Enable XMPP federation" and the Edge pool, then publish the topology and re-run Setup on the Edge. Or, from the Lync Server Management Shell:',
    '在拓撲產生器中，於站台按右鍵 →「編輯內容」→「站台同盟路由指派」：勾選「啟用 XMPP 同盟」並選擇 Edge 集區，然後發佈拓撲並在 Edge 上重新執行安裝程式。或在 Lync Server 管理命令介面中執行：',
  ),
  routeToUnknownPool: (sites: readonly LyncSite[], pools: readonly string[]) =>
    text(
      `The XMPP route of ${sites.map((s) => s.identity).join(', ')} points at ${sites.map((s) => s.xmppFederationRoute).join(', ')}, which is not an Edge pool of this topology (${pools.join(', ')}).`,
      `${sites.map((s) => s.identity).join('、')} 的 XMPP 路由指向 ${sites.map((s) => s.xmppFederationRoute).join('、')}，但它不是此拓撲中的 Edge 集區（${pools.join('、')}）。`,
    ),
  repointRouteFix: text(
    'Point the XMPP federation route at the Edge pool that runs the XMPP proxy, then publish the topology.',
    '將 XMPP 同盟路由指向執行 XMPP Proxy 的 Edge 集區，然後發佈拓撲。',
  ),
  routed: (sites: readonly LyncSite[]) =>
    text(
      `XMPP federation route: ${sites.map((s) => `${s.identity} → ${s.xmppFederationRoute}`).join('; ')}.`,
      `XMPP 同盟路由：${sites.map((s) => `${s.identity} → ${s.xmppFederationRoute}`).join('；')}。`,
    ),
}

export const CMS_REPLICA_MESSAGES = {
  title: text('Edge configuration replica up to date', 'Edge 設定複本為最新'),
  explanation: text(
    'Edge Servers work from a local replica of the Central Management store. Route, partner and policy changes reach the Edge only when replication succeeds (Front End → Edge over HTTPS 4443).',
    'Edge 伺服器使用中央管理存放區的本機複本。路由、夥伴與原則的變更必須複寫成功（前端 → Edge，HTTPS 4443）才會到達 Edge。',
  ),
  replicateFix: text(
    'Find out why the replica is behind: from the Front End, test HTTPS 4443 to the Edge\'s internal interface; then trigger replication and check again.',
    '找出複本落後的原因：從前端伺服器測試到 Edge 內部介面的 HTTPS 4443；然後觸發複寫並再次檢查。',
  ),
  behind: (replicas: readonly ReplicationStatus[]) =>
    text(`Not up to date: ${replicas.map((r) => r.replicaFqdn).join(', ')}.`, `尚未更新：${replicas.map((r) => r.replicaFqdn).join('、')}。`),
  staleReport: (replicas: readonly ReplicationStatus[]) =>
    text(
      `Up to date, but ${replicas.map((r) => r.replicaFqdn).join(', ')} last reported more than an hour before collection.`,
      `已是最新，但 ${replicas.map((r) => r.replicaFqdn).join('、')} 最後一次回報已超過收集時間前一小時。`,
    ),
  allUpToDate: (count: number) => text(`All ${count} replica(s) up to date.`, `全部 ${count} 個複本皆為最新。`),
}
