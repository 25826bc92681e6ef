/**
 * The check engine's vocabulary. Checks are declared as data ({@link CheckDefinition}); the engine
 * (run-checks.ts) evaluates them; their ids are in check-ids.ts and never lets one check's crash take the run down.
 */
import type { CommandPlan } from '../commands/command-model'
import type { Localized } from '../i18n/localized'
import type { Evidence, EvidenceFileName } from '../evidence/evidence-model'
import type { DomainProbeReport } from '../probe/probe-types'
import type { CheckId } from './check-ids'
import type { FindingReason, FindingReasonOf } from './finding-reasons'

export { CHECK_IDS, type CheckId } from './check-ids'

/**
 * pass: verified healthy. warn: works, but something deserves attention. fail: broken.
 * unknown: the evidence needed was not collected or could not be read. skipped: does not apply here
 * (for example a Front End check on an Edge's evidence).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown' | 'skipped'

export type CheckGroup =
  | 'services'
  | 'ports'
  | 'topology'
  | 'certificates'
  | 'dns'
  | 'policies'
  | 'partners'
  | 'events'
  | 'host'
  | 'probe'

/** One piece of proof: a netstat line, a property value, an event, a DNS answer. */
export interface EvidenceItem {
  /** The evidence file (or probe step) it comes from, e.g. "netstat.txt" or "probe:contoso.com". */
  readonly source: string
  /** Verbatim text: the raw line or `Property = value`. Never translated. */
  readonly text: string
  /** Optional short label saying what the text shows. */
  readonly label?: Localized
}

/** Where a fix command must be run. */
export type FixLocation = 'edge' | 'front-end' | 'topology-builder' | 'public-dns' | 'partner' | 'certificate-authority' | 'any'

/**
 * A fix: what to do, in words, and the exact commands. Build the two command fields with
 * `fixCommands(...)` (src-shared/commands/command-model.ts) so they always match. Commands are never run
 * without the user's confirmation, and only from `plans`.
 */
export interface Fix {
  readonly description: Localized
  /** The commands as text: shown, printed in reports and kept in the history (`plans[i].text`). */
  readonly commands: readonly string[]
  /**
   * The same commands as templates with typed values, in the same order: what the app may run, or why a
   * command may only be shown. Absent in fixes recorded before commands were modelled: those are shown only.
   */
  readonly plans?: readonly CommandPlan[]
  readonly runOn: FixLocation
  /** True when running the commands changes the server (service restart, configuration change). */
  readonly changesServer: boolean
}

/**
 * What one check concluded. `R` is the finding codes it may carry (finding-reasons.ts): none unless given, so a
 * helper that returns a plain `CheckOutcome` fits every check.
 */
export interface CheckOutcome<R extends FindingReason = never> {
  readonly status: CheckStatus
  readonly summary: Localized
  readonly evidence: readonly EvidenceItem[]
  readonly fix: Fix | null
  /**
   * A machine-readable finding code when a status has more than one cause (e.g. a port that is closed vs a port
   * held by another program), so the tree can branch on it. Stable like check ids.
   */
  readonly reason?: R
}

/** The result of one check in a run: its outcome plus identity and timing. */
export interface CheckResult extends CheckOutcome<FindingReason> {
  readonly id: CheckId
  readonly durationMs: number
  /** Set when the check threw: the run goes on, the check reports `unknown` with this message. */
  readonly crashed?: string
}

/** What a check may read. `domains` are the SIP/XMPP domains under test (lower case). */
export interface CheckContext {
  readonly evidence: Evidence
  readonly domains: readonly string[]
  /** Partner domains the user asked about (e.g. `--partner jabber.org`); empty when none. */
  readonly partners?: readonly string[]
  /** The time to judge expiry and event age against (the collection time when known). */
  readonly now: Date
  /** Results of live probes, when a probe ran (keyed by domain). Evidence checks ignore it. */
  readonly probes?: ReadonlyMap<string, DomainProbeReport>
}

/** A check, declared as data; `C` (its id) fixes the finding codes it may produce. */
export interface CheckDefinition<C extends CheckId = CheckId> {
  readonly id: C
  readonly group: CheckGroup
  readonly title: Localized
  /** Why it matters and what it looks at, in a sentence or two. */
  readonly explanation: Localized
  /** The evidence files it reads (shown to the user, and used to say what to collect). */
  readonly reads: readonly (EvidenceFileName | 'probe')[]
  /** Where the fact comes from: a short source key of docs/domain-sources.md. */
  readonly source: string
  readonly evaluate: (context: CheckContext) => CheckOutcome<FindingReasonOf<C>>
}
