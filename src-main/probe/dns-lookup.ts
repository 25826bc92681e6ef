/**
 * DNS for the probe: SRV for _xmpp-server._tcp and _xmpps-server._tcp, then A/AAAA for each target,
 * through the system resolver or a chosen one (--dns-server host[:port]), every query under a timeout.
 * Uses node:dns Resolver (real DNS queries) rather than getaddrinfo, so the answers are what DNS
 * publishes, as a partner would see them, not what a local hosts file says.
 */
import { Resolver } from 'node:dns/promises'
import { isIP } from 'node:net'
import { isServiceRefused } from '../../src-shared/probe/srv-order'
import type {
  DnsFailure,
  ProbeAddressLookup,
  ProbeDnsView,
  ProbeSrvLookup,
  ProbeSrvRecord,
  SrvService,
} from '../../src-shared/probe/probe-types'

/** A resolver address as the user gave it, checked. */
export interface DnsServerAddress {
  readonly host: string
  readonly port: number
  /** The form node:dns expects: "1.2.3.4:53" or "[::1]:53". */
  readonly serverString: string
}

/** Thrown for a --dns-server value that is not an IP address with an optional port. */
export class DnsServerAddressError extends Error {
  override readonly name = 'DnsServerAddressError'
}

/** Parses "1.2.3.4", "1.2.3.4:5353", "::1" or "[::1]:5353". Host names are refused: node:dns needs an address. */
export function parseDnsServerAddress(value: string): DnsServerAddress {
  const input = value.trim()
  let host = input
  let portText: string | null = null
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(input)
  if (bracketed) {
    host = bracketed[1] ?? ''
    portText = bracketed[2] ?? null
  } else if (isIP(input) === 0 && input.lastIndexOf(':') > 0 && input.indexOf(':') === input.lastIndexOf(':')) {
    host = input.slice(0, input.lastIndexOf(':'))
    portText = input.slice(input.lastIndexOf(':') + 1)
  }
  const family = isIP(host)
  if (family === 0) throw new DnsServerAddressError(`"${value}" is not an IP address (optionally with :port)`)
  const port = portText === null ? 53 : Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535 || (portText !== null && !/^\d+$/.test(portText))) {
    throw new DnsServerAddressError(`"${value}" has an invalid port`)
  }
  const serverString = family === 6 ? `[${host}]:${port}` : `${host}:${port}`
  return { host, port, serverString }
}

/** Options for one resolver's view of a domain. */
export interface DnsViewOptions {
  /** Null: the system's configured resolvers. */
  readonly server: DnsServerAddress | null
  readonly timeoutMs: number
  readonly signal: AbortSignal
  /** Extra host names to resolve (SRV targets are added automatically; this is for the fallback host). */
  readonly fallbackHost: string
}

/** Asks one resolver about a domain: both SRV names, then the addresses of every host involved. */
export async function resolveDnsView(domain: string, options: DnsViewOptions): Promise<ProbeDnsView> {
  // c-ares' own timeout is per try; one try keeps it inside ours, and ours cancels it at the deadline.
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 })
  if (options.server) resolver.setServers([options.server.serverString])
  const onAbort = (): void => resolver.cancel()
  options.signal.addEventListener('abort', onAbort, { once: true })
  try {
    const [srv, xmppsSrv] = await Promise.all([
      lookupSrv(resolver, domain, 'xmpp-server', options.timeoutMs),
      lookupSrv(resolver, domain, 'xmpps-server', options.timeoutMs),
    ])
    const allRecords = [...srv.records, ...xmppsSrv.records]
    const fallbackUsed = allRecords.length === 0
    const hosts = fallbackUsed ? [options.fallbackHost] : allRecords.map((record) => record.target)
    const uniqueHosts = [...new Set(hosts)].filter((host) => host !== '.' && host !== '')
    const addresses = await Promise.all(uniqueHosts.map((host) => lookupAddresses(resolver, host, options.timeoutMs)))
    return {
      resolver: options.server ? options.server.serverString : 'system',
      srv,
      xmppsSrv,
      fallbackUsed,
      serviceRefused: isServiceRefused(allRecords),
      addresses,
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort)
    resolver.cancel()
  }
}

/** Queries _<service>._tcp.<domain> SRV. */
export async function lookupSrv(
  resolver: Resolver,
  domain: string,
  service: SrvService,
  timeoutMs: number,
): Promise<ProbeSrvLookup> {
  const query = `_${service}._tcp.${domain}`
  const started = performance.now()
  try {
    const answers = await withTimeout(resolver.resolveSrv(query), timeoutMs, resolver)
    const records: ProbeSrvRecord[] = answers.map((answer) => ({
      service,
      target: normalizeTarget(answer.name),
      port: answer.port,
      priority: answer.priority,
      weight: answer.weight,
    }))
    return { query, records, error: null, ms: elapsed(started) }
  } catch (error) {
    return { query, records: [], error: toDnsFailure(error), ms: elapsed(started) }
  }
}

/** Queries A and AAAA for a host (an IP literal is returned as is). */
export async function lookupAddresses(resolver: Resolver, host: string, timeoutMs: number): Promise<ProbeAddressLookup> {
  const started = performance.now()
  if (isIP(host) !== 0) return addressLiteral(host)
  const [v4, v6] = await Promise.allSettled([
    withTimeout(resolver.resolve4(host), timeoutMs, resolver),
    withTimeout(resolver.resolve6(host), timeoutMs, resolver),
  ])
  const ipv4 = v4.status === 'fulfilled' ? v4.value : []
  const ipv6 = v6.status === 'fulfilled' ? v6.value : []
  let error: DnsFailure | null = null
  if (ipv4.length === 0 && ipv6.length === 0) {
    error = toDnsFailure(v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : new Error('no address records'))
  }
  return { host, ipv4, ipv6, error, ms: elapsed(started) }
}

function addressLiteral(host: string): ProbeAddressLookup {
  const family = isIP(host)
  return { host, ipv4: family === 4 ? [host] : [], ipv6: family === 6 ? [host] : [], error: null, ms: 0 }
}

function normalizeTarget(name: string): string {
  const lower = name.toLowerCase()
  if (lower === '' || lower === '.') return '.'
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

function toDnsFailure(error: unknown): DnsFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EUNKNOWN'
  const message = error instanceof Error ? error.message : String(error)
  return { code, message }
}

class DnsTimeoutError extends Error {
  readonly code = 'ETIMEOUT'
}

/** Our own deadline on top of c-ares': cancels the resolver's queries when it passes. */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number, resolver: Resolver): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resolver.cancel()
      reject(new DnsTimeoutError(`no DNS answer within ${timeoutMs} ms`))
    }, timeoutMs)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started)
}

/** Resolves one host's addresses with its own resolver (for a --connect host given by name). */
export async function resolveHostAddresses(
  host: string,
  server: DnsServerAddress | null,
  timeoutMs: number,
): Promise<ProbeAddressLookup> {
  // An address needs no resolver (creating one reads the system's resolver settings).
  if (isIP(host) !== 0) return addressLiteral(host)
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 })
  if (server) resolver.setServers([server.serverString])
  try {
    return await lookupAddresses(resolver, host, timeoutMs)
  } finally {
    resolver.cancel()
  }
}
