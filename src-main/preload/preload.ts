/**
 * The sandboxed preload: exposes one object, `window.xed` (XedBridge), built from the channel map.
 * Nothing else of Electron or Node reaches the page; listeners get payloads, never the IPC event.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  EVENT_CHANNELS,
  EVENT_METHODS,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
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

// Built by iterating the channel maps: a method added to the contract reaches the page without an edit here.
const bridge = Object.fromEntries([
  ...INVOKE_METHODS.map((method) => [method, invoker(method)] as const),
  ...EVENT_METHODS.map((method) => [method, subscriber(method)] as const),
]) as XedBridge

contextBridge.exposeInMainWorld('xed', bridge)
