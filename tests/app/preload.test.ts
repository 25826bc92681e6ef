/** The sandboxed preload exposes exactly one object built from the channel map, and nothing of Electron. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type XedBridge } from '../../src-shared/ipc/api-contract'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 1 }))
const listeners = new Map<string, Set<(...args: unknown[]) => void>>()

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(listener),
  },
}))

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules()
    exposed.clear()
    invoke.mockClear()
    await import('../../src-main/preload/preload')
  })

  it('exposes one object, window.xed, with exactly the contract\'s methods', () => {
    expect([...exposed.keys()]).toEqual(['xed'])
    const bridge = exposed.get('xed') as Record<string, unknown>
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort())
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
  })

  it('invokes the mapped channel with the request (or none)', async () => {
    const bridge = exposed.get('xed') as XedBridge
    await bridge.runScenario({ runId: 'run-0123456789', name: 'healthy-edge' })
    await bridge.getAppInfo(undefined)
    expect(invoke.mock.calls).toEqual([['run:scenario', { runId: 'run-0123456789', name: 'healthy-edge' }], ['app:info']])
  })

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const bridge = exposed.get('xed') as XedBridge
    const seen: unknown[] = []
    const off = bridge.onRunProgress((progress) => seen.push(progress))
    const [registered] = listeners.get('run:progress') ?? []
    registered?.({ sender: 'the IPC event' }, { runId: 'r', kind: 'phase', phase: 'done' })
    expect(seen).toEqual([{ runId: 'r', kind: 'phase', phase: 'done' }])
    off()
    expect(listeners.get('run:progress')?.size).toBe(0)
  })
})
