/**
 * The runs the renderer is looking at: their parsed evidence (so answering a question re-walks without
 * reading anything again), their answers and their history session. Bounded: starting a run finishes
 * and forgets the older ones beyond the limit.
 */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { EvidenceFileSummary } from '../../src-shared/ipc/api-contract'
import type { Localized } from '../../src-shared/i18n/localized'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { SessionRecorder } from '../store/session-recorder'
import { appError } from './app-errors'

/** One run, from the moment it starts. */
export interface RunState {
  readonly id: string
  readonly source: DiagnosisResult['subject']['source']
  readonly controller: AbortController
  title: Localized
  description: Localized | null
  evidence: Evidence | null
  /** Incident mode: the other servers' parsed evidence (diagnosed with `evidence`, which stays the subject). */
  otherEvidence: readonly Evidence[]
  /** The folders/zips the run read, in order (empty for a demo, a live run or a probe): what a watch re-reads. */
  evidencePaths: readonly string[]
  files: readonly EvidenceFileSummary[]
  domains: readonly string[]
  partners: readonly string[]
  answers: Record<string, string>
  probe: DomainProbeReport | null
  startedAt: Date
  result: DiagnosisResult | null
  recorder: SessionRecorder | null
  canRunActions: boolean
  /** False while reading, collecting or probing. */
  finished: boolean
}

const MAX_RUNS = 8

/** Keeps the runs in start order. */
export class RunRegistry {
  private readonly runs = new Map<string, RunState>()

  constructor(private readonly onEvict: (run: RunState) => void) {}

  /** Registers a new run; throws when the id is already taken. */
  start(id: string, source: RunState['source'], title: Localized, now: Date): RunState {
    if (this.runs.has(id)) throw appError('run-busy', `A run with id ${id} already exists.`, `已有識別碼為 ${id} 的執行。`)
    const run: RunState = {
      id,
      source,
      controller: new AbortController(),
      title,
      description: null,
      evidence: null,
      otherEvidence: [],
      evidencePaths: [],
      files: [],
      domains: [],
      partners: [],
      answers: {},
      probe: null,
      startedAt: now,
      result: null,
      recorder: null,
      canRunActions: false,
      finished: false,
    }
    this.runs.set(id, run)
    this.evictOldest()
    return run
  }

  /** The run, or an 'unknown-run' error. */
  get(id: string): RunState {
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
  find(id: string): RunState | undefined {
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
  all(): RunState[] {
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
