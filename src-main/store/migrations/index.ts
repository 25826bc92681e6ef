/**
 * The ordered list of schema steps and the runner that applies them. Versions go up in steps of 10
 * (room for hotfix steps); all pending steps and the new user_version commit in one transaction,
 * so a crash mid-migration leaves the file at its old version.
 */
import type { WritableDb } from '../database-handles'
import { HISTORY_APPLICATION_ID } from '../database-handles'
import { DatabaseFromFutureError, MigrationOrderError } from '../store-errors'
import { migrateTo0010 } from './0010-create-sessions'
import { migrateTo0020 } from './0020-create-search-index'
import { migrateTo0030 } from './0030-slim-sessions-and-search'
import { migrateTo0040 } from './0040-short-terms-and-combined-filter'

/** One schema step. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly up: (db: WritableDb) => void
}

/** Every schema step, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'create-sessions', up: migrateTo0010 },
  { version: 20, name: 'create-search-index', up: migrateTo0020 },
  { version: 30, name: 'slim-sessions-and-search', up: migrateTo0030 },
  { version: 40, name: 'short-terms-and-combined-filter', up: migrateTo0040 },
]

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

/** What a migration run did. */
export interface MigrationReport {
  readonly fromVersion: number
  readonly toVersion: number
  readonly applied: readonly number[]
}

export interface MigrateOptions {
  /** Stop at this version (tests build databases "as an older release left them"). Default: latest. */
  readonly targetVersion?: number
  readonly migrations?: readonly Migration[]
  /** Called once per applied step. */
  readonly log?: (line: string) => void
  /** Shown in DatabaseFromFutureError. */
  readonly path?: string
}

/** Reads PRAGMA user_version. */
export function readSchemaVersion(db: WritableDb): number {
  return Number(db.pragma('user_version', { simple: true }))
}

/** Throws MigrationOrderError unless versions strictly increase. */
export function assertMigrationsAscending(migrations: readonly Migration[]): void {
  let previous = 0
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new MigrationOrderError(`${migration.version} (${migration.name}) after ${previous}`)
    }
    previous = migration.version
  }
}

/** Applies every pending step up to the target in one transaction and sets user_version. */
export function migrateDatabase(db: WritableDb, options: MigrateOptions = {}): MigrationReport {
  const migrations = options.migrations ?? MIGRATIONS
  assertMigrationsAscending(migrations)
  const latest = migrations[migrations.length - 1]?.version ?? 0
  const target = options.targetVersion ?? latest

  const applyPending = db.transaction((): MigrationReport => {
    // Read inside the (IMMEDIATE) transaction: a second process opening the same file waits for the
    // write lock and then sees the version the first one wrote, instead of applying a step twice.
    const fromVersion = readSchemaVersion(db)
    if (fromVersion > latest) {
      throw new DatabaseFromFutureError(options.path ?? db.name, fromVersion, latest)
    }
    const pending = migrations.filter((m) => m.version > fromVersion && m.version <= target)
    if (pending.length === 0) return { fromVersion, toVersion: fromVersion, applied: [] }
    if (fromVersion === 0) db.pragma(`application_id = ${HISTORY_APPLICATION_ID}`)
    for (const migration of pending) {
      migration.up(db)
      options.log?.(`history schema: applied ${migration.version} ${migration.name}`)
    }
    const toVersion = pending[pending.length - 1]?.version ?? fromVersion
    // PRAGMA cannot take a bound parameter; the value is an integer from our own list.
    db.pragma(`user_version = ${toVersion}`)
    return { fromVersion, toVersion, applied: pending.map((m) => m.version) }
  })
  return applyPending.immediate()
}
