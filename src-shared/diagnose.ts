/**
 * The diagnostic core in one call: parsed evidence (+ optional probe reports and the user's answers) →
 * checks → troubleshooting tree walk → the one result shape. Pure: main process, CLI and tests all use it.
 */
import type { CheckContext, CheckResult } from './diagnostics/check-types'
import type { Evidence } from './evidence/evidence-model'
import type { DiagnosisResult } from './result/diagnosis-result'
import { ALL_CHECKS, CHECK_CATALOG } from './diagnostics/all-checks'
import { runCheck } from './diagnostics/run-checks'
import { domainsUnderTest, serverRole, valueOf } from './diagnostics/evidence-access'
import { TROUBLESHOOTING_TREE } from './tree/troubleshooting-tree'
import { walkTree } from './tree/walk-tree'
import { buildRoute } from './route/federation-route'

export interface DiagnoseInput {
  readonly evidence: Evidence
  /** Our SIP/XMPP domains; empty = take them from the manifest. */
  readonly domains?: readonly string[]
  /** Partner domains the user asked about. */
  readonly partners?: readonly string[]
  readonly answers?: Readonly<Record<string, string>>
  readonly probes?: CheckContext['probes']
  readonly source: DiagnosisResult['subject']['source']
  /** The wall clock at the start (the caller's: keeps this function deterministic). */
  readonly startedAt: Date
  /** Overrides the time checks judge expiry against; default: the evidence's collection time, else startedAt. */
  readonly judgeAt?: Date
  /**
   * When the probe ran: the live probe checks judge certificate dates against it, because the probe sees
   * the server as it is now, not as it was when the evidence was collected. Default: judgeAt, else startedAt.
   */
  readonly probedAt?: Date
  readonly onResult?: (result: CheckResult) => void
}

function collectionTime(evidence: Evidence): Date | null {
  const manifest = valueOf(evidence.manifest)
  if (!manifest) return null
  const parsed = Date.parse(manifest.collectedAt)
  return Number.isFinite(parsed) ? new Date(parsed) : null
}

/** Runs every check and walks the tree. */
export function diagnose(input: DiagnoseInput): DiagnosisResult {
  const begin = Date.now()
  const { evidence } = input
  const domains = domainsUnderTest(evidence, input.domains ?? [])
  const context: CheckContext = {
    evidence,
    domains,
    partners: input.partners ?? [],
    now: input.judgeAt ?? collectionTime(evidence) ?? input.startedAt,
    probes: input.probes,
  }
  const probeContext: CheckContext = { ...context, now: input.probedAt ?? input.judgeAt ?? input.startedAt }
  const checks = ALL_CHECKS.map((check) => {
    const result = runCheck(check, check.group === 'probe' ? probeContext : context)
    input.onResult?.(result)
    return result
  })
  const walk = walkTree(TROUBLESHOOTING_TREE, checks, input.answers ?? {}, CHECK_CATALOG)
  const role = serverRole(evidence)
  const route = buildRoute({ role, checks, probeChecks: probeChecksBySide(probeContext, domains) })
  const manifest = valueOf(evidence.manifest)
  const version = valueOf(evidence.serverVersion)
  return {
    format: 'xmpp-edge-doctor/result',
    version: 1,
    verdict: walk.verdict,
    rootCause: walk.rootCause,
    checks,
    path: walk.path,
    currentNode: walk.currentNode,
    nextAction: walk.nextAction,
    answers: walk.answersUsed,
    subject: {
      host: manifest?.host ?? null,
      role,
      productVersion: version ? `${version.product}${version.version ? ` (${version.version})` : ''}` : null,
      domains,
      collectedAt: manifest?.collectedAt ?? null,
      source: input.source,
    },
    route,
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - begin,
  }
}

/**
 * The probe checks judged twice more, once over our own domains and once over the partners', so the route can
 * tell "our 5269 does not answer" from "the partner's does not" (the run's probe checks fold both together).
 */
function probeChecksBySide(context: CheckContext, ourDomains: readonly string[]): { ours: CheckResult[]; partners: CheckResult[] } {
  const probes = [...(context.probes ?? new Map()).entries()]
  const ours = new Set(ourDomains)
  const judge = (keep: (domain: string) => boolean): CheckResult[] => {
    const subset = probes.filter(([domain]) => keep(domain))
    if (subset.length === 0) return []
    const sideContext: CheckContext = { ...context, probes: new Map(subset) }
    return ALL_CHECKS.filter((check) => check.group === 'probe').map((check) => runCheck(check, sideContext))
  }
  return { ours: judge((domain) => ours.has(domain)), partners: judge((domain) => !ours.has(domain)) }
}
