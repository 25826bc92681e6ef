/**
 * Does the site's XMPP federation route point at this Edge pool, and has the Edge's copy of the Central
 * Management store caught up? DOC-SETUP troubleshooting 6–10; DOMAIN-FACTS §3 and failure causes 8 and 14.
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { Evidence, LyncSite } from '../../evidence/evidence-model'
import { text } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { assignXmppRoute, invokeReplication, replicationStatus, testConnection } from '../../commands/fix-commands'
import { edgePoolFqdnOf, edgePoolFqdns, serverRole, skippedForRole, thisEdgePool, unknownBecause, xmppEdgePools } from '../evidence-access'

/** A replica that has not reported for longer than this deserves a look (OPD RDCheckCMSReplicationStatus: 1 hour). */
const REPLICATION_STALE_MS = 60 * 60 * 1000

/** "EdgeServer:edgepool.contoso.com" → "edgepool.contoso.com" (PS/Set-CsSite: the route is an Edge service identity). */
function routeTarget(route: string): string {
  return route.replace(/^EdgeServer:/i, '').trim().toLowerCase()
}

function siteEvidence(site: LyncSite): EvidenceItem {
  return {
    source: 'sites.json',
    text: `Identity=${site.identity}  FederationRoute=${site.federationRoute ?? ''}  XmppFederationRoute=${site.xmppFederationRoute ?? ''}`,
  }
}

/**
 * The Edge pool a route fix should name: this Edge's own pool, else a pool with XMPP federation in the site, else
 * any pool with XMPP federation (with several pools, the first listed may have none).
 */
function routeCandidate(evidence: Evidence, siteIdentity: string | null): string | null {
  const own = serverRole(evidence) === 'Edge' ? thisEdgePool(evidence) : null
  const serving = xmppEdgePools(evidence)
  const site = siteIdentity?.toLowerCase()
  const chosen = own ?? serving.find((e) => site !== undefined && e.siteId?.toLowerCase() === site) ?? serving[0]
  return chosen ? edgePoolFqdnOf(chosen) : null
}

export const xmppFederationRouteAssigned: CheckDefinition<'xmpp-federation-route-assigned'> = {
  id: 'xmpp-federation-route-assigned',
  group: 'topology',
  title: text('XMPP federation route assigned to an Edge pool', 'XMPP 同盟路由已指派給 Edge 集區'),
  explanation: text(
    'In Topology Builder, a site\'s "Site federation route assignment" for XMPP federation names the Edge pool that carries XMPP traffic (Get-CsSite shows it as XmppFederationRoute). Without it the proxy has nothing to serve.',
    '在拓撲產生器中，站台的「站台同盟路由指派」之 XMPP 同盟項目指定承載 XMPP 流量的 Edge 集區（Get-CsSite 顯示為 XmppFederationRoute）。未指派時 Proxy 無事可做。',
  ),
  reads: ['sites.json', 'edge-services.json'],
  source: 'DOC-SETUP troubleshooting 6–10; PS/Set-CsSite',
  evaluate: ({ evidence }) => {
    const role = serverRole(evidence)
    // Get-CsSite needs the Central Management store; on a workgroup Edge it is not expected (DOMAIN-FACTS §2).
    if (evidence.sites.state === 'missing' && role === 'Edge') return skippedForRole(role, 'Front End Server')
    if (evidence.sites.state !== 'collected') return unknownBecause('sites.json', evidence.sites)
    const sites = evidence.sites.value
    const routed = sites.filter((s) => s.xmppFederationRoute && s.xmppFederationRoute.trim() !== '')
    const pools = edgePoolFqdns(evidence)
    const fixCommand = assignXmppRoute(sites[0]?.identity ?? null, routeCandidate(evidence, sites[0]?.identity ?? null) ?? pools[0] ?? null)
    if (routed.length === 0) {
      return {
        status: 'fail',
        summary: text(
          `No site has an XMPP federation route (${sites.length} site(s) checked).`,
          `沒有任何站台設定 XMPP 同盟路由（已檢查 ${sites.length} 個站台）。`,
        ),
        evidence: sites.map(siteEvidence),
        fix: {
          description: text(
            'In Topology Builder, right-click the site → Edit Properties → Site federation route assignment: select "Enable XMPP federation" and the Edge pool, then publish the topology and re-run Setup on the Edge. Or, from the Lync Server Management Shell:',
            '在拓撲產生器中，於站台按右鍵 →「編輯內容」→「站台同盟路由指派」：勾選「啟用 XMPP 同盟」並選擇 Edge 集區，然後發佈拓撲並在 Edge 上重新執行安裝程式。或在 Lync Server 管理命令介面中執行：',
          ),
          ...fixCommands(fixCommand),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    const unknownTargets = pools.length > 0 ? routed.filter((s) => !pools.includes(routeTarget(s.xmppFederationRoute ?? ''))) : []
    if (unknownTargets.length > 0) {
      return {
        status: 'fail',
        summary: text(
          `The XMPP route of ${unknownTargets.map((s) => s.identity).join(', ')} points at ${unknownTargets.map((s) => s.xmppFederationRoute).join(', ')}, which is not an Edge pool of this topology (${pools.join(', ')}).`,
          `${unknownTargets.map((s) => s.identity).join(', ')} 的 XMPP 路由指向 ${unknownTargets.map((s) => s.xmppFederationRoute).join(', ')}，但它不是此拓撲中的 Edge 集區（${pools.join(', ')}）。`,
        ),
        evidence: routed.map(siteEvidence),
        fix: {
          description: text(
            'Point the XMPP federation route at the Edge pool that runs the XMPP proxy, then publish the topology.',
            '將 XMPP 同盟路由指向執行 XMPP Proxy 的 Edge 集區，然後發佈拓撲。',
          ),
          ...fixCommands(fixCommand),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    return {
      status: 'pass',
      summary: text(
        `XMPP federation route: ${routed.map((s) => `${s.identity} → ${s.xmppFederationRoute}`).join('; ')}.`,
        `XMPP 同盟路由：${routed.map((s) => `${s.identity} → ${s.xmppFederationRoute}`).join('；')}。`,
      ),
      evidence: routed.map(siteEvidence),
      fix: null,
    }
  },
}

export const cmsReplicaUpToDate: CheckDefinition<'cms-replica-up-to-date'> = {
  id: 'cms-replica-up-to-date',
  group: 'topology',
  title: text('Edge configuration replica up to date', 'Edge 設定複本為最新'),
  explanation: text(
    'Edge Servers work from a local replica of the Central Management store. Route, partner and policy changes reach the Edge only when replication succeeds (Front End → Edge over HTTPS 4443).',
    'Edge 伺服器使用中央管理存放區的本機複本。路由、夥伴與原則的變更必須複寫成功（前端 → Edge，HTTPS 4443）才會到達 Edge。',
  ),
  reads: ['replication.json'],
  source: 'OPD RDCheckCMSReplicationStatus; DOMAIN-FACTS §5 cause 14',
  evaluate: ({ evidence, now }) => {
    const role = serverRole(evidence)
    if (evidence.replication.state === 'missing' && role === 'Edge') return skippedForRole(role, 'Front End Server')
    if (evidence.replication.state !== 'collected') return unknownBecause('replication.json', evidence.replication)
    const replicas = evidence.replication.value
    const items = replicas.map((r) => ({
      source: 'replication.json',
      text: `ReplicaFqdn=${r.replicaFqdn}  UpToDate=${r.upToDate}  LastStatusReport=${r.lastStatusReport ?? ''}`,
    }))
    const behind = replicas.filter((r) => r.upToDate === false)
    const replicateFix = {
      description: text(
        'Find out why the replica is behind: from the Front End, test HTTPS 4443 to the Edge\'s internal interface; then trigger replication and check again.',
        '找出複本落後的原因：從前端伺服器測試到 Edge 內部介面的 HTTPS 4443；然後觸發複寫並再次檢查。',
      ),
      ...fixCommands(
        testConnection(behind[0]?.replicaFqdn ?? null, 4443),
        invokeReplication(),
        replicationStatus(behind[0]?.replicaFqdn ?? null),
      ),
      runOn: 'front-end' as const,
      changesServer: false,
    }
    if (behind.length > 0) {
      return {
        status: 'fail',
        summary: text(
          `Not up to date: ${behind.map((r) => r.replicaFqdn).join(', ')}.`,
          `尚未更新：${behind.map((r) => r.replicaFqdn).join('、')}。`,
        ),
        evidence: items,
        fix: replicateFix,
      }
    }
    const stale = replicas.filter((r) => {
      const reported = r.lastStatusReport ? Date.parse(r.lastStatusReport) : NaN
      return Number.isFinite(reported) && now.getTime() - reported > REPLICATION_STALE_MS
    })
    if (stale.length > 0) {
      return {
        status: 'warn',
        summary: text(
          `Up to date, but ${stale.map((r) => r.replicaFqdn).join(', ')} last reported more than an hour before collection.`,
          `已是最新，但 ${stale.map((r) => r.replicaFqdn).join('、')} 最後一次回報已超過收集時間前一小時。`,
        ),
        evidence: items,
        fix: replicateFix,
      }
    }
    return {
      status: 'pass',
      summary: text(`All ${replicas.length} replica(s) up to date.`, `全部 ${replicas.length} 個複本皆為最新。`),
      evidence: items,
      fix: null,
    }
  },
}

