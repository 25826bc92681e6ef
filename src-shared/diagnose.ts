/**
 * The diagnostic core in one call: parsed evidence (+ optional probe reports and the user's answers) →
 * checks → troubleshooting tree walk → the one result shape. Pure: main process, CLI and tests all use it.
 */
import type { CheckContext, CheckResult } from './diagnostics/check-types'
import type { Evidence, ServerRole } from './evidence/evidence-model'
import type { DiagnosisResult } from './result/diagnosis-result'
import { ALL_CHECKS, CHECK_CATALOG } from './diagnostics/all-checks'
import { runCheck } from './diagnostics/run-checks'
import { domainsUnderTest, serverRole, valueOf } from './diagnostics/evidence-access'
import { TROUBLESHOOTING_TREE } from './tree/troubleshooting-tree'
import { walkTree } from './tree/walk-tree'
import { text } from './i18n/localized'
import { walkSetupChecklist } from './tree/setup-checklist'
import { buildRoute } from './route/federation-route'
import { mergeCheckResults } from './evidence-sets/merge-check-results'
import { domainRootCauses } from './diagnostics/domain-root-causes'

export interface DiagnoseInput {
  readonly evidence: Evidence
  /** The other servers' evidence of the same deployment (incident mode); the first set stays the subject. */
  readonly otherEvidence?: readonly Evidence[]
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

/** One server's evidence with what the checks judge it by. */
interface ServerRun {
  readonly evidence: Evidence
  readonly role: ServerRole
  readonly label: string
  readonly context: CheckContext
}

/**
 * Runs every check and walks the tree. With `otherEvidence` (incident mode: the Front End beside the Edge), every
 * check runs on each server's evidence and the servers' verdicts are folded (evidence-sets/merge-check-results.ts)
 * before the one walk, so a question another server's evidence answers is never asked.
 */
export function diagnose(input: DiagnoseInput): DiagnosisResult {
  const begin = Date.now()
  const { evidence } = input
  const sets = [evidence, ...(input.otherEvidence ?? [])]
  const domains = [...new Set(sets.flatMap((set) => domainsUnderTest(set, input.domains ?? [])))]
  const servers: ServerRun[] = sets.map((set, index) => ({
    evidence: set,
    role: serverRole(set),
    label: valueOf(set.manifest)?.host || `#${index + 1}`,
    context: { evidence: set, domains, partners: input.partners ?? [], now: input.judgeAt ?? collectionTime(set) ?? input.startedAt, probes: input.probes },
  }))
  const primary = servers[0]!.context
  const probeContext: CheckContext = { ...primary, now: input.probedAt ?? input.judgeAt ?? input.startedAt }
  // A probe run (the `probe` command, the app's "Probe a domain") has no server evidence: only the probe checks
  // judge, and the walk starts at the probe's first node, so a healthy probe is healthy wherever it runs.
  const probeOnly = input.source === 'probe'
  const perServer = servers.map((server) => ({
    label: server.label,
    role: server.role,
    // Probe checks look at the network, not at a server: they run once, beside the first evidence set.
    results: ALL_CHECKS.map((check) =>
      check.group === 'probe'
        ? server === servers[0]
          ? runCheck(check, probeContext)
          : skipped(check.id)
        : probeOnly
          ? skipped(check.id, NOT_PROBED)
          : runCheck(check, server.context),
    ),
  }))
  const checks = mergeCheckResults(perServer)
  for (const result of checks) input.onResult?.(result)
  const walk = walkTree(TROUBLESHOOTING_TREE, checks, input.answers ?? {}, CHECK_CATALOG, probeOnly ? PROBE_ENTRY_NODE : TROUBLESHOOTING_TREE.start)
  const role = servers[0]!.role
  const perDomain = input.probes && input.probes.size > 0 ? domainRootCauses(ALL_CHECKS.filter((check) => check.group === 'probe'), probeContext) : []
  const route = buildRoute({
    servers: perServer.map((server) => ({ role: server.role, checks: server.results })),
    probeChecks: probeChecksBySide(probeContext, domains),
  })
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
      host: servers.length === 1 ? (manifest?.host ?? null) : servers.map((server) => server.label).join(' + '),
      role,
      productVersion: version ? `${version.product}${version.version ? ` (${version.version})` : ''}` : null,
      domains,
      collectedAt: manifest?.collectedAt ?? null,
      source: input.source,
    },
    ...(servers.length > 1 ? { servers: describeServers(servers) } : {}),
    route,
    checklist: walkSetupChecklist(checks, input.answers ?? {}),
    ...(perDomain.length > 0 ? { domainRootCauses: perDomain } : {}),
    startedAt: input.startedAt.toISOString(),
    durationMs: Date.now() - begin,
  }
}

/** The tree node a probe-only run starts at: the first of the live probe's nodes. */
export const PROBE_ENTRY_NODE = 'probe-dns'

const NOT_PROBED = text(
  'A probe sees the network only: this check reads a server\'s evidence (run analyze or diagnose for it).',
  '探測只能看到網路：此檢查需讀取伺服器的證據（請執行 analyze 或 diagnose）。',
)

/** A check that does not run here: a probe check on the other evidence sets, an evidence check in a probe run. */
function skipped(id: CheckResult['id'], summary = text('', '')): CheckResult {
  return { id, status: 'skipped', summary, evidence: [], fix: null, durationMs: 0 }
}

/** Each server of an incident set, and whether the sets were collected too far apart to be one moment. */
function describeServers(servers: readonly ServerRun[]): NonNullable<DiagnosisResult['servers']> {
  const times = servers.map((server) => collectionTime(server.evidence)?.getTime() ?? null)
  const known = times.filter((t): t is number => t !== null)
  const spreadMs = known.length > 1 ? Math.max(...known) - Math.min(...known) : 0
  return servers.map((server, index) => ({
    host: valueOf(server.evidence.manifest)?.host ?? null,
    role: server.role,
    collectedAt: valueOf(server.evidence.manifest)?.collectedAt ?? null,
    // Evidence from different hours may describe different states of an incident (issue: flag > 1 hour apart).
    apartFromOthers: times[index] !== null && spreadMs > MAX_SET_SPREAD_MS,
  }))
}

/** Evidence sets collected further apart than this are flagged: they may not show the same moment. */
export const MAX_SET_SPREAD_MS = 60 * 60 * 1000

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
