/**
 * The renderer's api (src-renderer/lib/api.ts) in Chromium, over a fake `window.xed`. Like the preload it is built
 * from the contract's channel maps: every method reaches the bridge, answers are unwrapped, errors keep their name
 * and localized message, events are subscribed and unsubscribed. The types tie XedApi to the channel maps; what
 * they cannot see (the maps are iterated at run time; two methods could share a channel) is tested here.
 */
import { describe, expect, it } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../src-shared/ipc/api-contract'
import { useHarness } from './component-harness'

const harness = useHarness()

describe('renderer api', () => {
  it('has exactly the contract\'s methods', async () => {
    expect((await harness().apiMethods()).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort())
  })

  it('gives every method its own channel', () => {
    const channels = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)]
    expect(new Set(channels).size).toBe(channels.length)
  })

  it('forwards each request to the bridge method of the same name and unwraps the answer', async () => {
    // Any mount starts the record of calls afresh.
    await harness().mount('SessionTable', { sessions: [] }, ['onopen'])
    await harness().answer('listSessions', { ok: true, value: { items: [], total: 0 } })
    await harness().answer('getAppInfo', { ok: true, value: { version: '1.2.3' } })
    await expect(harness().callApi('listSessions', { search: 'cert' })).resolves.toEqual({ value: { items: [], total: 0 } })
    await expect(harness().callApi('getAppInfo')).resolves.toEqual({ value: { version: '1.2.3' } })
    expect(await harness().calls()).toEqual([
      { name: 'invoke:listSessions', args: [{ search: 'cert' }] },
      { name: 'invoke:getAppInfo', args: [undefined] },
    ])
  })

  it('throws an AppError with the error\'s name and localized message', async () => {
    const localized = { en: 'No session 7 in the history.', 'zh-TW': '歷程中沒有工作階段 7。' }
    await harness().answer('openSession', { ok: false, error: { name: 'SessionNotFoundError', message: localized.en, localized } })
    await expect(harness().callApi('openSession', { sessionId: 7 })).resolves.toEqual({
      error: { appError: true, name: 'SessionNotFoundError', message: localized.en, localized },
    })
  })

  it('hands pushed events to the subscriber until it unsubscribes', async () => {
    await harness().mount('SessionTable', { sessions: [] }, ['onopen'])
    await harness().subscribe('onRunProgress')
    await harness().push('onRunProgress', { runId: 'r', kind: 'phase', phase: 'done' })
    await harness().unsubscribe('onRunProgress')
    await harness().push('onRunProgress', { runId: 'r', kind: 'phase', phase: 'checking' })
    expect(await harness().calls()).toEqual([{ name: 'event:onRunProgress', args: [{ runId: 'r', kind: 'phase', phase: 'done' }] }])
  })
})
