/**
 * The typed report of a live XMPP server-to-server probe (format "xmpp-edge-doctor/probe", version 1).
 * Pure data, JSON-serializable: the CLI prints it, the app stores it, the renderer shows it and the
 * probe checks (probe-checks.ts) judge it. Times are ISO 8601 strings, durations whole milliseconds.
 */

export const PROBE_REPORT_FORMAT = 'xmpp-edge-doctor/probe'
export const PROBE_REPORT_VERSION = 1

/** The port RFC 6120 §3.2.1 says to use when a domain publishes no SRV record. */
export const XMPP_SERVER_DEFAULT_PORT = 5269

/** The steps of one probe, in the order they run. */
export type ProbeStep =
  | 'dns'
  | 'connect'
  | 'tls-handshake'
  | 'stream-open'
  | 'features'
  | 'starttls'
  | 'stream-restart'
  | 'features-after-tls'
  | 'sasl-external'

/** Why a step stopped. `timeout`: the step's own limit; `total-timeout`: the whole probe's hard bound. */
export type ProbeErrorCode =
  | 'timeout'
  | 'total-timeout'
  | 'refused'
  | 'unreachable'
  | 'reset'
  | 'closed'
  | 'byte-limit'
  | 'xml-invalid'
  | 'xml-restricted'
  | 'not-xmpp'
  | 'stream-error'
  | 'starttls-failure'
  | 'tls-failed'
  | 'dns'
  | 'other'

/** A step that failed, with a machine code and the raw message (not translated: it is evidence). */
export interface ProbeStepError {
  readonly step: ProbeStep
  readonly code: ProbeErrorCode
  /** The underlying error text, e.g. "connect ECONNREFUSED 127.0.0.1:5269". */
  readonly message: string
}

/** Which time limit cut something short: a step's own (--timeout) or the whole probe's (--total-timeout). */
export type ProbeBound = 'step' | 'total'

/**
 * A DNS failure as the resolver reported it. Only ENOTFOUND (NXDOMAIN) and ENODATA (no record of that
 * type) from a resolver that answered say a record is absent; ETIMEOUT, ECANCELLED, ESERVFAIL, EREFUSED
 * and the rest say nothing about the data.
 */
export interface DnsFailure {
  readonly code: string
  readonly message: string
  /** Set when a time limit ended the wait (absent in older reports, and when the probe went on without the answer). */
  readonly cutBy?: ProbeBound
}

/** Which SRV service a record came from: STARTTLS (RFC 6120) or direct TLS (XEP-0368). */
export type SrvService = 'xmpp-server' | 'xmpps-server'

export interface ProbeSrvRecord {
  readonly service: SrvService
  /** Target host as published, lower case, without the trailing dot ("." stays "." = service not offered). */
  readonly target: string
  readonly port: number
  readonly priority: number
  readonly weight: number
}

/** One SRV query and its answer. */
export interface ProbeSrvLookup {
  /** The name asked, e.g. "_xmpp-server._tcp.contoso.com". */
  readonly query: string
  readonly records: readonly ProbeSrvRecord[]
  /**
   * Null when the resolver answered with records. ETIMEOUT: no answer within `ms`, the step timeout or,
   * when the other SRV name had already given targets, until the probe finished without it.
   */
  readonly error: DnsFailure | null
  readonly ms: number
}

/** One A or AAAA query for a host, and how it ended. */
export interface ProbeAddressQuery {
  readonly type: 'A' | 'AAAA'
  /**
   * Null when the resolver answered with addresses. ENODATA / ENOTFOUND: no such record. ETIMEOUT: no
   * answer within `ms`, either the step timeout or, when the probe went on with the other family's
   * addresses (RFC 8305 §3), until the probe finished without it (or reached its time limit); the
   * message says which. ECANCELLED: cancelled by the probe's time limit.
   */
  readonly error: DnsFailure | null
  /** Until the answer, or until the probe stopped waiting for one. */
  readonly ms: number
}

/** A/AAAA answers for one host. A and AAAA are asked together; connecting starts without waiting for a late family. */
export interface ProbeAddressLookup {
  readonly host: string
  readonly ipv4: readonly string[]
  readonly ipv6: readonly string[]
  /** Set when neither A nor AAAA gave an address: the A error (or AAAA's when A had none either). */
  readonly error: DnsFailure | null
  readonly ms: number
  /** Each query and how it ended (absent for an IP literal, where nothing is asked, and in older reports). */
  readonly queries?: readonly ProbeAddressQuery[]
}

/** What one resolver said about a domain. */
export interface ProbeDnsView {
  /** "system" or the resolver asked, as "host:port". */
  readonly resolver: string
  readonly srv: ProbeSrvLookup
  /** XEP-0368 direct-TLS records. */
  readonly xmppsSrv: ProbeSrvLookup
  /** True when no SRV record exists and the probe used <domain>:5269 (RFC 6120 §3.2.1 fallback). */
  readonly fallbackUsed: boolean
  /** True when the SRV answer is the single target "." (RFC 2782: the service is decidedly not offered). */
  readonly serviceRefused: boolean
  readonly addresses: readonly ProbeAddressLookup[]
}

/** How a target is reached: STARTTLS on a plain stream, or TLS from the first byte (XEP-0368). */
export type ProbeTransport = 'starttls' | 'direct-tls'

/** Where a target came from. `override`: the user named host:port explicitly (--connect). */
export type ProbeTargetSource = 'srv' | 'xmpps-srv' | 'fallback' | 'override'

export interface ProbeConnectAttempt {
  readonly address: string
  /** The local address the connection left from, once connected (absent in older reports). */
  readonly localAddress?: string | null
  readonly ok: boolean
  readonly ms: number
  readonly error: ProbeStepError | null
}

/** The attributes of the stream header the server answered with. */
export interface ProbeStreamHeader {
  readonly from: string | null
  readonly to: string | null
  readonly id: string | null
  readonly version: string | null
  /** Namespace of the default xmlns: "jabber:server" for S2S. */
  readonly namespace: string | null
  /** True when the header declared the dialback namespace (xmlns:db='jabber:server:dialback'). */
  readonly declaresDialback: boolean
}

/** What <stream:features> offered. */
export interface ProbeStreamFeatures {
  readonly starttls: boolean
  readonly starttlsRequired: boolean
  /** XEP-0220 <dialback xmlns='urn:xmpp:features:dialback'/>. */
  readonly dialback: boolean
  readonly saslMechanisms: readonly string[]
  /** Every other feature as "{namespace}name", for display. */
  readonly other: readonly string[]
}

/** The identifiers a certificate presents, read from its DER (see certificate-sans.ts). */
export interface PresentedIdentifiers {
  /** subjectAltName dNSName entries. */
  readonly dnsNames: readonly string[]
  /** otherName SRVName (1.3.6.1.5.5.7.8.7), e.g. "_xmpp-server.contoso.com". */
  readonly srvNames: readonly string[]
  /** otherName id-on-xmppAddr (1.3.6.1.5.5.7.8.5). */
  readonly xmppAddrs: readonly string[]
  readonly ipAddresses: readonly string[]
  readonly uris: readonly string[]
  /** Subject CN values (legacy fallback only). */
  readonly commonNames: readonly string[]
}

export interface ProbeCertificate {
  readonly subject: string
  readonly issuer: string
  readonly serialNumber: string
  readonly identifiers: PresentedIdentifiers
  /** ISO 8601. */
  readonly notBefore: string
  /** ISO 8601. */
  readonly notAfter: string
  /** SHA-256, colon-separated upper-case hex (as Node prints it). */
  readonly fingerprint256: string
  /** SHA-1, colon-separated upper-case hex: compare with Get-CsCertificate's Thumbprint (SHA-1 hex). */
  readonly fingerprint1: string
  readonly selfSigned: boolean
}

/** One certificate of the chain as verified (leaf first; includes a trusted root when Node found one), for display. */
export interface ProbeChainEntry {
  readonly subject: string
  readonly issuer: string
  readonly notAfter: string
  readonly fingerprint256: string
}

export interface ProbeTls {
  /** "TLSv1.3" etc. */
  readonly version: string | null
  readonly cipher: string | null
  readonly alpn: string | null
  /** The SNI name sent: the XMPP domain. */
  readonly servername: string
  readonly peerCertificate: ProbeCertificate | null
  readonly chain: readonly ProbeChainEntry[]
  /** True when the chain verified against the trusted CAs (Node's bundled roots plus --ca-file). Names are judged separately. */
  readonly authorized: boolean
  /** OpenSSL's reason when not authorized, e.g. "UNABLE_TO_VERIFY_LEAF_SIGNATURE" or "CERT_HAS_EXPIRED". */
  readonly authorizationError: string | null
  /**
   * True when the chain as built ends in a certificate the probe trusts. OpenSSL reports only one error,
   * and a date error hides an unknown issuer; this tells the two apart.
   */
  readonly chainEndsInTrustedRoot: boolean
  /** Extra CA files that were trusted for this probe. */
  readonly extraCaFiles: readonly string[]
  /** The certificate the probe presented as a client (--client-cert), as sent; absent or null when it presented none. */
  readonly clientCertificate?: ProbeCertificate | null
}

/**
 * SASL EXTERNAL (RFC 6120 §6, XEP-0178) with the client certificate the probe presented: whether the
 * partner accepts our certificate as a server's client identity. `not-offered`: EXTERNAL was not among the
 * mechanisms after TLS (a server offers it only to a peer whose certificate it verified for our domain);
 * `not-attempted`: no 'from' domain to authenticate as, or the probe stopped before the final features.
 */
export interface ProbeSaslExternal {
  readonly outcome: 'success' | 'failure' | 'not-offered' | 'not-attempted'
  /** The RFC 6120 §6.5 condition of a <failure/>, e.g. "not-authorized"; null otherwise. */
  readonly condition: string | null
  /** The <text/> of the failure, when the server gave one. */
  readonly text: string | null
  /** Why it was not attempted, in words (evidence, not translated). */
  readonly detail: string | null
}

/** A <stream:error/> the server sent, by its RFC 6120 §4.9.3 condition name. */
export interface ProbeStreamError {
  readonly condition: string
  readonly text: string | null
  readonly step: ProbeStep
}

/** What <starttls/> got: <proceed/>, <failure/>, or it was not tried. */
export type StarttlsOutcome = 'proceed' | 'failure' | 'not-offered' | 'not-attempted'

export interface ProbeStepTiming {
  readonly step: ProbeStep
  readonly ms: number
}

/** Everything learned about one host:port. Later fields are null when an earlier step failed. */
export interface ProbeTargetReport {
  readonly host: string
  readonly port: number
  readonly transport: ProbeTransport
  readonly source: ProbeTargetSource
  readonly priority: number | null
  readonly weight: number | null
  /**
   * The addresses DNS gave for the host (IPv4 first), including a family that answered after connecting
   * began; `connectAttempts` shows the order they were tried in.
   */
  readonly addresses: readonly string[]
  readonly connectAttempts: readonly ProbeConnectAttempt[]
  /** The address the probe talked to, when a connection succeeded. */
  readonly connectedAddress: string | null
  readonly streamHeader: ProbeStreamHeader | null
  /** Null for direct TLS (there is no plain stream). */
  readonly featuresBeforeTls: ProbeStreamFeatures | null
  readonly starttls: StarttlsOutcome
  readonly tls: ProbeTls | null
  readonly featuresAfterTls: ProbeStreamFeatures | null
  readonly streamError: ProbeStreamError | null
  /** SASL EXTERNAL with our client certificate; absent or null when no client certificate was presented. */
  readonly saslExternal?: ProbeSaslExternal | null
  /** The step the probe of this target stopped at, and why; null when it ran to the end. */
  readonly failure: ProbeStepError | null
  readonly steps: readonly ProbeStepTiming[]
  readonly bytesRead: number
  readonly ms: number
}

/** The limits the probe ran with (recorded so a report says what "timed out" meant). */
export interface ProbeLimits {
  readonly stepTimeoutMs: number
  readonly totalTimeoutMs: number
  readonly maxBytesPerConnection: number
  readonly maxTargets: number
}

/** The probe of one XMPP domain. */
export interface DomainProbeReport {
  readonly format: typeof PROBE_REPORT_FORMAT
  readonly version: typeof PROBE_REPORT_VERSION
  /** The XMPP domain probed (lower case). */
  readonly domain: string
  /** Our domain, sent as the stream's 'from' when given. */
  readonly from: string | null
  /**
   * The local address the probe's sockets were bound to (--source, e.g. the Access Edge external IP, which
   * is where partners see our outbound connections come from); null: the operating system chose (absent in older reports).
   */
  readonly sourceAddress?: string | null
  readonly startedAt: string
  readonly durationMs: number
  readonly limits: ProbeLimits
  /** The first resolver's view: the one the probe connected with. */
  readonly dns: ProbeDnsView
  /** Further resolvers (--dns-server given more than once), for side-by-side comparison. */
  readonly alternateDns: readonly ProbeDnsView[]
  readonly targets: readonly ProbeTargetReport[]
  /** True when the whole-probe hard bound cut the probe short. */
  readonly timedOut: boolean
  /** Problems not tied to one target (e.g. "SRV lists 14 targets, probed the first 8"). */
  readonly notes: readonly string[]
}
