import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { needsCheckMarkerPath, openHistoryDatabase } from '../../src-main/store/open-database'
import { checkHistoryIntegrity } from '../../src-main/store/integrity-check'
import { DatabaseOpenError, NotAHistoryDatabaseError } from '../../src-main/store/store-errors'
import { defaultHistoryPath } from '../../src-main/store/default-history-path'
import { useTempDirs } from './helpers/temp-dir'

const makeDir = useTempDirs()
const fixedNow = (): Date => new Date('2026-11-26T10:15:30.123Z')
const STAMP = '20261126T101530123Z'

function countSessions(path: string): number {
  const opened = openHistoryDatabase({ path })
  try {
    return Number(opened.db.prepare('SELECT count(*) FROM sessions').pluck().get())
  } finally {
    opened.close()
  }
}

/** A history with `count` sessions, checkpointed (every page in the main file), still open. */
function seedSessions(path: string, count: number): ReturnType<typeof openHistoryDatabase> {
  const opened = openHistoryDatabase({ path })
  const insert = opened.db.prepare(
    `INSERT INTO sessions (uid, host, role, source, started_at, updated_at) VALUES (?, 'EDGE01', 'Edge', 'live', 1, 1)`,
  )
  opened.db.pragma('wal_checkpoint(TRUNCATE)')
  for (let i = 0; i < count; i++) insert.run(`s-${i}`)
  return opened
}

/** Overwrites pages 3..5 (b-tree pages of sessions and its indexes); page 1 stays readable. */
function scribblePages(path: string): void {
  const pageSize = 4096
  expect(statSync(path).size).toBeGreaterThan(pageSize * 6)
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.alloc(pageSize * 3, 0xa5), 0, pageSize * 3, pageSize * 2)
  closeSync(fd)
}

describe('openHistoryDatabase', () => {
  it('creates the folder and the file when missing', () => {
    const path = join(makeDir(), 'nested', 'deeper', 'history.sqlite3')
    const opened = openHistoryDatabase({ path })
    opened.close()
    expect(existsSync(path)).toBe(true)
    expect(opened.notices).toEqual([])
  })

  it('treats a zero-length file as a new database', () => {
    const path = join(makeDir(), 'history.sqlite3')
    writeFileSync(path, '')
    const opened = openHistoryDatabase({ path })
    opened.close()
    expect(opened.notices).toEqual([])
  })

  it('moves a file that is not a database aside, keeps its bytes, and starts a fresh history', () => {
    const dir = makeDir()
    const path = join(dir, 'history.sqlite3')
    const garbage = Buffer.from('this is my shopping list, not a database\n'.repeat(100))
    writeFileSync(path, garbage)
    writeFileSync(`${path}-wal`, Buffer.from('stale log'))
    const lines: string[] = []
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow, log: (l) => lines.push(l) })
    opened.close()

    expect(opened.notices).toHaveLength(1)
    const notice = opened.notices[0]!
    expect(notice.reason).toBe('not-a-database')
    expect(notice.movedTo).toBe(`${path}.corrupt-${STAMP}`)
    expect(notice.movedFiles).toEqual([`${path}.corrupt-${STAMP}`, `${path}.corrupt-${STAMP}-wal`])
    expect(readFileSync(notice.movedTo)).toEqual(garbage)
    expect(readFileSync(`${notice.movedTo}-wal`).toString()).toBe('stale log')
    expect(notice.message.en).toContain(notice.movedTo)
    expect(notice.message.en).toContain('Nothing was deleted')
    expect(notice.message['zh-TW']).toContain('沒有刪除任何資料')
    expect(lines.join('\n')).toContain(notice.movedTo)
    expect(countSessions(path)).toBe(0)
  })

  it('refuses a file the caller named (not the default database) and leaves it and its companions as they were', () => {
    const dir = makeDir()
    const path = join(dir, 'notes.txt')
    const garbage = Buffer.from('this is my shopping list, not a database\n'.repeat(100))
    writeFileSync(path, garbage)
    writeFileSync(`${path}-wal`, Buffer.from('stale log'))
    for (const options of [{ path }, { path, unusableFile: 'refuse' as const }]) {
      expect(() => openHistoryDatabase(options)).toThrow(NotAHistoryDatabaseError)
    }
    expect(readFileSync(path)).toEqual(garbage)
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'notes.txt-wal'])
    expect(readFileSync(`${path}-wal`).toString()).toBe('stale log')
  })

  it('moves the default database of this environment aside without being told', () => {
    const dir = makeDir()
    const previous = process.env.XDG_DATA_HOME
    process.env.XDG_DATA_HOME = dir
    try {
      const path = defaultHistoryPath(process.env, process.platform)
      mkdirSync(join(dir, 'xmpp-edge-doctor'))
      writeFileSync(path, 'not a database '.repeat(20))
      const opened = openHistoryDatabase({ path, now: fixedNow })
      opened.close()
      expect(opened.notices.map((n) => n.reason)).toEqual(['not-a-database'])
    } finally {
      if (previous === undefined) delete process.env.XDG_DATA_HOME
      else process.env.XDG_DATA_HOME = previous
    }
  })

  it('moves a foreign SQLite database aside (tables, no application_id)', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const other = new Database(path)
    other.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat.jpg')")
    other.close()
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    opened.close()
    expect(opened.notices[0]?.reason).toBe('foreign')
    const moved = new Database(opened.notices[0]!.movedTo, { readonly: true })
    expect(moved.prepare('SELECT name FROM photos').pluck().get()).toBe('cat.jpg')
    moved.close()
  })

  it('moves a database with another application_id aside even when it has no tables', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const other = new Database(path)
    other.pragma('application_id = 1234')
    other.close()
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    opened.close()
    expect(opened.notices[0]?.reason).toBe('foreign')
    expect(opened.notices[0]?.detail).toContain('1234')
  })

  it('detects a damaged history (overwritten pages) and never overwrites an earlier moved-aside file', () => {
    const dir = makeDir()
    const path = join(dir, 'history.sqlite3')
    const first = openHistoryDatabase({ path })
    const insert = first.db.prepare(
      `INSERT INTO sessions (uid, host, role, source, started_at, updated_at) VALUES (?, 'EDGE01', 'Edge', 'live', 1, 1)`,
    )
    for (let i = 0; i < 500; i++) insert.run(`s-${i}`)
    first.db.pragma('wal_checkpoint(TRUNCATE)')
    first.close()
    const pageSize = 4096
    expect(statSync(path).size).toBeGreaterThan(pageSize * 6)
    // Scribble over pages 3..5 (b-tree pages of the sessions table and its indexes); page 1 stays
    // intact so SQLite still opens the file and only the integrity check can notice.
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(pageSize * 3, 0xa5), 0, pageSize * 3, pageSize * 2)
    closeSync(fd)
    // A file from an earlier incident with the very same timestamp must survive.
    writeFileSync(`${path}.corrupt-${STAMP}`, 'earlier incident')
    // The background check's finding: the next open checks in full (as after a crash).
    expect(checkHistoryIntegrity(path).ok).toBe(false)
    expect(existsSync(needsCheckMarkerPath(path))).toBe(true)

    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    opened.close()
    expect(opened.integrityCheck).toBe('quick_check')
    expect(opened.notices[0]?.reason).toBe('corrupt')
    expect(opened.notices[0]?.message['zh-TW']).toContain('已損毀')
    expect(existsSync(needsCheckMarkerPath(path))).toBe(false)
    expect(opened.notices[0]?.movedTo).toBe(`${path}.corrupt-${STAMP}-1`)
    expect(readFileSync(`${path}.corrupt-${STAMP}`, 'utf8')).toBe('earlier incident')
    expect(countSessions(path)).toBe(0)
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-')).sort()).toEqual([
      `history.sqlite3.corrupt-${STAMP}`,
      `history.sqlite3.corrupt-${STAMP}-1`,
    ])
  })

  it('skips the full check after a clean shutdown: damage inside pages waits for the background check', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const first = seedSessions(path, 500)
    first.close()
    scribblePages(path)
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    opened.close()
    expect(opened.integrityCheck).toBe('skipped-clean-shutdown')
    expect(opened.notices).toEqual([])
    expect(checkHistoryIntegrity(path)).toMatchObject({ ok: false })
  })

  it('runs the full check when a process died with the database open (its -wal left behind), and keeps its commits', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const first = seedSessions(path, 20)
    // What kill -9 leaves: the log with committed frames not yet copied into the main file.
    const wal = readFileSync(`${path}-wal`)
    expect(wal.length).toBeGreaterThan(0)
    first.close()
    writeFileSync(`${path}-wal`, wal)
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    try {
      expect(opened.integrityCheck).toBe('quick_check')
      expect(opened.notices).toEqual([])
      expect(Number(opened.db.prepare('SELECT count(*) FROM sessions').pluck().get())).toBe(20)
    } finally {
      opened.close()
    }
  })

  it('moves a truncated history aside even after a clean shutdown (its header counts more pages)', () => {
    const path = join(makeDir(), 'history.sqlite3')
    seedSessions(path, 500).close()
    const size = statSync(path).size
    writeFileSync(path, readFileSync(path).subarray(0, size - 4096 * 2))
    const opened = openHistoryDatabase({ path, unusableFile: 'move-aside', now: fixedNow })
    opened.close()
    expect(opened.notices[0]?.reason).toBe('corrupt')
    expect(opened.notices[0]?.detail).toContain(String(size))
    expect(countSessions(path)).toBe(0)
  })

  it('refuses a damaged --db file after a crash and leaves it untouched', () => {
    const path = join(makeDir(), 'history.sqlite3')
    seedSessions(path, 500).close()
    scribblePages(path)
    writeFileSync(needsCheckMarkerPath(path), 'damage found earlier\n')
    const before = readFileSync(path)
    expect(() => openHistoryDatabase({ path, unusableFile: 'refuse' })).toThrow(NotAHistoryDatabaseError)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('keeps a healthy history as it is', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const first = openHistoryDatabase({ path })
    first.db.prepare(`INSERT INTO sessions (uid, role, source, started_at, updated_at) VALUES ('keep', 'Edge', 'live', 1, 1)`).run()
    first.close()
    const second = openHistoryDatabase({ path })
    second.close()
    expect(second.notices).toEqual([])
    expect(second.migration.applied).toEqual([])
    expect(countSessions(path)).toBe(1)
  })

  it('reports a path that is a folder as an open error instead of moving it', () => {
    const path = join(makeDir(), 'history.sqlite3')
    mkdirSync(path)
    expect(() => openHistoryDatabase({ path })).toThrow(DatabaseOpenError)
    expect(statSync(path).isDirectory()).toBe(true)
  })
})

describe('defaultHistoryPath', () => {
  it('uses %APPDATA% on Windows', () => {
    expect(defaultHistoryPath({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\xmpp-edge-doctor\\history.sqlite3',
    )
    expect(defaultHistoryPath({ USERPROFILE: 'C:\\Users\\bob' }, 'win32')).toBe(
      'C:\\Users\\bob\\AppData\\Roaming\\xmpp-edge-doctor\\history.sqlite3',
    )
  })

  it('uses an absolute $XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultHistoryPath({ XDG_DATA_HOME: '/data/ann', HOME: '/home/ann' }, 'linux')).toBe('/data/ann/xmpp-edge-doctor/history.sqlite3')
    expect(defaultHistoryPath({ XDG_DATA_HOME: 'relative', HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.local/share/xmpp-edge-doctor/history.sqlite3')
    expect(defaultHistoryPath({}, 'darwin', '/Users/ann')).toBe('/Users/ann/.local/share/xmpp-edge-doctor/history.sqlite3')
    expect(() => defaultHistoryPath({}, 'linux')).toThrow(/--db/)
  })
})
