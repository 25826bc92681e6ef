/**
 * Opens (or creates) the history database: recognises a corrupt or foreign file and, for the app's own
 * default database only, moves it aside instead of touching it (a file the user named is refused and
 * left alone: it may be their notes.txt); refuses a file from a newer app version, sets the pragmas we rely on and
 * applies pending migrations.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { defaultHistoryPath } from './default-history-path'
import { asWritableDb, HISTORY_APPLICATION_ID, type WritableDb } from './database-handles'
import { LATEST_SCHEMA_VERSION, migrateDatabase, type MigrationReport } from './migrations/index'
import { DatabaseFromFutureError, DatabaseOpenError, NotAHistoryDatabaseError } from './store-errors'

/** Why a file was moved aside. */
export type MoveAsideReason = 'not-a-database' | 'corrupt' | 'foreign'

/** Something the caller must show the user once (the CLI prints it to stderr, the app in a banner). */
export interface DatabaseNotice {
  readonly kind: 'moved-aside'
  readonly reason: MoveAsideReason
  readonly originalPath: string
  /** Where the main file went (its -wal/-shm/-journal companions go to the same name plus suffix). */
  readonly movedTo: string
  readonly movedFiles: readonly string[]
  /** The technical reason, untranslated (SQLite's error text or the integrity-check line). */
  readonly detail: string
  readonly message: Localized
}

export interface OpenHistoryOptions {
  readonly path: string
  /**
   * What to do with an existing file that is not a usable history: 'move-aside' only for the app's own
   * default database (the user never chose that file); 'refuse' for a path the user gave. Left out, the
   * file is moved aside only when `path` is the default database of this environment.
   */
  readonly unusableFile?: 'move-aside' | 'refuse'
  /** Clock for the move-aside file name (tests pin it). */
  readonly now?: () => Date
  readonly log?: (line: string) => void
}

/** An open, migrated history database plus what happened while opening it. */
export interface OpenedHistory {
  readonly db: WritableDb
  readonly path: string
  readonly notices: readonly DatabaseNotice[]
  readonly migration: MigrationReport
  /**
   * Whether opening ran the full integrity check: only after an unclean shutdown (or when a background
   * check asked for it); otherwise the cheap header and schema checks alone, so the first page shows at once.
   */
  readonly integrityCheck: 'quick_check' | 'skipped-clean-shutdown'
  close(): void
}

type Inspection =
  | { readonly kind: 'usable' }
  | { readonly kind: 'move-aside'; readonly reason: MoveAsideReason; readonly detail: string }

const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const
// https://www.sqlite.org/fileformat.html#the_database_header
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const SQLITE_HEADER_SIZE = 100

/** Opens the history at `options.path`, creating the file and its folder when missing. */
export function openHistoryDatabase(options: OpenHistoryOptions): OpenedHistory {
  const { path } = options
  const now = options.now ?? (() => new Date())
  const notices: DatabaseNotice[] = []
  ensureFolder(path)

  const fullCheck = existsSync(path) && endedUncleanly(path)
  const inspection = existsSync(path) ? inspectWithoutLeftovers(path, fullCheck) : ({ kind: 'usable' } as const)
  if (inspection.kind === 'move-aside') {
    if ((options.unusableFile ?? defaultHandling(path)) !== 'move-aside') throw new NotAHistoryDatabaseError(path, inspection.reason, inspection.detail)
    const notice = moveAside(path, inspection.reason, inspection.detail, now())
    options.log?.(notice.message.en)
    notices.push(notice)
  }

  const raw = openConnection(path, false)
  try {
    const db = asWritableDb(raw)
    applyPragmas(db, path)
    const migration = migrateDatabase(db, { path, ...(options.log ? { log: options.log } : {}) })
    // The check ran (and passed, or the file was moved aside): the request is answered.
    rmSync(needsCheckMarkerPath(path), { force: true })
    return { db, path, notices, migration, integrityCheck: fullCheck ? 'quick_check' : 'skipped-clean-shutdown', close: () => raw.close() }
  } catch (error) {
    raw.close()
    throw error
  }
}

/** The sidecar a background integrity check leaves when it found damage: the next open checks in full. */
export function needsCheckMarkerPath(path: string): string {
  return `${path}-needs-check`
}

/**
 * True when the last process did not close the file cleanly. In WAL mode the last connection to close
 * checkpoints and deletes the -wal file, so a non-empty -wal (or a rollback -journal) means a process
 * died with the database open, possibly mid-write, or is still using it: both get the full check.
 */
function endedUncleanly(path: string): boolean {
  if (existsSync(needsCheckMarkerPath(path))) return true
  return ['-wal', '-journal'].some((suffix) => {
    try {
      return statSync(path + suffix).size > 0
    } catch {
      return false
    }
  })
}

function defaultHandling(path: string): 'move-aside' | 'refuse' {
  try {
    return resolve(path) === resolve(defaultHistoryPath(process.env, process.platform)) ? 'move-aside' : 'refuse'
  } catch {
    return 'refuse'
  }
}

function ensureFolder(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
  } catch (error) {
    throw new DatabaseOpenError(path, describeError(error), { cause: error })
  }
}

function openConnection(path: string, fileMustExist: boolean): Database.Database {
  try {
    return new Database(path, { fileMustExist })
  } catch (error) {
    throw new DatabaseOpenError(path, describeError(error), { cause: error })
  }
}

/**
 * Inspects the file. When it is to be moved aside, first removes the empty -wal/-shm that the
 * read-only look itself created, so only what the user had is moved. (When the file is usable they
 * stay: another process may be using them by then.)
 */
function inspectWithoutLeftovers(path: string, fullCheck: boolean): Inspection {
  const existedBefore = new Set(COMPANION_SUFFIXES.filter((suffix) => existsSync(path + suffix)))
  const inspection = inspectExistingFile(path, fullCheck)
  if (inspection.kind === 'move-aside') {
    for (const suffix of COMPANION_SUFFIXES) {
      const companion = path + suffix
      if (existedBefore.has(suffix) || !existsSync(companion)) continue
      // -shm is a cache SQLite rebuilds; a -wal we created holds no frames.
      if (suffix === '-shm' || statSync(companion).size === 0) rmSync(companion, { force: true })
    }
  }
  return inspection
}

/**
 * Looks at an existing file without changing it: the magic bytes first, then SQLite itself in
 * read-only mode (a read-write connection would replay or delete a -wal file on close, and a WAL may
 * hold newer pages than the main file, so the header bytes alone are not the truth).
 */
function inspectExistingFile(path: string, fullCheck: boolean): Inspection {
  const stats = statSync(path)
  if (!stats.isFile()) throw new DatabaseOpenError(path, 'not a regular file')
  if (stats.size > 0) {
    const header = readHeader(path)
    if (header.length < SQLITE_HEADER_SIZE || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
      return { kind: 'move-aside', reason: 'not-a-database', detail: 'no SQLite header' }
    }
    // Without a -wal every page lives in the main file: one shorter than its header says was truncated.
    const expected = expectedFileSize(header)
    if (!existsSync(`${path}-wal`) && expected !== null && stats.size < expected) {
      return { kind: 'move-aside', reason: 'corrupt', detail: `file is ${stats.size} bytes, its header says ${expected}` }
    }
  }

  let raw: Database.Database
  try {
    raw = new Database(path, { fileMustExist: true, readonly: true })
  } catch (error) {
    if (isCorruptionError(error)) return { kind: 'move-aside', reason: 'not-a-database', detail: describeError(error) }
    throw new DatabaseOpenError(path, describeError(error), { cause: error })
  }
  try {
    return classifyOpenFile(raw, path, fullCheck)
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) throw error
    if (isCorruptionError(error)) return { kind: 'move-aside', reason: 'corrupt', detail: describeError(error) }
    throw new DatabaseOpenError(path, describeError(error), { cause: error })
  } finally {
    raw.close()
  }
}

function readHeader(path: string): Buffer {
  const buffer = Buffer.alloc(SQLITE_HEADER_SIZE)
  const fd = openSync(path, 'r')
  try {
    const read = readSync(fd, buffer, 0, SQLITE_HEADER_SIZE, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** Page size × page count from the header, when the header's count is valid (fileformat.html §1.3.9). */
function expectedFileSize(header: Buffer): number | null {
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pageCount = header.readUInt32BE(28)
  const countIsValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pageCount > 0
  return countIsValid ? pageSize * pageCount : null
}

function classifyOpenFile(raw: Database.Database, path: string, fullCheck: boolean): Inspection {
  const applicationId = Number(raw.pragma('application_id', { simple: true }))
  const userVersion = Number(raw.pragma('user_version', { simple: true }))
  const objectCount = Number(raw.prepare('SELECT count(*) FROM sqlite_schema').pluck().get())
  if (applicationId === 0 && objectCount === 0 && userVersion === 0) return { kind: 'usable' }
  if (applicationId !== HISTORY_APPLICATION_ID) {
    return {
      kind: 'move-aside',
      reason: 'foreign',
      detail: `application_id ${applicationId} (expected ${HISTORY_APPLICATION_ID}), ${objectCount} schema object(s)`,
    }
  }
  if (userVersion > LATEST_SCHEMA_VERSION) {
    throw new DatabaseFromFutureError(path, userVersion, LATEST_SCHEMA_VERSION)
  }
  if (!fullCheck) return { kind: 'usable' }
  // quick_check reads every page (O(size), 0.4–0.6 s at 10,000 sessions) but skips index-content
  // verification: after a crash a damaged page is found at start rather than while recording a session.
  const problems = raw.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  const lines = problems.map((row) => row.quick_check).filter((line) => line !== 'ok')
  if (lines.length > 0) return { kind: 'move-aside', reason: 'corrupt', detail: lines.join('; ') }
  return { kind: 'usable' }
}

function applyPragmas(db: WritableDb, path: string): void {
  const mode = String(db.pragma('journal_mode = WAL', { simple: true }))
  if (mode.toLowerCase() !== 'wal') throw new DatabaseOpenError(path, `WAL mode refused (journal_mode is ${mode})`)
  // FULL in WAL mode syncs the log at every commit: a committed step survives a power cut, not
  // only a crash of the app (NORMAL would only guarantee the latter).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
}

/** Renames the file and its companions to `<name>.corrupt-<timestamp>`; never overwrites anything. */
function moveAside(path: string, reason: MoveAsideReason, detail: string, at: Date): DatabaseNotice {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '')
  let target = `${path}.corrupt-${stamp}`
  for (let n = 1; [target, ...COMPANION_SUFFIXES.map((s) => target + s)].some((p) => existsSync(p)); n++) {
    target = `${path}.corrupt-${stamp}-${n}`
  }
  const movedFiles: string[] = []
  try {
    renameSync(path, target)
    movedFiles.push(target)
    for (const suffix of COMPANION_SUFFIXES) {
      if (existsSync(path + suffix)) {
        renameSync(path + suffix, target + suffix)
        movedFiles.push(target + suffix)
      }
    }
  } catch (error) {
    throw new DatabaseOpenError(path, `could not move the unusable file aside: ${describeError(error)}`, { cause: error })
  }
  return { kind: 'moved-aside', reason, originalPath: path, movedTo: target, movedFiles, detail, message: describeMove(reason, path, target, detail) }
}

function describeMove(reason: MoveAsideReason, path: string, target: string, detail: string): Localized {
  const what: Record<MoveAsideReason, Localized> = {
    'not-a-database': text('is not a SQLite database', '不是 SQLite 資料庫'),
    corrupt: text('is damaged', '已損毀'),
    foreign: text('is a database of another program, not an xmpp-edge-doctor history', '是其他程式的資料庫，不是 xmpp-edge-doctor 的歷程'),
  }
  return text(
    `The history file ${path} ${what[reason].en} (${detail}). It was moved to ${target} unchanged, and a new, empty history was created. Nothing was deleted.`,
    `歷程檔案 ${path} ${what[reason]['zh-TW']}（${detail}）。已原封不動移至 ${target}，並建立了新的空白歷程。沒有刪除任何資料。`,
  )
}

function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
