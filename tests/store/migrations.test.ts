import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { asWritableDb, HISTORY_APPLICATION_ID } from '../../src-main/store/database-handles'
import {
  assertMigrationsAscending,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrateDatabase,
  readSchemaVersion,
  type Migration,
} from '../../src-main/store/migrations/index'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { buildSearchBody } from '../../src-main/store/search-body'
import { getSessionDetail } from '../../src-main/store/session-details'
import { deleteSessionRow, listSessions } from '../../src-main/store/sessions'
import { DatabaseFromFutureError, MigrationOrderError } from '../../src-main/store/store-errors'
import { useTempDirs } from './helpers/temp-dir'

const makeDir = useTempDirs()

/** Rows written with plain SQL, the way the releases at schema 10 and 20 wrote them (same tables). */
function seedSchema10(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sessions (id, uid, host, role, product_version, domains_json, source, started_at, updated_at, verdict, root_cause_check_id, root_cause_node_id, snapshot_json)
     VALUES (1, 'old-session', 'EDGE01.contoso.com', 'Edge', '5.0.8308.0', '["contoso.com"]', 'evidence-folder', 1700000000000, 1700000000000, 'problems',
             'xmpp-proxy-service-running', 'proxy-service', '{"format":"xmpp-edge-doctor/config-snapshot","version":1,"host":"EDGE01.contoso.com"}')`,
  ).run()
  db.prepare(`INSERT INTO notes (session_id, created_at, body) VALUES (1, 1700000001000, 'Firewall team reopened 5269 on the perimeter; 憑證 renewed')`).run()
  db.prepare(
    `INSERT INTO check_results (session_id, run_no, position, check_id, status, summary_en, summary_zh_tw, evidence_json, fix_json, duration_ms, recorded_at)
     VALUES (1, 1, 0, 'xmpp-proxy-service-running', 'fail', 'The XMPP proxy service is stopped.', 'XMPP Proxy 服務已停止。',
             '[{"source":"services.json","text":"RTCXMPPTGWPX  Stopped"}]',
             '{"description":{"en":"Start the service","zh-TW":"啟動服務"},"commands":["Start-CsWindowsService -Name RTCXMPPTGWPX"],"runOn":"edge","changesServer":true}',
             12, 1700000002000)`,
  ).run()
  db.prepare(
    `INSERT INTO check_results (session_id, run_no, position, check_id, status, summary_en, summary_zh_tw, evidence_json, fix_json, duration_ms, recorded_at)
     VALUES (1, 1, 1, 'xmpp-external-port-listening', 'pass', 'Port 5269 is listening.', '5269 連接埠正在接聽。', '[]', NULL, 3, 1700000002000)`,
  ).run()
}

/** The same rows as the release at schema 30 wrote them: the snapshot in its own table, notes and findings in search_entries. */
function seedSchema30(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sessions (id, uid, host, role, product_version, domains_json, source, started_at, updated_at, verdict, root_cause_check_id, root_cause_node_id)
     VALUES (1, 'old-session', 'EDGE01.contoso.com', 'Edge', '5.0.8308.0', '["contoso.com"]', 'evidence-folder', 1700000000000, 1700000000000, 'problems',
             'xmpp-proxy-service-running', 'proxy-service')`,
  ).run()
  db.prepare(`INSERT INTO session_snapshots (session_id, snapshot_json) VALUES (1, '{"format":"xmpp-edge-doctor/config-snapshot","version":1,"host":"EDGE01.contoso.com"}')`).run()
  const note = 'Firewall team reopened 5269 on the perimeter; 憑證 renewed'
  db.prepare(`INSERT INTO notes (id, session_id, created_at, body) VALUES (1, 1, 1700000001000, ?)`).run(note)
  db.prepare(`INSERT INTO search_entries (rowid, session_id, body) VALUES (-1, 1, ?)`).run(buildSearchBody([note]))
  db.prepare(
    `INSERT INTO check_results (id, session_id, run_no, position, check_id, status, summary_en, summary_zh_tw, evidence_json, fix_json, duration_ms, recorded_at)
     VALUES (1, 1, 1, 0, 'xmpp-proxy-service-running', 'fail', 'The XMPP proxy service is stopped.', 'XMPP Proxy 服務已停止。',
             '[{"source":"services.json","text":"RTCXMPPTGWPX  Stopped"}]',
             '{"description":{"en":"Start the service","zh-TW":"啟動服務"},"commands":["Start-CsWindowsService -Name RTCXMPPTGWPX"],"runOn":"edge","changesServer":true}',
             12, 1700000002000)`,
  ).run()
  db.prepare(`INSERT INTO search_entries (rowid, session_id, body) VALUES (1, 1, ?)`).run(
    buildSearchBody(['xmpp-proxy-service-running', 'The XMPP proxy service is stopped.', 'XMPP Proxy 服務已停止。', 'RTCXMPPTGWPX  Stopped', 'Start the service', '啟動服務', 'Start-CsWindowsService -Name RTCXMPPTGWPX']),
  )
  db.prepare(
    `INSERT INTO check_results (id, session_id, run_no, position, check_id, status, summary_en, summary_zh_tw, evidence_json, fix_json, duration_ms, recorded_at)
     VALUES (2, 1, 1, 1, 'xmpp-external-port-listening', 'pass', 'Port 5269 is listening.', '5269 連接埠正在接聽。', '[]', NULL, 3, 1700000002000)`,
  ).run()
}

const SEEDERS: Readonly<Record<number, (db: Database.Database) => void>> = { 10: seedSchema10, 20: seedSchema10, 30: seedSchema30 }

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

describe('migrations', () => {
  it('declares versions in ascending steps and a seeder for every version but the latest', () => {
    expect(() => assertMigrationsAscending(MIGRATIONS)).not.toThrow()
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version)
    for (const m of MIGRATIONS.slice(0, -1)) expect(SEEDERS[m.version], `seeder for ${m.version}`).toBeTypeOf('function')
  })

  it('rejects a list that does not go up', () => {
    const noop = (): void => undefined
    const list: Migration[] = [
      { version: 20, name: 'b', up: noop },
      { version: 10, name: 'a', up: noop },
    ]
    expect(() => assertMigrationsAscending(list)).toThrow(MigrationOrderError)
  })

  it('creates the latest schema from an empty file: STRICT tables, WAL, application_id', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const opened = openHistoryDatabase({ path })
    try {
      const { db } = opened
      expect(opened.migration).toEqual({ fromVersion: 0, toVersion: LATEST_SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.version) })
      expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
      expect(db.pragma('application_id', { simple: true })).toBe(HISTORY_APPLICATION_ID)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      const tables = db.pragma('table_list') as { name: string; type: string; strict: number; schema: string }[]
      const ordinary = tables.filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !t.name.startsWith('search_'))
      expect(ordinary.map((t) => t.name).sort()).toEqual(['actions', 'answers', 'check_results', 'evidence_files', 'notes', 'session_snapshots', 'sessions'])
      for (const table of ordinary) expect(table.strict, table.name).toBe(1)
      expect(opened.notices).toEqual([])
    } finally {
      opened.close()
    }
  })

  for (const earlier of MIGRATIONS.slice(0, -1)) {
    it(`upgrades a file left at schema ${earlier.version} without losing data, and indexes it for search`, () => {
      const path = join(makeDir(), 'history.sqlite3')
      const old = new Database(path)
      migrateDatabase(asWritableDb(old), { targetVersion: earlier.version })
      expect(readSchemaVersion(asWritableDb(old))).toBe(earlier.version)
      SEEDERS[earlier.version]?.(old)
      old.close()

      const opened = openHistoryDatabase({ path })
      try {
        const { db } = opened
        expect(opened.migration.fromVersion).toBe(earlier.version)
        expect(opened.migration.toVersion).toBe(LATEST_SCHEMA_VERSION)
        expect(db.prepare('SELECT host, verdict FROM sessions WHERE uid = ?').get('old-session')).toEqual({ host: 'EDGE01.contoso.com', verdict: 'problems' })
        expect(db.prepare('SELECT count(*) FROM check_results').pluck().get()).toBe(2)
        expect(getSessionDetail(db, 'old-session').snapshot).toMatchObject({ host: 'EDGE01.contoso.com' })
        // Re-indexed for search: the note and the failing check are found (2-character zh-TW words
        // through the index), the passing check is not a finding.
        const search = (q: string): number => listSessions(db, { search: q }).total
        expect(search('perimeter')).toBe(1)
        expect(search('RTCXMPPTGWPX')).toBe(1)
        expect(search('Proxy 服務')).toBe(1)
        expect(search('憑證')).toBe(1)
        expect(search('停止')).toBe(1)
        expect(search('listening')).toBe(0)
        // 1–2 character terms through the gram index (schema 40), case-insensitive; "聽" is only in the passing check.
        expect(search('5')).toBe(1)
        expect(search('sT')).toBe(1)
        expect(search('停')).toBe(1)
        expect(search('聽')).toBe(0)
        expect(search('q9')).toBe(0)
        expect(listSessions(db, { rootCause: 'proxy-service' }).total).toBe(1)
        deleteSessionRow(db, 1)
        expect(db.prepare('SELECT count(*) FROM search_entries').pluck().get()).toBe(0)
        expect(db.prepare('SELECT count(*) FROM search_grams').pluck().get()).toBe(0)
        expect(db.prepare('SELECT count(*) FROM session_snapshots').pluck().get()).toBe(0)
      } finally {
        opened.close()
      }
    })
  }

  it('refuses a database from a newer version and leaves the file untouched', () => {
    const dir = makeDir()
    const path = join(dir, 'history.sqlite3')
    const future = new Database(path)
    future.pragma(`application_id = ${HISTORY_APPLICATION_ID}`)
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT')
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`)
    future.close()
    const before = fileHash(path)

    let caught: unknown
    try {
      openHistoryDatabase({ path })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DatabaseFromFutureError)
    const error = caught as DatabaseFromFutureError
    expect(error.databaseVersion).toBe(LATEST_SCHEMA_VERSION + 10)
    expect(error.localized['zh-TW']).toContain('更新應用程式')
    expect(fileHash(path)).toBe(before)
    expect(readdirSync(dir)).toEqual(['history.sqlite3'])
  })

  it('rolls back every step and the version when one step fails', () => {
    const path = join(makeDir(), 'history.sqlite3')
    const raw = new Database(path)
    const db = asWritableDb(raw)
    const failing: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      { version: 9990, name: 'broken', up: (d) => d.exec('CREATE TABLE half_done (x INTEGER) STRICT; SELECT no_such_function()') },
    ]
    expect(() => migrateDatabase(db, { migrations: failing })).toThrow(/no_such_function/)
    expect(readSchemaVersion(db)).toBe(0)
    expect(raw.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(0)
    expect(raw.pragma('application_id', { simple: true })).toBe(0)
    raw.close()
    expect(existsSync(path)).toBe(true)
  })
})
