import { describe, expect, it } from 'vitest'
import type { Evidence, WindowsService } from '../../src-shared/evidence/evidence-model'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { diffSnapshots } from '../../src-shared/report/diff-snapshots'
import { renderSnapshotDiffText } from '../../src-shared/report/render-history-text'
import { CHANGE_KIND_LABELS } from '../../src-shared/report/report-labels'
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
      'services restarted REPLICA .startedAt: 2026-10-30T06:00:03.000Z → 2026-11-20T09:05:00.000Z',
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

  it('reports a restart (start time moved) apart from a state change, and never from one unknown side', () => {
    const base = buildEvidence('healthy')
    const services = base.services.state === 'collected' ? base.services.value : []
    const withServices = (edit: (s: WindowsService) => WindowsService): Evidence => ({ ...base, services: { state: 'collected', value: services.map(edit) } })
    const before = extractConfigSnapshot(base)
    expect(before.services?.find((s) => s.name === 'RTCSRV')?.startedAt).toBe('2026-10-30T06:00:00.000Z')

    // Same state, same process id (PIDs can be reused), new start time: a restart and nothing else.
    const restarted = withServices((s) => (s.name === 'RTCSRV' ? { ...s, processStartTime: '2026-11-20T09:00:00.000Z' } : s))
    expect(diffSnapshots(before, extractConfigSnapshot(restarted)).changes).toEqual([
      { section: 'services', kind: 'restarted', key: 'RTCSRV', field: 'startedAt', before: '2026-10-30T06:00:00.000Z', after: '2026-11-20T09:00:00.000Z' },
    ])

    // Evidence from a collector without the column (older folders): no restart, no change at all.
    const older = withServices(({ processStartTime: _dropped, ...s }) => s)
    expect(extractConfigSnapshot(older).services?.every((s) => s.startedAt === null)).toBe(true)
    expect(diffSnapshots(before, extractConfigSnapshot(older)).changes).toEqual([])
    expect(diffSnapshots(extractConfigSnapshot(older), before).changes).toEqual([])

    // Stopped: a state change; the vanished start time is not reported as a restart.
    const stopped = withServices((s) => (s.name === 'RTCSRV' ? { ...s, status: 'Stopped', processId: null, processStartTime: null } : s))
    expect(diffSnapshots(before, extractConfigSnapshot(stopped)).changes.map((c) => `${c.kind} ${c.field}`)).toEqual(['changed status', 'changed processId'])
  })

  it('names a restart in both languages', () => {
    const diff = diffSnapshots(extractConfigSnapshot(buildEvidence('healthy')), extractConfigSnapshot(buildEvidence('problem')))
    expect(renderSnapshotDiffText(diff, 'Changes', 'en')).toContain('  restarted REPLICA · startedAt: 2026-10-30T06:00:03.000Z → 2026-11-20T09:05:00.000Z\n')
    expect(renderSnapshotDiffText(diff, '變更', 'zh-TW')).toContain('  已重新啟動 REPLICA · startedAt：2026-10-30T06:00:03.000Z → 2026-11-20T09:05:00.000Z\n')
    // A service state is a word in a Chinese sentence (已停止), not the raw "Stopped"; English keeps the state's name.
    expect(renderSnapshotDiffText(diff, '變更', 'zh-TW')).toContain('RTCXMPPTGWPX · status：執行中 → 已停止\n')
    expect(renderSnapshotDiffText(diff, 'Changes', 'en')).toContain('RTCXMPPTGWPX · status: Running → Stopped\n')
    expect(CHANGE_KIND_LABELS.restarted).toEqual({ en: 'restarted', 'zh-TW': '已重新啟動' })
  })

  it('keeps two certificates for one use apart', () => {
    const base = buildEvidence('healthy')
    const certs = base.certificates.state === 'collected' ? base.certificates.value : []
    const twice: Evidence = { ...base, certificates: { state: 'collected', value: [...certs, { ...certs[0]!, thumbprint: 'AA' }] } }
    const diff = diffSnapshots(extractConfigSnapshot(base), extractConfigSnapshot(twice))
    expect(diff.changes).toContainEqual(expect.objectContaining({ kind: 'added', key: 'AccessEdgeExternal #2' }))
  })
})
