/** The renderer's pure shaping of results: grouped like the tree, the path with answers, the waiting question. */
import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src-shared/diagnose'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { loadScenario } from '../../src-main/scenarios/scenario-catalog'
import { GROUP_ORDER, groupChecks, pathEntries, waitingQuestion } from '../../src-renderer/lib/tree-view'

async function resultOf(name: string, answers: Record<string, string> = {}) {
  const { read } = await loadScenario(name)
  return diagnose({ evidence: parseEvidence(read.files).evidence, answers, source: 'demo', startedAt: new Date(0) })
}

describe('tree view helpers', () => {
  it('orders groups as the tree visits them: services first, the live probe last', () => {
    expect(GROUP_ORDER[0]).toBe('services')
    expect(GROUP_ORDER[1]).toBe('ports')
    expect(GROUP_ORDER.at(-1)).toBe('probe')
    expect(new Set(GROUP_ORDER).size).toBe(GROUP_ORDER.length)
  })

  it('groups every check exactly once', async () => {
    const result = await resultOf('healthy-edge')
    const groups = groupChecks(result.checks)
    expect(groups.flatMap((g) => g.checks.map((c) => c.id)).sort()).toEqual(result.checks.map((c) => c.id).sort())
  })

  it('finds the waiting question, and the answer once given', async () => {
    const waiting = await resultOf('ports-closed-route-question')
    expect(waitingQuestion(waiting)?.id).toBe('q-route-assigned')
    expect(pathEntries(waiting).at(-1)).toMatchObject({ isLast: true, answerId: null, node: { id: 'q-route-assigned' } })
    const answered = await resultOf('ports-closed-route-question', { 'q-route-assigned': 'no' })
    expect(waitingQuestion(answered)).toBeNull()
    expect(pathEntries(answered).find((e) => e.node.id === 'q-route-assigned')?.answerId).toBe('no')
    expect(pathEntries(answered).at(-1)?.node.id).toBe('c-assign-route')
  })

  it('attaches the check result to each check node of the path', async () => {
    const result = await resultOf('proxy-service-stopped')
    const last = pathEntries(result).at(-1)
    expect(last?.node.id).toBe('proxy-service')
    expect(last?.check?.status).toBe('fail')
  })
})
