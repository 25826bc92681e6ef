/**
 * The step-by-step API the app and CLI call while troubleshooting. Every call is its own committed
 * transaction (durable on return, WAL + synchronous=FULL), so nothing the user did is lost when the
 * app or the machine dies mid-session.
 */
import { randomUUID } from 'node:crypto'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { ConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { SessionSubject } from '../../src-shared/report/session-record'
import { completeAction, insertStartedAction } from './actions'
import { insertAnswer } from './answers'
import { insertCheckRun } from './check-results'
import type { WritableDb } from './database-handles'
import { upsertEvidenceFiles } from './evidence-files'
import { insertNote } from './notes'
import { walkOf, type RecordedWalk } from './recorded-result'
import {
  finishSessionRow,
  getSessionRow,
  insertSession,
  touchSession,
  updateSessionSnapshot,
  updateSessionWalk,
} from './sessions'
import { SessionNotFoundError, SessionStateError } from './store-errors'

export interface RecorderOptions {
  readonly now?: () => Date
  readonly appVersion?: string
  /** Reuse a uid (import, tests); a fresh random one otherwise. */
  readonly uid?: string
}

export interface ActionOutcome {
  readonly output: string
  readonly exitCode: number | null
  readonly succeeded: boolean
  readonly finishedAt?: Date
}

// Output of a fix command is kept for the record, but a runaway command must not fill the disk.
const MAX_OUTPUT_CHARS = 1_000_000
const MAX_NOTE_CHARS = 100_000

/** Starts a session and returns its recorder (the session row is committed before this returns). */
export function startSession(db: WritableDb, subject: SessionSubject, options: RecorderOptions = {}): SessionRecorder {
  const now = options.now ?? (() => new Date())
  const uid = options.uid ?? randomUUID()
  const id = db.transaction(() =>
    insertSession(db, { uid, subject, startedAt: now().getTime(), appVersion: options.appVersion ?? null }),
  ).immediate()
  return new SessionRecorder(db, id, uid, now)
}

/** Continues an unfinished session (after a restart); throws when it is unknown or already finished. */
export function resumeSession(db: WritableDb, sessionId: number, options: Pick<RecorderOptions, 'now'> = {}): SessionRecorder {
  const row = getSessionRow(db, sessionId)
  if (!row) throw new SessionNotFoundError(String(sessionId))
  if (row.ended_at !== null) {
    throw new SessionStateError(`Session ${sessionId} is already finished.`, `工作階段 ${sessionId} 已經結束。`)
  }
  return new SessionRecorder(db, row.id, row.uid, options.now ?? (() => new Date()))
}

/** Adds a note to any session, open or finished (notes are often written afterwards). */
export function addNoteToSession(db: WritableDb, sessionId: number, body: string, at: Date = new Date()): number {
  const trimmed = checkNote(body)
  return db.transaction(() => {
    touchSession(db, sessionId, at.getTime())
    return insertNote(db, sessionId, trimmed, at.getTime())
  }).immediate()
}

/** Records the steps of one session. */
export class SessionRecorder {
  private finished = false

  constructor(
    private readonly db: WritableDb,
    /** The session's id in this database. */
    readonly sessionId: number,
    /** The session's stable id. */
    readonly uid: string,
    private readonly now: () => Date,
  ) {}

  /** Stores the raw evidence (compressed, hashed) and, when given, the configuration snapshot. */
  recordEvidence(files: ReadonlyMap<string, Uint8Array>, snapshot?: ConfigSnapshot | null): void {
    this.step((at) => {
      upsertEvidenceFiles(this.db, this.sessionId, files, at)
      if (snapshot) updateSessionSnapshot(this.db, this.sessionId, snapshot, at)
    })
  }

  /** Stores the configuration snapshot on its own (live sessions build it after collecting). */
  recordSnapshot(snapshot: ConfigSnapshot): void {
    this.step((at) => updateSessionSnapshot(this.db, this.sessionId, snapshot, at))
  }

  /** Stores one run of check results; returns its run number. */
  recordCheckResults(results: readonly CheckResult[]): number {
    return this.step((at) => insertCheckRun(this.db, this.sessionId, results, at))
  }

  /** Stores where the tree walk stands, with its verdict and root cause. */
  recordWalk(walk: RecordedWalk): void {
    this.step((at) => updateSessionWalk(this.db, this.sessionId, walk, at))
  }

  /**
   * Stores a DiagnosisResult's checks and walk (with when and how long it ran) as one step; returns the check run
   * number. The subject is not written here: the session was started with it (startSession(db, subjectOf(result))).
   */
  recordDiagnosis(result: DiagnosisResult): number {
    return this.step((at) => {
      const runNo = insertCheckRun(this.db, this.sessionId, result.checks, at)
      updateSessionWalk(
        this.db,
        this.sessionId,
        { ...walkOf(result), diagnosisStartedAt: result.startedAt, diagnosisDurationMs: Math.round(result.durationMs) },
        at,
      )
      return runNo
    })
  }

  /** Stores the user's answer to a manual tree question. */
  recordAnswer(nodeId: string, answerId: string): void {
    this.step((at) => {
      touchSession(this.db, this.sessionId, at)
      insertAnswer(this.db, this.sessionId, nodeId, answerId, at)
    })
  }

  /** Commits a confirmed command before it runs; returns the action id for finishAction. */
  startAction(command: string, runOn: string | null = null, confirmedAt?: Date): number {
    return this.step((at) => {
      touchSession(this.db, this.sessionId, at)
      return insertStartedAction(this.db, this.sessionId, command, runOn, confirmedAt?.getTime() ?? at)
    })
  }

  /** Stores the output and result of a started action. */
  finishAction(actionId: number, outcome: ActionOutcome): void {
    this.step((at) => {
      touchSession(this.db, this.sessionId, at)
      completeAction(this.db, this.sessionId, actionId, {
        status: outcome.succeeded ? 'succeeded' : 'failed',
        exitCode: outcome.exitCode,
        output: capOutput(outcome.output),
        finishedAt: outcome.finishedAt?.getTime() ?? at,
      })
    })
  }

  /** Records an action that already ran (command, output, when it was confirmed) as one step. */
  recordAction(action: { command: string; runOn?: string | null; confirmedAt: Date } & ActionOutcome): number {
    return this.step((at) => {
      touchSession(this.db, this.sessionId, at)
      const id = insertStartedAction(this.db, this.sessionId, action.command, action.runOn ?? null, action.confirmedAt.getTime())
      completeAction(this.db, this.sessionId, id, {
        status: action.succeeded ? 'succeeded' : 'failed',
        exitCode: action.exitCode,
        output: capOutput(action.output),
        finishedAt: action.finishedAt?.getTime() ?? at,
      })
      return id
    })
  }

  /** Adds a note; returns its id. */
  addNote(body: string): number {
    const trimmed = checkNote(body)
    return this.step((at) => {
      touchSession(this.db, this.sessionId, at)
      return insertNote(this.db, this.sessionId, trimmed, at)
    })
  }

  /** Marks the session finished; later steps throw. */
  finishSession(): void {
    this.step((at) => finishSessionRow(this.db, this.sessionId, at))
    this.finished = true
  }

  private step<T>(write: (at: number) => T): T {
    if (this.finished) {
      throw new SessionStateError(`Session ${this.sessionId} is finished; start a new one.`, `工作階段 ${this.sessionId} 已結束，請開始新的工作階段。`)
    }
    const at = this.now().getTime()
    return this.db.transaction(() => write(at)).immediate()
  }
}

function checkNote(body: string): string {
  const trimmed = body.trim()
  if (trimmed.length === 0) throw new SessionStateError('A note cannot be empty.', '備註不可空白。')
  if (trimmed.length > MAX_NOTE_CHARS) {
    throw new SessionStateError(`A note is limited to ${MAX_NOTE_CHARS} characters.`, `備註最多 ${MAX_NOTE_CHARS} 個字元。`)
  }
  return trimmed
}

function capOutput(output: string): string {
  if (output.length <= MAX_OUTPUT_CHARS) return output
  return `${output.slice(0, MAX_OUTPUT_CHARS)}\n[… ${output.length - MAX_OUTPUT_CHARS} more characters not stored]`
}
