/**
 * Probes one XMPP domain from outside: DNS (SRV, XEP-0368 SRV, A/AAAA, optionally against several
 * resolvers), then every target in parallel. A target is probed as soon as its addresses are known; a
 * DNS answer that is late (or never comes) does not hold it back (RFC 8305 §3, see dns-lookup.ts). The
 * whole probe has a hard bound; when it passes, every socket and DNS query is cancelled and the report
 * says what was seen until then.
 */
import { readFileSync, statSync } from 'node:fs'
import { createSocket } from 'node:dgram'
import { isIP } from 'node:net'
import { parseDnsServerAddress, startDnsView, startHostLookup, type DnsServerAddress, type DnsViewSession, type HostLookup } from './dns-lookup'
import { clientSecureContext, loadClientCertificate, type ClientCertificateSource, type LoadedClientCertificate } from './client-certificate'
import { probeLookedUpTarget, probeSrvTargets } from './probe-srv-targets'
import type { TargetProbeSettings } from './probe-target'
import { loadProbeTrust, type ProbeTrust } from './probe-trust'
import type { PlannedTarget } from '../../src-shared/probe/srv-order'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import { text } from '../../src-shared/i18n/localized'
import {
  PROBE_REPORT_FORMAT,
  PROBE_REPORT_VERSION,
  XMPP_SERVER_DEFAULT_PORT,
  type DomainProbeReport,
  type ProbeDnsView,
  type ProbeLimits,
  type ProbeTargetReport,
} from '../../src-shared/probe/probe-types'

/** How to probe. Every field has a default. */
export interface ProbeOptions {
  /** Our domain, sent as the stream's 'from' (RFC 6120 §4.7.1 SHOULD). */
  readonly from?: string | null
  /** Resolvers as "ip[:port]"; the first one's answers are used to connect, the others are shown beside it. */
  readonly dnsServers?: readonly string[]
  /** Limit for each step (one DNS query, connect, one answer, TLS handshake). Default 5 s. */
  readonly stepTimeoutMs?: number
  /** Hard bound for the whole domain. Default 20 s. */
  readonly totalTimeoutMs?: number
  /** At most this many bytes are read per connection. Default 256 KiB (stream headers and features are < 4 KiB). */
  readonly maxBytesPerConnection?: number
  /** At most this many SRV targets are probed. Default 8. */
  readonly maxTargets?: number
  /** PEM files with extra CA certificates to trust besides Node's bundled roots. */
  readonly caFiles?: readonly string[]
  /** Port for the no-SRV fallback. Default 5269 (RFC 6120 §3.2.1); tests point it at their server. */
  readonly fallbackPort?: number
  /** Probe this host:port instead of the SRV targets (a specific Edge node, a server behind a load balancer). */
  readonly connect?: { readonly host: string; readonly port: number; readonly transport?: 'starttls' | 'direct-tls' }
  /**
   * Bind every socket (TCP, TLS, DNS) to this local address: on an Edge, the Access Edge external IP, where
   * partners see our outbound connections come from. Must be an address of this machine.
   */
  readonly sourceAddress?: string | null
  /** A certificate to present as a TLS client, so SASL EXTERNAL shows whether the partner accepts it (needs `from`). */
  readonly clientCertificate?: ClientCertificateSource | null
}

export { ProbeOptionsError } from './probe-options-error'
import { ProbeOptionsError } from './probe-options-error'

/** Options checked and loaded once, shared by every domain of a multi-domain probe. */
export interface PreparedProbeOptions {
  readonly from: string | null
  readonly dnsServers: readonly (DnsServerAddress | null)[]
  readonly limits: ProbeLimits
  readonly trust: ProbeTrust
  readonly caFiles: readonly string[]
  readonly fallbackPort: number
  readonly connect: ProbeOptions['connect'] | null
  readonly sourceAddress: string | null
  /** The client certificate presented (its context is the trust's), or null. */
  readonly clientCertificate: LoadedClientCertificate | null
}

export const DEFAULT_STEP_TIMEOUT_MS = 5_000
export const DEFAULT_TOTAL_TIMEOUT_MS = 20_000
export const DEFAULT_MAX_BYTES = 256 * 1024
export const DEFAULT_MAX_TARGETS = 8

/** Validates options and reads the CA files; throws {@link ProbeOptionsError} with a clear message. */
export async function prepareProbeOptions(options: ProbeOptions = {}): Promise<PreparedProbeOptions> {
  const from = options.from ? checkedDomain(options.from, 'from') : null
  const dnsServers = (options.dnsServers ?? []).length === 0 ? [null] : (options.dnsServers ?? []).map(checkedResolver)
  const stepTimeoutMs = positive(options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, 'step timeout')
  const totalTimeoutMs = positive(options.totalTimeoutMs ?? Math.max(DEFAULT_TOTAL_TIMEOUT_MS, stepTimeoutMs * 4), 'total timeout')
  const caFiles = [...(options.caFiles ?? [])]
  const extraCa = caFiles.map(readCaFile)
  const clientCertificate = options.clientCertificate ? loadClientCertificate(options.clientCertificate) : null
  const trust = loadProbeTrust(extraCa)
  return {
    from,
    dnsServers,
    limits: {
      stepTimeoutMs,
      totalTimeoutMs,
      maxBytesPerConnection: positive(options.maxBytesPerConnection ?? DEFAULT_MAX_BYTES, 'byte limit'),
      maxTargets: positive(options.maxTargets ?? DEFAULT_MAX_TARGETS, 'target limit'),
    },
    // With a client certificate the connections need a context that presents it, besides verifying like the trust.
    trust: clientCertificate ? { ...trust, secureContext: clientSecureContext(extraCa, clientCertificate) } : trust,
    clientCertificate,
    caFiles,
    fallbackPort: port(options.fallbackPort ?? XMPP_SERVER_DEFAULT_PORT),
    connect: options.connect ? { ...options.connect, port: port(options.connect.port) } : null,
    sourceAddress: options.sourceAddress ? await checkedSourceAddress(options.sourceAddress) : null,
  }
}

/** An IP address this machine holds: binding a UDP socket to it succeeds (EADDRNOTAVAIL otherwise), before any traffic. */
async function checkedSourceAddress(value: string): Promise<string> {
  const family = isIP(value)
  const shown = JSON.stringify(value.slice(0, 80))
  if (family === 0) {
    throw new ProbeOptionsError(
      text(`--source: ${shown} is not an IP address (e.g. 203.0.113.10).`, `--source：${shown} 不是 IP 位址（例如 203.0.113.10）。`),
    )
  }
  const socket = createSocket(family === 4 ? 'udp4' : 'udp6')
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind({ address: value, port: 0, exclusive: true }, () => resolve())
    })
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ProbeOptionsError(
      text(
        `--source: ${value} is not an address of this machine (${why}); on an Edge Server, give the Access Edge external IP.`,
        `--source：${value} 不是本機的位址（${why}）；在 Edge 伺服器上請指定 Access Edge 的外部 IP。`,
      ),
    )
  } finally {
    socket.close()
  }
  return value
}

/** Probes one domain. Throws {@link ProbeOptionsError} only for bad input; network trouble is in the report. */
export async function probeDomain(domain: string, options: ProbeOptions = {}): Promise<DomainProbeReport> {
  return probeDomainPrepared(checkedDomain(domain, 'domain'), await prepareProbeOptions(options))
}

/** What a probe has seen so far, filled in place so that a probe cut short still reports it. */
interface ProbeState {
  /** One per resolver, the first one's answers are used to connect. */
  sessions: DnsViewSession[]
  /** The --connect host's own address lookup (a name, not an address), shown in the first view. */
  hostLookup: HostLookup | null
  targets: ProbeTargetReport[]
  notes: string[]
}

/** Probes one (already validated, lower-case) domain with prepared options. Always resolves within the hard bound. */
export async function probeDomainPrepared(domain: string, prepared: PreparedProbeOptions): Promise<DomainProbeReport> {
  const startedAt = new Date()
  const began = performance.now()
  const controller = new AbortController()
  const { totalTimeoutMs } = prepared.limits
  const hardStop = setTimeout(
    () => controller.abort(new Error(`the whole probe of ${domain} reached its ${totalTimeoutMs} ms limit`)),
    totalTimeoutMs,
  )
  const state: ProbeState = { sessions: [], hostLookup: null, targets: [], notes: [] }
  let timedOut: boolean
  let views: ProbeDnsView[]
  try {
    // The probe honours the signal everywhere; this race only guards against a bug leaving something pending.
    await Promise.race([runProbe(domain, prepared, controller.signal, state), safetyNet(totalTimeoutMs + 1_000, state)])
  } finally {
    timedOut = controller.signal.aborted
    clearTimeout(hardStop)
    // Before the final abort, so a query the probe went on without is reported as unanswered, not as cancelled.
    const why = timedOut ? `the probe reached its ${totalTimeoutMs} ms limit` : 'the probe had finished without it'
    const bound = timedOut ? 'total' : undefined
    views = state.sessions.map((session) => session.finish(why, bound))
    state.hostLookup?.close(bound)
    controller.abort(new Error('probe finished'))
  }
  const [dns, ...alternateDns] = withHostLookup(views, state.hostLookup)
  return {
    format: PROBE_REPORT_FORMAT,
    version: PROBE_REPORT_VERSION,
    domain,
    from: prepared.from,
    sourceAddress: prepared.sourceAddress,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - began),
    limits: prepared.limits,
    dns: dns ?? emptyDnsView(domain, prepared.dnsServers[0] ?? null),
    alternateDns,
    // Sparse only if the safety net fired while targets were still running.
    targets: state.targets.filter((target) => target !== undefined),
    timedOut,
    notes: state.notes,
  }
}

async function runProbe(domain: string, prepared: PreparedProbeOptions, signal: AbortSignal, state: ProbeState): Promise<void> {
  const { stepTimeoutMs } = prepared.limits
  state.sessions = prepared.dnsServers.map((server) =>
    startDnsView(domain, { server, timeoutMs: stepTimeoutMs, signal, fallbackHost: domain, sourceAddress: prepared.sourceAddress }),
  )
  const [primary, ...alternates] = state.sessions
  if (!primary) return
  // Views shown beside the one used to connect: their SRV answers are awaited (each query has its own
  // timeout), but, as everywhere, not an address family that has not answered within the resolution delay.
  const beside = Promise.all(alternates.map((session) => session.answered()))
  if (prepared.connect) {
    // The user named where to connect: the DNS answers are reported, but the connection need not wait for them.
    const { host, port, transport } = prepared.connect
    const target: PlannedTarget = { host, port, transport: transport ?? 'starttls', source: 'override', priority: null, weight: null }
    const hostLookup = startHostLookup(host, prepared.dnsServers[0] ?? null, stepTimeoutMs, signal, prepared.sourceAddress)
    // Closed when the probe ends, so that a query the bound cut is reported as such.
    state.hostLookup = hostLookup
    await Promise.all([primary.answered(), beside, probeLookedUpTarget(target, 0, hostLookup.lookup, targetSettings(domain, prepared, signal), state)])
    return
  }
  const { fallbackPort, limits } = prepared
  const options = { fallbackPort, maxTargets: limits.maxTargets, settings: targetSettings(domain, prepared, signal) }
  await Promise.all([beside, probeSrvTargets(primary, options, state)])
}

function targetSettings(domain: string, prepared: PreparedProbeOptions, signal: AbortSignal): TargetProbeSettings {
  return {
    domain,
    from: prepared.from,
    stepTimeoutMs: prepared.limits.stepTimeoutMs,
    maxBytes: prepared.limits.maxBytesPerConnection,
    trust: prepared.trust,
    extraCaFiles: prepared.caFiles,
    signal,
    sourceAddress: prepared.sourceAddress,
    presentsClientCertificate: prepared.clientCertificate !== null,
  }
}

/** The first view with the --connect host's lookup added (unless the view looked that host up itself). */
function withHostLookup(views: readonly ProbeDnsView[], hostLookup: HostLookup | null): ProbeDnsView[] {
  const [first, ...rest] = views
  if (!first || !hostLookup || isIP(hostLookup.lookup.host) !== 0) return [...views]
  if (first.addresses.some((lookup) => lookup.host === hostLookup.lookup.host)) return [...views]
  return [{ ...first, addresses: [...first.addresses, hostLookup.lookup.snapshot()] }, ...rest]
}

function safetyNet(ms: number, state: { notes: string[] }): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      state.notes.push(`the probe did not stop at its bound; returned after ${ms} ms with what it had`)
      resolve()
    }, ms).unref()
  })
}

function emptyDnsView(domain: string, server: DnsServerAddress | null): ProbeDnsView {
  const cut = { code: 'ETIMEOUT', message: 'not answered before the probe stopped' }
  return {
    resolver: server ? server.serverString : 'system',
    srv: { query: `_xmpp-server._tcp.${domain}`, records: [], error: cut, ms: 0 },
    xmppsSrv: { query: `_xmpps-server._tcp.${domain}`, records: [], error: cut, ms: 0 },
    fallbackUsed: false,
    serviceRefused: false,
    addresses: [],
  }
}

/** Validates a domain (strict DNS name rules) and returns it lower-cased. */
export function checkedDomain(value: string, what: string): string {
  const result = validateDomainName(value)
  if (!result.ok) throw new ProbeOptionsError(text(`${what}: ${result.error.en}`, `${what}：${result.error['zh-TW']}`))
  return result.value
}

function checkedResolver(value: string): DnsServerAddress {
  try {
    return parseDnsServerAddress(value)
  } catch {
    const shown = JSON.stringify(value.slice(0, 80))
    throw new ProbeOptionsError(
      text(
        `--dns-server: ${shown} is not an IP address with an optional port (e.g. 8.8.8.8 or 10.0.0.1:53).`,
        `--dns-server：${shown} 不是 IP 位址（可加連接埠，例如 8.8.8.8 或 10.0.0.1:53）。`,
      ),
    )
  }
}

/** A CA bundle with every public root is ~250 KB; anything far larger is not a CA file. */
const MAX_CA_FILE_BYTES = 8 * 1024 * 1024

/**
 * Read synchronously: a few KB once per run, where the async read cost four thread-pool round trips
 * (~0.5 ms on a busy machine) before the first packet. Only a regular file of bounded size is read,
 * so a FIFO or a device cannot block or flood the process.
 */
function readCaFile(path: string): string {
  let content: string
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new Error('not a regular file')
    if (stat.size > MAX_CA_FILE_BYTES) throw new Error(`larger than ${MAX_CA_FILE_BYTES / 1024 / 1024} MiB`)
    content = readFileSync(path, 'utf8')
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ProbeOptionsError(text(`CA file ${path} cannot be read: ${why}`, `無法讀取 CA 檔案 ${path}：${why}`))
  }
  if (!content.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ProbeOptionsError(
      text(`CA file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`, `CA 檔案 ${path} 中沒有 PEM 憑證（-----BEGIN CERTIFICATE-----）。`),
    )
  }
  return content
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ProbeOptionsError(text(`${what} must be a positive number, got ${value}.`, `${what} 必須是正數，目前為 ${value}。`))
  }
  return Math.round(value)
}

function port(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ProbeOptionsError(text(`A port must be 1–65535, got ${value}.`, `連接埠必須介於 1 到 65535，目前為 ${value}。`))
  }
  return value
}
