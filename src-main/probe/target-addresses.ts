/**
 * A target's addresses as RFC 8305 §3 hands them over: those to try first, and those of a DNS family
 * that answered after connecting began, tried once the first ones have all failed.
 */
import { isIPv4 } from 'node:net'
import { abortFailure } from './socket-waits'
import type { DnsFailure } from '../../src-shared/probe/probe-types'

/** The addresses a target probe connects to. */
export interface TargetAddresses {
  /** Empty only when no address will come at all. */
  readonly first: readonly string[]
  /** Resolves with the late family's addresses, [] when it gives none; never rejects. */
  readonly later: Promise<readonly string[]>
  /** Why DNS gave no address, when `first` is empty (absent in tests that hand addresses over directly). */
  readonly dnsError?: DnsFailure | null
}

/** The late family's addresses, or a total-timeout failure if the probe's bound passes first. */
export function waitForLateAddresses(later: Promise<readonly string[]>, signal: AbortSignal): Promise<readonly string[]> {
  if (signal.aborted) return Promise.reject(abortFailure('connect', signal))
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(abortFailure('connect', signal))
    signal.addEventListener('abort', onAbort, { once: true })
    void later.then((addresses) => {
      signal.removeEventListener('abort', onAbort)
      resolve(addresses)
    })
  })
}

/** IPv4 first, each family in the order DNS gave it (how the report lists a target's addresses). */
export function ipv4First(addresses: readonly string[]): string[] {
  return [...addresses.filter((address) => isIPv4(address)), ...addresses.filter((address) => !isIPv4(address))]
}
