/**
 * Export and import of one session as a single JSON file ("xmpp-edge-doctor/session", version 1):
 * everything recorded, evidence included (compressed, base64, with its SHA-256). Import checks the
 * shape, the declared sizes and every hash (inflating each file as a bounded stream) before writing
 * anything, then writes the whole session in one transaction.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { writeFileAtomically } from '../files/write-file-atomically'
import { CHECK_IDS, type CheckResult } from '../../src-shared/diagnostics/check-types'
import type { Verdict } from '../../src-shared/result/diagnosis-result'
import type { ActionRecord, AnswerRecord, CheckRun, NoteRecord, SessionDetail } from '../../src-shared/report/session-record'
import { completeAction, insertStartedAction } from './actions'
import { insertAnswer } from './answers'
import { insertCheckRun } from './check-results'
import type { ReadableDb, WritableDb } from './database-handles'
import { checkDeclaredSizes, describeSizeProblem, EvidenceTooLargeError, insertStoredEvidenceFile, listStoredEvidence, measureCompressedEvidence, STORED_EVIDENCE_LIMITS, type EvidenceSizeProblem } from './evidence-files'
import { insertNote } from './notes'
import { LATEST_SCHEMA_VERSION } from './migrations/index'
import { getSessionDetail } from './session-details'
import { finishSessionRow, getSessionRowByUid, insertSession, updateSessionSnapshot, updateSessionWalk } from './sessions'
import { SessionFileError } from './store-errors'

export const SESSION_FILE_FORMAT = 'xmpp-edge-doctor/session'
/** The extension `history export` uses for session files. */
export const SESSION_FILE_EXTENSION = '.xedsession'

// The largest honest file: the evidence cap stored uncompressed, in base64 (4/3), plus 16 MiB for the
// session's own records. Bounds what is read and parsed before any other check.
const MAX_SESSION_FILE_BYTES = Math.ceil((STORED_EVIDENCE_LIMITS.maxTotalBytes * 4) / 3) + 16 * 1024 * 1024

interface ExportedEvidence {
  readonly name: string
  readonly compression: 'gzip' | 'brotli' | 'none'
  readonly originalSize: number
  readonly sha256: string
  readonly contentBase64: string
}

/** The session file's content. */
export interface SessionFile {
  readonly format: typeof SESSION_FILE_FORMAT
  readonly version: 1
  readonly exportedAt: string
  readonly schemaVersion: number
  readonly session: Omit<SessionDetail, 'id' | 'evidenceFiles' | 'checkRuns' | 'answers' | 'actions' | 'notes' | 'rootCauseCheckId' | 'rootCauseTitle'>
  readonly checkRuns: readonly CheckRun[]
  readonly answers: readonly AnswerRecord[]
  readonly actions: readonly ActionRecord[]
  readonly notes: readonly NoteRecord[]
  readonly evidence: readonly ExportedEvidence[]
}

/** Builds the exportable form of one session. */
export function buildSessionFile(db: ReadableDb, reference: string | number, exportedAt: Date = new Date()): SessionFile {
  const detail = getSessionDetail(db, reference)
  const { id: _id, evidenceFiles: _files, checkRuns, answers, actions, notes, rootCauseCheckId: _c, rootCauseTitle: _t, ...session } = detail
  return {
    format: SESSION_FILE_FORMAT,
    version: 1,
    exportedAt: exportedAt.toISOString(),
    schemaVersion: LATEST_SCHEMA_VERSION,
    session,
    checkRuns,
    answers,
    actions,
    notes,
    evidence: listStoredEvidence(db, detail.id).map((row) => ({
      name: row.name,
      compression: row.compression,
      originalSize: row.original_size,
      sha256: row.sha256,
      contentBase64: row.content.toString('base64'),
    })),
  }
}

/** Writes a session file; refuses to replace an existing file unless `overwrite`. */
export function exportSessionToFile(db: ReadableDb, reference: string | number, path: string, options: { overwrite?: boolean } = {}): SessionFile {
  const file = buildSessionFile(db, reference)
  writeFileRefusingOverwrite(path, JSON.stringify(file), options.overwrite ?? false)
  return file
}

/** Writes via a temp file and rename, so a crash never leaves half a file under the final name. */
export function writeFileRefusingOverwrite(path: string, content: string | Uint8Array, overwrite: boolean): void {
  if (!overwrite && existsSync(path)) {
    throw new SessionFileError(`${path} already exists; choose another name or pass --force.`, `${path} 已存在；請改用其他名稱，或加上 --force。`)
  }
  try {
    writeFileAtomically(path, content)
  } catch (error) {
    throw new SessionFileError(`Cannot write ${path}: ${String(error)}`, `無法寫入 ${path}：${String(error)}`, { cause: error })
  }
}

/** Reads, checks and imports a session file; returns the new session id. */
export async function importSessionFromFile(db: WritableDb, path: string): Promise<{ sessionId: number; uid: string }> {
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    throw new SessionFileError(`Cannot read ${path}: ${String(error)}`, `無法讀取 ${path}：${String(error)}`, { cause: error })
  }
  if (size > MAX_SESSION_FILE_BYTES) {
    throw new SessionFileError(`${path} is larger than ${MAX_SESSION_FILE_BYTES} bytes; not a session file.`, `${path} 大於 ${MAX_SESSION_FILE_BYTES} 位元組，不是工作階段檔案。`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new SessionFileError(`${path} is not JSON: ${String(error)}`, `${path} 不是 JSON：${String(error)}`, { cause: error })
  }
  return importSessionFile(db, parsed)
}

/** Imports an already parsed session file (validated here); returns the new session id. */
export async function importSessionFile(db: WritableDb, value: unknown): Promise<{ sessionId: number; uid: string }> {
  const file = validateSessionFile(value)
  // Declared sizes are checked before anything is inflated; then each file is inflated as a stream that
  // stops where its declared size ends, hashed chunk by chunk and never kept.
  const tooLarge = checkDeclaredSizes(file.evidence)
  if (tooLarge) throw invalidSize(tooLarge)
  const evidence: (ExportedEvidence & { content: Buffer })[] = []
  for (const e of file.evidence) {
    const content = Buffer.from(e.contentBase64, 'base64')
    let measured: { size: number; sha256: string }
    try {
      measured = await measureCompressedEvidence(e.compression, content, e.originalSize, e.name)
    } catch (error) {
      if (error instanceof EvidenceTooLargeError) throw invalidSize(error.problem)
      throw invalid(`evidence ${e.name} cannot be decompressed (${String(error)})`)
    }
    if (measured.size !== e.originalSize || measured.sha256 !== e.sha256) {
      throw invalid(`evidence ${e.name} does not match its SHA-256 (the file was changed after export)`)
    }
    evidence.push({ ...e, content })
  }
  const { session } = file
  return db.transaction(() => {
    if (getSessionRowByUid(db, session.uid)) {
      throw new SessionFileError(`Session ${session.uid} is already in this history.`, `此歷程中已有工作階段 ${session.uid}。`)
    }
    const startedAt = Date.parse(session.startedAt)
    const id = insertSession(db, { uid: session.uid, subject: session, startedAt, appVersion: session.appVersion })
    for (const e of evidence) insertStoredEvidenceFile(db, id, e, startedAt)
    for (const run of file.checkRuns) insertCheckRun(db, id, run.results, Date.parse(run.recordedAt))
    if (session.verdict !== null) {
      updateSessionWalk(db, id, {
        ...session.walk,
        verdict: session.verdict,
        rootCause: session.rootCause,
        ...(session.diagnosisStartedAt !== null ? { diagnosisStartedAt: session.diagnosisStartedAt } : {}),
        ...(session.diagnosisDurationMs !== null ? { diagnosisDurationMs: session.diagnosisDurationMs } : {}),
      }, startedAt)
    }
    if (session.snapshot) updateSessionSnapshot(db, id, session.snapshot, startedAt)
    for (const a of file.answers) insertAnswer(db, id, a.nodeId, a.answerId, Date.parse(a.answeredAt))
    for (const action of file.actions) {
      const actionId = insertStartedAction(db, id, action.command, action.runOn, Date.parse(action.confirmedAt))
      if (action.status !== 'started') {
        completeAction(db, id, actionId, {
          status: action.status,
          exitCode: action.exitCode,
          output: action.output ?? '',
          finishedAt: Date.parse(action.finishedAt ?? action.confirmedAt),
        })
      }
    }
    for (const note of file.notes) insertNote(db, id, note.body, Date.parse(note.createdAt))
    if (session.endedAt !== null) finishSessionRow(db, id, Date.parse(session.endedAt))
    return { sessionId: id, uid: session.uid }
  }).immediate()
}

function invalid(detail: string): SessionFileError {
  return new SessionFileError(`Not a valid session file: ${detail}.`, `不是有效的工作階段檔案：${detail}。`)
}

function invalidSize(problem: EvidenceSizeProblem): SessionFileError {
  const why = describeSizeProblem(problem)
  return new SessionFileError(`Not a valid session file: ${why.en}. Nothing was imported.`, `不是有效的工作階段檔案：${why['zh-TW']}。未匯入任何內容。`)
}

/** Checks the parts import relies on; anything else in the file is carried as data. */
function validateSessionFile(value: unknown): SessionFile {
  const file = record(value, 'file')
  if (file.format !== SESSION_FILE_FORMAT) throw invalid(`format is ${JSON.stringify(file.format)}, expected "${SESSION_FILE_FORMAT}"`)
  if (file.version !== 1) throw invalid(`version ${JSON.stringify(file.version)} is not supported (a newer app wrote it?)`)
  const session = record(file.session, 'session')
  str(session.uid, 'session.uid', /^[\w-]{1,100}$/)
  nullableStr(session.host, 'session.host')
  oneOf(session.role, ['Edge', 'FrontEnd', 'Unknown'], 'session.role')
  nullableStr(session.productVersion, 'session.productVersion')
  list(session.domains, 'session.domains').forEach((d, i) => str(d, `session.domains[${i}]`))
  oneOf(session.source, ['evidence-folder', 'evidence-zip', 'live', 'probe', 'demo'], 'session.source')
  time(session.startedAt, 'session.startedAt')
  if (session.endedAt !== null) time(session.endedAt, 'session.endedAt')
  if (session.verdict !== null) oneOf(session.verdict, ['healthy', 'problems', 'incomplete'] satisfies Verdict[], 'session.verdict')
  if (session.rootCause !== null) record(session.rootCause, 'session.rootCause')
  const walk = record(session.walk, 'session.walk')
  list(walk.path, 'session.walk.path').forEach((p, i) => str(p, `session.walk.path[${i}]`))
  record(walk.answers, 'session.walk.answers')
  if (session.snapshot !== null) {
    const snapshot = record(session.snapshot, 'session.snapshot')
    if (snapshot.format !== 'xmpp-edge-doctor/config-snapshot') throw invalid('session.snapshot has an unknown format')
  }
  list(file.checkRuns, 'checkRuns').forEach((run, i) => {
    const r = record(run, `checkRuns[${i}]`)
    time(r.recordedAt, `checkRuns[${i}].recordedAt`)
    list(r.results, `checkRuns[${i}].results`).forEach((result, j) => validateCheckResult(result, `checkRuns[${i}].results[${j}]`))
  })
  list(file.answers, 'answers').forEach((a, i) => {
    const answer = record(a, `answers[${i}]`)
    str(answer.nodeId, `answers[${i}].nodeId`)
    str(answer.answerId, `answers[${i}].answerId`)
    time(answer.answeredAt, `answers[${i}].answeredAt`)
  })
  list(file.actions, 'actions').forEach((a, i) => {
    const action = record(a, `actions[${i}]`)
    str(action.command, `actions[${i}].command`)
    oneOf(action.status, ['started', 'succeeded', 'failed'], `actions[${i}].status`)
    time(action.confirmedAt, `actions[${i}].confirmedAt`)
    if (action.finishedAt !== null) time(action.finishedAt, `actions[${i}].finishedAt`)
    nullableStr(action.output, `actions[${i}].output`)
  })
  list(file.notes, 'notes').forEach((n, i) => {
    const note = record(n, `notes[${i}]`)
    str(note.body, `notes[${i}].body`)
    time(note.createdAt, `notes[${i}].createdAt`)
  })
  const names = new Set<string>()
  list(file.evidence, 'evidence').forEach((e, i) => {
    const item = record(e, `evidence[${i}]`)
    str(item.name, `evidence[${i}].name`, /^[\w.-]{1,200}$/)
    if (names.has(item.name as string)) throw invalid(`evidence ${String(item.name)} appears twice`)
    names.add(item.name as string)
    oneOf(item.compression, ['gzip', 'brotli', 'none'], `evidence[${i}].compression`)
    if (!Number.isInteger(item.originalSize) || (item.originalSize as number) < 0) throw invalid(`evidence[${i}].originalSize is not a size`)
    str(item.sha256, `evidence[${i}].sha256`, /^[0-9a-f]{64}$/)
    str(item.contentBase64, `evidence[${i}].contentBase64`, /^[A-Za-z0-9+/]*={0,2}$/)
  })
  return value as SessionFile
}

function validateCheckResult(value: unknown, at: string): asserts value is CheckResult {
  const result = record(value, at)
  oneOf(result.id, CHECK_IDS, `${at}.id`)
  oneOf(result.status, ['pass', 'warn', 'fail', 'unknown', 'skipped'], `${at}.status`)
  const summary = record(result.summary, `${at}.summary`)
  str(summary.en, `${at}.summary.en`)
  str(summary['zh-TW'], `${at}.summary.zh-TW`)
  list(result.evidence, `${at}.evidence`).forEach((e, i) => {
    const item = record(e, `${at}.evidence[${i}]`)
    str(item.source, `${at}.evidence[${i}].source`)
    str(item.text, `${at}.evidence[${i}].text`)
  })
  if (typeof result.durationMs !== 'number') throw invalid(`${at}.durationMs is not a number`)
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${at} is not an object`)
  return value as Record<string, unknown>
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`${at} is not a list`)
  return value
}

function str(value: unknown, at: string, pattern?: RegExp): void {
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) throw invalid(`${at} is not valid`)
}

function nullableStr(value: unknown, at: string): void {
  if (value !== null) str(value, at)
}

function oneOf(value: unknown, allowed: readonly string[], at: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) throw invalid(`${at} is ${JSON.stringify(value)}, not one of ${allowed.join(', ')}`)
}

function time(value: unknown, at: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid(`${at} is not an ISO 8601 time`)
}
