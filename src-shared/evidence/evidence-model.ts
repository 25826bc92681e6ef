/**
 * The typed, parsed form of an evidence folder (format "xmpp-edge-doctor/evidence", version 1).
 * Parsers turn raw bytes into these shapes; checks read only these shapes. The folder format itself
 * is documented in docs/evidence-format.md.
 */
import type { Localized } from '../i18n/localized'

/** Every file an evidence folder may hold. A missing file means "not collected", never an error. */
export const EVIDENCE_FILE_NAMES = [
  'manifest.json',
  'server-version.txt',
  'services.json',
  'netstat.txt',
  'tasklist.csv',
  'events.json',
  'sites.json',
  'topology.xml',
  'edge-services.json',
  'access-edge.json',
  'external-access-policies.json',
  'policy-grants.json',
  'xmpp-partners.json',
  'xmpp-gateway.json',
  'certificates.json',
  'root-store.json',
  'replication.json',
  'dns-srv.json',
  'dns-a.json',
] as const
export type EvidenceFileName = (typeof EVIDENCE_FILE_NAMES)[number]

/** Raw evidence as read from a folder, a zip or a live PowerShell session: file name → bytes. */
export type RawEvidenceFiles = ReadonlyMap<EvidenceFileName, Uint8Array>

/**
 * One evidence file after parsing. `missing`: not in the folder (or the collector recorded that the
 * command failed); `unparseable`: present but not in a shape we understand (the error says why).
 */
export type Collected<T> =
  | {
      readonly state: 'collected'
      readonly value: T
      /** Set when a cap shortened something: a long string, a wide list, or whole records (then `cut` says more). */
      readonly truncated?: boolean
      /** Set when a reading cap left records or lines out: checks that read this file must not call it healthy. */
      readonly cut?: ReadCut
    }
  | { readonly state: 'missing'; readonly reason?: string }
  | {
      readonly state: 'unparseable'
      /** English text of the error (file position included where known). */
      readonly error: string
      /** The same error in every language, for display. */
      readonly message?: Localized
    }

/**
 * What a reading cap left out of one file (docs/evidence-format.md, "Caps"). The caps bound the time and memory
 * a hostile or huge file costs; this record keeps the cut visible, so "nothing found" is never read as "healthy".
 */
export interface ReadCut {
  /** What was counted: JSON records, text lines, the file's characters, or the characters of one field (a CSV cell). */
  readonly unit: 'records' | 'lines' | 'characters' | 'cell-characters'
  /** How many were read. */
  readonly read: number
  /** How many the file holds. */
  readonly total: number
  /**
   * 'first': the file's first ones. 'priority': the ones that matter first (events of XMPP providers, newest
   * first; the partners asked about), then the others.
   */
  readonly order: 'first' | 'priority'
  /** With 'priority': every record that matters was read, only others were left out. */
  readonly priorityComplete?: boolean
}

export type ServerRole = 'Edge' | 'FrontEnd' | 'Unknown'

/** What the collector recorded about one command it ran. */
export interface ManifestFileEntry {
  readonly name: string
  readonly command: string
  readonly exitStatus: 'ok' | 'failed' | 'skipped'
  readonly error: string | null
  readonly durationMs: number | null
  /** How the file was collected, when that matters: a fallback and why, a limit reached, the resolvers asked. */
  readonly notes?: readonly string[]
}

export interface EvidenceManifest {
  readonly format: 'xmpp-edge-doctor/evidence'
  readonly version: 1
  readonly host: string
  readonly role: ServerRole
  /** ISO 8601 time the collection started. */
  readonly collectedAt: string
  readonly sipDomains: readonly string[]
  readonly xmppDomains: readonly string[]
  readonly collector: string
  readonly files: readonly ManifestFileEntry[]
  /** This computer's FQDN (host name + primary DNS suffix), when the collector recorded it. */
  readonly fqdn?: string | null
  /** The pool this computer belongs to (its Edge pool on an Edge), from Get-CsComputer or the topology. */
  readonly pool?: string | null
  /** The event log window the collector used, in days. */
  readonly eventDays?: number | null
  /** Collection notes that concern no single file (how the SIP domains and the pool were found). */
  readonly notes?: readonly string[]
}

export type LyncProduct =
  | 'Lync Server 2013'
  | 'Skype for Business Server 2015'
  | 'Skype for Business Server 2019'
  | 'Unknown'

export interface ServerVersion {
  readonly raw: string
  /** "5.0.8308.0" etc. when the text holds a version in parentheses. */
  readonly version: string | null
  readonly product: LyncProduct
}

/** System.ServiceProcess.ServiceControllerStatus names (PS 5.1 serializes them as numbers 1–7). */
export type ServiceStatus =
  | 'Stopped'
  | 'StartPending'
  | 'StopPending'
  | 'Running'
  | 'ContinuePending'
  | 'PausePending'
  | 'Paused'
  | 'Unknown'

export interface WindowsService {
  readonly name: string
  readonly displayName: string
  readonly status: ServiceStatus
  /** ServiceStartMode name (Automatic, Manual, Disabled, …) or the raw value when unknown. */
  readonly startType: string
  /** Process id when the collector recorded it (Win32_Service.ProcessId); null otherwise. */
  readonly processId: number | null
  /**
   * When the service's process started (Get-Process StartTime), ISO 8601. Absent: the evidence has no
   * such column (older collectors); null: collected but unavailable (no process, access denied, unreadable).
   */
  readonly processStartTime?: string | null
}

/** One line of `netstat -ano`, parsed by shape (headers and state words are localized). */
export interface NetstatEntry {
  readonly protocol: 'TCP' | 'UDP'
  readonly localAddress: string
  readonly localPort: number
  readonly remoteAddress: string
  readonly remotePort: number | null
  /** The state word as printed (may be localized); empty for UDP. */
  readonly stateText: string
  /** Derived by shape: a TCP socket whose foreign end is *:0 is listening, whatever the word says. */
  readonly isListening: boolean
  readonly isEstablished: boolean
  readonly pid: number
  /** The line as printed, for evidence. */
  readonly line: string
}

/** One row of `tasklist /svc /fo csv`. */
export interface TasklistEntry {
  readonly imageName: string
  readonly pid: number
  /** Service short names hosted by the process; empty when the column says N/A (localized). */
  readonly services: readonly string[]
}

export interface LyncEvent {
  /** ISO 8601. */
  readonly timeCreated: string
  readonly id: number
  readonly level: number | null
  readonly levelDisplayName: string
  readonly providerName: string
  readonly message: string
}

export interface LyncSite {
  readonly identity: string
  readonly siteId: string | null
  readonly federationRoute: string | null
  readonly xmppFederationRoute: string | null
  /** The site's name ("Redmond" for Site:Redmond), when collected. */
  readonly displayName?: string | null
  /** FQDNs of the site's pools (lower case), when collected: tells each registrar pool's site. */
  readonly pools?: readonly string[]
}

export interface EdgeService {
  readonly identity: string
  readonly poolFqdn: string | null
  readonly siteId: string | null
  readonly accessEdgeExternalFqdn: string | null
  readonly accessEdgeExternalSipPort: number | null
  readonly xmppListeningPort: number | null
  readonly xmppInternalPort: number | null
  /** All properties as collected, for evidence display. */
  readonly properties: Readonly<Record<string, unknown>>
}

export interface AccessEdgeConfiguration {
  readonly identity: string
  readonly allowFederatedUsers: boolean | null
  readonly allowOutsideUsers: boolean | null
  readonly enablePartnerDiscovery: boolean | null
  readonly useDnsSrvRouting: boolean | null
  readonly properties: Readonly<Record<string, unknown>>
}

export interface ExternalAccessPolicy {
  /** "Global", "site:Redmond", "tag:FedPic" (Get-CsExternalAccessPolicy prints Tag:… for per-user policies). */
  readonly identity: string
  readonly enableFederationAccess: boolean | null
  readonly enableXmppAccess: boolean | null
  readonly enablePublicCloudAccess: boolean | null
  readonly enableOutsideAccess: boolean | null
}

/** How many users have a per-user ExternalAccessPolicy granted (null policy = inherit site/global). */
export interface PolicyGrantCount {
  readonly policy: string | null
  readonly userCount: number
  /** The users' RegistrarPool (lower case), when the collector grouped by it; absent in older evidence. */
  readonly registrarPool?: string | null
}

/** Negotiation values as Lync prints them; a number means PS 5.1 serialized the enum and we keep it raw. */
export type NegotiationSetting = 'Required' | 'Optional' | 'NotSupported' | { readonly raw: string }

export interface XmppPartner {
  readonly identity: string
  readonly domain: string
  readonly additionalDomains: readonly string[]
  /** Federated, PublicVerified, PublicUnverified (DOMAIN-FACTS §2); { raw } when PS 5.1 wrote the undocumented enum number. */
  readonly partnerType: string | { readonly raw: string } | null
  readonly tlsNegotiation: NegotiationSetting | null
  readonly saslNegotiation: NegotiationSetting | null
  readonly supportDialbackNegotiation: boolean | null
  readonly enableKeepAlive: boolean | null
  readonly proxyFqdn: string | null
  readonly connectionLimit: number | null
}

export interface XmppGatewayConfiguration {
  readonly properties: Readonly<Record<string, unknown>>
}

export interface LyncCertificate {
  /** AccessEdgeExternal, XMPPServer, … as printed; when PS 5.1 wrote the enum number, that number as text. */
  readonly use: string
  /** True when `use` is an undocumented CertType enum number kept raw (never guessed). */
  readonly useIsRaw?: boolean
  readonly thumbprint: string
  readonly subject: string
  readonly issuer: string
  /** ISO 8601. */
  readonly notBefore: string | null
  /** ISO 8601. */
  readonly notAfter: string | null
  readonly alternativeNames: readonly string[]
}

export interface RootStoreCertificate {
  readonly subject: string
  readonly issuer: string
  readonly thumbprint: string
}

export interface ReplicationStatus {
  readonly replicaFqdn: string
  readonly upToDate: boolean | null
  readonly lastStatusReport: string | null
  readonly lastUpdateCreation: string | null
  readonly productVersion: string | null
}

export interface SrvRecord {
  readonly target: string
  readonly port: number
  readonly priority: number
  readonly weight: number
}

/** The answer to one SRV query (one per domain): records, or the resolver's error text. */
export interface SrvLookup {
  readonly query: string
  readonly records: readonly SrvRecord[]
  readonly error: string | null
  /** The DNS server that answered (this server's own resolver, maybe internal DNS), when recorded. */
  readonly server?: string | null
}

export interface AddressLookup {
  readonly query: string
  readonly addresses: readonly string[]
  readonly error: string | null
  /** The DNS server that answered, when recorded. */
  readonly server?: string | null
}

/** Facts pulled out of `Get-CsTopology -AsXml`: only what could be read with confidence. */
export interface TopologySummary {
  /** Every element or attribute whose name contains "Xmpp", as `path@attr=value` lines, for display. */
  readonly xmppMentions: readonly string[]
  /** Edge pools with their machines' FQDNs (lower case; `Cluster/Machine[@Fqdn]`): which pool a server is in. */
  readonly edgePools: readonly { readonly fqdn: string; readonly siteId: string | null; readonly machines?: readonly string[] }[]
}

/** Everything parsed from one evidence folder. */
export interface Evidence {
  readonly manifest: Collected<EvidenceManifest>
  readonly serverVersion: Collected<ServerVersion>
  readonly services: Collected<readonly WindowsService[]>
  readonly netstat: Collected<readonly NetstatEntry[]>
  readonly tasklist: Collected<readonly TasklistEntry[]>
  readonly events: Collected<readonly LyncEvent[]>
  readonly sites: Collected<readonly LyncSite[]>
  readonly topology: Collected<TopologySummary>
  readonly edgeServices: Collected<readonly EdgeService[]>
  readonly accessEdge: Collected<AccessEdgeConfiguration>
  readonly externalAccessPolicies: Collected<readonly ExternalAccessPolicy[]>
  readonly policyGrants: Collected<readonly PolicyGrantCount[]>
  readonly xmppPartners: Collected<readonly XmppPartner[]>
  readonly xmppGateway: Collected<XmppGatewayConfiguration>
  readonly certificates: Collected<readonly LyncCertificate[]>
  readonly rootStore: Collected<readonly RootStoreCertificate[]>
  readonly replication: Collected<readonly ReplicationStatus[]>
  readonly dnsSrv: Collected<readonly SrvLookup[]>
  readonly dnsA: Collected<readonly AddressLookup[]>
}

/** Which Evidence key each file fills. */
export const EVIDENCE_KEY_BY_FILE: Readonly<Record<Exclude<EvidenceFileName, never>, keyof Evidence>> = {
  'manifest.json': 'manifest',
  'server-version.txt': 'serverVersion',
  'services.json': 'services',
  'netstat.txt': 'netstat',
  'tasklist.csv': 'tasklist',
  'events.json': 'events',
  'sites.json': 'sites',
  'topology.xml': 'topology',
  'edge-services.json': 'edgeServices',
  'access-edge.json': 'accessEdge',
  'external-access-policies.json': 'externalAccessPolicies',
  'policy-grants.json': 'policyGrants',
  'xmpp-partners.json': 'xmppPartners',
  'xmpp-gateway.json': 'xmppGateway',
  'certificates.json': 'certificates',
  'root-store.json': 'rootStore',
  'replication.json': 'replication',
  'dns-srv.json': 'dnsSrv',
  'dns-a.json': 'dnsA',
}
