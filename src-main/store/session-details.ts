/** Reads one whole session back (open), and the baseline for "what changed since the last healthy run". */
import type { RootCause } from '../../src-shared/result/diagnosis-result'
import type { NextAction } from '../../src-shared/result/diagnosis-result'
import { diffSnapshots, type SnapshotDiff } from '../../src-shared/report/diff-snapshots'
import type { SessionDetail, SessionSummary } from '../../src-shared/report/session-record'
import { listActions } from './actions'
import { listAnswers } from './answers'
import { listCheckRuns } from './check-results'
import type { ReadableDb } from './database-handles'
import { listEvidenceFiles } from './evidence-files'
import { listNotes } from './notes'
import { findLastHealthySession, getSessionRow, getSessionRowByUid, getSessionSnapshot, rowToSessionSummary, type SessionRow } from './sessions'
import { SessionNotFoundError } from './store-errors'

/** Finds a session by numeric id or uid ("12" or "3f2c…"); throws SessionNotFoundError. */
export function resolveSessionRow(db: ReadableDb, reference: string | number): SessionRow {
  const text = String(reference).trim()
  const row = /^\d+$/.test(text) ? getSessionRow(db, Number(text)) : getSessionRowByUid(db, text)
  if (!row) throw new SessionNotFoundError(text)
  return row
}

/** Everything recorded in one session. */
export function getSessionDetail(db: ReadableDb, reference: string | number): SessionDetail {
  const row = resolveSessionRow(db, reference)
  return {
    ...rowToSessionSummary(row),
    source: row.source,
    collectedAt: row.collected_at,
    appVersion: row.app_version,
    evidenceFiles: listEvidenceFiles(db, row.id),
    checkRuns: listCheckRuns(db, row.id),
    walk: {
      path: JSON.parse(row.path_json) as string[],
      currentNode: row.current_node,
      nextAction: row.next_action_json ? (JSON.parse(row.next_action_json) as NextAction) : null,
      answers: JSON.parse(row.walk_answers_json) as Record<string, string>,
    },
    rootCause: row.root_cause_json ? (JSON.parse(row.root_cause_json) as RootCause) : null,
    answers: listAnswers(db, row.id),
    actions: listActions(db, row.id),
    notes: listNotes(db, row.id),
    snapshot: getSessionSnapshot(db, row.id),
    diagnosisStartedAt: row.diagnosis_started_at,
    diagnosisDurationMs: row.diagnosis_duration_ms,
  }
}

/** A comparison of a session with the last healthy run on its host. */
export interface ChangesSinceHealthy {
  readonly baseline: SessionSummary
  readonly diff: SnapshotDiff
}

/**
 * Compares the session's snapshot with the most recent earlier healthy session on the same host.
 * Null when the session has no host or snapshot, or there is no earlier healthy run to compare with.
 */
export function findChangesSinceHealthy(db: ReadableDb, session: SessionDetail): ChangesSinceHealthy | null {
  if (!session.host || !session.snapshot) return null
  const baselineRow = findLastHealthySession(db, session.host, Date.parse(session.startedAt), session.id)
  const baseline = baselineRow ? getSessionSnapshot(db, baselineRow.id) : null
  if (!baselineRow || !baseline) return null
  return { baseline: rowToSessionSummary(baselineRow), diff: diffSnapshots(baseline, session.snapshot) }
}

/** Compares two given sessions (for `history diff <a> <b>`); null when either has no snapshot. */
export function diffSessions(db: ReadableDb, before: string | number, after: string | number): SnapshotDiff | null {
  const a = getSessionSnapshot(db, resolveSessionRow(db, before).id)
  const b = getSessionSnapshot(db, resolveSessionRow(db, after).id)
  return a && b ? diffSnapshots(a, b) : null
}
