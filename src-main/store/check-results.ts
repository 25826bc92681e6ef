/** Queries on check_results: every check result of every run in a session. */
import type { CheckId, CheckResult, CheckStatus, EvidenceItem, Fix } from '../../src-shared/diagnostics/check-types'
import type { CheckRun } from '../../src-shared/report/session-record'
import type { ReadableDb, WritableDb } from './database-handles'
import { buildFindingSearchBody, findingSearchParts, isFindingStatus } from './search-body'
import { buildSearchGrams } from './search-grams'
import { searchRowid } from './search-rowid'
import { isoTime } from './sessions'

/** The check_results table as SQLite returns it. */
export interface CheckResultRow {
  readonly id: number
  readonly session_id: number
  readonly run_no: number
  readonly position: number
  readonly check_id: CheckId
  readonly status: CheckStatus
  readonly summary_en: string
  readonly summary_zh_tw: string
  readonly evidence_json: string
  readonly fix_json: string | null
  readonly duration_ms: number
  readonly crashed: string | null
  readonly recorded_at: number
}

/** Inserts one run of results (in order), indexes its findings, returns its run number (1, 2, …). Call inside a transaction. */
export function insertCheckRun(db: WritableDb, sessionId: number, results: readonly CheckResult[], at: number): number {
  const runNo =
    Number(db.prepare('SELECT coalesce(max(run_no), 0) FROM check_results WHERE session_id = ?').pluck().get(sessionId)) + 1
  const insert = db.prepare(
    `INSERT INTO check_results (session_id, run_no, position, check_id, status, summary_en, summary_zh_tw, evidence_json,
       fix_json, duration_ms, crashed, recorded_at)
     VALUES (@sessionId, @runNo, @position, @checkId, @status, @summaryEn, @summaryZhTw, @evidenceJson, @fixJson,
       @durationMs, @crashed, @at)`,
  )
  const index = db.prepare('INSERT INTO search_entries (rowid, body) VALUES (?, ?)')
  const indexGrams = db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)')
  results.forEach((result, position) => {
    const inserted = insert.run({
      sessionId,
      runNo,
      position,
      checkId: result.id,
      status: result.status,
      summaryEn: result.summary.en,
      summaryZhTw: result.summary['zh-TW'],
      evidenceJson: JSON.stringify(result.evidence),
      fixJson: result.fix ? JSON.stringify(result.fix) : null,
      durationMs: Math.round(result.durationMs),
      crashed: result.crashed ?? null,
      at,
    })
    if (isFindingStatus(result.status)) {
      const finding = {
        checkId: result.id,
        summaryEn: result.summary.en,
        summaryZhTw: result.summary['zh-TW'],
        evidence: result.evidence,
        fix: result.fix,
      }
      const rowid = searchRowid(sessionId, 'finding', Number(inserted.lastInsertRowid))
      index.run(rowid, buildFindingSearchBody(finding))
      indexGrams.run(rowid, buildSearchGrams(findingSearchParts(finding)))
    }
  })
  return runNo
}

/** Every run of the session, oldest first, results in their recorded order. */
export function listCheckRuns(db: ReadableDb, sessionId: number): CheckRun[] {
  const rows = db
    .prepare<[number], CheckResultRow>('SELECT * FROM check_results WHERE session_id = ? ORDER BY run_no, position')
    .all(sessionId)
  const runs = new Map<number, { recordedAt: number; results: CheckResult[] }>()
  for (const row of rows) {
    const run = runs.get(row.run_no) ?? { recordedAt: row.recorded_at, results: [] }
    run.results.push(rowToCheckResult(row))
    runs.set(row.run_no, run)
  }
  return [...runs].map(([runNo, run]) => ({ runNo, recordedAt: isoTime(run.recordedAt), results: run.results }))
}

/** Row → CheckResult. */
export function rowToCheckResult(row: CheckResultRow): CheckResult {
  return {
    id: row.check_id,
    status: row.status,
    summary: { en: row.summary_en, 'zh-TW': row.summary_zh_tw },
    evidence: JSON.parse(row.evidence_json) as EvidenceItem[],
    fix: row.fix_json ? (JSON.parse(row.fix_json) as Fix) : null,
    durationMs: row.duration_ms,
    ...(row.crashed !== null ? { crashed: row.crashed } : {}),
  }
}
