/** Queries on notes: free text the user adds to a session. */
import type { NoteRecord } from '../../src-shared/report/session-record'
import type { ReadableDb, WritableDb } from './database-handles'
import { buildSearchBody } from './search-body'
import { buildSearchGrams } from './search-grams'
import { searchRowid } from './search-rowid'
import { isoTime } from './sessions'

interface NoteRow {
  readonly id: number
  readonly created_at: number
  readonly body: string
}

/** Appends a note and indexes it for search; returns its id. Call inside a transaction. */
export function insertNote(db: WritableDb, sessionId: number, body: string, at: number): number {
  const id = Number(db.prepare('INSERT INTO notes (session_id, created_at, body) VALUES (?, ?, ?)').run(sessionId, at, body).lastInsertRowid)
  const rowid = searchRowid(sessionId, 'note', id)
  db.prepare('INSERT INTO search_entries (rowid, body) VALUES (?, ?)').run(rowid, buildSearchBody([body]))
  db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)').run(rowid, buildSearchGrams([body]))
  return id
}

/** The session's notes, oldest first. */
export function listNotes(db: ReadableDb, sessionId: number): NoteRecord[] {
  return db
    .prepare<[number], NoteRow>('SELECT id, created_at, body FROM notes WHERE session_id = ? ORDER BY id')
    .all(sessionId)
    .map((row) => ({ id: row.id, createdAt: isoTime(row.created_at), body: row.body }))
}
