/**
 * Promise helpers that wait for a socket event with a step timeout and the probe's abort signal, and
 * map Node's socket errors to the probe's error codes. Every wait ends: success, error, close,
 * timeout or abort, whichever comes first, and always removes its listeners.
 */
import type { Socket } from 'node:net'
import type { ProbeErrorCode, ProbeStep, ProbeStepError } from '../../src-shared/probe/probe-types'

/** Thrown when a probe step cannot go on; carries the report's error shape. */
export class ProbeStepFailure extends Error {
  override readonly name = 'ProbeStepFailure'
  constructor(readonly failure: ProbeStepError) {
    super(failure.message)
  }
}

/** Builds a {@link ProbeStepFailure} for a step. */
export function stepFailure(step: ProbeStep, code: ProbeErrorCode, message: string): ProbeStepFailure {
  return new ProbeStepFailure({ step, code, message })
}

/** The reason the whole probe was aborted (its hard bound), as a step failure. */
export function abortFailure(step: ProbeStep, signal: AbortSignal): ProbeStepFailure {
  const reason: unknown = signal.reason
  const message = reason instanceof Error ? reason.message : 'the probe was cancelled'
  return stepFailure(step, 'total-timeout', message)
}

/** Maps a Node socket/TLS error to a probe error code. */
export function classifySocketError(error: unknown): ProbeErrorCode {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'unreachable'
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset'
    case 'ETIMEDOUT':
      return 'timeout'
    default:
      return 'other'
  }
}

/** The text of an error, with its code when Node gave one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : null
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}

/**
 * Waits for `event` on the socket. Rejects with a {@link ProbeStepFailure} on 'error', 'close',
 * the step timeout or the abort signal; the socket is destroyed on timeout and abort.
 */
export function waitForSocketEvent(
  socket: Socket,
  event: string,
  step: ProbeStep,
  timeoutMs: number,
  signal: AbortSignal,
  failureCode: ProbeErrorCode = 'other',
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      socket.destroy()
      reject(abortFailure(step, signal))
      return
    }
    const cleanup = (): void => {
      clearTimeout(timer)
      socket.off(event, onEvent)
      socket.off('error', onError)
      socket.off('close', onClose)
      signal.removeEventListener('abort', onAbort)
    }
    const onEvent = (): void => {
      cleanup()
      resolve()
    }
    const onError = (error: unknown): void => {
      cleanup()
      socket.destroy()
      const code = classifySocketError(error)
      reject(stepFailure(step, code === 'other' ? failureCode : code, describeError(error)))
    }
    const onClose = (): void => {
      cleanup()
      reject(stepFailure(step, failureCode === 'other' ? 'closed' : failureCode, 'the peer closed the connection'))
    }
    const onAbort = (): void => {
      cleanup()
      socket.destroy()
      reject(abortFailure(step, signal))
    }
    const timer = setTimeout(() => {
      cleanup()
      socket.destroy()
      reject(stepFailure(step, 'timeout', `no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.once(event, onEvent)
    socket.once('error', onError)
    socket.once('close', onClose)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
