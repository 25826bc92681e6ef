/**
 * Records a finished one-shot analysis (`analyze`, a demo) as a history session in the usual steps:
 * subject, evidence + snapshot, result, finish, all in one transaction: nothing the user did happens
 * between them, so one commit (one sync of the log) does the work of four, and a process killed
 * midway leaves no half-recorded session (the steps become savepoints of the outer transaction).
 */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { WritableDb } from './database-handles'
import { startSession } from './session-recorder'

export interface RecordedAnalysis {
  readonly sessionId: number
  readonly uid: string
}

/** Stores the result, its raw evidence and the configuration snapshot taken from the parsed evidence. */
export function recordAnalysis(
  db: WritableDb,
  analysis: { result: DiagnosisResult; files?: ReadonlyMap<string, Uint8Array>; evidence?: Evidence; appVersion?: string; now?: () => Date },
): RecordedAnalysis {
  return db.transaction(() => recordSteps(db, analysis)).immediate()
}

function recordSteps(
  db: WritableDb,
  analysis: { result: DiagnosisResult; files?: ReadonlyMap<string, Uint8Array>; evidence?: Evidence; appVersion?: string; now?: () => Date },
): RecordedAnalysis {
  const { result } = analysis
  const recorder = startSession(
    db,
    {
      host: result.subject.host,
      role: result.subject.role,
      productVersion: result.subject.productVersion,
      domains: result.subject.domains,
      source: result.subject.source,
      collectedAt: result.subject.collectedAt,
    },
    { ...(analysis.now ? { now: analysis.now } : {}), ...(analysis.appVersion ? { appVersion: analysis.appVersion } : {}) },
  )
  if (analysis.files || analysis.evidence) {
    recorder.recordEvidence(analysis.files ?? new Map(), analysis.evidence ? extractConfigSnapshot(analysis.evidence) : null)
  }
  recorder.recordDiagnosis(result)
  recorder.finishSession()
  return { sessionId: recorder.sessionId, uid: recorder.uid }
}
