/**
 * One DNS query under the step timeout, ended exactly once: by the resolver's answer or error, by our
 * deadline, or by the probe going on without it. Queries of a view share one c-ares Resolver, whose
 * cancel() ends all of them, so a single query's deadline only stops waiting for it; c-ares' own
 * timeout (the same length) or the view's final cancel ends the query itself.
 */
import type { DnsFailure, ProbeBound } from '../../src-shared/probe/probe-types'

/**
 * RFC 8305 §3 "Resolution Delay": once one of two queries asked together has a usable answer, the
 * other gets this much longer before the probe goes on without it. The RFC recommends 50 ms.
 */
export const RESOLUTION_DELAY_MS = 50

/** How a query ended. `value` is null unless the resolver answered. */
export interface QueryEnd<T> {
  readonly value: T | null
  readonly error: DnsFailure | null
  /** From the question to the answer, or to the moment the probe stopped waiting. */
  readonly ms: number
}

/** A query in flight (or ended). */
export interface PendingQuery<T> {
  /** How it ended; null while it runs. */
  readonly current: QueryEnd<T> | null
  /** Resolves when it ends, however it ends. */
  readonly ended: Promise<QueryEnd<T>>
  /** Runs `listener` synchronously as the query ends (at once when it has). */
  onEnd(listener: (end: QueryEnd<T>) => void): void
  /** Ends a query still running as "no answer within N ms (<why>)", cut by `bound` when a limit stopped it; no effect on one that has ended. */
  giveUp(why: string, bound?: ProbeBound): void
}

/** Asks now; the query ends with ETIMEOUT after `timeoutMs` if nothing else ended it first. */
export function startQuery<T>(ask: () => Promise<T>, timeoutMs: number): PendingQuery<T> {
  const started = performance.now()
  const query = createQuery<T>(started)
  const timer = setTimeout(() => query.end(null, noAnswer(started, undefined, 'step')), timeoutMs)
  query.pending.onEnd(() => clearTimeout(timer))
  let answer: Promise<T>
  try {
    answer = ask()
  } catch (error) {
    answer = Promise.reject(error)
  }
  answer.then(
    (value) => query.end(value, null),
    (error: unknown) => query.end(null, toDnsFailure(error, started)),
  )
  return query.pending
}

/** A query that was never asked (the probe had already stopped), ended with `error`. */
export function unaskedQuery<T>(error: DnsFailure): PendingQuery<T> {
  const query = createQuery<T>(performance.now())
  query.end(null, error)
  return query.pending
}

/**
 * Calls `decide` once, the RFC 8305 §3 way: when every query has ended, or RESOLUTION_DELAY_MS after a
 * query ends while `hasUsableAnswer()` holds, whichever comes first.
 */
export function decideAfterResolutionDelay(
  queries: readonly PendingQuery<unknown>[],
  hasUsableAnswer: () => boolean,
  decide: () => void,
): void {
  let decided = false
  let timer: NodeJS.Timeout | undefined
  const run = (): void => {
    if (decided) return
    decided = true
    clearTimeout(timer)
    decide()
  }
  const onEnd = (): void => {
    if (decided) return
    if (queries.every((query) => query.current !== null)) run()
    else if (timer === undefined && hasUsableAnswer()) timer = setTimeout(run, RESOLUTION_DELAY_MS)
  }
  for (const query of queries) query.onEnd(onEnd)
}

/** A resolver error as the report keeps it; a timeout says how long it waited rather than c-ares' "queryAaaa ETIMEOUT x". */
export function toDnsFailure(error: unknown, started: number): DnsFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EUNKNOWN'
  // c-ares' own timeout is the step's length (one try): the step's limit.
  if (code === 'ETIMEOUT') return noAnswer(started, undefined, 'step')
  const message = error instanceof Error ? error.message : String(error)
  // The resolvers are cancelled only when the whole probe's limit passes (or after it finished, when nothing listens).
  return code === 'ECANCELLED' ? { code, message, cutBy: 'total' } : { code, message }
}

function noAnswer(started: number, why?: string, bound?: ProbeBound): DnsFailure {
  const failure = { code: 'ETIMEOUT', message: `no answer within ${elapsed(started)} ms${why ? ` (${why})` : ''}` }
  return bound ? { ...failure, cutBy: bound } : failure
}

function createQuery<T>(started: number): { pending: PendingQuery<T>; end: (value: T | null, error: DnsFailure | null) => void } {
  let result: QueryEnd<T> | null = null
  const listeners: ((end: QueryEnd<T>) => void)[] = []
  let resolveEnded: (end: QueryEnd<T>) => void = () => undefined
  const ended = new Promise<QueryEnd<T>>((resolve) => (resolveEnded = resolve))
  const end = (value: T | null, error: DnsFailure | null): void => {
    if (result) return
    const settled: QueryEnd<T> = { value, error, ms: elapsed(started) }
    result = settled
    resolveEnded(settled)
    for (const listener of listeners.splice(0)) listener(settled)
  }
  const pending: PendingQuery<T> = {
    get current() {
      return result
    },
    ended,
    onEnd(listener) {
      if (result) listener(result)
      else listeners.push(listener)
    },
    giveUp(why, bound) {
      end(null, noAnswer(started, why, bound))
    },
  }
  return { pending, end }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started)
}
