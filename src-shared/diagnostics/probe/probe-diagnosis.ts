/**
 * Probe reports → the one result shape (DiagnosisResult), for `probe --json`: the same engine and tree walk
 * as every other run (diagnose(), probe-only), plus each domain's own verdict and checks and the raw reports
 * (added fields; the documented ones keep their meaning).
 */
import type { CheckContext, CheckResult } from '../check-types'
import { diagnose } from '../../diagnose'
import type { DiagnosisResult, RootCause, Verdict } from '../../result/diagnosis-result'
import type { DomainProbeReport } from '../../probe/probe-types'

/** One domain's own verdict, so a multi-domain run says which domain is broken. */
export interface DomainProbeResult {
  readonly domain: string
  readonly verdict: Verdict
  readonly rootCause: RootCause | null
  readonly checks: readonly CheckResult[]
}

/** The probe's result: a DiagnosisResult plus the per-domain results and the raw reports. */
export interface ProbeDiagnosisResult extends DiagnosisResult {
  readonly domainResults: readonly DomainProbeResult[]
  readonly probes: readonly DomainProbeReport[]
}

/**
 * Judges the reports and builds the result with the one engine every run uses (diagnose(), source 'probe': only
 * the probe checks judge and the walk starts at the tree's probe nodes), then adds each domain's own result.
 * `context` carries evidence (or an empty one: --partners-from reads partner entries from it), our domains and the clock.
 */
export function buildProbeResult(
  reports: readonly DomainProbeReport[],
  context: Omit<CheckContext, 'probes'>,
  run: { readonly startedAt: Date; readonly durationMs: number },
): ProbeDiagnosisResult {
  const judge = (subset: readonly DomainProbeReport[]): DiagnosisResult =>
    diagnose({
      evidence: context.evidence,
      domains: context.domains,
      partners: context.partners ?? [],
      probes: new Map(subset.map((report) => [report.domain, report])),
      source: 'probe',
      startedAt: run.startedAt,
      judgeAt: context.now,
      probedAt: context.now,
    })
  const result = judge(reports)
  const domainResults = reports.map((report): DomainProbeResult => {
    // One domain: its own judgement has the very same input as the whole run's, so it is not made twice
    // (a second diagnose() is ≈ 1 ms of a probe process, docs/probe.md Figures).
    const own = reports.length === 1 ? result : judge([report])
    return { domain: report.domain, verdict: own.verdict, rootCause: own.rootCause, checks: own.checks.filter((c) => c.id.startsWith('s2s-')) }
  })
  return {
    ...result,
    // The evidence checks did not run (a probe has no server evidence): the probe's JSON lists the probe checks.
    checks: result.checks.filter((c) => c.id.startsWith('s2s-')),
    subject: { ...result.subject, host: null, role: 'Unknown', productVersion: null, domains: reports.map((r) => r.domain), collectedAt: null },
    durationMs: run.durationMs,
    domainResults,
    probes: reports,
  }
}
