/** Races a run's work against its cancellation (the user's Cancel, or the run being forgotten). */
import { cancelledError } from './app-errors'
import type { RegisteredRun } from './run-registry'

/** Resolves with `work`, or rejects with a cancellation as soon as the run's signal fires. */
export async function unlessCancelled<T>(run: RegisteredRun, work: Promise<T>): Promise<T> {
  const { signal } = run.controller
  if (signal.aborted) throw cancelledError()
  let onAbort: () => void = () => undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([work, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
