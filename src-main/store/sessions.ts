/**
 * Queries on the sessions table: one row per troubleshooting session, updated step by step.
 * Rows are in SQLite's shape (epoch ms, JSON text); the mappers turn them into shared types.
 */
import type { CheckId } from '../../src-shared/diagnostics/check-types'
import type { ServerRole } from '../../src-shared/evidence/evidence-model'
import type { Localized } from '../../src-shared/i18n/localized'
import type { RootCause, Verdict } from '../../src-shared/result/diagnosis-result'
import type { ConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { SessionSubject, SessionSummary, WalkState } from '../../src-shared/report/session-record'
import { assertChanges, type ReadableDb, type WritableDb } from './database-handles'
import { buildSearchFilter } from './search'

/** The sessions table as SQLite returns it. */
export interface SessionRow {
  readonly id: number
  readonly uid: string
  readonly host: string | null
  readonly role: ServerRole
  readonly product_version: string | null
  readonly domains_json: string
  readonly source: SessionSubject['source']
  readonly collected_at: string | null
  readonly app_version: string | null
  readonly started_at: number
  readonly ended_at: number | null
  readonly updated_at: number
  readonly verdict: Verdict | null
  readonly root_cause_check_id: CheckId | null
  readonly root_cause_node_id: string | null
  readonly root_cause_json: string | null
  readonly path_json: string
  readonly current_node: string | null
  readonly next_action_json: string | null
  readonly walk_answers_json: string
  readonly diagnosis_started_at: string | null
  readonly diagnosis_duration_ms: number | null
}

/** Filters and paging for the history list. Every filter is optional; results are newest first. */
export interface SessionQuery {
  readonly limit?: number
  readonly offset?: number
  /** Host name, compared case-insensitively. */
  readonly host?: string
  readonly verdict?: Verdict | 'open'
  /** A check id or tree node id of the root cause. */
  readonly rootCause?: string
  /** Sessions started at or after this time. */
  readonly from?: Date
  /** Sessions started before this time. */
  readonly to?: Date
  /** Words to find in notes and findings (all must occur in the session). */
  readonly search?: string
}

export interface SessionPage {
  readonly items: readonly SessionSummary[]
  readonly total: number
}

const MAX_PAGE = 500

/** Inserts a new open session; returns its id. */
export function insertSession(
  db: WritableDb,
  session: { uid: string; subject: SessionSubject; startedAt: number; appVersion: string | null },
): number {
  const { subject } = session
  const result = db
    .prepare(
      `INSERT INTO sessions (uid, host, role, product_version, domains_json, source, collected_at, app_version, started_at, updated_at)
       VALUES (@uid, @host, @role, @productVersion, @domainsJson, @source, @collectedAt, @appVersion, @startedAt, @startedAt)`,
    )
    .run({
      uid: session.uid,
      host: subject.host,
      role: subject.role,
      productVersion: subject.productVersion,
      domainsJson: JSON.stringify(subject.domains),
      source: subject.source,
      collectedAt: subject.collectedAt,
      appVersion: session.appVersion,
      startedAt: session.startedAt,
    })
  return Number(result.lastInsertRowid)
}

/** Stores where the tree walk stands, with the verdict and root cause it reached. */
export function updateSessionWalk(
  db: WritableDb,
  id: number,
  walk: WalkState & { verdict: Verdict; rootCause: RootCause | null; diagnosisStartedAt?: string; diagnosisDurationMs?: number },
  at: number,
): void {
  const result = db
    .prepare(
      `UPDATE sessions SET path_json = @pathJson, current_node = @currentNode, next_action_json = @nextActionJson,
         walk_answers_json = @answersJson, verdict = @verdict, root_cause_check_id = @rootCauseCheckId,
         root_cause_node_id = @rootCauseNodeId, root_cause_json = @rootCauseJson,
         diagnosis_started_at = coalesce(@diagnosisStartedAt, diagnosis_started_at),
         diagnosis_duration_ms = coalesce(@diagnosisDurationMs, diagnosis_duration_ms), updated_at = @at
       WHERE id = @id`,
    )
    .run({
      id,
      at,
      pathJson: JSON.stringify(walk.path),
      currentNode: walk.currentNode,
      nextActionJson: walk.nextAction ? JSON.stringify(walk.nextAction) : null,
      answersJson: JSON.stringify(walk.answers),
      verdict: walk.verdict,
      rootCauseCheckId: walk.rootCause?.checkId ?? null,
      rootCauseNodeId: walk.rootCause?.nodeId ?? null,
      rootCauseJson: walk.rootCause ? JSON.stringify(walk.rootCause) : null,
      diagnosisStartedAt: walk.diagnosisStartedAt ?? null,
      diagnosisDurationMs: walk.diagnosisDurationMs ?? null,
    })
  assertChanges(result, 1, 'updateSessionWalk')
}

/** Stores (or replaces) the configuration snapshot taken from this session's evidence. */
export function updateSessionSnapshot(db: WritableDb, id: number, snapshot: ConfigSnapshot, at: number): void {
  db.prepare(
    `INSERT INTO session_snapshots (session_id, snapshot_json) VALUES (?, ?)
     ON CONFLICT (session_id) DO UPDATE SET snapshot_json = excluded.snapshot_json`,
  ).run(id, JSON.stringify(snapshot))
  touchSession(db, id, at)
}

/** The session's snapshot, or null when no evidence was recorded. */
export function getSessionSnapshot(db: ReadableDb, id: number): ConfigSnapshot | null {
  const json = db.prepare<[number], string>('SELECT snapshot_json FROM session_snapshots WHERE session_id = ?').pluck().get(id)
  return json === undefined ? null : (JSON.parse(json) as ConfigSnapshot)
}

/** Marks the session finished. */
export function finishSessionRow(db: WritableDb, id: number, at: number): void {
  const result = db.prepare('UPDATE sessions SET ended_at = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL').run(at, at, id)
  assertChanges(result, 1, 'finishSession')
}

/** Touches updated_at (every step does, so "last activity" is known even for crashed sessions). */
export function touchSession(db: WritableDb, id: number, at: number): void {
  assertChanges(db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(at, id), 1, 'touchSession')
}

/** The row for an id, or undefined. */
export function getSessionRow(db: ReadableDb, id: number): SessionRow | undefined {
  return db.prepare<[number], SessionRow>('SELECT * FROM sessions WHERE id = ?').get(id)
}

/** The row for a uid, or undefined. */
export function getSessionRowByUid(db: ReadableDb, uid: string): SessionRow | undefined {
  return db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE uid = ?').get(uid)
}

/** Deletes a session and (by cascade) everything recorded in it; returns false when there was none. */
export function deleteSessionRow(db: WritableDb, id: number): boolean {
  return db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes === 1
}

/** One page of sessions matching the query, newest first, with the total count. */
export function listSessions(db: ReadableDb, query: SessionQuery = {}): SessionPage {
  const where: string[] = []
  const params: Record<string, string | number> = {}
  if (query.host !== undefined) {
    where.push('s.host = @host COLLATE NOCASE')
    params.host = query.host
  }
  if (query.verdict === 'open') where.push('s.ended_at IS NULL')
  else if (query.verdict !== undefined) {
    where.push('s.verdict = @verdict')
    params.verdict = query.verdict
  }
  if (query.rootCause !== undefined) {
    where.push('(s.root_cause_check_id = @rootCause OR s.root_cause_node_id = @rootCause)')
    params.rootCause = query.rootCause
  }
  if (query.from !== undefined) {
    where.push('s.started_at >= @from')
    params.from = query.from.getTime()
  }
  if (query.to !== undefined) {
    where.push('s.started_at < @to')
    params.to = query.to.getTime()
  }
  const search = query.search === undefined ? null : buildSearchFilter(query.search)
  if (search) {
    // The unary + keeps SQLite from looking up every matching id by primary key and sorting them:
    // it walks sessions_by_start newest first and stops after one page.
    where.push('+s.id IN matched')
    Object.assign(params, search.params)
  }
  // The full-text match runs once per list: a materialized CTE serves both the page and the count
  // (two sub-selects cost the index work twice).
  const withSql = search ? `WITH matched (session_id) AS MATERIALIZED (${search.sql})` : ''
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  const limit = Math.max(1, Math.min(query.limit ?? 50, MAX_PAGE))
  const offset = Math.max(0, query.offset ?? 0)
  const countSql = `SELECT count(*) FROM sessions AS s ${whereSql}`
  const rows = db
    .prepare<[Record<string, string | number>], SessionRow & { total_count: number }>(
      `${withSql} SELECT s.*, (${countSql}) AS total_count FROM sessions AS s ${whereSql}
       ORDER BY s.started_at DESC, s.id DESC LIMIT ${limit} OFFSET ${offset}`,
    )
    .all(params)
  // A page past the end has no row to carry the count.
  const total =
    rows[0]?.total_count ?? Number(db.prepare<[Record<string, string | number>], number>(`${withSql} ${countSql}`).pluck().get(params))
  return { items: rows.map(rowToSessionSummary), total }
}

/**
 * The most recent finished, healthy session on the same host (case-insensitive) that started before
 * `before` and has a snapshot: the baseline for "what changed since the last healthy run".
 */
export function findLastHealthySession(db: ReadableDb, host: string, before: number, excludeId: number): SessionRow | undefined {
  return db
    .prepare<[string, number, number], SessionRow>(
      `SELECT s.* FROM sessions AS s WHERE s.host = ? COLLATE NOCASE AND s.verdict = 'healthy' AND s.started_at < ?
         AND s.id <> ? AND EXISTS (SELECT 1 FROM session_snapshots WHERE session_id = s.id)
       ORDER BY s.started_at DESC, s.id DESC LIMIT 1`,
    )
    .get(host, before, excludeId)
}

/** Row → list entry. */
export function rowToSessionSummary(row: SessionRow): SessionSummary {
  const rootCause = row.root_cause_json ? (JSON.parse(row.root_cause_json) as RootCause) : null
  return {
    id: row.id,
    uid: row.uid,
    host: row.host,
    role: row.role,
    productVersion: row.product_version,
    domains: JSON.parse(row.domains_json) as string[],
    startedAt: isoTime(row.started_at),
    endedAt: row.ended_at === null ? null : isoTime(row.ended_at),
    verdict: row.verdict,
    rootCauseCheckId: row.root_cause_check_id,
    rootCauseTitle: (rootCause?.title as Localized | undefined) ?? null,
  }
}

/** Epoch ms → ISO 8601. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString()
}
