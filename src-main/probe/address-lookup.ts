/**
 * A host's A and AAAA queries, asked together (RFC 8305 §3). Connecting may start as soon as one family
 * has answered with addresses and the other has had the resolution delay (50 ms) more; a family that
 * answers later is handed over on its own, so its addresses can be tried after the first ones. A
 * resolver, or a DMZ firewall in front of it, that silently drops one query type therefore costs the
 * probe 50 ms instead of the step timeout, and the unanswered query stays in the report as such.
 */
import type { Resolver } from 'node:dns/promises'
import { isIP } from 'node:net'
import { decideAfterResolutionDelay, startQuery, unaskedQuery, type PendingQuery } from './dns-query'
import type { DnsFailure, ProbeAddressLookup, ProbeAddressQuery, ProbeBound } from '../../src-shared/probe/probe-types'

/** One host's address lookup, started. */
export interface AddressLookup {
  readonly host: string
  /** The addresses to try first: both families' when both answered within the resolution delay (IPv4 first), else the one that did. */
  readonly firstAddresses: Promise<readonly string[]>
  /** The addresses of the family still unanswered when `firstAddresses` resolved, once it answers ([] when it gives none). */
  readonly laterAddresses: Promise<readonly string[]>
  /** Stops waiting: a query still running ends as "no answer within N ms (<why>)", cut by `bound` when a limit stopped it. */
  giveUp(why: string, bound?: ProbeBound): void
  /** The lookup as the report shows it. */
  snapshot(): ProbeAddressLookup
}

/**
 * Asks A and AAAA for `host` (an IP literal is its own answer). With `notAskedBecause` set nothing is
 * sent: both queries end at once with ECANCELLED and that text (the probe had already stopped).
 */
export function startAddressLookup(
  resolver: Resolver,
  host: string,
  timeoutMs: number,
  notAskedBecause: string | null = null,
): AddressLookup {
  if (isIP(host) !== 0) return literalAddressLookup(host)
  // Not asked because the probe had stopped: at its whole-probe limit, the only way it stops with work left.
  const skipped: DnsFailure | null = notAskedBecause === null ? null : { code: 'ECANCELLED', message: notAskedBecause, cutBy: 'total' }
  const ipv4 = skipped ? unaskedQuery<string[]>(skipped) : startQuery(() => resolver.resolve4(host), timeoutMs)
  const ipv6 = skipped ? unaskedQuery<string[]>(skipped) : startQuery(() => resolver.resolve6(host), timeoutMs)
  let resolveFirst: (addresses: readonly string[]) => void = () => undefined
  let resolveLater: (addresses: readonly string[]) => void = () => undefined
  const firstAddresses = new Promise<readonly string[]>((resolve) => (resolveFirst = resolve))
  const laterAddresses = new Promise<readonly string[]>((resolve) => (resolveLater = resolve))
  const families = [ipv4, ipv6]
  decideAfterResolutionDelay(
    families,
    () => families.some((family) => (family.current?.value?.length ?? 0) > 0),
    () => {
      resolveFirst(families.flatMap((family) => family.current?.value ?? []))
      const pending = families.find((family) => family.current === null)
      if (pending) pending.onEnd((end) => resolveLater(end.value ?? []))
      else resolveLater([])
    },
  )
  return {
    host,
    firstAddresses,
    laterAddresses,
    giveUp(why, bound) {
      for (const family of families) family.giveUp(why, bound)
    },
    snapshot: () => snapshotLookup(host, ipv4, ipv6),
  }
}

function snapshotLookup(host: string, ipv4: PendingQuery<string[]>, ipv6: PendingQuery<string[]>): ProbeAddressLookup {
  const v4 = ipv4.current
  const v6 = ipv6.current
  const addresses4 = v4?.value ?? []
  const addresses6 = v6?.value ?? []
  let error: DnsFailure | null = null
  if (addresses4.length === 0 && addresses6.length === 0) {
    error = v4?.error ?? v6?.error ?? { code: 'EUNKNOWN', message: 'no address records' }
  }
  const queries: ProbeAddressQuery[] = [queryReport('A', ipv4), queryReport('AAAA', ipv6)]
  return { host, ipv4: addresses4, ipv6: addresses6, error, ms: Math.max(...queries.map((query) => query.ms)), queries }
}

function queryReport(type: ProbeAddressQuery['type'], query: PendingQuery<string[]>): ProbeAddressQuery {
  const end = query.current
  // Only asked for before the lookup ended (the view gives up on every query before it is shown).
  if (!end) return { type, error: { code: 'ETIMEOUT', message: 'no answer yet' }, ms: 0 }
  return { type, error: end.error, ms: end.ms }
}

/** An IP literal: its own address, nothing asked. */
export function literalAddressLookup(host: string): AddressLookup {
  const family = isIP(host)
  const snapshot: ProbeAddressLookup = { host, ipv4: family === 4 ? [host] : [], ipv6: family === 6 ? [host] : [], error: null, ms: 0 }
  return {
    host,
    firstAddresses: Promise.resolve([host]),
    laterAddresses: Promise.resolve([]),
    giveUp: () => undefined,
    snapshot: () => snapshot,
  }
}
