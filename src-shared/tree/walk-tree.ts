/**
 * The pure walker: evidence-derived check results + the user's answers in, the path taken, where it stopped
 * and why out. No I/O, no clock: the same inputs always give the same walk.
 */
import { failureTitleOf } from '../diagnostics/failure-titles'
import type { CheckDefinition, CheckId, CheckResult, CheckStatus } from '../diagnostics/check-types'
import type { NextAction, RootCause, Verdict } from '../result/diagnosis-result'
import { text } from '../i18n/localized'
import type { CheckNode, NodeId, QuestionNode, TreeNode, TroubleshootingTree } from './tree-types'

export interface WalkStep {
  readonly nodeId: NodeId
  /** A check node's status, a question's answer id, or 'waiting' for an unanswered question. */
  readonly outcome: CheckStatus | 'answered' | 'waiting' | 'concluded' | 'end'
  readonly answer?: string
}

export interface TreeWalk {
  readonly path: readonly NodeId[]
  readonly steps: readonly WalkStep[]
  /** The node the walk stopped at: a conclusion, an unanswered question, or the healthy end. */
  readonly currentNode: NodeId
  readonly rootCause: RootCause | null
  readonly waitingFor: QuestionNode | null
  /** Check nodes on the path whose evidence was missing or unreadable. */
  readonly unverified: readonly CheckId[]
  readonly verdict: Verdict
  readonly nextAction: NextAction
  /** Answers the walk used (answers to nodes off the path are ignored). */
  readonly answersUsed: Readonly<Record<NodeId, string>>
}

export type CheckCatalog = ReadonlyMap<CheckId, CheckDefinition>

/** Thrown for a tree that is not well-formed (a bug in the data, caught by tests). */
export class TreeDefinitionError extends Error {
  override readonly name = 'TreeDefinitionError'
}

function indexNodes(tree: TroubleshootingTree): Map<NodeId, TreeNode> {
  return new Map(tree.nodes.map((n) => [n.id, n]))
}

/** A check that did not run at all (e.g. probe checks without a probe) is treated as not applicable. */
function statusOf(results: ReadonlyMap<CheckId, CheckResult>, checkId: CheckId): CheckStatus {
  return results.get(checkId)?.status ?? 'skipped'
}

function edgeFor(node: CheckNode, status: CheckStatus, reason: CheckResult['reason']): NodeId | null {
  // The result comes from the node's own check, so its code is one of that check's: read the edges by name.
  const edges: Readonly<Partial<Record<string, NodeId | 'conclude'>>> | undefined = node.onReason
  const byReason = reason !== undefined ? edges?.[reason] : undefined
  if (byReason !== undefined) return byReason === 'conclude' ? null : byReason
  const explicit = node.on?.[status]
  if (explicit) return explicit
  if (status === 'fail') return null // conclude with the check's own explanation and fix
  return node.next
}

function rootCauseFromCheck(node: CheckNode, result: CheckResult | undefined, catalog: CheckCatalog): RootCause {
  const definition = catalog.get(node.checkId)
  return {
    checkId: node.checkId,
    nodeId: node.id,
    // The headline says what is wrong; the check's own title names the healthy state (failure-titles.ts).
    title: definition ? failureTitleOf(node.checkId, result?.reason) : text(node.checkId, node.checkId),
    explanation: result?.summary ?? text('', ''),
    fix: result?.fix ?? null,
  }
}

/** Walks the tree. Each node is visited at most once, so a malformed tree cannot loop. */
export function walkTree(
  tree: TroubleshootingTree,
  results: readonly CheckResult[],
  answers: Readonly<Record<NodeId, string>>,
  catalog: CheckCatalog,
  /** Where the walk begins (default the tree's start): a probe-only run begins at the probe's first node. */
  startAt: NodeId = tree.start,
): TreeWalk {
  const nodes = indexNodes(tree)
  const byCheck = new Map(results.map((r) => [r.id, r]))
  const path: NodeId[] = []
  const steps: WalkStep[] = []
  const unverified: CheckId[] = []
  const answersUsed: Record<NodeId, string> = {}
  let firstFailing: CheckNode | null = null
  let currentId: NodeId = startAt
  let rootCause: RootCause | null = null
  let waitingFor: QuestionNode | null = null

  for (;;) {
    const node = nodes.get(currentId)
    if (!node) throw new TreeDefinitionError(`tree has no node "${currentId}"`)
    if (path.includes(node.id)) throw new TreeDefinitionError(`tree loops at "${node.id}"`)
    path.push(node.id)

    if (node.kind === 'check') {
      const status = statusOf(byCheck, node.checkId)
      steps.push({ nodeId: node.id, outcome: status })
      if (status === 'unknown' && !unverified.includes(node.checkId)) unverified.push(node.checkId)
      if (status === 'fail' && firstFailing === null) firstFailing = node
      const next = edgeFor(node, status, byCheck.get(node.checkId)?.reason)
      if (next === null) {
        rootCause = rootCauseFromCheck(node, byCheck.get(node.checkId), catalog)
        break
      }
      currentId = next
      continue
    }
    if (node.kind === 'question') {
      const answerId = answers[node.id]
      const answer = node.answers.find((a) => a.id === answerId)
      if (!answer) {
        steps.push({ nodeId: node.id, outcome: 'waiting' })
        waitingFor = node
        break
      }
      answersUsed[node.id] = answer.id
      steps.push({ nodeId: node.id, outcome: 'answered', answer: answer.id })
      currentId = answer.next
      continue
    }
    if (node.kind === 'conclusion') {
      steps.push({ nodeId: node.id, outcome: 'concluded' })
      const blamed = node.blames ?? firstFailing?.checkId ?? null
      const blamedResult = blamed ? byCheck.get(blamed) : undefined
      rootCause = {
        checkId: blamed,
        nodeId: node.id,
        title: node.title,
        explanation: blamedResult && blamedResult.status === 'fail'
          ? text(`${node.explanation.en} ${blamedResult.summary.en}`, `${node.explanation['zh-TW']}${blamedResult.summary['zh-TW']}`)
          : node.explanation,
        // A conclusion without its own fix uses the fix of the check it blames (e.g. the event's signature).
        fix: node.fix ?? blamedResult?.fix ?? null,
      }
      break
    }
    steps.push({ nodeId: node.id, outcome: 'end' })
    break
  }

  const verdict: Verdict = rootCause ? 'problems' : waitingFor || unverified.length > 0 ? 'incomplete' : 'healthy'
  return {
    path,
    steps,
    currentNode: path[path.length - 1] ?? tree.start,
    rootCause,
    waitingFor,
    unverified,
    verdict,
    nextAction: nextActionFor(rootCause, waitingFor, unverified, catalog),
    answersUsed,
  }
}

function nextActionFor(
  rootCause: RootCause | null,
  waitingFor: QuestionNode | null,
  unverified: readonly CheckId[],
  catalog: CheckCatalog,
): NextAction {
  if (rootCause) {
    return {
      kind: 'apply-fix',
      nodeId: rootCause.nodeId,
      text: rootCause.fix?.description ?? rootCause.explanation,
      commands: rootCause.fix?.commands ?? [],
    }
  }
  if (waitingFor) {
    return {
      kind: 'answer-question',
      nodeId: waitingFor.id,
      text: text(`${waitingFor.question.en} ${waitingFor.help.en}`, `${waitingFor.question['zh-TW']}${waitingFor.help['zh-TW']}`),
      commands: waitingFor.commands,
    }
  }
  if (unverified.length > 0) {
    const files = [...new Set(unverified.flatMap((id) => catalog.get(id)?.reads ?? []))].filter((f) => f !== 'probe' && f !== 'manifest.json')
    return {
      kind: 'collect-evidence',
      nodeId: null,
      text: text(
        `Nothing failed, but ${unverified.length} check(s) could not be verified: ${unverified.join(', ')}. Collect ${files.join(', ')} and analyze again.`,
        `沒有檢查失敗，但有 ${unverified.length} 項檢查無法驗證：${unverified.join('、')}。請收集 ${files.join('、')} 後再分析一次。`,
      ),
      commands: [],
    }
  }
  return {
    kind: 'none',
    nodeId: null,
    text: text('XMPP federation looks healthy from this evidence.', '依據此證據，XMPP 同盟看起來運作正常。'),
    commands: [],
  }
}
