/**
 * DNS for the probe: SRV for _xmpp-server._tcp and _xmpps-server._tcp, then A/AAAA for each target,
 * through the system resolver or a chosen one (--dns-server host[:port]), every query under a timeout.
 * Uses node:dns Resolver (real DNS queries) rather than getaddrinfo, so the answers are what DNS
 * publishes, as a partner would see them, not what a local hosts file says.
 *
 * Nothing waits for a query it can do without (RFC 8305 §3): the two SRV names are asked together and
 * each one's targets are looked up as soon as it answers; targets are planned once one SRV name has
 * given targets and the other has had the resolution delay to answer; a late SRV answer adds its targets
 * while the probe still runs. Whatever is still unanswered when the probe finishes is reported as such.
 */
import { Resolver } from 'node:dns/promises'
import { isIP } from 'node:net'
import { literalAddressLookup, startAddressLookup, type AddressLookup } from './address-lookup'
import { decideAfterResolutionDelay, startQuery, type PendingQuery } from './dns-query'
import { isServiceRefused } from '../../src-shared/probe/srv-order'
import type { ProbeBound, ProbeDnsView, ProbeSrvLookup, ProbeSrvRecord, SrvService } from '../../src-shared/probe/probe-types'

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
  /** The whole probe's bound: aborting it cancels every query of the view. */
  readonly signal: AbortSignal
  /** The host to resolve when neither SRV name has a record (RFC 6120 §3.2.1 fallback): the domain. */
  readonly fallbackHost: string
  /** The local address queries leave from (--source), null for the system's choice. */
  readonly sourceAddress?: string | null
}

/** What the targets are planned from. */
export interface SrvPhase {
  /** The records of the SRV names that had answered (both, unless one was left behind after the resolution delay). */
  readonly records: readonly ProbeSrvRecord[]
  /** Neither SRV name has a record: connect to the fallback host. */
  readonly fallbackUsed: boolean
  /** The only target is "." (RFC 2782: the service is decidedly not offered). */
  readonly serviceRefused: boolean
}

/** One resolver's view of a domain, being asked. */
export interface DnsViewSession {
  /** Resolves once one SRV name has usable records and the other has had the resolution delay, or both have ended. */
  readonly firstSrv: Promise<SrvPhase>
  /** The usable records of the SRV name left behind by `firstSrv`, once it answers ([] when none, or none left behind). */
  readonly laterSrv: Promise<readonly ProbeSrvRecord[]>
  /** The A/AAAA lookup of a host, started as soon as an SRV answer named it (or now). */
  addressLookup(host: string): AddressLookup
  /** Resolves when both SRV names have ended and every host has its first addresses: all a view shown beside another needs. */
  answered(): Promise<void>
  /** Gives up on every query still running ("<why>", cut by `bound` when a limit stopped the probe), cancels the resolver and returns the view as seen. Idempotent. */
  finish(why: string, bound?: ProbeBound): ProbeDnsView
}

/** Starts asking one resolver about a domain: both SRV names now, the addresses of each target as its SRV answer arrives. */
export function startDnsView(domain: string, options: DnsViewOptions): DnsViewSession {
  const resolver = createResolver(options.server, options.timeoutMs, options.sourceAddress ?? null)
  const cancel = (): void => resolver.cancel()
  options.signal.addEventListener('abort', cancel, { once: true })
  const lookups = new Map<string, AddressLookup>()
  let finishedView: ProbeDnsView | null = null
  const addressLookup = (host: string): AddressLookup => {
    let lookup = lookups.get(host)
    if (!lookup) {
      // After the probe stopped nothing new is sent: the lookup is reported as not asked.
      const stopped = finishedView !== null || options.signal.aborted ? 'not asked: the probe had already stopped' : null
      lookup = startAddressLookup(resolver, host, options.timeoutMs, stopped)
      lookups.set(host, lookup)
    }
    return lookup
  }
  const srv = startSrvQuery(resolver, domain, 'xmpp-server', options.timeoutMs)
  const xmppsSrv = startSrvQuery(resolver, domain, 'xmpps-server', options.timeoutMs)
  for (const query of [srv, xmppsSrv]) {
    query.pending.onEnd((end) => {
      for (const host of usableTargets(end.value ?? [])) addressLookup(host)
    })
  }
  const phases = startSrvPhases([srv.pending, xmppsSrv.pending], options.signal, () => addressLookup(options.fallbackHost))
  const snapshot = (): ProbeDnsView => {
    const srvLookup = srv.snapshot()
    const xmppsLookup = xmppsSrv.snapshot()
    const allRecords = [...srvLookup.records, ...xmppsLookup.records]
    const fallbackUsed = phases.current()?.fallbackUsed ?? false
    // Reported in SRV order (as before the lookups ran side by side), whatever order they answered in.
    const hosts = [...new Set([...usableTargets(allRecords), ...(fallbackUsed ? [options.fallbackHost] : []), ...lookups.keys()])]
    return {
      resolver: options.server ? options.server.serverString : 'system',
      srv: srvLookup,
      xmppsSrv: xmppsLookup,
      fallbackUsed,
      serviceRefused: isServiceRefused(allRecords),
      addresses: hosts.flatMap((host) => lookups.get(host)?.snapshot() ?? []),
    }
  }
  return {
    firstSrv: phases.firstSrv,
    laterSrv: phases.laterSrv,
    addressLookup,
    answered: async () => {
      await Promise.all([srv.pending.ended, xmppsSrv.pending.ended])
      await Promise.all([...lookups.values()].map((lookup) => lookup.firstAddresses))
    },
    finish(why, bound) {
      if (finishedView) return finishedView
      srv.pending.giveUp(why, bound)
      xmppsSrv.pending.giveUp(why, bound)
      for (const lookup of lookups.values()) lookup.giveUp(why, bound)
      finishedView = snapshot()
      options.signal.removeEventListener('abort', cancel)
      resolver.cancel()
      return finishedView
    },
  }
}

/**
 * Decides, the RFC 8305 §3 way, when the two SRV answers are enough to plan targets, and hands over the
 * records of a name that answers after that. `onFallback` runs when neither name has a record.
 */
function startSrvPhases(
  queries: readonly PendingQuery<ProbeSrvRecord[]>[],
  signal: AbortSignal,
  onFallback: () => void,
): { firstSrv: Promise<SrvPhase>; laterSrv: Promise<readonly ProbeSrvRecord[]>; current: () => SrvPhase | null } {
  let phase: SrvPhase | null = null
  let resolveFirst: (phase: SrvPhase) => void = () => undefined
  let resolveLater: (records: readonly ProbeSrvRecord[]) => void = () => undefined
  const firstSrv = new Promise<SrvPhase>((resolve) => (resolveFirst = resolve))
  const laterSrv = new Promise<readonly ProbeSrvRecord[]>((resolve) => (resolveLater = resolve))
  decideAfterResolutionDelay(
    queries,
    () => queries.some((query) => usableRecords(query.current?.value ?? []).length > 0),
    () => {
      const records = queries.flatMap((query) => query.current?.value ?? [])
      const left = queries.find((query) => query.current === null)
      // SRV queries the hard bound cancelled did not say "no record": nothing falls back.
      const fallbackUsed = !left && records.length === 0 && !signal.aborted
      const decided: SrvPhase = { records, fallbackUsed, serviceRefused: isServiceRefused(records) }
      phase = decided
      if (fallbackUsed) onFallback()
      if (left) left.onEnd((end) => resolveLater(usableRecords(end.value ?? [])))
      else resolveLater([])
      resolveFirst(decided)
    },
  )
  return { firstSrv, laterSrv, current: () => phase }
}

/** An SRV query in flight and the report of it. */
interface SrvQuery {
  readonly pending: PendingQuery<ProbeSrvRecord[]>
  snapshot(): ProbeSrvLookup
}

/** Asks _<service>._tcp.<domain> SRV. */
function startSrvQuery(resolver: Resolver, domain: string, service: SrvService, timeoutMs: number): SrvQuery {
  const query = `_${service}._tcp.${domain}`
  const pending = startQuery(async () => {
    const answers = await resolver.resolveSrv(query)
    return answers.map((answer) => ({
      service,
      target: normalizeTarget(answer.name),
      port: answer.port,
      priority: answer.priority,
      weight: answer.weight,
    }))
  }, timeoutMs)
  return {
    pending,
    snapshot: () => {
      const end = pending.current
      if (!end) return { query, records: [], error: { code: 'ETIMEOUT', message: 'no answer yet' }, ms: 0 }
      return { query, records: end.value ?? [], error: end.error, ms: end.ms }
    },
  }
}

function usableRecords(records: readonly ProbeSrvRecord[]): ProbeSrvRecord[] {
  return records.filter((record) => record.target !== '.' && record.target !== '')
}

function usableTargets(records: readonly ProbeSrvRecord[]): string[] {
  return [...new Set(usableRecords(records).map((record) => record.target))]
}

function normalizeTarget(name: string): string {
  const lower = name.toLowerCase()
  if (lower === '' || lower === '.') return '.'
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

/** c-ares' own timeout is per try; one try keeps it inside ours. Queries leave from `source` when given. */
function createResolver(server: DnsServerAddress | null, timeoutMs: number, source: string | null): Resolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 })
  if (server) resolver.setServers([server.serverString])
  if (source) {
    if (isIP(source) === 4) resolver.setLocalAddress(source)
    else resolver.setLocalAddress('0.0.0.0', source)
  }
  return resolver
}

/** A host's address lookup with a resolver of its own (for a --connect host given by name). */
export interface HostLookup {
  readonly lookup: AddressLookup
  /** Gives up on what is still unanswered (cut by `bound` when a limit stopped the probe) and cancels the resolver. */
  close(bound?: ProbeBound): void
}

/** Starts resolving one host's addresses with its own resolver, cancelled with the probe. */
export function startHostLookup(
  host: string,
  server: DnsServerAddress | null,
  timeoutMs: number,
  signal: AbortSignal,
  sourceAddress: string | null = null,
): HostLookup {
  // An address needs no resolver (creating one reads the system's resolver settings).
  if (isIP(host) !== 0) return { lookup: literalAddressLookup(host), close: () => undefined }
  const resolver = createResolver(server, timeoutMs, sourceAddress)
  const cancel = (): void => resolver.cancel()
  signal.addEventListener('abort', cancel, { once: true })
  const lookup = startAddressLookup(resolver, host, timeoutMs, signal.aborted ? 'not asked: the probe had already stopped' : null)
  return {
    lookup,
    close: (bound) => {
      lookup.giveUp(bound === 'total' ? 'the probe reached its time limit' : 'the probe had finished without it', bound)
      signal.removeEventListener('abort', cancel)
      resolver.cancel()
    },
  }
}
