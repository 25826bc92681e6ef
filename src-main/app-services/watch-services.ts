/**
 * "Watch until healthy" on a run read from evidence folders or zips: the run's paths are re-read at an interval
 * (a scheduled collector keeps rewriting them on a locked-down server), each poll pushes only what changed, and the
 * end says how long recovery took. Recovery raises a desktop notification through `notify` (Electron's Notification
 * in src-main/electron; a plain callback here, so all of this runs under Node in tests). The polls are recorded as
 * one session: the last diagnosis with its evidence, and the poll timeline as a note.
 */
import { diagnose } from '../../src-shared/diagnose'
import { filesOfAllSets, setLabel } from '../../src-shared/evidence-sets/recorded-set-files'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import { pick, text, type Locale, type Localized } from '../../src-shared/i18n/localized'
import type { RunProgress, WatchEnd, XedApi } from '../../src-shared/ipc/api-contract'
import { formatElapsed } from '../../src-shared/watch/poll-changes'
import { readSettledEvidence } from '../watch/read-settled-evidence'
import { timelineNote } from '../watch/timeline-note'
import { watchUntilHealthy, type PollOutcome, type WatchOutcome } from '../watch/watch-until-healthy'
import { appError } from './app-errors'
import { recordAnalysis } from '../store/record-analysis'
import type { HistoryAccess } from './history-services'
import type { FinishedRun, RegisteredRun, RunRegistry } from './run-registry'

/** What the watch services need; `sleep` and `now` are injected so tests replay hours without waiting. */
export interface WatchServiceDeps {
  readonly registry: RunRegistry
  readonly history: HistoryAccess
  readonly appVersion: string
  readonly emit: (progress: RunProgress) => void
  readonly now: () => Date
  /** Waits `ms`, or less when the signal aborts. Default: a timer. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Shows a desktop notification; absent: none (the view still says it). */
  readonly notify?: (title: string, body: string) => void
  readonly log: (line: string) => void
}

/** A half-written folder is read again this many times, this far apart, before a poll says "not readable". */
const SETTLE_RETRIES = 3
const SETTLE_DELAY_MS = 2_000

/** A timer that ends early when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/** The watch methods of the API, and stopping every watch at shutdown. */
export function createWatchServices(deps: WatchServiceDeps): Pick<XedApi, 'watchRun' | 'stopWatch'> & { stopAll(): void } {
  const sleep = deps.sleep ?? abortableSleep
  const watches = new Map<string, AbortController>()

  /** Reads every set of the run (all must be settled) and diagnoses them together, as the run did. */
  function pollOf(finished: FinishedRun, signal: AbortSignal): () => Promise<PollOutcome & { sets?: ReadonlyMap<string, Uint8Array>[]; others?: Evidence[] }> {
    const { input } = finished
    return async () => {
      const startedAt = deps.now()
      const reads = []
      for (const path of input.evidencePaths) {
        const read = await readSettledEvidence(path, { retries: SETTLE_RETRIES, retryDelayMs: SETTLE_DELAY_MS, sleep: (ms) => sleep(ms, signal), partners: input.partners })
        if (read.kind === 'unsettled') return { kind: 'unreadable', reason: input.evidencePaths.length > 1 ? text(`${path}: ${read.reason.en}`, `${path}：${read.reason['zh-TW']}`) : read.reason }
        reads.push(read)
      }
      const [first, ...others] = reads
      const evidence: Evidence = first!.parsed.evidence
      const result = diagnose({
        evidence,
        ...(others.length > 0 ? { otherEvidence: others.map((other) => other.parsed.evidence) } : {}),
        domains: input.domains,
        partners: input.partners,
        answers: finished.current.answers,
        source: input.source,
        startedAt,
      })
      return { kind: 'diagnosed', result, evidence, files: first!.files, sets: reads.map((read) => read.files), others: others.map((other) => other.parsed.evidence) }
    }
  }

  function record(run: RegisteredRun, outcome: WatchOutcome, sets: readonly ReadonlyMap<string, Uint8Array>[], locale: Locale): number | null {
    const last = outcome.last
    if (!last || !deps.history.db) return null
    try {
      const files = filesOfAllSets(sets.map((set, i) => ({ label: setLabel(last.result.servers, i), files: set })))
      const notes = [timelineNote(outcome, locale)]
      return recordAnalysis(deps.history.db, { result: last.result, evidence: last.evidence, files, notes, appVersion: deps.appVersion }).sessionId
    } catch (error) {
      deps.log(`history: could not record the watch of run ${run.id}: ${error instanceof Error ? error.message : String(error)}`)
      return null
    }
  }

  async function watch(
    run: RegisteredRun,
    finished: FinishedRun,
    controller: AbortController,
    options: { intervalMs: number; maxMs: number; locale: Locale },
  ): Promise<void> {
    let lastSets: readonly ReadonlyMap<string, Uint8Array>[] = []
    let lastOthers: readonly Evidence[] = []
    const poll = pollOf(finished, controller.signal)
    let end: WatchEnd
    try {
      const outcome = await watchUntilHealthy(
        {
          poll: async () => {
            const polled = await poll()
            if (polled.kind === 'diagnosed') {
              lastSets = polled.sets ?? []
              lastOthers = polled.others ?? []
            }
            return polled
          },
          now: deps.now,
          sleep,
          signal: controller.signal,
        },
        {
          ...options,
          onPoll: (event) =>
            deps.emit({
              runId: run.id,
              kind: 'watch-poll',
              poll: {
                at: event.at.toISOString(),
                index: event.index,
                first: event.first,
                verdict: event.outcome.kind === 'diagnosed' ? event.outcome.result.verdict : null,
                rootCause: event.outcome.kind === 'diagnosed' ? (event.outcome.result.rootCause?.title ?? null) : null,
                unreadable: event.outcome.kind === 'unreadable' ? event.outcome.reason : null,
                changes: event.changes,
              },
            }),
        },
      )
      const elapsedMs = outcome.endedAt.getTime() - outcome.startedAt.getTime()
      if (outcome.last) {
        // The run now stands for what the watch saw last: answers and fixes apply to the current state.
        finished.current = { ...finished.current, evidence: outcome.last.evidence, otherEvidence: lastOthers, result: outcome.last.result }
      }
      end = { ending: outcome.ending, elapsedMs, polls: outcome.polls, sessionId: record(run, outcome, lastSets, options.locale), reason: null, result: outcome.last?.result ?? null }
      if (outcome.ending === 'healthy') notifyRecovered(finished.input.title, elapsedMs, options.locale)
    } catch (error) {
      deps.log(`watch of run ${run.id} failed: ${error instanceof Error ? error.message : String(error)}`)
      end = {
        ending: 'failed',
        elapsedMs: 0,
        polls: 0,
        sessionId: null,
        result: null,
        reason: text(`The watch stopped: ${error instanceof Error ? error.message : String(error)}`, `監看已停止：${error instanceof Error ? error.message : String(error)}`),
      }
    } finally {
      watches.delete(run.id)
    }
    deps.emit({ runId: run.id, kind: 'watch-end', end })
  }

  function notifyRecovered(runTitle: Localized, elapsedMs: number, locale: Locale): void {
    if (!deps.notify) return
    const title: Localized = text('XMPP federation is healthy again', 'XMPP 同盟已恢復正常')
    const body: Localized = text(
      `${runTitle.en}: healthy after ${formatElapsed(elapsedMs, 'en')}.`,
      `${runTitle['zh-TW']}：歷時 ${formatElapsed(elapsedMs, 'zh-TW')} 後恢復正常。`,
    )
    try {
      deps.notify(pick(title, locale), pick(body, locale))
    } catch (error) {
      // A notification the desktop refuses must not end the watch's report.
      deps.log(`notification failed: ${String(error)}`)
    }
  }

  return {
    async watchRun({ runId, intervalSeconds, maxMinutes, locale }) {
      const run = deps.registry.get(runId)
      const finished = run.finished
      if (!finished) throw appError('run-busy', 'The run is still working; watch it when it has finished.', '執行仍在進行中；請在完成後再監看。')
      if (finished.input.evidencePaths.length === 0) {
        throw appError('watch-unavailable', 'Only a run read from an evidence folder or zip can be watched.', '只有從證據資料夾或 zip 讀取的執行才能監看。')
      }
      if (watches.has(runId)) return { watching: true }
      const controller = new AbortController()
      // The run's own cancellation (eviction, shutdown) stops its watch too.
      run.controller.signal.addEventListener('abort', () => controller.abort(), { once: true })
      watches.set(runId, controller)
      void watch(run, finished, controller, { intervalMs: intervalSeconds * 1000, maxMs: maxMinutes * 60_000, locale })
      return { watching: true }
    },

    async stopWatch({ runId }) {
      const controller = watches.get(runId)
      if (!controller) return false
      controller.abort()
      return true
    },

    stopAll() {
      for (const controller of watches.values()) controller.abort()
    },
  }
}
