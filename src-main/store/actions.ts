/**
 * Queries on actions: fix commands the user confirmed. An action is committed as 'started' before the
 * command runs and completed afterwards, so a crash mid-command still leaves a record of it.
 */
import type { ActionRecord, ActionStatus } from '../../src-shared/report/session-record'
import { assertChanges, type ReadableDb, type WritableDb } from './database-handles'
import { isoTime } from './sessions'

interface ActionRow {
  readonly id: number
  readonly command: string
  readonly run_on: string | null
  readonly confirmed_at: number
  readonly finished_at: number | null
  readonly status: ActionStatus
  readonly exit_code: number | null
  readonly output: string | null
}

/** Records a confirmed command that is about to run; returns the action id. */
export function insertStartedAction(db: WritableDb, sessionId: number, command: string, runOn: string | null, confirmedAt: number): number {
  return Number(
    db
      .prepare(`INSERT INTO actions (session_id, command, run_on, confirmed_at, status) VALUES (?, ?, ?, ?, 'started')`)
      .run(sessionId, command, runOn, confirmedAt).lastInsertRowid,
  )
}

/** Records how a started action ended. */
export function completeAction(
  db: WritableDb,
  sessionId: number,
  actionId: number,
  outcome: { status: Exclude<ActionStatus, 'started'>; exitCode: number | null; output: string; finishedAt: number },
): void {
  const result = db
    .prepare(
      `UPDATE actions SET status = @status, exit_code = @exitCode, output = @output, finished_at = @finishedAt
       WHERE id = @actionId AND session_id = @sessionId AND status = 'started'`,
    )
    .run({ ...outcome, actionId, sessionId })
  assertChanges(result, 1, 'completeAction')
}

/** The session's actions, oldest first. */
export function listActions(db: ReadableDb, sessionId: number): ActionRecord[] {
  return db
    .prepare<[number], ActionRow>('SELECT * FROM actions WHERE session_id = ? ORDER BY id')
    .all(sessionId)
    .map((row) => ({
      id: row.id,
      command: row.command,
      runOn: row.run_on,
      confirmedAt: isoTime(row.confirmed_at),
      finishedAt: row.finished_at === null ? null : isoTime(row.finished_at),
      status: row.status,
      exitCode: row.exit_code,
      output: row.output,
    }))
}
