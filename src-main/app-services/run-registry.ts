/**
 * The runs the renderer is looking at: their parsed evidence (so answering a question re-walks without
 * reading anything again), their answers and their history session. Bounded: starting a run finishes
 * and forgets the older ones beyond the limit.
 */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { EvidenceFileSummary } from '../../src-shared/ipc/api-contract'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { SessionRecorder } from '../store/session-recorder'
import { appError } from './app-errors'
import type { RunInput } from './run-input'

/** What a finished run stands for now: an answer re-walks it, a watch replaces it with what it saw last. */
export interface RunDiagnosis {
  readonly evidence: Evidence
  /** Incident mode: the other servers' parsed evidence (diagnosed with `evidence`, which stays the subject). */
  readonly otherEvidence: readonly Evidence[]
  readonly answers: Readonly<Record<string, string>>
  readonly result: DiagnosisResult
}

/** A run once it has been diagnosed. */
export interface FinishedRun {
  /** What the way of starting it produced (title, evidence, domains, …); fixed. */
  readonly input: RunInput
  /** One line per evidence file read (each other server's under its prefixed name). */
  readonly files: readonly EvidenceFileSummary[]
  /** The run's open history session; null without a history, or when recording failed. */
  readonly recorder: SessionRecorder | null
  current: RunDiagnosis
}

/** One run, from the moment it starts. */
export interface RegisteredRun {
  readonly id: string
  readonly controller: AbortController
  readonly startedAt: Date
  /** Null while reading, collecting or probing; set once, when the run is diagnosed and recorded. */
  finished: FinishedRun | null
}

const MAX_RUNS = 8

/** Keeps the runs in start order. */
export class RunRegistry {
  private readonly runs = new Map<string, RegisteredRun>()

  constructor(private readonly onEvict: (run: RegisteredRun) => void) {}

  /** Registers a new run; throws when the id is already taken. */
  start(id: string, now: Date): RegisteredRun {
    if (this.runs.has(id)) throw appError('run-busy', `A run with id ${id} already exists.`, `已有識別碼為 ${id} 的執行。`)
    const run: RegisteredRun = { id, controller: new AbortController(), startedAt: now, finished: null }
    this.runs.set(id, run)
    this.evictOldest()
    return run
  }

  /** The run, or an 'unknown-run' error. */
  get(id: string): RegisteredRun {
    const run = this.runs.get(id)
    if (!run) {
      throw appError(
        'unknown-run',
        'This run is no longer open; start it again from the home screen.',
        '此執行已關閉；請從首頁重新開始。',
      )
    }
    return run
  }

  /** The run when it exists. */
  find(id: string): RegisteredRun | undefined {
    return this.runs.get(id)
  }

  /** Forgets a run (failed or cancelled before it produced a result). */
  drop(id: string): void {
    const run = this.runs.get(id)
    if (!run) return
    this.runs.delete(id)
    this.onEvict(run)
  }

  /** Every run, oldest first. */
  all(): RegisteredRun[] {
    return [...this.runs.values()]
  }

  private evictOldest(): void {
    while (this.runs.size > MAX_RUNS) {
      const oldest = this.runs.keys().next().value
      if (oldest === undefined) return
      this.drop(oldest)
    }
  }
}
