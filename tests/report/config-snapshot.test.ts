import { describe, expect, it } from 'vitest'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { diffSnapshots } from '../../src-shared/report/diff-snapshots'
import { buildEvidence, PROXY_SERVICE } from './helpers/sample-diagnosis'

describe('extractConfigSnapshot', () => {
  it('normalizes: sorted, lower-case names, upper-case thumbprints, listening TCP sockets only', () => {
    const evidence = buildEvidence('healthy')
    const snapshot = extractConfigSnapshot(evidence)
    expect(snapshot.host).toBe('EDGE01.contoso.local')
    expect(snapshot.certificates?.[0]?.names).toEqual(['access.contoso.com', 'contoso.com', 'sip.contoso.com'])
    expect(snapshot.listeningSockets?.map((s) => `${s.localAddress}:${s.localPort}`)).toEqual(['10.0.0.5:23456', '10.0.0.5:5061', '131.107.0.10:5269'])
    expect(snapshot.dnsAnswers).toEqual([
      { type: 'A', query: 'access.contoso.com', answers: ['131.107.0.10'], error: null },
      { type: 'SRV', query: '_xmpp-server._tcp.contoso.com', answers: ['0 0 5269 access.contoso.com'], error: null },
    ])
    expect(snapshot.route.sites).toEqual([{ site: 'Site:Redmond', xmppFederationRoute: 'EdgeServer:edgepool.contoso.local' }])
    expect(extractConfigSnapshot(evidence)).toEqual(snapshot)
  })

  it('marks what was not collected as null, never as empty', () => {
    const evidence: Evidence = { ...buildEvidence('healthy'), certificates: { state: 'missing' }, netstat: { state: 'unparseable', error: 'bad line' } }
    const snapshot = extractConfigSnapshot(evidence)
    expect(snapshot.certificates).toBeNull()
    expect(snapshot.listeningSockets).toBeNull()
    const diff = diffSnapshots(snapshot, extractConfigSnapshot(buildEvidence('problem')))
    expect(diff.notComparable).toEqual(['certificates', 'listeningSockets'])
    expect(diff.changes.some((c) => c.section === 'certificates' || c.section === 'listeningSockets')).toBe(false)
  })
})

describe('diffSnapshots', () => {
  it('lists every change from the healthy run to the problem run', () => {
    const diff = diffSnapshots(extractConfigSnapshot(buildEvidence('healthy')), extractConfigSnapshot(buildEvidence('problem')))
    const lines = diff.changes.map((c) => `${c.section} ${c.kind} ${c.key}${c.field ? ` .${c.field}` : ''}: ${c.before ?? '∅'} → ${c.after ?? '∅'}`)
    expect(lines).toEqual([
      'certificates changed AccessEdgeExternal .thumbprint: 3F2A9C10B7D84E55A1C0FF1234567890ABCDEF01 → 9B17E0C44D2A6F8B3E5C7A9D1F0B2C4E6A8D0F12',
      'certificates changed AccessEdgeExternal .notAfter: 2026-11-30T00:00:00.000Z → 2027-11-30T00:00:00.000Z',
      'partners changed fabrikam.com .saslNegotiation: Required → Optional',
      'partners changed fabrikam.com .supportDialbackNegotiation: False → True',
      'services changed REPLICA .processId: 1400 → 3310',
      `services changed ${PROXY_SERVICE} .status: Running → Stopped`,
      `services changed ${PROXY_SERVICE} .processId: 2412 → ∅`,
      'listeningSockets removed TCP 10.0.0.5:23456: pid=2412 → ∅',
      'listeningSockets removed TCP 131.107.0.10:5269: pid=2412 → ∅',
      'events added 61001 LS XMPP Translating Gateway Proxy: ∅ → count=1 lastSeen=2026-11-20T09:12:00.000Z',
    ])
    expect(diff.notComparable).toEqual([])
  })

  it('reports nothing between identical snapshots, and no "removed" events', () => {
    const problem = extractConfigSnapshot(buildEvidence('problem'))
    expect(diffSnapshots(problem, problem).changes).toEqual([])
    const reversed = diffSnapshots(problem, extractConfigSnapshot(buildEvidence('healthy')))
    expect(reversed.changes.filter((c) => c.section === 'events')).toEqual([])
  })

  it('keeps two certificates for one use apart', () => {
    const base = buildEvidence('healthy')
    const certs = base.certificates.state === 'collected' ? base.certificates.value : []
    const twice: Evidence = { ...base, certificates: { state: 'collected', value: [...certs, { ...certs[0]!, thumbprint: 'AA' }] } }
    const diff = diffSnapshots(extractConfigSnapshot(base), extractConfigSnapshot(twice))
    expect(diff.changes).toContainEqual(expect.objectContaining({ kind: 'added', key: 'AccessEdgeExternal #2' }))
  })
})
