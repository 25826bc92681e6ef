/**
 * The component harness's stand-in for the main process behind `window.xed`: shaped like the preload's bridge (built
 * from the same channel maps), answering each invoke with what the test set, optionally held until released.
 */
import { EVENT_METHODS, INVOKE_METHODS, type IpcEnvelope } from '../../../src-shared/ipc/api-contract'

export interface FakeMainProcess {
  /** What the page gets as `window.xed`. */
  readonly bridge: Readonly<Record<string, unknown>>
  answer(method: string, envelope: IpcEnvelope<unknown>, held: boolean): void
  release(method: string): void
  push(method: string, payload: unknown): void
}

/** `onInvoke` sees each invoke (method, request) before it is answered. */
export function createFakeMainProcess(onInvoke: (method: string, request: unknown) => void): FakeMainProcess {
  const answers = new Map<string, { envelope: IpcEnvelope<unknown>; held: boolean }>()
  const waiting = new Map<string, () => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const bridge: Record<string, unknown> = {}
  for (const method of INVOKE_METHODS) {
    bridge[method] = async (request: unknown): Promise<IpcEnvelope<unknown>> => {
      onInvoke(method, request)
      const answer = answers.get(method)
      if (!answer) return { ok: false, error: { name: 'Error', message: `the test gave no answer for ${method}`, localized: null } }
      if (answer.held) await new Promise<void>((resolve) => waiting.set(method, resolve))
      return answer.envelope
    }
  }
  for (const method of EVENT_METHODS) {
    bridge[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(method) ?? new Set()
      set.add(listener)
      listeners.set(method, set)
      return () => set.delete(listener)
    }
  }
  return {
    bridge,
    answer: (method, envelope, held) => answers.set(method, { envelope, held }),
    release(method) {
      waiting.get(method)?.()
      waiting.delete(method)
    },
    push(method, payload) {
      for (const listener of listeners.get(method) ?? []) listener(payload)
    },
  }
}
