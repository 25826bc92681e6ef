import { describe, expect, it } from 'vitest'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { walkTree, TreeDefinitionError } from '../../src-shared/tree/walk-tree'
import { walkSetupChecklist, SETUP_CHECKLIST } from '../../src-shared/tree/setup-checklist'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus } from '../../src-shared/diagnostics/check-types'
import { diagnose } from '../../src-shared/diagnose'
import { text } from '../../src-shared/i18n/localized'
import { collected, healthyEdgeEvidence, netstatLine } from './evidence-builder'

function results(statuses: Partial<Record<CheckId, CheckStatus>>): CheckResult[] {
  return CHECK_IDS.map((id) => ({
    id,
    status: statuses[id] ?? 'pass',
    summary: text(`${id} summary`, `${id} 摘要`),
    evidence: [],
    fix: statuses[id] === 'fail' ? { description: text(`fix ${id}`, `修正 ${id}`), commands: [`Fix-${id}`], runOn: 'edge', changesServer: true } : null,
    durationMs: 0,
  }))
}

describe('the tree as data', () => {
  const ids = TROUBLESHOOTING_TREE.nodes.map((n) => n.id)

  it('has unique node ids and every edge leads to a node', () => {
    expect(new Set(ids).size).toBe(ids.length)
    for (const node of TROUBLESHOOTING_TREE.nodes) {
      const targets =
        node.kind === 'check' ? [node.next, ...Object.values(node.on ?? {})] : node.kind === 'question' ? node.answers.map((a) => a.next) : []
      for (const t of targets) expect(ids, `${node.id} → ${t}`).toContain(t)
    }
  })

  it('reaches every node from the start and covers every check', () => {
    const reachable = new Set<string>()
    const visit = (id: string) => {
      if (reachable.has(id)) return
      reachable.add(id)
      const node = TROUBLESHOOTING_TREE.nodes.find((n) => n.id === id)!
      if (node.kind === 'check') [node.next, ...Object.values(node.on ?? {})].forEach(visit)
      if (node.kind === 'question') node.answers.forEach((a) => visit(a.next))
    }
    visit(TROUBLESHOOTING_TREE.start)
    expect([...reachable].sort()).toEqual([...ids].sort())
    const checked = new Set(TROUBLESHOOTING_TREE.nodes.flatMap((n) => (n.kind === 'check' ? [n.checkId] : [])))
    expect(CHECK_IDS.filter((id) => !checked.has(id))).toEqual([])
  })

  it('names the seed step of every node', () => {
    for (const node of TROUBLESHOOTING_TREE.nodes) expect(node.seed.steps.length, node.id).toBeGreaterThan(0)
  })
})

describe('walking the tree', () => {
  it('ends healthy when everything passes', () => {
    const walk = walkTree(TROUBLESHOOTING_TREE, results({}), {}, CHECK_CATALOG)
    expect(walk.verdict).toBe('healthy')
    expect(walk.currentNode).toBe('healthy')
    expect(walk.rootCause).toBeNull()
  })

  it('blames the stopped service, not the closed ports it causes', () => {
    const walk = walkTree(
      TROUBLESHOOTING_TREE,
      results({ 'xmpp-proxy-service-running': 'fail', 'xmpp-external-port-listening': 'fail', 'xmpp-internal-port-listening': 'fail' }),
      {},
      CHECK_CATALOG,
    )
    expect(walk.rootCause?.checkId).toBe('xmpp-proxy-service-running')
    expect(walk.path).toEqual(['components', 'proxy-service'])
    expect(walk.nextAction.commands).toEqual(['Fix-xmpp-proxy-service-running'])
  })

  it('asks about the route when the ports are closed and the route cannot be seen from the Edge', () => {
    const closed = results({ 'xmpp-external-port-listening': 'fail', 'xmpp-federation-route-assigned': 'skipped' })
    const first = walkTree(TROUBLESHOOTING_TREE, closed, {}, CHECK_CATALOG)
    expect(first.verdict).toBe('incomplete')
    expect(first.waitingFor?.id).toBe('q-route-assigned')
    expect(first.nextAction.kind).toBe('answer-question')

    const no = walkTree(TROUBLESHOOTING_TREE, closed, { 'q-route-assigned': 'no' }, CHECK_CATALOG)
    expect(no.rootCause?.nodeId).toBe('c-assign-route')
    expect(no.rootCause?.checkId).toBe('xmpp-federation-route-assigned')

    const restart = walkTree(
      TROUBLESHOOTING_TREE,
      closed,
      { 'q-route-assigned': 'yes', 'q-topology-published': 'yes', 'q-edge-restarted': 'no' },
      CHECK_CATALOG,
    )
    expect(restart.rootCause?.nodeId).toBe('c-restart-edge')
    expect(restart.path).toEqual(['components', 'proxy-service', 'gateway-service', 'external-port', 'ports-route', 'q-route-assigned', 'q-topology-published', 'q-edge-restarted', 'c-restart-edge'])
  })

  it('concludes at once when a port is held by another program (no route questions)', () => {
    const held = results({ 'xmpp-external-port-listening': 'fail' }).map((r) =>
      r.id === 'xmpp-external-port-listening' ? { ...r, reason: 'port-held-by-other-process' as const } : r,
    )
    const walk = walkTree(TROUBLESHOOTING_TREE, held, {}, CHECK_CATALOG)
    expect(walk.currentNode).toBe('external-port')
    expect(walk.rootCause?.checkId).toBe('xmpp-external-port-listening')
  })

  it('ignores answers to questions off the path', () => {
    const walk = walkTree(TROUBLESHOOTING_TREE, results({}), { 'q-route-assigned': 'no' }, CHECK_CATALOG)
    expect(walk.verdict).toBe('healthy')
    expect(walk.answersUsed).toEqual({})
  })

  it('is incomplete when a check on the path could not be verified', () => {
    const walk = walkTree(TROUBLESHOOTING_TREE, results({ 'edge-certificate-names': 'unknown' }), {}, CHECK_CATALOG)
    expect(walk.verdict).toBe('incomplete')
    expect(walk.unverified).toEqual(['edge-certificate-names'])
    expect(walk.nextAction.kind).toBe('collect-evidence')
  })

  it('rejects a tree with a loop or a dangling edge', () => {
    const loop = { start: 'a', nodes: [{ kind: 'check' as const, id: 'a', checkId: 'xmpp-components-installed' as const, seed: { doc: 'PROBE' as const, section: 'reference' as const, steps: 'x' }, next: 'a' }] }
    expect(() => walkTree(loop, results({}), {}, CHECK_CATALOG)).toThrow(TreeDefinitionError)
    const dangling = { start: 'nowhere', nodes: [] }
    expect(() => walkTree(dangling, results({}), {}, CHECK_CATALOG)).toThrow(TreeDefinitionError)
  })
})

describe('diagnose()', () => {
  it('runs the real checks and tree on evidence: healthy Edge', () => {
    const result = diagnose({ evidence: healthyEdgeEvidence(), source: 'demo', startedAt: new Date('2026-11-20T09:00:00Z') })
    expect(result.verdict).toBe('healthy')
    expect(result.subject).toMatchObject({ host: 'EDGE01', role: 'Edge', domains: ['contoso.com'] })
    expect(result.checks.length).toBeGreaterThanOrEqual(19)
  })

  it('finds the stopped proxy as root cause from raw-ish evidence', () => {
    const evidence = healthyEdgeEvidence({
      services: collected([
        { name: 'RTCSRV', displayName: 'Lync Server Access Edge', status: 'Running', startType: 'Automatic', processId: 1800 },
        { name: 'RTCXMPPTGWPX', displayName: 'Lync Server XMPP Translating Gateway Proxy', status: 'Stopped', startType: 'Automatic', processId: null },
      ]),
      netstat: collected([netstatLine('0.0.0.0', 5061, '0.0.0.0', 0, 'LISTENING', 1800)]),
    })
    const result = diagnose({ evidence, source: 'demo', startedAt: new Date() })
    expect(result.verdict).toBe('problems')
    expect(result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
    expect(result.checks.find((c) => c.id === 'xmpp-external-port-listening')?.status).toBe('fail')
  })
})

describe('setup checklist', () => {
  it('has the 25 steps of the procedure, one entry each, in order', () => {
    expect(SETUP_CHECKLIST.map((s) => s.steps)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)))
  })

  it('marks contradicted, verified, other-server and questions', () => {
    const entries = walkSetupChecklist(results({ 'xmpp-srv-record': 'fail', 'xmpp-gateway-service-running': 'skipped' }), { 'setup-1': 'yes' })
    const byStep = Object.fromEntries(entries.map((e) => [e.step, e.state]))
    expect(byStep[23]).toBe('contradicted')
    expect(byStep[25]).toBe('verified')
    expect(byStep[1]).toBe('confirmed')
    expect(byStep[2]).toBe('elsewhere')
    // Every check passes, but no result says the proxy started after the certificate: only the user can tell.
    expect(byStep[22]).toBe('question')
  })
})
