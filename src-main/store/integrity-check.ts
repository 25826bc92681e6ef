/**
 * The full integrity check (quick_check) run apart from opening, on a read-only connection (it never changes
 * the file). Opening (open-database.ts) runs quick_check itself only after an unclean shutdown (a -wal or
 * -journal left behind, or this check's marker), so the first page shows at once; that is what the app does
 * (src-main/electron/main.ts opens the history with openHistoryDatabase). This check is for a caller that also
 * wants damage found after a clean shutdown: it blocks for as long as quick_check takes (about half a second at
 * 10,000 sessions), so it belongs off the thread that answers the window. When it finds damage it leaves a
 * marker beside the file, and the next open checks in full and moves the file aside with its notice, as after
 * a crash.
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { needsCheckMarkerPath } from './open-database'

/** What the check found. */
export type IntegrityCheckResult = { readonly ok: true } | { readonly ok: false; readonly detail: string }

/** Runs quick_check on the history at `path`; on damage (or a file SQLite cannot read) marks it for the next open. */
export function checkHistoryIntegrity(path: string): IntegrityCheckResult {
  let detail: string | null
  const hadCompanions = existsSync(`${path}-wal`) || existsSync(`${path}-shm`)
  try {
    const raw = new Database(path, { fileMustExist: true, readonly: true })
    try {
      const rows = raw.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
      const lines = rows.map((row) => row.quick_check).filter((line) => line !== 'ok')
      detail = lines.length > 0 ? lines.join('; ') : null
    } finally {
      raw.close()
      // A read-only connection leaves the empty -wal/-shm it created; remove them when nobody else had the file open.
      if (!hadCompanions && existsSync(`${path}-wal`) && statSync(`${path}-wal`).size === 0) {
        rmSync(`${path}-wal`, { force: true })
        rmSync(`${path}-shm`, { force: true })
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    // Only damage counts: a locked or missing file is not a reason to move the history aside.
    if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) throw error
    detail = error instanceof Error ? error.message : String(error)
  }
  if (detail === null) return { ok: true }
  writeFileSync(needsCheckMarkerPath(path), `${detail}\n`)
  return { ok: false, detail }
}
