/**
 * The troubleshooting tree's vocabulary. The tree itself is data (troubleshooting-tree.ts); a pure walker
 * (walk-tree.ts) follows it through check results and the user's answers.
 */
import type { CheckId, CheckStatus, Fix } from '../diagnostics/check-types'
import type { Localized } from '../i18n/localized'
import type { FindingReasonOf } from '../diagnostics/finding-reasons'

export type NodeId = string

/** Which part of Microsoft's procedure a node comes from, e.g. DOC-SETUP "Setting up" step 25. */
export interface SeedRef {
  readonly doc: 'DOC-SETUP' | 'DOC-GTALK' | 'DOC-NEG' | 'DOC-CERT' | 'DOC-DNS' | 'PROBE'
  readonly section: 'setup' | 'troubleshooting' | 'reference'
  /** Step numbers as printed in the document, e.g. "25" or "6–9". */
  readonly steps: string
}

/** A node answered by check `C`. `next` is taken unless an outcome has its own edge; a fail with no edge concludes. */
export interface CheckNodeOf<C extends CheckId> {
  readonly kind: 'check'
  readonly id: NodeId
  readonly checkId: C
  readonly seed: SeedRef
  readonly next: NodeId
  readonly on?: Partial<Record<CheckStatus, NodeId>>
  /**
   * Edges by the result's finding code (only codes check `C` produces: finding-reasons.ts); they win over `on`.
   * 'conclude' ends the walk with the check's own fix.
   */
  readonly onReason?: Readonly<Partial<Record<FindingReasonOf<C>, NodeId | 'conclude'>>>
}

/** A node answered by a check, typed by the check it names. */
export type CheckNode = { [C in CheckId]: CheckNodeOf<C> }[CheckId]

export interface Answer {
  readonly id: string
  readonly label: Localized
  readonly next: NodeId
}

/** A node no evidence can answer: the user does (e.g. "Did you publish the topology?"). */
export interface QuestionNode {
  readonly kind: 'question'
  readonly id: NodeId
  readonly seed: SeedRef
  readonly question: Localized
  /** How to find the answer: where to look, what to run. */
  readonly help: Localized
  readonly commands: readonly string[]
  readonly answers: readonly Answer[]
}

/** A root cause the walk can end at. */
export interface ConclusionNode {
  readonly kind: 'conclusion'
  readonly id: NodeId
  readonly seed: SeedRef
  readonly title: Localized
  readonly explanation: Localized
  readonly fix: Fix | null
  /** The check this cause belongs to; when absent, the first failing check on the path. */
  readonly blames?: CheckId
}

/** The healthy end. */
export interface EndNode {
  readonly kind: 'end'
  readonly id: NodeId
  readonly seed: SeedRef
}

export type TreeNode = CheckNode | QuestionNode | ConclusionNode | EndNode

export interface TroubleshootingTree {
  readonly start: NodeId
  readonly nodes: readonly TreeNode[]
}
