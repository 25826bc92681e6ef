/**
 * The path of one message from a Lync user to a Jabber contact, hop by hop (issue "Incident mode"): the user's
 * external access policy, the Front End's XMPP gateway, TCP 23456 to the Edge, the Edge's XMPP proxy, TCP 5269
 * on the Access Edge external interface, our DNS SRV record, our certificate, the partner's configuration on our
 * side, and the partner's server. Each hop is judged from the checks that look at it, so the route shows where
 * the chain breaks. Hops are declared as data; the hop ids are a contract (`--json` "route").
 * Sources for what each hop needs: DOC-SETUP (steps 4–25), DOC-PORTS (5269 external, 23456 internal), DOC-DNS.
 */
import { CROSS_SERVER_RANK, STATUS_SEVERITY } from '../diagnostics/status-order'
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus } from '../diagnostics/check-types'
import type { ServerRole } from '../evidence/evidence-model'
import { text, type Localized } from '../i18n/localized'

/** The hop ids, in the order a message crosses them. */
export const ROUTE_HOP_IDS = [
  'user-policy',
  'frontend-gateway',
  'frontend-to-edge',
  'edge-proxy',
  'external-listener',
  'dns-srv',
  'certificate',
  'partner-allowed',
  'partner-reachable',
] as const
export type RouteHopId = (typeof ROUTE_HOP_IDS)[number]

/** One hop as judged: its status, the checks it was judged from, and why, in both languages. */
export interface RouteHop {
  readonly hop: RouteHopId
  readonly status: CheckStatus
  readonly checks: readonly CheckId[]
  readonly summary: Localized
}

/** Which live probe results a hop reads: those of our own domains, or those of the partners' domains. */
type ProbeSide = 'ours' | 'partners'

/** A check a hop is judged from; `onRole` limits it to evidence collected on that role. */
interface HopCheck {
  readonly id: CheckId
  readonly onRole?: Exclude<ServerRole, 'Unknown'>
}

interface HopDefinition {
  readonly id: RouteHopId
  /** The short label of the one-line route (CLI) and the picture (app, reports). */
  readonly label: Localized
  readonly checks: readonly HopCheck[]
  /** Live probe checks that also judge this hop, and whose domains they are about. */
  readonly probe?: { readonly side: ProbeSide; readonly checks: readonly CheckId[] }
  /** Where the hop's evidence is collected; undefined = either role shows it. */
  readonly seenFrom?: Exclude<ServerRole, 'Unknown'>
}

/** Every live probe check (the s2s-* ids of CHECK_IDS): the partner hop is judged from all of them. */
const ALL_PROBE_CHECKS: readonly CheckId[] = CHECK_IDS.filter((id) => id.startsWith('s2s-'))

/** The route as data: each hop with the checks that judge it. */
export const ROUTE_HOPS: readonly HopDefinition[] = [
  {
    id: 'user-policy',
    label: text('user policy', '使用者原則'),
    checks: [{ id: 'xmpp-access-policy-enabled' }],
  },
  {
    id: 'frontend-gateway',
    label: text('FE gateway', '前端閘道'),
    seenFrom: 'FrontEnd',
    checks: [
      { id: 'xmpp-components-installed', onRole: 'FrontEnd' },
      { id: 'xmpp-gateway-service-running' },
      { id: 'xmpp-event-log-clean', onRole: 'FrontEnd' },
    ],
  },
  {
    id: 'frontend-to-edge',
    label: text('23456', '23456'),
    // The Edge's netstat shows the listener and the Front End's established connections (DOC-PORTS).
    seenFrom: 'Edge',
    checks: [{ id: 'xmpp-internal-port-listening' }],
  },
  {
    id: 'edge-proxy',
    label: text('Edge proxy', 'Edge Proxy'),
    seenFrom: 'Edge',
    checks: [
      { id: 'xmpp-components-installed', onRole: 'Edge' },
      { id: 'xmpp-proxy-service-running' },
      { id: 'xmpp-federation-route-assigned' },
      { id: 'cms-replica-up-to-date' },
      { id: 'xmpp-event-log-clean', onRole: 'Edge' },
    ],
  },
  {
    id: 'external-listener',
    label: text('5269', '5269'),
    seenFrom: 'Edge',
    checks: [{ id: 'xmpp-external-port-listening' }],
    probe: { side: 'ours', checks: ['s2s-port-reachable', 's2s-stream-opens', 's2s-starttls-offered', 's2s-auth-available'] },
  },
  {
    id: 'dns-srv',
    label: text('DNS SRV', 'DNS SRV'),
    checks: [{ id: 'xmpp-srv-record' }, { id: 'xmpp-srv-priorities' }, { id: 'xmpp-srv-target-address' }],
    probe: { side: 'ours', checks: ['s2s-dns-srv', 's2s-target-resolves'] },
  },
  {
    id: 'certificate',
    label: text('certificate', '憑證'),
    // The external edge certificate lives on the Edge; a live probe of our domain also sees it.
    seenFrom: 'Edge',
    checks: [{ id: 'edge-certificate-valid' }, { id: 'edge-certificate-names' }, { id: 'root-ca-store-healthy' }],
    probe: { side: 'ours', checks: ['s2s-certificate-names', 's2s-certificate-trusted', 's2s-certificate-not-expiring'] },
  },
  {
    id: 'partner-allowed',
    label: text('partner allowed', '夥伴已允許'),
    checks: [
      { id: 'access-edge-federation-enabled' },
      { id: 'xmpp-partner-configured' },
      { id: 'xmpp-partner-negotiation-valid' },
      { id: 'xmpp-partner-not-obsolete' },
    ],
  },
  {
    id: 'partner-reachable',
    label: text('partner reachable', '夥伴可連線'),
    checks: [],
    probe: { side: 'partners', checks: ALL_PROBE_CHECKS },
  },
]

/** What the route is built from: each server's checks, and the probe checks judged per side. */
export interface RouteInput {
  /** One entry per server whose evidence was read (one for a single folder; Edge + Front End in incident mode). */
  readonly servers: readonly { readonly role: ServerRole; readonly checks: readonly CheckResult[] }[]
  /** The probe checks judged over our own domains only, and over the partners' domains only (empty without a probe). */
  readonly probeChecks: Readonly<Record<ProbeSide, readonly CheckResult[]>>
}

const SEVERITY = STATUS_SEVERITY
/** Across servers, the one that can see a check decides it (as in merge-check-results.ts). */
const SERVER_RANK = CROSS_SERVER_RANK

/** Judges every hop, in order. */
export function buildRoute(input: RouteInput): RouteHop[] {
  return ROUTE_HOPS.map((hop) => judgeHop(hop, input))
}

/** One check's result for a hop: from the servers of the role it is limited to, the one that can see it. */
function resultFor(check: HopCheck, input: RouteInput): CheckResult[] {
  const seen = input.servers
    .filter((server) => check.onRole === undefined || server.role === check.onRole)
    .flatMap((server) => server.checks.filter((result) => result.id === check.id))
  if (seen.length === 0) return []
  return [seen.reduce((best, next) => (SERVER_RANK[next.status] > SERVER_RANK[best.status] ? next : best))]
}

function judgeHop(hop: HopDefinition, input: RouteInput): RouteHop {
  const roles = input.servers.map((server) => server.role)
  const evidence = hop.checks.flatMap((check) => resultFor(check, input))
  const probed = hop.probe ? input.probeChecks[hop.probe.side].filter((check) => hop.probe?.checks.includes(check.id)) : []
  const applicable = [...evidence, ...probed].filter((check) => check.status !== 'skipped')
  const checks = [...new Set(applicable.map((check) => check.id))]
  if (applicable.length === 0) return { hop: hop.id, status: 'unknown', checks, summary: unseenSummary(hop, roles) }
  const worst = applicable.reduce((a, b) => (SEVERITY[b.status] > SEVERITY[a.status] ? b : a))
  // From the other role a hop can be seen failing (e.g. the route missing in the topology), never proven healthy.
  // A live probe is seen from outside, whatever the role: it can prove the hop healthy.
  if (worst.status === 'pass' && probed.length === 0 && hop.seenFrom !== undefined && !roles.includes(hop.seenFrom)) {
    return { hop: hop.id, status: 'unknown', checks, summary: unseenSummary(hop, roles) }
  }
  if (worst.status === 'pass') {
    return {
      hop: hop.id,
      status: 'pass',
      checks,
      summary: text(`Verified by ${applicable.length} check(s).`, `已由 ${applicable.length} 項檢查驗證。`),
    }
  }
  return { hop: hop.id, status: worst.status, checks, summary: worst.summary }
}

/** Why nothing judged a hop: another role's evidence, or a live probe, would show it. */
function unseenSummary(hop: HopDefinition, roles: readonly ServerRole[]): Localized {
  if (hop.seenFrom === 'FrontEnd' && !roles.includes('FrontEnd')) {
    return text('Seen from the Front End: collect evidence there.', '需從前端伺服器查看：請在前端伺服器收集證據。')
  }
  if (hop.seenFrom === 'Edge' && !roles.includes('Edge')) {
    return text('Seen from the Edge Server: collect evidence there.', '需從 Edge 伺服器查看：請在 Edge 伺服器收集證據。')
  }
  if (hop.probe?.side === 'partners') {
    return text(
      'Only a live probe shows this: run analyze with --probe (it probes every configured partner), or probe <partner domain>.',
      '只有即時探測能顯示此項：請以 --probe 執行 analyze（會探測每個已設定的夥伴），或執行 probe <夥伴網域>。',
    )
  }
  return text('No check could judge this hop from this evidence.', '此證據中沒有檢查能判斷此節點。')
}
