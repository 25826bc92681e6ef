import { describe, expect, it } from 'vitest'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import { sessionToDiagnosisResult, type SessionSubject } from '../../src-shared/report/session-record'
import type { WritableDb } from '../../src-main/store/database-handles'
import { EvidenceIntegrityError, readEvidenceFiles } from '../../src-main/store/evidence-files'
import { findChangesSinceHealthy, getSessionDetail } from '../../src-main/store/session-details'
import { subjectOf } from '../../src-main/store/recorded-result'
import { addNoteToSession, resumeSession, startSession } from '../../src-main/store/session-recorder'
import { deleteSessionRow, listSessions } from '../../src-main/store/sessions'
import { SessionNotFoundError, SessionStateError } from '../../src-main/store/store-errors'
import {
  buildEvidence,
  buildHealthyResult,
  buildProblemResult,
  buildRawEvidenceFiles,
  HOST,
  NETSTAT_INTERNAL_LINE,
  PROXY_SERVICE,
} from '../report/helpers/sample-diagnosis'
import { useTempHistory } from './helpers/open-temp-history'

const openHistory = useTempHistory()

const SUBJECT: SessionSubject = {
  host: HOST,
  role: 'Edge',
  productVersion: '5.0.8308.0',
  domains: ['contoso.com'],
  source: 'evidence-folder',
  collectedAt: null,
}

function clockFrom(iso: string, stepMs = 1000): () => Date {
  let t = Date.parse(iso)
  return () => new Date((t += stepMs))
}

/** Records a complete session the way the app does; returns its id. */
function recordSession(db: WritableDb, kind: 'healthy' | 'problem', startIso: string, host = HOST): number {
  const built = kind === 'healthy' ? buildHealthyResult() : buildProblemResult()
  const result = { ...built, subject: { ...built.subject, host } }
  const recorder = startSession(db, subjectOf(result), { now: clockFrom(startIso), appVersion: '0.1.0' })
  recorder.recordEvidence(buildRawEvidenceFiles(), extractConfigSnapshot(buildEvidence(kind)))
  recorder.recordDiagnosis(result)
  if (kind === 'problem') {
    recorder.recordAnswer('q-edge-restarted', 'no')
    recorder.recordAction({
      command: `Start-CsWindowsService -Name ${PROXY_SERVICE}`,
      runOn: 'edge',
      confirmedAt: new Date(Date.parse(startIso) + 60_000),
      output: 'WARNING: Service started, waiting for it to respond.',
      exitCode: 0,
      succeeded: true,
    })
    recorder.addNote('Certificate renewed on 15 Nov by the PKI team; proxy did not come back after the restart. 憑證已更新。')
  }
  recorder.finishSession()
  return recorder.sessionId
}

describe('SessionRecorder', () => {
  it('stores every step and reads the session back whole', () => {
    const { db } = openHistory()
    const id = recordSession(db, 'problem', '2026-11-20T09:31:00Z')
    const session = getSessionDetail(db, id)

    expect(session.host).toBe(HOST)
    expect(session.verdict).toBe('problems')
    expect(session.rootCauseCheckId).toBe('xmpp-proxy-service-running')
    expect(session.rootCause?.fix?.commands).toEqual([`Start-CsWindowsService -Name ${PROXY_SERVICE}`])
    expect(session.walk.path).toEqual(['components', 'proxy-service'])
    expect(session.answers).toEqual([{ nodeId: 'q-edge-restarted', answerId: 'no', answeredAt: expect.any(String) }])
    expect(session.actions).toEqual([
      expect.objectContaining({ command: `Start-CsWindowsService -Name ${PROXY_SERVICE}`, status: 'succeeded', exitCode: 0, confirmedAt: '2026-11-20T09:32:00.000Z' }),
    ])
    expect(session.notes[0]?.body).toContain('PKI team')
    expect(session.endedAt).not.toBeNull()
    expect(session.checkRuns).toHaveLength(1)
    expect(session.checkRuns[0]?.results).toEqual(buildProblemResult().checks)
    expect(session.evidenceFiles.map((f) => f.name)).toEqual([...buildRawEvidenceFiles().keys()].sort())
    expect(session.evidenceFiles.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true)
    expect(session.snapshot?.certificates?.[0]?.thumbprint).toBe('9B17E0C44D2A6F8B3E5C7A9D1F0B2C4E6A8D0F12')

    // The JSON report shape: the stored session turns back into the very result that was recorded.
    expect(sessionToDiagnosisResult(session)).toEqual(buildProblemResult())
  })

  it('gives back the evidence bytes exactly, and notices a damaged stored file', () => {
    const { db } = openHistory()
    const id = recordSession(db, 'problem', '2026-11-20T09:31:00Z')
    const files = readEvidenceFiles(db, id)
    for (const [name, bytes] of buildRawEvidenceFiles()) expect(Buffer.from(files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true)
    const stored = db.prepare(`SELECT compression, length(content) AS size, original_size FROM evidence_files WHERE name = 'topology.xml'`).get()
    expect(stored).toMatchObject({ compression: expect.stringMatching(/brotli|none/) })

    db.prepare(`UPDATE evidence_files SET content = ?, compression = 'none' WHERE name = 'netstat.txt'`).run(Buffer.from('forged'))
    expect(() => readEvidenceFiles(db, id)).toThrow(EvidenceIntegrityError)
  })

  it('keeps a started action whose command never reported back', () => {
    const { db } = openHistory()
    const recorder = startSession(db, SUBJECT)
    const actionId = recorder.startAction(`Start-CsWindowsService -Name ${PROXY_SERVICE}`, 'edge')
    expect(getSessionDetail(db, recorder.sessionId).actions).toEqual([
      expect.objectContaining({ id: actionId, status: 'started', output: null, finishedAt: null }),
    ])
    recorder.finishAction(actionId, { output: 'failed to start', exitCode: 1, succeeded: false })
    expect(getSessionDetail(db, recorder.sessionId).actions[0]).toMatchObject({ status: 'failed', exitCode: 1, output: 'failed to start' })
    expect(() => recorder.finishAction(actionId, { output: 'again', exitCode: 0, succeeded: true })).toThrow(/completeAction/)
  })

  it('refuses steps after finishSession, resumes an open session, and accepts late notes', () => {
    const { db } = openHistory()
    const recorder = startSession(db, SUBJECT)
    recorder.recordAnswer('q-edge-restarted', 'yes')
    const resumed = resumeSession(db, recorder.sessionId)
    resumed.recordAnswer('q-edge-restarted', 'no')
    resumed.finishSession()
    expect(() => resumed.addNote('more')).toThrow(SessionStateError)
    expect(() => resumeSession(db, recorder.sessionId)).toThrow(SessionStateError)
    expect(() => resumeSession(db, 9999)).toThrow(SessionNotFoundError)
    addNoteToSession(db, recorder.sessionId, 'Written the next day.')
    expect(() => addNoteToSession(db, recorder.sessionId, '   ')).toThrow(SessionStateError)
    const session = getSessionDetail(db, recorder.uid)
    expect(session.answers.map((a) => a.answerId)).toEqual(['yes', 'no'])
    expect(session.notes.map((n) => n.body)).toEqual(['Written the next day.'])
  })
})

describe('listing, filtering and searching', () => {
  function seed(db: WritableDb): { healthy: number; problem: number; other: number } {
    const healthy = recordSession(db, 'healthy', '2026-11-01T08:01:00Z')
    const problem = recordSession(db, 'problem', '2026-11-20T09:31:00Z')
    const other = recordSession(db, 'healthy', '2026-11-10T10:00:00Z', 'EDGE02.contoso.local')
    return { healthy, problem, other }
  }

  it('lists newest first, in pages, with the total', () => {
    const { db } = openHistory()
    const ids = seed(db)
    const all = listSessions(db)
    expect(all.total).toBe(3)
    expect(all.items.map((s) => s.id)).toEqual([ids.problem, ids.other, ids.healthy])
    expect(listSessions(db, { limit: 1, offset: 1 }).items.map((s) => s.id)).toEqual([ids.other])
    expect(all.items[0]?.rootCauseTitle?.en).toBe('The XMPP proxy service is stopped')
  })

  it('filters by host (any case), verdict, root cause and dates', () => {
    const { db } = openHistory()
    const ids = seed(db)
    const idsOf = (page: ReturnType<typeof listSessions>): number[] => page.items.map((s) => s.id)
    expect(idsOf(listSessions(db, { host: 'edge01.CONTOSO.local' }))).toEqual([ids.problem, ids.healthy])
    expect(idsOf(listSessions(db, { verdict: 'healthy' }))).toEqual([ids.other, ids.healthy])
    expect(idsOf(listSessions(db, { rootCause: 'xmpp-proxy-service-running' }))).toEqual([ids.problem])
    expect(idsOf(listSessions(db, { rootCause: 'proxy-service' }))).toEqual([ids.problem])
    expect(idsOf(listSessions(db, { from: new Date('2026-11-05T00:00:00Z'), to: new Date('2026-11-15T00:00:00Z') }))).toEqual([ids.other])
    expect(listSessions(db, { host: 'EDGE01.contoso.local', verdict: 'healthy', from: new Date('2026-11-02T00:00:00Z') }).total).toBe(0)
  })

  it('searches notes and findings, English and zh-TW, short and long terms; all terms must match', () => {
    const { db } = openHistory()
    const ids = seed(db)
    const search = (q: string): number[] => listSessions(db, { search: q }).items.map((s) => s.id)
    expect(search('PKI')).toEqual([ids.problem]) // note, 3 characters: the index
    expect(search('pki team')).toEqual([ids.problem])
    expect(search('憑證')).toEqual([ids.problem]) // 2 CJK characters: marked pairs in the trigram index
    // 1–2 characters through the gram index, any case; "5" only in the failing port check's netstat line.
    expect(search('pK')).toEqual([ids.problem])
    expect(search('5')).toEqual([ids.problem])
    expect(search('憑')).toEqual([ids.problem])
    expect(search('%')).toEqual([])
    expect(search('zq')).toEqual([])
    expect(search('已停止')).toEqual([ids.problem]) // zh-TW summary of a finding, via the index
    expect(search(PROXY_SERVICE.toLowerCase())).toEqual([ids.problem])
    expect(search('"Start-CsWindowsService -Name"')).toEqual([ids.problem]) // fix command, quoted phrase
    expect(search('PKI nonexistentword')).toEqual([])
    // A passing check is not a finding: the healthy runs' netstat evidence is not searchable.
    expect(search('"10.0.0.5:23456"')).toEqual([])
    expect(search('23456 LISTENING')).toEqual([ids.problem]) // the failing port check of the problem run
    expect(search(NETSTAT_INTERNAL_LINE.trim())).toEqual([])
    expect(search('   ')).toHaveLength(3)
    expect(search('100%_\\')).toEqual([])
  })

  it('deletes a session with everything in it, including its search entries', () => {
    const { db } = openHistory()
    const ids = seed(db)
    const count = (table: string): number => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get())
    expect(count('search_entries')).toBeGreaterThan(0)
    expect(count('search_grams')).toBeGreaterThan(0)
    expect(deleteSessionRow(db, ids.problem)).toBe(true)
    expect(deleteSessionRow(db, ids.problem)).toBe(false)
    for (const table of ['check_results WHERE session_id = ' + ids.problem, 'notes', 'actions', 'answers']) expect(count(table), table).toBe(0)
    expect(count('search_entries')).toBe(0)
    expect(count('search_grams')).toBe(0)
    expect(count('session_snapshots')).toBe(2)
    expect(count('evidence_files')).toBe(2 * buildRawEvidenceFiles().size)
    expect(listSessions(db, { search: 'PKI' }).total).toBe(0)
  })

  it('finds what changed since the last healthy run on the same host', () => {
    const { db } = openHistory()
    const ids = seed(db)
    const changes = findChangesSinceHealthy(db, getSessionDetail(db, ids.problem))
    expect(changes?.baseline.id).toBe(ids.healthy)
    const diff = changes!.diff
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'services', key: PROXY_SERVICE, field: 'status', before: 'Running', after: 'Stopped' }),
        expect.objectContaining({ section: 'services', kind: 'restarted', key: 'REPLICA', field: 'startedAt', after: '2026-11-20T09:05:00.000Z' }),
        expect.objectContaining({ section: 'certificates', key: 'AccessEdgeExternal', field: 'thumbprint' }),
        expect.objectContaining({ section: 'listeningSockets', kind: 'removed', key: 'TCP 10.0.0.5:23456' }),
        expect.objectContaining({ section: 'events', kind: 'added', key: '61001 LS XMPP Translating Gateway Proxy' }),
      ]),
    )
    // The healthy run itself has no earlier healthy run on its host.
    expect(findChangesSinceHealthy(db, getSessionDetail(db, ids.healthy))).toBeNull()
  })
})
