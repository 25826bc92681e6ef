/**
 * The sandboxed preload: exposes one object, `window.xed` (XedBridge), built from the channel map.
 * Nothing else of Electron or Node reaches the page; listeners get payloads, never the IPC event.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type EventMethod,
  type EventPayloadOf,
  type InvokeMethod,
  type XedBridge,
} from '../../src-shared/ipc/api-contract'

function invoker<M extends InvokeMethod>(method: M): XedBridge[M] {
  const channel = INVOKE_CHANNELS[method]
  const invoke = (request: unknown): Promise<unknown> =>
    request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request)
  return invoke as XedBridge[M]
}

function subscriber<E extends EventMethod>(method: E) {
  const channel = EVENT_CHANNELS[method]
  return (listener: (payload: EventPayloadOf<E>) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: EventPayloadOf<E>): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

const bridge: XedBridge = {
  getAppInfo: invoker('getAppInfo'),
  listScenarios: invoker('listScenarios'),
  runScenario: invoker('runScenario'),
  openEvidence: invoker('openEvidence'),
  openSeveralEvidence: invoker('openSeveralEvidence'),
  diagnoseLive: invoker('diagnoseLive'),
  probeDomain: invoker('probeDomain'),
  answerQuestion: invoker('answerQuestion'),
  cancelRun: invoker('cancelRun'),
  watchRun: invoker('watchRun'),
  stopWatch: invoker('stopWatch'),
  proposeAction: invoker('proposeAction'),
  acknowledgeAction: invoker('acknowledgeAction'),
  runConfirmedAction: invoker('runConfirmedAction'),
  listSessions: invoker('listSessions'),
  openSession: invoker('openSession'),
  addNote: invoker('addNote'),
  saveReport: invoker('saveReport'),
  checkCertificate: invoker('checkCertificate'),
  onRunProgress: subscriber('onRunProgress'),
  onMenuCommand: subscriber('onMenuCommand'),
}

contextBridge.exposeInMainWorld('xed', bridge)
