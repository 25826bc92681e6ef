/** Pure helpers that shape a DiagnosisResult for display: checks grouped like the tree, the path with its steps. */
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import type { CheckGroup, CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { CHECK_GROUP_ORDER } from '../../src-shared/tree/check-group-order'
import type { QuestionNode, TreeNode } from '../../src-shared/tree/tree-types'

const NODES = new Map(TROUBLESHOOTING_TREE.nodes.map((node) => [node.id, node]))

/** The groups in display order (the one constant the CLI uses too). */
export const GROUP_ORDER: readonly CheckGroup[] = CHECK_GROUP_ORDER

export interface CheckGroupView {
  readonly group: CheckGroup
  readonly checks: readonly CheckResult[]
}

/** Checks grouped like the tree; groups with no checks are left out. */
export function groupChecks(checks: readonly CheckResult[]): CheckGroupView[] {
  const byGroup = new Map<CheckGroup, CheckResult[]>()
  for (const check of checks) {
    const group = CHECK_CATALOG.get(check.id)?.group ?? 'host'
    const list = byGroup.get(group) ?? []
    list.push(check)
    byGroup.set(group, list)
  }
  return GROUP_ORDER.flatMap((group) => {
    const list = byGroup.get(group)
    return list ? [{ group, checks: list }] : []
  })
}

/** One node of the path taken, with what happened there. */
export interface PathEntry {
  readonly node: TreeNode
  readonly check: CheckResult | null
  /** The answer given at a question node. */
  readonly answerId: string | null
  readonly isLast: boolean
}

/** The path through the tree, node by node. */
export function pathEntries(result: DiagnosisResult): PathEntry[] {
  const byCheck = new Map(result.checks.map((c) => [c.id, c]))
  return result.path.flatMap((id, i) => {
    const node = NODES.get(id)
    if (!node) return []
    return [
      {
        node,
        check: node.kind === 'check' ? (byCheck.get(node.checkId) ?? null) : null,
        answerId: node.kind === 'question' ? (result.answers[node.id] ?? null) : null,
        isLast: i === result.path.length - 1,
      },
    ]
  })
}

/** The question the walk waits on, if any. */
export function waitingQuestion(result: DiagnosisResult): QuestionNode | null {
  if (result.nextAction.kind !== 'answer-question' || !result.currentNode) return null
  const node = NODES.get(result.currentNode)
  return node?.kind === 'question' ? node : null
}

/** A tree node by id. */
export function treeNode(id: string): TreeNode | undefined {
  return NODES.get(id)
}
