/**
 * The one result shape: `analyze --json`, `probe --json`, the app and the reports all use it.
 * Its outer fields are a contract (format + version); add fields, never change their meaning.
 */
import type { CheckId, CheckResult, Fix } from '../diagnostics/check-types'
import type { Localized } from '../i18n/localized'
import type { ServerRole } from '../evidence/evidence-model'
import type { ProbeComparison } from '../diagnostics/probe/probe-evidence-compare'
import type { RouteHop } from '../route/federation-route'
import type { DomainRootCause } from '../diagnostics/domain-root-causes'
import type { SetupChecklistEntry } from '../tree/setup-checklist'

export type Verdict = 'healthy' | 'problems' | 'incomplete'

export interface RootCause {
  readonly checkId: CheckId | null
  /** The tree node that concluded it. */
  readonly nodeId: string
  readonly title: Localized
  readonly explanation: Localized
  readonly fix: Fix | null
}

/** Where the walk stands: a question waiting for the user, a conclusion, or the healthy end. */
export interface NextAction {
  readonly kind: 'answer-question' | 'apply-fix' | 'collect-evidence' | 'none'
  readonly nodeId: string | null
  readonly text: Localized
  readonly commands: readonly string[]
}

export interface DiagnosisResult {
  readonly format: 'xmpp-edge-doctor/result'
  readonly version: 1
  readonly verdict: Verdict
  readonly rootCause: RootCause | null
  readonly checks: readonly CheckResult[]
  /** Node ids of the troubleshooting tree, in the order walked. */
  readonly path: readonly string[]
  readonly currentNode: string | null
  readonly nextAction: NextAction
  /** The user's answers to manual nodes that the walk used (node id → answer id). */
  readonly answers: Readonly<Record<string, string>>
  readonly subject: {
    readonly host: string | null
    readonly role: ServerRole
    readonly productVersion: string | null
    readonly domains: readonly string[]
    readonly collectedAt: string | null
    readonly source: 'evidence-folder' | 'evidence-zip' | 'live' | 'probe' | 'demo'
  }
  /**
   * Incident mode (several evidence sets in one diagnosis): each server, in the order given. `apartFromOthers`
   * flags a set collected more than an hour from another one. Absent for a single server.
   */
  readonly servers?: readonly {
    readonly host: string | null
    readonly role: ServerRole
    readonly collectedAt: string | null
    readonly apartFromOthers: boolean
  }[]
  /**
   * The message path hop by hop (user policy → … → partner reachable), each hop judged from its checks. Set by
   * every diagnosis since the route was added; absent in results recorded before it.
   */
  readonly route?: readonly RouteHop[]
  /**
   * DOC-SETUP's 25 steps, each verified, contradicted, seen only from the other server, or a question, with the
   * check results and evidence lines that decided it. Absent in results recorded before the checklist was added.
   */
  readonly checklist?: readonly SetupChecklistEntry[]
  /** With a live probe: each probed domain (ours and every partner) judged alone, with what failed first. */
  readonly domainRootCauses?: readonly DomainRootCause[]
  readonly startedAt: string
  readonly durationMs: number
  /**
   * Probe beside evidence (`analyze --probe`): for each of our domains, the certificate as configured vs as
   * presented on 5269 and the SRV record as published vs the topology. Absent when no probe ran.
   */
  readonly comparisons?: readonly ProbeComparison[]
}
