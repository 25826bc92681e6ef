/**
 * Small, shared ways of reading the parsed evidence that several checks need: finding the XMPP services,
 * the role, the ports the topology expects, the access edge FQDN. Each returns facts, never verdicts.
 */
import type {
  Collected,
  EdgeService,
  Evidence,
  ServerRole,
  WindowsService,
  NetstatEntry,
  ReadCut,
  TasklistEntry,
} from '../evidence/evidence-model'
import type { CheckOutcome, EvidenceItem } from './check-types'
import { text, type Localized } from '../i18n/localized'

/** The external XMPP port partners connect to (DOC-PORTS, DOC-SETUP step 23/25). */
export const DEFAULT_XMPP_EXTERNAL_PORT = 5269
/** The internal MTLS port between Front End and Edge (DOC-PORTS, DOC-SETUP step 25). */
export const DEFAULT_XMPP_INTERNAL_PORT = 23456

/**
 * Display names end with these on Lync 2013 ("Lync Server …") and SfB 2015 ("Skype for Business Server …"),
 * so we match the suffix (DOMAIN-FACTS §1, DOC-SETUP). The Edge proxy's short name is not confirmed anywhere,
 * so it is always discovered from the display name, never assumed.
 */
const PROXY_DISPLAY_SUFFIX = /xmpp translating gateway proxy$/i
const GATEWAY_DISPLAY_SUFFIX = /xmpp translating gateway$/i
/** Front End gateway short name [C] DOMAIN-FACTS §1 (public SfB service maps). */
const GATEWAY_SHORT_NAME = 'RTCXMPPTGW'
/** Process image names [C] DOC-AV (antivirus exclusions list). */
export const PROXY_PROCESS_IMAGE = 'XmppProxy.exe'
export const GATEWAY_PROCESS_IMAGE = 'XmppTGW.exe'

/** Access Edge service: present only on Edge Servers [C] DOMAIN-FACTS §1 (Schertz). */
const EDGE_ONLY_SERVICES = ['RTCSRV', 'RTCMEDIARELAY', 'RTCDATAPROXY', 'RTCMRAUTH']

/** The value when collected, else undefined. */
export function valueOf<T>(collected: Collected<T>): T | undefined {
  return collected.state === 'collected' ? collected.value : undefined
}

/** An `unknown` outcome that says which file was missing or unreadable. */
export function unknownBecause(file: string, collected: Collected<unknown>): CheckOutcome {
  const why =
    collected.state === 'unparseable'
      ? text(`${file} could not be read: ${collected.error}`, `無法讀取 ${file}：${collected.error}`)
      : collected.state === 'missing' && collected.reason
        ? text(`${file} was not collected (${collected.reason}).`, `未收集 ${file}（${collected.reason}）。`)
        : text(`${file} was not collected.`, `未收集 ${file}。`)
  return { status: 'unknown', summary: why, evidence: [], fix: null }
}

/** The reading cap's cut of a collected file, if records or lines were left out. */
export function cutOf(collected: Collected<unknown>): ReadCut | undefined {
  return collected.state === 'collected' ? collected.cut : undefined
}

/** True when a cut may have hidden something a check looks for (everything that matters was not read first). */
export function cutMayHide(cut: ReadCut | undefined): cut is ReadCut {
  return cut !== undefined && !(cut.order === 'priority' && cut.priorityComplete === true)
}

const CUT_UNITS: Readonly<Record<ReadCut['unit'], Localized>> = {
  records: text('records', '筆記錄'),
  lines: text('lines', '行'),
  characters: text('characters', '個字元'),
  'cell-characters': text('characters of one field', '個字元（單一欄位）'),
}

/** "events.json: only the first 5000 of 5010 records were read (reading cap)." in both languages. */
export function describeCut(file: string, cut: ReadCut): Localized {
  const unit = CUT_UNITS[cut.unit]
  if (cut.order === 'first') {
    return text(
      `${file}: only the first ${cut.read} of ${cut.total} ${unit.en} were read (reading cap).`,
      `${file}：只讀取了前 ${cut.read} ${unit['zh-TW']}（共 ${cut.total}；讀取上限）。`,
    )
  }
  return text(
    `${file}: only ${cut.read} of ${cut.total} ${unit.en} were read (reading cap; the ones that matter first${cut.priorityComplete ? ', all of them read' : ''}).`,
    `${file}：只讀取了 ${cut.read} ${unit['zh-TW']}（共 ${cut.total}；讀取上限，優先讀取重要的記錄${cut.priorityComplete ? '，且已全部讀取' : ''}）。`,
  )
}

/** A zh-TW phrase to follow a Chinese word: a Latin first letter gets the one space of the house style. */
function spaceBeforeLatin(phrase: string): string {
  return /^[A-Za-z]/.test(phrase) ? ` ${phrase}` : phrase
}

/** A `skipped` outcome: the check does not apply to this server's role. */
export function skippedForRole(role: ServerRole, appliesTo: string): CheckOutcome {
  // Not "does not apply": it matters, it is just seen from the other server (issue: diagnoses in real deployments).
  const there = appliesTo === 'Edge Server' ? text('the Edge Server', 'Edge 伺服器') : text('the Front End', '前端伺服器')
  const from = role === 'Unknown' ? text('a server of unknown role', '角色不明的伺服器') : role === 'FrontEnd' ? text('a Front End Server', '前端伺服器') : text('an Edge Server', 'Edge 伺服器')
  return {
    status: 'skipped',
    summary: text(
      `Seen from ${there.en}: collect evidence there (this evidence is from ${from.en}).`,
      // A space between Chinese and Latin words ("從 Edge"), none between Chinese words ("從前端").
      `需從${spaceBeforeLatin(there['zh-TW'])}查看：請在該處收集證據（此證據來自${spaceBeforeLatin(from['zh-TW'])}）。`,
    ),
    evidence: [],
    fix: null,
  }
}

/** The server's role: the manifest's word, else inferred from which Lync services are installed. */
export function serverRole(evidence: Evidence): ServerRole {
  const manifest = valueOf(evidence.manifest)
  if (manifest && manifest.role !== 'Unknown') return manifest.role
  const services = valueOf(evidence.services)
  if (!services) return 'Unknown'
  if (services.some((s) => EDGE_ONLY_SERVICES.includes(s.name.toUpperCase()) || PROXY_DISPLAY_SUFFIX.test(s.displayName))) {
    return 'Edge'
  }
  if (services.some((s) => isGatewayService(s))) return 'FrontEnd'
  return 'Unknown'
}

/** The Edge's XMPP Translating Gateway Proxy service, discovered by display name. */
export function findProxyService(services: readonly WindowsService[]): WindowsService | undefined {
  return services.find((s) => PROXY_DISPLAY_SUFFIX.test(s.displayName.trim()))
}

function isGatewayService(service: WindowsService): boolean {
  return service.name.toUpperCase() === GATEWAY_SHORT_NAME || GATEWAY_DISPLAY_SUFFIX.test(service.displayName.trim())
}

/** The Front End's XMPP Translating Gateway service. */
export function findGatewayService(services: readonly WindowsService[]): WindowsService | undefined {
  return services.find(isGatewayService)
}

/** One evidence line describing a service as Get-Service would list it. */
export function serviceEvidence(service: WindowsService): EvidenceItem {
  return {
    source: 'services.json',
    text: `Name=${service.name}  DisplayName=${service.displayName}  Status=${service.status}  StartType=${service.startType}${service.processId !== null ? `  ProcessId=${service.processId}` : ''}${service.processStartTime ? `  ProcessStartTime=${service.processStartTime}` : ''}`,
  }
}

/** The XMPP listening port the topology configures for this Edge, or the documented default. */
export function expectedExternalPort(evidence: Evidence): number {
  const edges = valueOf(evidence.edgeServices) ?? []
  // This server's own pool first: another pool may listen elsewhere.
  const own = thisEdgePool(evidence)
  const configured = [own, ...edges].map((e) => e?.xmppListeningPort).find((p): p is number => typeof p === 'number' && p > 0)
  return configured ?? DEFAULT_XMPP_EXTERNAL_PORT
}

/** Access Edge external FQDNs of every Edge pool in the topology (lower case). */
export function accessEdgeFqdns(evidence: Evidence): string[] {
  const edges = valueOf(evidence.edgeServices) ?? []
  return unique(edges.map((e) => e.accessEdgeExternalFqdn?.toLowerCase()).filter((f): f is string => !!f))
}

/** Edge pool FQDNs from Get-CsService -EdgeServer (lower case). */
export function edgePoolFqdns(evidence: Evidence): string[] {
  const edges = valueOf(evidence.edgeServices) ?? []
  return unique(
    edges
      .map((e) => (e.poolFqdn ?? e.identity.replace(/^EdgeServer:/i, '')).toLowerCase())
      .filter((f) => f.length > 0),
  )
}

/** The pool FQDN of one Edge service (lower case): PoolFqdn, else the identity without "EdgeServer:". */
export function edgePoolFqdnOf(service: EdgeService): string {
  return (service.poolFqdn ?? service.identity.replace(/^EdgeServer:/i, '')).toLowerCase()
}

/**
 * The Edge pool whose machines (topology.xml `Cluster/Machine[@Fqdn]`) include this computer: by its FQDN, else
 * (evidence from collectors that did not record the FQDN) by its host name as the machine name's first label.
 */
function topologyPoolOf(evidence: Evidence): string | null {
  const manifest = valueOf(evidence.manifest)
  const pools = valueOf(evidence.topology)?.edgePools ?? []
  const fqdn = manifest?.fqdn?.toLowerCase()
  const host = manifest?.host.toLowerCase()
  const byFqdn = fqdn ? pools.find((p) => p.machines?.includes(fqdn)) : undefined
  if (byFqdn) return byFqdn.fqdn
  const byHost = host ? pools.filter((p) => p.machines?.some((m) => m.split('.')[0] === host)) : []
  // A host name shared by machines of two pools (different domains) tells nothing.
  return byHost.length === 1 ? (byHost[0]?.fqdn ?? null) : null
}

/**
 * The Edge pool this server belongs to: the pool the collector recorded (manifest `pool`), else a pool whose FQDN
 * is this computer's FQDN (a single-server pool), else the pool the topology lists this machine in, else the only
 * Edge pool. Null when several pools exist and nothing says which one is ours: then no pool's names may be
 * demanded of this Edge.
 */
export function thisEdgePool(evidence: Evidence): EdgeService | null {
  const edges = valueOf(evidence.edgeServices) ?? []
  const manifest = valueOf(evidence.manifest)
  for (const own of [manifest?.pool, manifest?.fqdn, topologyPoolOf(evidence)]) {
    const name = own?.toLowerCase().replace(/\.$/, '')
    const match = name ? edges.find((e) => edgePoolFqdnOf(e) === name) : undefined
    if (match) return match
  }
  return edges.length === 1 ? (edges[0] ?? null) : null
}

/**
 * The Edge pools that serve XMPP federation: those a site's XmppFederationRoute names, and those with an XMPP
 * listening port. A pool without XMPP has XmppListeningPort empty (OPD mock RDCheckEdgePoolCount.tests.ps1, an
 * Edge without XMPP). When neither fact was collected, every pool counts (nothing shows one is left out).
 */
export function xmppEdgePools(evidence: Evidence): EdgeService[] {
  const edges = valueOf(evidence.edgeServices) ?? []
  const routed = new Set(
    (valueOf(evidence.sites) ?? [])
      .map((s) => s.xmppFederationRoute?.replace(/^EdgeServer:/i, '').trim().toLowerCase() ?? '')
      .filter((f) => f.length > 0),
  )
  const serving = edges.filter((e) => routed.has(edgePoolFqdnOf(e)) || (typeof e.xmppListeningPort === 'number' && e.xmppListeningPort > 0))
  const anyFact = routed.size > 0 || edges.some((e) => e.xmppListeningPort !== null)
  return anyFact ? serving : [...edges]
}

/**
 * The Access Edge external FQDN a fix should name for this server: its own pool's, else that of the first pool
 * serving XMPP, else the first pool's. Null without edge-services.json.
 */
export function preferredAccessEdgeFqdn(evidence: Evidence): string | null {
  const own = thisEdgePool(evidence)?.accessEdgeExternalFqdn
  if (own) return own.toLowerCase()
  const serving = xmppEdgePools(evidence).map((e) => e.accessEdgeExternalFqdn).find((f): f is string => !!f)
  return serving?.toLowerCase() ?? accessEdgeFqdns(evidence)[0] ?? null
}

/** Access Edge external FQDNs of the pools that serve XMPP (lower case), else of every pool when none is marked. */
export function xmppAccessEdgeFqdns(evidence: Evidence): string[] {
  const serving = xmppEdgePools(evidence)
    .map((e) => e.accessEdgeExternalFqdn?.toLowerCase())
    .filter((f): f is string => !!f)
  return serving.length > 0 ? unique(serving) : accessEdgeFqdns(evidence)
}

/** TCP sockets listening on a port, any local address. */
export function listenersOn(entries: readonly NetstatEntry[], port: number): NetstatEntry[] {
  return entries.filter((e) => e.protocol === 'TCP' && e.localPort === port && e.isListening)
}

/** Established TCP connections with a local port. */
export function establishedOn(entries: readonly NetstatEntry[], port: number): NetstatEntry[] {
  return entries.filter((e) => e.protocol === 'TCP' && e.localPort === port && e.isEstablished)
}

/** The tasklist row of a process id. */
export function processById(tasks: readonly TasklistEntry[] | undefined, pid: number): TasklistEntry | undefined {
  return tasks?.find((t) => t.pid === pid)
}

/** Lower-cased, de-duplicated. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

/**
 * The XMPP domains to judge: the caller's; else the manifest's XMPP domains (-Domain) then SIP domains, plus every
 * SIP domain whose _xmpp-server._tcp record DNS returned. DOC-DNS: the SRV record is repeated "for all internal SIP
 * domains with Lync enabled users where contact with XMPP contacts is allowed", so a SIP domain that publishes one
 * federates over XMPP and needs its SRV and certificate verdicts; one that publishes none is a SIP-only domain.
 */
export function domainsUnderTest(evidence: Evidence, requested: readonly string[]): string[] {
  if (requested.length > 0) return unique(requested.map((d) => d.toLowerCase()))
  const manifest = valueOf(evidence.manifest)
  if (!manifest) return []
  const fromManifest = manifest.xmppDomains.length > 0 ? manifest.xmppDomains : manifest.sipDomains
  return unique([...fromManifest.map((d) => d.toLowerCase()), ...sipDomainsPublishingXmpp(evidence)])
}

/** The manifest's SIP domains (lower case) whose _xmpp-server._tcp lookup in dns-srv.json returned a record. */
function sipDomainsPublishingXmpp(evidence: Evidence): string[] {
  const sipDomains = valueOf(evidence.manifest)?.sipDomains ?? []
  const lookups = valueOf(evidence.dnsSrv) ?? []
  const published = new Set(
    lookups.filter((l) => l.records.length > 0).map((l) => l.query.toLowerCase().replace(/\.$/, '')),
  )
  return sipDomains.map((d) => d.toLowerCase()).filter((d) => published.has(`_xmpp-server._tcp.${d}`))
}

/**
 * SIP domains that are not judged as XMPP domains: not given with -Domain (or --domain) and without a published
 * _xmpp-server._tcp record. Empty when the manifest names no XMPP domain (then every SIP domain is judged).
 */
export function sipOnlyDomains(evidence: Evidence, requested: readonly string[]): string[] {
  const judged = new Set([...domainsUnderTest(evidence, requested), ...sipDomainsPublishingXmpp(evidence)])
  return unique((valueOf(evidence.manifest)?.sipDomains ?? []).map((d) => d.toLowerCase())).filter((d) => !judged.has(d))
}

/** Does a certificate name (possibly a left-most-label wildcard) cover a host name? RFC 6125 §6.4.3. */
export function certificateNameCovers(certName: string, host: string): boolean {
  const name = certName.trim().toLowerCase().replace(/\.$/, '')
  const target = host.trim().toLowerCase().replace(/\.$/, '')
  if (name === target) return true
  if (!name.startsWith('*.')) return false
  const suffix = name.slice(1) // ".contoso.com"
  if (!target.endsWith(suffix)) return false
  const label = target.slice(0, target.length - suffix.length)
  return label.length > 0 && !label.includes('.')
}
