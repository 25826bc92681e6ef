/**
 * `analyze --probe`: the live probe beside the evidence. Probes our domains (--domain, else the manifest's)
 * as a partner would, and the --partner domains from our first domain, then compares what our own domains
 * present on 5269 with what the evidence says is configured (certificate thumbprint, SRV target and port).
 */
import { domainsUnderTest } from '../../src-shared/diagnostics/evidence-access'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import { text } from '../../src-shared/i18n/localized'
import { compareProbeWithEvidence, type ProbeComparison } from '../../src-shared/probe/probe-evidence-compare'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { ProbeOptionsError, type ProbeOptions } from '../probe/probe-domain'
import { probeDomains } from '../probe/probe-many'

/**
 * How to probe: everything probeDomains takes except `from`, which follows from the domains. `connect` (a
 * specific Edge node) applies to our domains only: the partners are always found through their SRV records.
 */
export type ProbeBesideEvidenceOptions = Omit<ProbeOptions, 'from'> & { readonly concurrency?: number }

/** What the probe found, ready for diagnose() (`probes`, `probedAt`) and the result (`comparisons`). */
export interface ProbeBesideEvidence {
  /** One report per probed domain, ours first, in probe order. */
  readonly reports: readonly DomainProbeReport[]
  /** The same reports keyed by domain, as CheckContext.probes takes them. */
  readonly probes: ReadonlyMap<string, DomainProbeReport>
  readonly comparisons: readonly ProbeComparison[]
  /** When the probe started: the probe checks judge certificate dates against this, not the collection time. */
  readonly probedAt: Date
}

/** Our domains (as diagnose() will test them) and the partner domains that are not also ours, each once. */
export function domainsToProbe(
  evidence: Evidence,
  requested: readonly string[],
  partners: readonly string[],
): { readonly ours: readonly string[]; readonly partners: readonly string[] } {
  const ours = domainsUnderTest(evidence, requested)
  const theirs = [...new Set(partners.map((p) => p.toLowerCase()))].filter((p) => !ours.includes(p))
  return { ours, partners: theirs }
}

/** Both comparisons for each report of one of OUR domains (a partner's certificate is not ours to compare). */
export function compareOurProbes(
  reports: readonly DomainProbeReport[],
  ours: readonly string[],
  evidence: Evidence,
): ProbeComparison[] {
  return reports.filter((report) => ours.includes(report.domain)).flatMap((report) => compareProbeWithEvidence(report, evidence))
}

/**
 * Probes the run's domains. Throws {@link ProbeOptionsError} before any traffic when there is nothing to
 * probe or an option is unusable (resolver, CA file); network trouble ends up in the reports.
 */
export async function probeBesideEvidence(
  evidence: Evidence,
  run: { readonly domains: readonly string[]; readonly partners: readonly string[] },
  options: ProbeBesideEvidenceOptions,
): Promise<ProbeBesideEvidence> {
  const { ours, partners } = domainsToProbe(evidence, run.domains, run.partners)
  if (ours.length === 0 && partners.length === 0) {
    throw new ProbeOptionsError(
      text(
        '--probe needs a domain: give --domain or --partner, or evidence whose manifest names our domains.',
        '--probe 需要網域：請指定 --domain 或 --partner，或提供資訊清單中列有我方網域的證據。',
      ),
    )
  }
  const probedAt = new Date()
  const { connect, ...toPartners } = options
  // Our own domains are probed the way a partner sees them: without our domain as 'from' (a server rejects a
  // stream that claims to come from a domain it hosts itself, e.g. Prosody's "Attempt to connect from a host
  // we serve"), and through --connect when given. Partners get our first domain as 'from' (RFC 6120 §4.7.1).
  const [ourReports, partnerReports] = await Promise.all([
    ours.length > 0 ? probeDomains(ours, { ...toPartners, ...(connect ? { connect } : {}), from: null }) : [],
    partners.length > 0 ? probeDomains(partners, { ...toPartners, from: ours[0] ?? null }) : [],
  ])
  const reports = [...ourReports, ...partnerReports]
  return {
    reports,
    probes: new Map(reports.map((report) => [report.domain, report])),
    comparisons: compareOurProbes(reports, ours, evidence),
    probedAt,
  }
}
