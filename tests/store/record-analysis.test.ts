import { describe, expect, it } from 'vitest'
import type { Verdict } from '../../src-shared/result/diagnosis-result'
import { recordAnalysis } from '../../src-main/store/record-analysis'
import { buildProblemResult, buildRawEvidenceFiles } from '../report/helpers/sample-diagnosis'
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
})
