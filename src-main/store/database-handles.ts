/**
 * Branded better-sqlite3 handles: read functions take a ReadableDb, only writers take a WritableDb,
 * so a query that writes cannot be called from a read-only code path by mistake.
 */
import type Database from 'better-sqlite3'

/** A history database handle that may only be read. */
export type ReadableDb = Database.Database & { readonly __readableDb: never }

/** A history database handle that may be written (every WritableDb is also readable). */
export type WritableDb = ReadableDb & { readonly __writableDb: never }

/** Marks a raw connection as writable; only the opener and tests call this. */
export function asWritableDb(db: Database.Database): WritableDb {
  return db as WritableDb
}

/** The application_id stamped into every history database ("XEDH"), used to recognise foreign files. */
export const HISTORY_APPLICATION_ID = 0x58454448

/** Throws when a statement that must change exactly `expected` rows changed another number. */
export function assertChanges(result: Database.RunResult, expected: number, what: string): void {
  if (result.changes !== expected) {
    throw new Error(`${what}: expected ${expected} changed row(s), got ${result.changes}`)
  }
}
