import { describe, expect, it } from 'vitest'
import type { Verdict } from '../../src-shared/result/diagnosis-result'
import { recordAnalysis } from '../../src-main/store/record-analysis'
import { getSessionDetail } from '../../src-main/store/session-details'
import { SessionStateError } from '../../src-main/store/store-errors'
import { buildEvidence, buildProblemResult, buildRawEvidenceFiles } from '../report/helpers/sample-diagnosis'
import { useTempHistory } from './helpers/open-temp-history'

const openHistory = useTempHistory()

describe('recordAnalysis', () => {
  it('records a finished analysis with its evidence, result and end', () => {
    const { db } = openHistory()
    const recorded = recordAnalysis(db, { result: buildProblemResult(), files: buildRawEvidenceFiles() })
    const row = db.prepare('SELECT verdict, ended_at FROM sessions WHERE id = ?').get(recorded.sessionId) as { verdict: string; ended_at: number | null }
    expect(row.verdict).toBe('problems')
    expect(row.ended_at).not.toBeNull()
    expect(Number(db.prepare('SELECT count(*) FROM evidence_files').pluck().get())).toBe(buildRawEvidenceFiles().size)
  })

  it('is one transaction: a step that fails leaves no half-recorded session behind', () => {
    const { db } = openHistory()
    // The sessions table's CHECK refuses this verdict in the result step, after the session and evidence steps.
    const broken = { ...buildProblemResult(), verdict: 'not-a-verdict' as Verdict }
    expect(() => recordAnalysis(db, { result: broken, files: buildRawEvidenceFiles() })).toThrow(/CHECK/)
    expect(Number(db.prepare('SELECT count(*) FROM sessions').pluck().get())).toBe(0)
    expect(Number(db.prepare('SELECT count(*) FROM evidence_files').pluck().get())).toBe(0)
    expect(db.inTransaction).toBe(false)
  })

  it('keeps the notes in order with the finished session (a watch’s timeline)', () => {
    const { db } = openHistory()
    const recorded = recordAnalysis(db, { result: buildProblemResult(), files: buildRawEvidenceFiles(), notes: ['first poll', 'second poll'] })
    const session = getSessionDetail(db, recorded.sessionId)
    expect(session.notes.map((n) => n.body)).toEqual(['first poll', 'second poll'])
    expect(session.endedAt).not.toBeNull()
    expect(() => recorded.addNote('late')).toThrow(SessionStateError)
  })

  it('keeps the session open when asked (the app’s run: answers and fixes follow)', () => {
    const { db } = openHistory()
    const recorder = recordAnalysis(db, { result: buildProblemResult(), files: buildRawEvidenceFiles(), evidence: buildEvidence('problem'), keepOpen: true })
    recorder.recordAnswer('q-edge-restarted', 'no')
    const session = getSessionDetail(db, recorder.sessionId)
    expect(session.endedAt).toBeNull()
    expect(session.answers.map((a) => a.answerId)).toEqual(['no'])
    expect(session.snapshot).not.toBeNull()
  })

  it('a note it refuses leaves no session behind either', () => {
    const { db } = openHistory()
    expect(() => recordAnalysis(db, { result: buildProblemResult(), files: buildRawEvidenceFiles(), notes: ['   '] })).toThrow(SessionStateError)
    expect(Number(db.prepare('SELECT count(*) FROM sessions').pluck().get())).toBe(0)
  })
})
