/**
 * A normalized "configuration snapshot" of one Edge/Front End, taken from parsed evidence and stored
 * with each session, so two runs on the same host can be compared ("what changed since the last
 * healthy run"). Every section is null when its evidence was not collected: "not collected" must
 * never read as "everything was removed".
 */
import type {
  Collected,
  Evidence,
  NegotiationSetting,
} from '../evidence/evidence-model'

export interface SnapshotCertificate {
  readonly use: string
  readonly thumbprint: string
  readonly subject: string
  /** Subject alternative names, lower case, sorted. */
  readonly names: readonly string[]
  readonly notAfter: string | null
}

export interface SnapshotRoute {
  /** Site identity → XmppFederationRoute (null when unset). */
  readonly sites: readonly { readonly site: string; readonly xmppFederationRoute: string | null }[] | null
  readonly edgePools: readonly {
    readonly identity: string
    readonly accessEdgeExternalFqdn: string | null
    readonly xmppListeningPort: number | null
    readonly xmppInternalPort: number | null
  }[] | null
}

export interface SnapshotPartner {
  readonly domain: string
  readonly additionalDomains: readonly string[]
  readonly partnerType: string | null
  readonly tlsNegotiation: string | null
  readonly saslNegotiation: string | null
  readonly supportDialbackNegotiation: boolean | null
  readonly enableKeepAlive: boolean | null
  readonly proxyFqdn: string | null
}

export interface SnapshotPolicies {
  readonly externalAccess: readonly {
    readonly identity: string
    readonly enableFederationAccess: boolean | null
    readonly enableXmppAccess: boolean | null
    readonly enablePublicCloudAccess: boolean | null
    readonly enableOutsideAccess: boolean | null
  }[] | null
  readonly accessEdge: {
    readonly allowFederatedUsers: boolean | null
    readonly allowOutsideUsers: boolean | null
    readonly enablePartnerDiscovery: boolean | null
    readonly useDnsSrvRouting: boolean | null
  } | null
}

export interface SnapshotService {
  readonly name: string
  readonly displayName: string
  readonly status: string
  readonly startType: string
  readonly processId: number | null
  /**
   * The service process' start time (services.json ProcessStartTime, ISO 8601); null when the evidence
   * has none (older collectors, no process, unreadable). A changed value means the service restarted.
   */
  readonly startedAt: string | null
}

export interface SnapshotSocket {
  readonly protocol: 'TCP' | 'UDP'
  readonly localAddress: string
  readonly localPort: number
  readonly pid: number
}

export interface SnapshotDnsAnswer {
  readonly type: 'SRV' | 'A'
  readonly query: string
  /** "priority weight port target" for SRV, addresses for A; sorted. */
  readonly answers: readonly string[]
  readonly error: string | null
}

export interface SnapshotEvent {
  readonly id: number
  readonly providerName: string
  readonly count: number
  readonly lastSeen: string
}

export interface ConfigSnapshot {
  readonly format: 'xmpp-edge-doctor/config-snapshot'
  readonly version: 1
  readonly host: string | null
  readonly productVersion: string | null
  readonly certificates: readonly SnapshotCertificate[] | null
  readonly route: SnapshotRoute
  readonly partners: readonly SnapshotPartner[] | null
  readonly policies: SnapshotPolicies
  readonly services: readonly SnapshotService[] | null
  readonly listeningSockets: readonly SnapshotSocket[] | null
  readonly dnsAnswers: readonly SnapshotDnsAnswer[] | null
  readonly events: readonly SnapshotEvent[] | null
}

/** Builds the snapshot of one evidence set. Pure; the same evidence always gives the same snapshot. */
export function extractConfigSnapshot(evidence: Evidence): ConfigSnapshot {
  const manifest = valueOf(evidence.manifest)
  return {
    format: 'xmpp-edge-doctor/config-snapshot',
    version: 1,
    host: manifest?.host ?? null,
    productVersion: valueOf(evidence.serverVersion)?.version ?? null,
    certificates: mapCollected(evidence.certificates, (certs) =>
      sortBy(
        certs.map((c) => ({
          use: c.use,
          thumbprint: c.thumbprint.replace(/\s+/g, '').toUpperCase(),
          subject: c.subject,
          names: uniqueSorted(c.alternativeNames.map((n) => n.toLowerCase())),
          notAfter: c.notAfter,
        })),
        (c) => `${c.use}\u0000${c.thumbprint}`,
      ),
    ),
    route: {
      sites: mapCollected(evidence.sites, (sites) =>
        sortBy(sites.map((s) => ({ site: s.identity, xmppFederationRoute: s.xmppFederationRoute || null })), (s) => s.site),
      ),
      edgePools: mapCollected(evidence.edgeServices, (services) =>
        sortBy(
          services.map((e) => ({
            identity: e.identity,
            accessEdgeExternalFqdn: e.accessEdgeExternalFqdn?.toLowerCase() ?? null,
            xmppListeningPort: e.xmppListeningPort,
            xmppInternalPort: e.xmppInternalPort,
          })),
          (e) => e.identity.toLowerCase(),
        ),
      ),
    },
    partners: mapCollected(evidence.xmppPartners, (partners) =>
      sortBy(
        partners.map((p) => ({
          domain: p.domain.toLowerCase(),
          additionalDomains: uniqueSorted(p.additionalDomains.map((d) => d.toLowerCase())),
          partnerType: p.partnerType === null || typeof p.partnerType === 'string' ? p.partnerType : p.partnerType.raw,
          tlsNegotiation: negotiationText(p.tlsNegotiation),
          saslNegotiation: negotiationText(p.saslNegotiation),
          supportDialbackNegotiation: p.supportDialbackNegotiation,
          enableKeepAlive: p.enableKeepAlive,
          proxyFqdn: p.proxyFqdn?.toLowerCase() ?? null,
        })),
        (p) => p.domain,
      ),
    ),
    policies: {
      externalAccess: mapCollected(evidence.externalAccessPolicies, (policies) =>
        sortBy(
          policies.map((p) => ({
            identity: p.identity,
            enableFederationAccess: p.enableFederationAccess,
            enableXmppAccess: p.enableXmppAccess,
            enablePublicCloudAccess: p.enablePublicCloudAccess,
            enableOutsideAccess: p.enableOutsideAccess,
          })),
          (p) => p.identity.toLowerCase(),
        ),
      ),
      accessEdge: mapCollected(evidence.accessEdge, (a) => ({
        allowFederatedUsers: a.allowFederatedUsers,
        allowOutsideUsers: a.allowOutsideUsers,
        enablePartnerDiscovery: a.enablePartnerDiscovery,
        useDnsSrvRouting: a.useDnsSrvRouting,
      })),
    },
    services: mapCollected(evidence.services, (services) =>
      sortBy(
        services.map((s) => ({
          name: s.name,
          displayName: s.displayName,
          status: s.status,
          startType: s.startType,
          processId: s.processId,
          startedAt: s.processStartTime ?? null,
        })),
        (s) => s.name.toLowerCase(),
      ),
    ),
    listeningSockets: mapCollected(evidence.netstat, (entries) =>
      sortBy(
        dedupe(
          entries
            .filter((e) => e.protocol === 'TCP' && e.isListening)
            .map((e) => ({ protocol: e.protocol, localAddress: e.localAddress, localPort: e.localPort, pid: e.pid })),
          socketKey,
        ),
        socketKey,
      ),
    ),
    dnsAnswers: extractDnsAnswers(evidence),
    events: mapCollected(evidence.events, (events) => {
      const byKey = new Map<string, SnapshotEvent>()
      for (const event of events) {
        const key = `${event.id}\u0000${event.providerName}`
        const known = byKey.get(key)
        byKey.set(key, {
          id: event.id,
          providerName: event.providerName,
          count: (known?.count ?? 0) + 1,
          lastSeen: known && known.lastSeen > event.timeCreated ? known.lastSeen : event.timeCreated,
        })
      }
      return sortBy([...byKey.values()], (e) => `${String(e.id).padStart(10, '0')}\u0000${e.providerName}`)
    }),
  }
}

/** Identity of a listening socket across runs: protocol, address and port (the pid may change). */
export function socketKey(socket: Pick<SnapshotSocket, 'protocol' | 'localAddress' | 'localPort'>): string {
  return `${socket.protocol} ${socket.localAddress}:${socket.localPort}`
}

function extractDnsAnswers(evidence: Evidence): readonly SnapshotDnsAnswer[] | null {
  const srv = valueOf(evidence.dnsSrv)
  const a = valueOf(evidence.dnsA)
  if (!srv && !a) return null
  const answers: SnapshotDnsAnswer[] = [
    ...(srv ?? []).map((lookup) => ({
      type: 'SRV' as const,
      query: lookup.query.toLowerCase(),
      answers: uniqueSorted(lookup.records.map((r) => `${r.priority} ${r.weight} ${r.port} ${r.target.toLowerCase()}`)),
      error: lookup.error,
    })),
    ...(a ?? []).map((lookup) => ({
      type: 'A' as const,
      query: lookup.query.toLowerCase(),
      answers: uniqueSorted(lookup.addresses),
      error: lookup.error,
    })),
  ]
  return sortBy(answers, (d) => `${d.type} ${d.query}`)
}

function negotiationText(value: NegotiationSetting | null): string | null {
  if (value === null) return null
  return typeof value === 'string' ? value : value.raw
}

function valueOf<T>(collected: Collected<T>): T | null {
  return collected.state === 'collected' ? collected.value : null
}

function mapCollected<T, U>(collected: Collected<T>, map: (value: T) => U): U | null {
  return collected.state === 'collected' ? map(collected.value) : null
}

function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort()
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>()
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item)
  return [...seen.values()]
}
