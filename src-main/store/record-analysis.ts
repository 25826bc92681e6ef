/**
 * The one way a finished diagnosis becomes a history session, for the CLI (`--record`, `--db`, `watch --record`)
 * and the app (every run, a watch's polls). The steps (subject, evidence + snapshot, result, notes, finish) run
 * in one transaction: nothing the user did happens between them, so one commit (one sync of the log) does the
 * work of several, and a process killed midway leaves no half-recorded session (the steps become savepoints of
 * the outer transaction).
 */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { WritableDb } from './database-handles'
import { subjectOf } from './recorded-result'
import { startSession, type SessionRecorder } from './session-recorder'

/** A finished diagnosis and what to keep with it. */
export interface AnalysisToRecord {
  readonly result: DiagnosisResult
  /** The raw files to store: one server's, an incident's sets (recorded-set-files.ts: the others prefixed), a probe's report. */
  readonly files?: ReadonlyMap<string, Uint8Array>
  /** The subject's parsed evidence, for the configuration snapshot. */
  readonly evidence?: Evidence
  /** Notes recorded with the session (e.g. a watch's poll timeline), in order. */
  readonly notes?: readonly string[]
  /**
   * The app keeps a run's session open: the user's answers and fixes are recorded in it later, and it is finished
   * when the run is forgotten. Everything else is finished at once.
   */
  readonly keepOpen?: boolean
  readonly appVersion?: string
  readonly now?: () => Date
}

/** Records the result, its raw evidence, the configuration snapshot and the notes as one session; returns its recorder. */
export function recordAnalysis(db: WritableDb, analysis: AnalysisToRecord): SessionRecorder {
  return db.transaction(() => recordSteps(db, analysis)).immediate()
}

function recordSteps(db: WritableDb, analysis: AnalysisToRecord): SessionRecorder {
  const { result } = analysis
  const recorder = startSession(db, subjectOf(result), {
    ...(analysis.now ? { now: analysis.now } : {}),
    ...(analysis.appVersion ? { appVersion: analysis.appVersion } : {}),
  })
  if (analysis.files || analysis.evidence) {
    recorder.recordEvidence(analysis.files ?? new Map(), analysis.evidence ? extractConfigSnapshot(analysis.evidence) : null)
  }
  recorder.recordDiagnosis(result)
  for (const note of analysis.notes ?? []) recorder.addNote(note)
  if (!analysis.keepOpen) recorder.finishSession()
  return recorder
}
