/**
 * The `watch` loop: poll, diagnose, report what changed, until the server is healthy, the time limit is
 * reached, or the user stops it. The clock, the pause and the poll are injected, so a two-hour watch can be
 * replayed in a test (and in `npm run bench`, for its memory) without waiting. Only the previous poll's state
 * and a compact timeline are kept, so memory stays flat however long the watch runs.
 */
import type { Evidence, RawEvidenceFiles } from '../../src-shared/evidence/evidence-model'
import type { Localized } from '../../src-shared/i18n/localized'
import type { DiagnosisResult, Verdict } from '../../src-shared/result/diagnosis-result'
import { describePollChanges, pollStateOf, type PollChange, type PollState } from '../../src-shared/watch/poll-changes'

/** What one poll produced: a diagnosis (with the evidence it read), or why nothing could be read this time. */
export type PollOutcome =
  | { readonly kind: 'diagnosed'; readonly result: DiagnosisResult; readonly evidence: Evidence; readonly files: RawEvidenceFiles }
  | { readonly kind: 'unreadable'; readonly reason: Localized }

/** One poll as the watch reports it. `first` is the opening poll (everything is new). */
export interface PollEvent {
  readonly at: Date
  readonly index: number
  readonly outcome: PollOutcome
  readonly first: boolean
  readonly changes: readonly PollChange[]
}

/** A poll in the compact timeline a watch keeps (and records): when, the verdict, how many things changed. */
export interface TimelineEntry {
  readonly at: string
  readonly verdict: Verdict | 'unreadable'
  readonly changes: number
}

export interface WatchOutcome {
  readonly ending: 'healthy' | 'max-reached' | 'stopped'
  readonly startedAt: Date
  readonly endedAt: Date
  readonly polls: number
  /** The last poll that produced a diagnosis (null when none did). */
  readonly last: Extract<PollOutcome, { kind: 'diagnosed' }> | null
  /** Polls that changed something (the first included), plus the last one. */
  readonly timeline: readonly TimelineEntry[]
}

export interface WatchDependencies {
  readonly poll: () => Promise<PollOutcome>
  readonly now: () => Date
  /** Waits `ms`, or less when the signal aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
  readonly signal: AbortSignal
}

export interface WatchOptions {
  readonly intervalMs: number
  readonly maxMs: number
  readonly onPoll?: (event: PollEvent) => void
}

/** At most this many timeline entries are kept (oldest dropped); a flapping server must not grow memory. */
export const MAX_TIMELINE = 500

/** Polls until healthy (an `incomplete` or `problems` verdict keeps watching), the limit, or the signal. */
export async function watchUntilHealthy(deps: WatchDependencies, options: WatchOptions): Promise<WatchOutcome> {
  const startedAt = deps.now()
  const deadline = startedAt.getTime() + options.maxMs
  const timeline: TimelineEntry[] = []
  let previous: PollState | null = null
  let last: WatchOutcome['last'] = null
  let polls = 0
  const finish = (ending: WatchOutcome['ending']): WatchOutcome => ({ ending, startedAt, endedAt: deps.now(), polls, last, timeline })

  for (;;) {
    if (deps.signal.aborted) return finish('stopped')
    const outcome = await deps.poll()
    if (deps.signal.aborted) return finish('stopped')
    const at = deps.now()
    const first = polls === 0
    polls++
    let changes: PollChange[] = []
    if (outcome.kind === 'diagnosed') {
      const state = pollStateOf(outcome.result, outcome.evidence)
      changes = previous ? describePollChanges(previous, state) : []
      previous = state
      last = outcome
    }
    options.onPoll?.({ at, index: polls, outcome, first, changes })
    if (first || changes.length > 0 || outcome.kind === 'unreadable') {
      timeline.push({ at: at.toISOString(), verdict: outcome.kind === 'diagnosed' ? outcome.result.verdict : 'unreadable', changes: changes.length })
      if (timeline.length > MAX_TIMELINE) timeline.splice(1, 1) // keep the opening poll
    }
    if (outcome.kind === 'diagnosed' && outcome.result.verdict === 'healthy') return finish('healthy')
    const remaining = deadline - deps.now().getTime()
    if (remaining <= 0) return finish('max-reached')
    // The last pause ends at the limit itself: one more poll there, so a recovery in the final interval counts.
    await deps.sleep(Math.min(options.intervalMs, remaining), deps.signal)
  }
}
