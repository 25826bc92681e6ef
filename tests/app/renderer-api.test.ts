/**
 * The renderer's api (src-renderer/lib/api.ts) is built from the contract's channel maps, like the preload: every
 * method reaches `window.xed`, answers are unwrapped, errors keep their name and localized message.
 * The types tie XedApi to the channel maps; what they cannot see is tested here (the maps are iterated at run
 * time, and two methods could share one channel).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS, type IpcEnvelope } from '../../src-shared/ipc/api-contract'
import { api, AppError } from '../../src-renderer/lib/api'

type Call = readonly [method: string, request: unknown]

const calls: Call[] = []
let answer: IpcEnvelope<unknown> = { ok: true, value: null }

function fakeBridge(): Record<string, unknown> {
  const bridge: Record<string, unknown> = {}
  for (const method of Object.keys(INVOKE_CHANNELS)) {
    bridge[method] = async (request: unknown) => {
      calls.push([method, request])
      return answer
    }
  }
  for (const method of Object.keys(EVENT_CHANNELS)) {
    bridge[method] = (listener: unknown) => {
      calls.push([method, listener])
      return () => calls.push([`${method}:off`, listener])
    }
  }
  return bridge
}

describe('renderer api', () => {
  beforeEach(() => {
    calls.length = 0
    answer = { ok: true, value: null }
    Object.defineProperty(globalThis, 'window', { value: { xed: fakeBridge() }, configurable: true })
  })
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'window')
  })

  it('has exactly the contract\'s methods, each a function', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('gives every method its own channel', () => {
    const channels = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)]
    expect(new Set(channels).size).toBe(channels.length)
  })

  it('forwards each request to the bridge method of the same name and unwraps the answer', async () => {
    answer = { ok: true, value: { page: 1 } }
    await expect(api.listSessions({ search: 'cert' })).resolves.toEqual({ page: 1 })
    await api.getAppInfo()
    expect(calls).toEqual([
      ['listSessions', { search: 'cert' }],
      ['getAppInfo', undefined],
    ])
  })

  it('throws an AppError with the error\'s name and localized message', async () => {
    const localized = { en: 'No session 7 in the history.', 'zh-TW': '歷程中沒有工作階段 7。' }
    answer = { ok: false, error: { name: 'SessionNotFoundError', message: localized.en, localized } }
    const error = await api.openSession({ sessionId: 7 }).then(() => null, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ name: 'SessionNotFoundError', message: localized.en, localized })
  })

  it('subscribes through the bridge and hands back its unsubscribe', () => {
    const listener = (): void => undefined
    const off = api.onRunProgress(listener)
    off()
    expect(calls).toEqual([
      ['onRunProgress', listener],
      ['onRunProgress:off', listener],
    ])
  })
})
