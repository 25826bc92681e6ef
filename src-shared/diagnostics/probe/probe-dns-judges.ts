/**
 * Per-domain verdicts for the DNS and reachability probe checks: s2s-dns-srv, s2s-target-resolves,
 * s2s-port-reachable. DOC-SETUP step 23, DOC-DNS, DOC-PORTS, DOMAIN-FACTS §5 causes 3–5, RFC 6120 §3.2.
 */
import type { CheckContext, CheckOutcome } from '../check-types'
import type { FindingReasonOf } from '../finding-reasons'
import { expectedExternalPort, preferredAccessEdgeFqdn } from '../evidence-access'
import type { Localized } from '../../i18n/localized'
import { fixCommands } from '../../commands/command-model'
import { resolveSrvWith } from '../../commands/fix-commands'
import { isOurDomain, outcome } from './probe-check-support'
import { addressItems, connectItems, dnsViewItems, sourceItem, srvLines, targetLabel, uniqueTargets } from './probe-evidence'
import { askPartnerFix, openPortFix, publishAddressFix, publishSrvFix } from './probe-fixes'
import { boundName, describeDnsFailure, dnsFailureBound, isAbsence, PROVES_NOTHING, stepFailureBound } from '../../probe/probe-bounds'
import type { DnsFailure, DomainProbeReport, ProbeDnsView, ProbeTargetReport } from '../../probe/probe-types'
import { DNS_SRV_MESSAGES as SRV, PORT_REACHABLE_MESSAGES as PORT, TARGET_RESOLVES_MESSAGES as TARGETS } from './probe-dns-messages'
import { PROBE_SHARED_MESSAGES as SHARED } from './probe-shared-messages'

/** s2s-dns-srv: is the SRV record there, sane, and the same from every resolver asked? */
export function judgeDnsSrv(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-dns-srv'>> {
  const { dns, domain } = report
  const ours = isOurDomain(domain, context)
  const edgeFqdn = preferredAccessEdgeFqdn(context.evidence)
  const evidence = [report.dns, ...report.alternateDns].flatMap((view) => dnsViewItems(report, view))
  const records = [...dns.srv.records, ...dns.xmppsSrv.records]
  if (dns.serviceRefused) {
    return outcome(
      'fail',
      SRV.serviceRefused(dns.srv.query),
      evidence,
      ours ? publishSrvFix(domain, edgeFqdn) : askPartnerFix(domain, SRV.askPartnerRealTarget.en, SRV.askPartnerRealTarget['zh-TW']),
      'srv-service-refused',
    )
  }
  const error = dns.srv.error
  if (records.length === 0 && error && !isAbsence(error)) {
    // No answer is not "no record": the check cannot be made (and the fallback, if tried, proves nothing about SRV).
    const why = describeDnsFailure(error, dns.resolver, dns.srv.query, report.limits)
    const fallback = dns.fallbackUsed ? { domain, port: report.targets[0]?.port ?? 5269 } : null
    return outcome(
      'unknown',
      SRV.lookupFailed(why, PROVES_NOTHING, fallback),
      evidence,
      {
        description: SRV.resolverFix,
        ...fixCommands(resolveSrvWith(dns.srv.query, dns.resolver)),
        runOn: 'any',
        changesServer: false,
      },
      'srv-lookup-failed',
    )
  }
  if (records.length === 0) {
    return ours
      ? outcome(
          'fail',
          SRV.missingOurs(dns.srv.query),
          evidence,
          publishSrvFix(domain, edgeFqdn),
          'srv-missing',
        )
      : outcome(
          'warn',
          SRV.missingFallbackUsed(dns.srv.query, domain, report.targets[0]?.port ?? 5269),
          evidence,
          askPartnerFix(domain, SRV.askPartnerPublish(domain).en, SRV.askPartnerPublish(domain)['zh-TW']),
          'srv-missing-fallback-used',
        )
  }
  const warnings = srvWarnings(report, context, ours)
  const listed = records.map((r) => `${r.target}:${r.port}`).join(', ')
  // A resolver beside the first that did not answer cannot be compared: that is not a disagreement.
  const silent = report.alternateDns.filter((view) => !srvAnswered(view.srv))
  const firstSilent = silent[0]
  if (firstSilent?.srv.error) {
    const why = describeDnsFailure(firstSilent.srv.error, firstSilent.resolver, firstSilent.srv.query, report.limits)
    return outcome(
      'unknown',
      SRV.resolverUnanswered(dns.srv.query, listed, why, warnings.map((w) => w.message)),
      evidence,
      ours && warnings.length > 0 ? publishSrvFix(domain, edgeFqdn) : null,
      'srv-resolver-unanswered',
    )
  }
  if (warnings.length > 0) {
    return outcome(
      'warn',
      SRV.warnings(warnings.map((w) => w.message)),
      evidence,
      ours ? publishSrvFix(domain, edgeFqdn) : null,
      warnings[0]?.reason,
    )
  }
  return outcome('pass', SRV.pointsTo(dns.srv.query, listed), evidence)
}

interface SrvWarning {
  readonly message: Localized
  readonly reason: FindingReasonOf<'s2s-dns-srv'>
}

function srvWarnings(report: DomainProbeReport, context: CheckContext, ours: boolean): SrvWarning[] {
  const warnings: SrvWarning[] = []
  const records = report.dns.srv.records
  if (ours) {
    // One Edge pool is published for federation; equal priorities make partners pick pools at random (DOMAIN-FACTS §5 cause 4).
    const lowest = Math.min(...records.map((r) => r.priority))
    const tied = new Set(records.filter((r) => r.priority === lowest).map((r) => r.target))
    if (tied.size > 1) {
      warnings.push({
        reason: 'srv-equal-priority',
        message: SRV.equalPriority([...tied], lowest),
      })
    }
    const port = expectedExternalPort(context.evidence)
    const wrong = records.filter((r) => r.port !== port)
    if (wrong.length > 0) {
      warnings.push({
        reason: 'srv-port-mismatch',
        message: SRV.portMismatch(wrong, port),
      })
    }
  }
  const disagreeing = report.alternateDns.filter(
    (view) => srvAnswered(view.srv) && srvSignature(view, report.dns) !== srvSignature(report.dns, view),
  )
  if (disagreeing.length > 0) {
    warnings.push({
      reason: 'srv-resolvers-disagree',
      message: SRV.resolversDisagree(report.dns.resolver, disagreeing.map((v) => v.resolver)),
    })
  }
  return warnings
}

/** True when the resolver answered the SRV question (records, NXDOMAIN or NODATA). */
function srvAnswered(lookup: ProbeDnsView['srv']): boolean {
  return lookup.error === null || isAbsence(lookup.error)
}

/** The SRV answers of `view` as one string; the XEP-0368 name only when both views got an answer for it. */
function srvSignature(view: ProbeDnsView, other: ProbeDnsView): string {
  const xmpps = srvAnswered(view.xmppsSrv) && srvAnswered(other.xmppsSrv) ? srvLines(view.xmppsSrv, 'system') : []
  return [...srvLines(view.srv, 'system'), ...xmpps]
    .map((line) => line.replace(/\s+\(.*\)$/, ''))
    .sort()
    .join('|')
}

/** How one target's A/AAAA lookup ended. */
type Resolution =
  | { readonly kind: 'resolved' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unanswered'; readonly failure: DnsFailure }

/** Resolved, proven absent (NXDOMAIN/NODATA for both families), or not answered (timeout, SERVFAIL, REFUSED …). */
function resolution(report: DomainProbeReport, target: ProbeTargetReport): Resolution {
  if (target.addresses.length > 0) return { kind: 'resolved' }
  const lookup = report.dns.addresses.find((entry) => entry.host === target.host)
  const errors = lookup?.queries ? lookup.queries.map((query) => query.error) : [lookup?.error ?? null]
  const unanswered = errors.find((error): error is DnsFailure => error !== null && !isAbsence(error))
  if (unanswered) return { kind: 'unanswered', failure: unanswered }
  if (lookup) return { kind: 'absent' }
  // No lookup in the view (an older report): only the target's own failure is left to go by.
  const failure = target.failure
  if (failure && failure.step === 'dns' && failure.code !== 'dns') return { kind: 'unanswered', failure: { code: 'ETIMEOUT', message: failure.message, cutBy: failure.code === 'total-timeout' ? 'total' : 'step' } }
  return { kind: 'absent' }
}

/** s2s-target-resolves: does every SRV target (or the fallback host) have an address? */
export function judgeTargetResolves(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-target-resolves'>> {
  if (report.dns.serviceRefused) return notApplicable()
  const targets = uniqueTargets(report)
  const evidence = addressItems(report)
  if (targets.length === 0) return nothingProbed(report)
  const judged = targets.map((target) => ({ target, resolution: resolution(report, target) }))
  const absent = judged.filter((j) => j.resolution.kind === 'absent').map((j) => j.target)
  const unanswered = judged.flatMap((j) => (j.resolution.kind === 'unanswered' ? [{ target: j.target, failure: j.resolution.failure }] : []))
  const resolved = judged.filter((j) => j.resolution.kind === 'resolved').map((j) => j.target)
  if (absent.length === 0 && unanswered.length === 0) {
    return outcome('pass', TARGETS.allResolve(targets), evidence)
  }
  const ours = isOurDomain(report.domain, context)
  const firstAbsent = absent[0]
  const fix = firstAbsent
    ? ours
      ? publishAddressFix(firstAbsent.host)
      : askPartnerFix(report.domain, TARGETS.askPartnerAddress(firstAbsent.host).en, TARGETS.askPartnerAddress(firstAbsent.host)['zh-TW'])
    : null
  const absentNames = absent.map((t) => t.host).join(', ')
  const firstUnanswered = unanswered[0]
  if (firstUnanswered) {
    // A question nobody answered proves nothing: never "no record", whatever the other targets did.
    const why = describeDnsFailure(firstUnanswered.failure, report.dns.resolver, firstUnanswered.target.host, report.limits)
    return outcome(
      'unknown',
      TARGETS.lookupUnanswered(why, PROVES_NOTHING, unanswered.length - 1, absent.length > 0 ? absentNames : null),
      evidence,
      fix,
      dnsFailureBound(firstUnanswered.failure) ? 'target-lookup-cut' : 'target-lookup-failed',
    )
  }
  return resolved.length === 0
    ? outcome('fail', TARGETS.noneResolves(absentNames), evidence, fix, 'target-no-address')
    : outcome('warn', TARGETS.someMissing(absentNames), evidence, fix, 'target-no-address')
}

/**
 * s2s-port-reachable: does a TCP connection to each resolved target succeed? A reset (refused) or an ICMP
 * error (unreachable) is the network's answer; no answer within a limit (filtered) proves nothing alone.
 */
export function judgePortReachable(report: DomainProbeReport, context: CheckContext): CheckOutcome<FindingReasonOf<'s2s-port-reachable'>> {
  if (report.dns.serviceRefused) return notApplicable()
  const resolved = report.targets.filter((t) => t.addresses.length > 0)
  if (resolved.length === 0) {
    return outcome('unknown', PORT.nothingResolved, addressItems(report))
  }
  const evidence = [sourceItem(report), ...resolved.flatMap((t) => connectItems(report, t))]
  const failed = resolved.filter((t) => t.connectedAddress === null)
  const first = failed[0]
  if (!first) {
    return outcome('pass', PORT.connects(resolved.map(targetLabel)), evidence)
  }
  const cut = failed.filter((t) => stepFailureBound(t.failure) !== null)
  const answered = failed.filter((t) => stepFailureBound(t.failure) === null)
  const connected = resolved.length - failed.length
  const status = connected === 0 ? (cut.length > 0 ? 'unknown' : 'fail') : answered.length > 0 ? 'warn' : 'unknown'
  const parts = [...answered, ...cut].map((target) => PORT.targetFailure(targetLabel(target), connectFailureReason(target, report)))
  const lead =
    connected === 0
      ? answered.length === 0
        ? PORT.leadNoneAnswered
        : cut.length > 0
          ? PORT.leadNoneAcceptedSomeSilent
          : PORT.leadNoneAccepts
      : PORT.leadSomeRefuse
  const summary = PORT.failures(lead, parts)
  const fix = openPortFix(first.host, first.port, isOurDomain(report.domain, context))
  const reasonTarget = answered[0] ?? first
  return outcome(status, summary, evidence, fix, `connect-${reasonTarget.failure?.code ?? 'failed'}`)
}

/** What the network said to one target's connection attempts: refused, unreachable, or nothing within a limit (filtered). */
function connectFailureReason(target: ProbeTargetReport, report: DomainProbeReport): Localized {
  const failure = target.failure
  const bound = stepFailureBound(failure)
  if (bound) {
    const limit = boundName(bound, report.limits)
    return bound === 'step' ? PORT.filtered(report.limits.stepTimeoutMs, limit) : PORT.notFinished(limit)
  }
  switch (failure?.code) {
    case 'refused':
      return PORT.refused(target.port)
    case 'unreachable':
      return PORT.unreachable(failure.message)
    default:
      return PORT.otherFailure(failure ?? null)
  }
}

/** For a domain whose SRV says the service is not offered. */
export function notApplicable(): CheckOutcome {
  return outcome('skipped', SHARED.notApplicable, [])
}

/** For a probe that ended before it had a target (hard bound hit during DNS). */
export function nothingProbed(report: DomainProbeReport): CheckOutcome {
  const cut = report.timedOut ? boundName('total', report.limits) : null
  return outcome(
    'unknown',
    SHARED.nothingProbed(report.domain, cut),
    report.notes.map((note) => ({ source: `probe:${report.domain}`, text: note })),
  )
}
