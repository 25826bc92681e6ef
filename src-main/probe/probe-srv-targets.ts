/**
 * Probes the targets one resolver's SRV answers name (or the RFC 6120 fallback host) as soon as each is
 * known: those planned once one SRV name has answered and the other has had the resolution delay, then
 * any a late SRV answer adds while targets are still being probed. An answer later than that is
 * reported in the DNS view, not probed. Every target starts once its own first addresses are in.
 */
import type { AddressLookup } from './address-lookup'
import type { DnsViewSession } from './dns-lookup'
import { probeTarget, type TargetProbeSettings } from './probe-target'
import { planTargets, type PlannedTarget } from '../../src-shared/probe/srv-order'
import type { ProbeSrvRecord, ProbeTargetReport } from '../../src-shared/probe/probe-types'

/** Where target reports go, filled in place by plan index, so a probe cut short still reports what finished. */
export interface TargetReports {
  targets: ProbeTargetReport[]
  notes: string[]
}

/** What planning needs besides the SRV answers. */
export interface SrvTargetOptions {
  readonly fallbackPort: number
  readonly maxTargets: number
  readonly settings: TargetProbeSettings
}

/** Plans and probes the targets of `view` (the resolver used to connect); resolves when every planned target is done. */
export async function probeSrvTargets(view: DnsViewSession, options: SrvTargetOptions, reports: TargetReports): Promise<void> {
  const { domain, signal } = options.settings
  const first = await view.firstSrv
  // The hard bound cut the SRV queries short: nothing to plan from (the report says the probe timed out).
  if (signal.aborted) return
  if (first.serviceRefused) {
    reports.notes.push(`_xmpp-server._tcp.${domain} says the service is not offered (SRV target ".")`)
    return
  }
  const planned: PlannedTarget[] = []
  const running: Promise<void>[] = []
  let accepting = true
  const probeRecords = (records: readonly ProbeSrvRecord[]): void => {
    const { targets, dropped } = planMore(domain, records, planned, options)
    if (dropped > 0) reports.notes.push(`${dropped} more SRV target(s) not probed (limit ${options.maxTargets})`)
    for (const target of targets) {
      const index = planned.push(target) - 1
      running.push(probeLookedUpTarget(target, index, view.addressLookup(target.host), options.settings, reports))
    }
  }
  probeRecords(first.records)
  void view.laterSrv.then((records) => {
    if (accepting && records.length > 0) probeRecords(records)
  })
  // A late SRV answer may add targets while these run; they are awaited in the next pass.
  while (running.length > 0) await Promise.all(running.splice(0))
  accepting = false
}

/** Waits for the target's first addresses, then probes it; a family that answers later is handed over too. */
export async function probeLookedUpTarget(
  target: PlannedTarget,
  index: number,
  lookup: AddressLookup,
  settings: TargetProbeSettings,
  reports: TargetReports,
): Promise<void> {
  const first = await lookup.firstAddresses
  // With no first address every query has ended: the lookup's error is final.
  const dnsError = first.length === 0 ? lookup.snapshot().error : null
  reports.targets[index] = await probeTarget(target, { first, later: lookup.laterAddresses, dnsError }, settings)
}

/** The targets `records` add to those already planned, within the target limit, in planTargets' order. */
function planMore(
  domain: string,
  records: readonly ProbeSrvRecord[],
  planned: readonly PlannedTarget[],
  options: SrvTargetOptions,
): { targets: PlannedTarget[]; dropped: number } {
  const key = (target: PlannedTarget): string => `${target.host}:${target.port}:${target.transport}`
  const seen = new Set(planned.map(key))
  const all = planTargets(domain, records, { fallbackPort: options.fallbackPort, maxTargets: Number.MAX_SAFE_INTEGER })
  const fresh = all.targets.filter((target) => !seen.has(key(target)))
  const room = Math.max(0, options.maxTargets - planned.length)
  return { targets: fresh.slice(0, room), dropped: Math.max(0, fresh.length - room) }
}
