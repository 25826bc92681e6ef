/** Queries on answers: every answer the user gave to a manual tree question, in order. */
import type { AnswerRecord } from '../../src-shared/report/session-record'
import type { ReadableDb, WritableDb } from './database-handles'
import { isoTime } from './sessions'

interface AnswerRow {
  readonly node_id: string
  readonly answer_id: string
  readonly answered_at: number
}

/** Appends one answer. */
export function insertAnswer(db: WritableDb, sessionId: number, nodeId: string, answerId: string, at: number): void {
  db.prepare('INSERT INTO answers (session_id, node_id, answer_id, answered_at) VALUES (?, ?, ?, ?)').run(sessionId, nodeId, answerId, at)
}

/** The session's answers, oldest first. */
export function listAnswers(db: ReadableDb, sessionId: number): AnswerRecord[] {
  return db
    .prepare<[number], AnswerRow>('SELECT node_id, answer_id, answered_at FROM answers WHERE session_id = ? ORDER BY id')
    .all(sessionId)
    .map((row) => ({ nodeId: row.node_id, answerId: row.answer_id, answeredAt: isoTime(row.answered_at) }))
}
