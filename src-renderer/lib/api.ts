/**
 * The only module that touches `window.xed` (the preload's bridge, or the test host's shim). It
 * unwraps the envelopes: a value, or a thrown {@link AppError} carrying the localized message.
 */
import type { InvokeMethod, IpcError, RequestOf, ResponseOf, XedApi, XedBridge } from '../../src-shared/ipc/api-contract'
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

/** The typed API the stores call. */
export const api: XedApi = {
  getAppInfo: () => call('getAppInfo', undefined),
  listScenarios: () => call('listScenarios', undefined),
  runScenario: (request) => call('runScenario', request),
  openEvidence: (request) => call('openEvidence', request),
  openSeveralEvidence: (request) => call('openSeveralEvidence', request),
  diagnoseLive: (request) => call('diagnoseLive', request),
  probeDomain: (request) => call('probeDomain', request),
  answerQuestion: (request) => call('answerQuestion', request),
  cancelRun: (request) => call('cancelRun', request),
  watchRun: (request) => call('watchRun', request),
  stopWatch: (request) => call('stopWatch', request),
  proposeAction: (request) => call('proposeAction', request),
  acknowledgeAction: (request) => call('acknowledgeAction', request),
  runConfirmedAction: (request) => call('runConfirmedAction', request),
  listSessions: (request) => call('listSessions', request),
  openSession: (request) => call('openSession', request),
  addNote: (request) => call('addNote', request),
  saveReport: (request) => call('saveReport', request),
  checkCertificate: (request) => call('checkCertificate', request),
  onRunProgress: (listener) => bridge().onRunProgress(listener),
  onMenuCommand: (listener) => bridge().onMenuCommand(listener),
}

/** A fresh run id (the renderer picks it so it can cancel before the answer arrives). */
export function createRunId(): string {
  const random = new Uint8Array(12)
  crypto.getRandomValues(random)
  return `run-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`
}
