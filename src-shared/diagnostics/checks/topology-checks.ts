/**
 * Does the site's XMPP federation route point at this Edge pool, and has the Edge's copy of the Central
 * Management store caught up? DOC-SETUP troubleshooting 6–10; DOMAIN-FACTS §3 and failure causes 8 and 14.
 */
import type { CheckDefinition, EvidenceItem } from '../check-types'
import type { Evidence, LyncSite } from '../../evidence/evidence-model'
import { fixCommands } from '../../commands/command-model'
import { assignXmppRoute, invokeReplication, replicationStatus, testConnection } from '../../commands/fix-commands'
import { edgePoolFqdnOf, edgePoolFqdns, serverRole, skippedForRole, thisEdgePool, unknownBecause, xmppEdgePools } from '../evidence-access'
import { CMS_REPLICA_MESSAGES as REPLICA, FEDERATION_ROUTE_MESSAGES as ROUTE } from './topology-messages'

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
  title: ROUTE.title,
  explanation: ROUTE.explanation,
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
        summary: ROUTE.noRoute(sites.length),
        evidence: sites.map(siteEvidence),
        fix: {
          description: ROUTE.assignRouteFix,
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
        summary: ROUTE.routeToUnknownPool(unknownTargets, pools),
        evidence: routed.map(siteEvidence),
        fix: {
          description: ROUTE.repointRouteFix,
          ...fixCommands(fixCommand),
          runOn: 'front-end',
          changesServer: true,
        },
      }
    }
    return {
      status: 'pass',
      summary: ROUTE.routed(routed),
      evidence: routed.map(siteEvidence),
      fix: null,
    }
  },
}

export const cmsReplicaUpToDate: CheckDefinition<'cms-replica-up-to-date'> = {
  id: 'cms-replica-up-to-date',
  group: 'topology',
  title: REPLICA.title,
  explanation: REPLICA.explanation,
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
      description: REPLICA.replicateFix,
      ...fixCommands(
        testConnection(behind[0]?.replicaFqdn ?? null, 4443),
        invokeReplication(),
        replicationStatus(behind[0]?.replicaFqdn ?? null),
      ),
      runOn: 'front-end' as const,
      changesServer: false,
    }
    if (behind.length > 0) {
      return { status: 'fail', summary: REPLICA.behind(behind), evidence: items, fix: replicateFix }
    }
    const stale = replicas.filter((r) => {
      const reported = r.lastStatusReport ? Date.parse(r.lastStatusReport) : NaN
      return Number.isFinite(reported) && now.getTime() - reported > REPLICATION_STALE_MS
    })
    if (stale.length > 0) {
      return { status: 'warn', summary: REPLICA.staleReport(stale), evidence: items, fix: replicateFix }
    }
    return { status: 'pass', summary: REPLICA.allUpToDate(replicas.length), evidence: items, fix: null }
  },
}

