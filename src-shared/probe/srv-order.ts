/**
 * Turns SRV answers into the list of host:port targets to probe. RFC 2782 picks among equal
 * priorities at random by weight; a probe visits every target anyway, so the order here is
 * deterministic (priority ascending, weight descending, direct TLS first on a tie as XEP-0368 §3
 * suggests, then by name) and only decides what is shown first and what is dropped past the limit.
 */
import type { ProbeSrvRecord, ProbeTargetSource, ProbeTransport } from './probe-types'

/** A host:port the probe will connect to, before anything is known about it. */
export interface PlannedTarget {
  readonly host: string
  readonly port: number
  readonly transport: ProbeTransport
  readonly source: ProbeTargetSource
  readonly priority: number | null
  readonly weight: number | null
}

/** Sorts SRV records into probing order (a new array). */
export function orderSrvRecords(records: readonly ProbeSrvRecord[]): ProbeSrvRecord[] {
  return [...records].sort(
    (a, b) =>
      a.priority - b.priority ||
      b.weight - a.weight ||
      serviceRank(a) - serviceRank(b) ||
      a.target.localeCompare(b.target) ||
      a.port - b.port,
  )
}

/**
 * Plans the targets: all SRV records (both services, merged), or <domain>:<fallbackPort> when there
 * are none. A lone "." target means the domain says it offers no S2S service: nothing to probe.
 */
export function planTargets(
  domain: string,
  srvRecords: readonly ProbeSrvRecord[],
  options: { readonly fallbackPort: number; readonly maxTargets: number },
): { readonly targets: PlannedTarget[]; readonly dropped: number; readonly fallbackUsed: boolean } {
  const usable = srvRecords.filter((record) => record.target !== '.' && record.target !== '')
  if (srvRecords.length === 0) {
    const fallback: PlannedTarget = {
      host: domain,
      port: options.fallbackPort,
      transport: 'starttls',
      source: 'fallback',
      priority: null,
      weight: null,
    }
    return { targets: [fallback], dropped: 0, fallbackUsed: true }
  }
  const seen = new Set<string>()
  const targets: PlannedTarget[] = []
  for (const record of orderSrvRecords(usable)) {
    const transport: ProbeTransport = record.service === 'xmpps-server' ? 'direct-tls' : 'starttls'
    const key = `${record.target}:${record.port}:${transport}`
    if (seen.has(key)) continue
    seen.add(key)
    targets.push({
      host: record.target,
      port: record.port,
      transport,
      source: record.service === 'xmpps-server' ? 'xmpps-srv' : 'srv',
      priority: record.priority,
      weight: record.weight,
    })
  }
  const kept = targets.slice(0, Math.max(0, options.maxTargets))
  return { targets: kept, dropped: targets.length - kept.length, fallbackUsed: false }
}

/** True when the SRV answer is RFC 2782's "service decidedly not available" (a single "." target). */
export function isServiceRefused(records: readonly ProbeSrvRecord[]): boolean {
  return records.length > 0 && records.every((record) => record.target === '.' || record.target === '')
}

function serviceRank(record: ProbeSrvRecord): number {
  return record.service === 'xmpps-server' ? 0 : 1
}
