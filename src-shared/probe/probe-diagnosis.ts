/**
 * Probe reports → the one result shape (DiagnosisResult), for `probe --json` and the app: the probe
 * checks over all domains together, the first failing one as root cause, plus each domain's own
 * verdict and checks and the raw reports (added fields; the documented ones keep their meaning).
 * The troubleshooting tree's path stays empty here; a caller with evidence walks the tree instead.
 */
import type { CheckContext, CheckResult } from '../diagnostics/check-types'
import { evaluateProbeChecks, PROBE_CHECKS } from '../diagnostics/checks/probe-checks'
import type { DiagnosisResult, NextAction, RootCause, Verdict } from '../result/diagnosis-result'
import { text } from '../i18n/localized'
import type { DomainProbeReport } from './probe-types'

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

/** fail → problems; anything not verified → incomplete; else healthy (warnings allowed). */
export function verdictOf(checks: readonly CheckResult[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'problems'
  if (checks.some((c) => c.status === 'unknown')) return 'incomplete'
  return 'healthy'
}

/** The first failing probe check, in PROBE_CHECKS order, as a root cause. */
export function probeRootCause(checks: readonly CheckResult[]): RootCause | null {
  for (const definition of PROBE_CHECKS) {
    const result = checks.find((c) => c.id === definition.id)
    if (result?.status === 'fail') {
      return { checkId: definition.id, nodeId: `probe:${definition.id}`, title: definition.title, explanation: result.summary, fix: result.fix }
    }
  }
  return null
}

function nextActionFor(rootCause: RootCause | null, verdict: Verdict): NextAction {
  if (rootCause?.fix) {
    return { kind: 'apply-fix', nodeId: rootCause.nodeId, text: rootCause.fix.description, commands: rootCause.fix.commands }
  }
  if (verdict === 'healthy') return { kind: 'none', nodeId: null, text: text('Nothing to do.', '無須處理。'), commands: [] }
  return {
    kind: rootCause ? 'apply-fix' : 'none',
    nodeId: rootCause?.nodeId ?? null,
    text: rootCause ? rootCause.explanation : text('Read the checks that could not be verified.', '請查看無法驗證的檢查項目。'),
    commands: [],
  }
}

/** Judges the reports and builds the result. `context` carries evidence (or an empty one), our domains and the clock. */
export function buildProbeResult(
  reports: readonly DomainProbeReport[],
  context: Omit<CheckContext, 'probes'>,
  run: { readonly startedAt: Date; readonly durationMs: number },
): ProbeDiagnosisResult {
  const checks = evaluateProbeChecks(reports, context)
  const verdict = verdictOf(checks)
  const rootCause = probeRootCause(checks)
  const domainResults = reports.map((report): DomainProbeResult => {
    const own = evaluateProbeChecks([report], context)
    return { domain: report.domain, verdict: verdictOf(own), rootCause: probeRootCause(own), checks: own }
  })
  return {
    format: 'xmpp-edge-doctor/result',
    version: 1,
    verdict,
    rootCause,
    checks,
    path: [],
    currentNode: rootCause?.nodeId ?? null,
    nextAction: nextActionFor(rootCause, verdict),
    answers: {},
    subject: {
      host: null,
      role: 'Unknown',
      productVersion: null,
      domains: reports.map((r) => r.domain),
      collectedAt: null,
      source: 'probe',
    },
    startedAt: run.startedAt.toISOString(),
    durationMs: run.durationMs,
    domainResults,
    probes: reports,
  }
}
