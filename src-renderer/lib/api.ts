/**
 * The only module that touches `window.xed` (the preload's bridge, or the test host's shim). It
 * unwraps the envelopes: a value, or a thrown {@link AppError} carrying the localized message.
 */
import {
  EVENT_METHODS,
  INVOKE_METHODS,
  type InvokeMethod,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type XedApi,
  type XedBridge,
} from '../../src-shared/ipc/api-contract'
import type { Localized } from '../../src-shared/i18n/localized'

declare global {
  interface Window {
    readonly xed?: XedBridge
  }
}

/** An error from the main process, with what to show the user. */
export class AppError extends Error {
  readonly localized: Localized | null
  constructor(error: IpcError) {
    super(error.message)
    this.name = error.name
    this.localized = error.localized
  }
}

function bridge(): XedBridge {
  const xed = window.xed
  if (!xed) throw new Error('window.xed is missing: the app was opened outside its window')
  return xed
}

async function call<M extends InvokeMethod>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const invoke = bridge()[method] as (request: RequestOf<M>) => Promise<{ ok: true; value: ResponseOf<M> } | { ok: false; error: IpcError }>
  const envelope = await invoke(request)
  if (!envelope.ok) throw new AppError(envelope.error)
  return envelope.value
}

/** The typed API the stores call: every method of the contract, built from its channel maps. */
export const api = Object.fromEntries([
  ...INVOKE_METHODS.map((method) => [method, (request: RequestOf<typeof method>) => call(method, request)] as const),
  ...EVENT_METHODS.map((method) => [method, (listener: never) => bridge()[method](listener)] as const),
]) as unknown as XedApi

/** A fresh run id (the renderer picks it so it can cancel before the answer arrives). */
export function createRunId(): string {
  const random = new Uint8Array(12)
  crypto.getRandomValues(random)
  return `run-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
