/**
 * The app's watch settings (the interval and the limit): the renderer's check and the main process's payload schema
 * take their bounds from one place and agree on every value; the app services stop the watch at the user's limit.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import type { WatchEnd } from '../../src-shared/ipc/api-contract'
import { PayloadError, validatePayload } from '../../src-shared/ipc/payload-schemas'
import { WATCH_INTERVAL_SECONDS, WATCH_MAX_MINUTES, watchSettingsProblem } from '../../src-shared/watch/watch-limits'
import { copyScenario } from '../cli/evidence-folder-helper'
import { analyzeInThread, createTestAppServices } from '../support/test-app-services'

function accepted(intervalSeconds: unknown, maxMinutes: unknown): boolean {
  try {
    validatePayload('watchRun', { runId: 'run-watch-0001', intervalSeconds, maxMinutes, locale: 'en' })
    return true
  } catch (error) {
    if (error instanceof PayloadError) return false
    throw error
  }
}

describe('the watch settings bounds', () => {
  it('accepts each bound exactly and refuses one past it, a fraction and a missing value, in the payload schema', () => {
    const interval = WATCH_INTERVAL_SECONDS
    const max = WATCH_MAX_MINUTES
    expect(accepted(interval.min, max.min)).toBe(true)
    expect(accepted(interval.max, max.max)).toBe(true)
    expect(accepted(interval.default, max.default)).toBe(true)
    expect(accepted(interval.min - 1, max.default)).toBe(false)
    expect(accepted(interval.max + 1, max.default)).toBe(false)
    expect(accepted(interval.default, max.min - 1)).toBe(false)
    expect(accepted(interval.default, max.max + 1)).toBe(false)
    expect(accepted(interval.default, 90.5)).toBe(false)
    expect(accepted(interval.default, null)).toBe(false)
    expect(accepted(interval.default, '120')).toBe(false)
  })

  it('the renderer refuses exactly what the main process would, saying what to fix in both languages', () => {
    const intervals = [0, 4, 5, 6, 29.5, 30, 3600, 3601, Number.NaN]
    const limits = [0, 1, 2, 119.9, 120, 1440, 1441, Number.NaN]
    for (const intervalSeconds of intervals) {
      for (const maxMinutes of limits) {
        const problem = watchSettingsProblem(intervalSeconds, maxMinutes)
        expect(problem === null, `${intervalSeconds} s, ${maxMinutes} min`).toBe(accepted(intervalSeconds, maxMinutes))
      }
    }
    expect(watchSettingsProblem(4, 120)).toEqual({
      en: 'The interval must be a whole number of seconds from 5 to 3600.',
      'zh-TW': '間隔必須是 5 到 3600 之間的整數秒數。',
    })
    expect(watchSettingsProblem(30, 1441)?.['zh-TW']).toBe('監看的時間上限必須是 1 到 1440 之間的整數分鐘數（24 小時）。')
  })
})

describe('the app watch at the user\'s limit', () => {
  let dir: string
  let history: OpenedHistory
  let services: AppServices
  let evidence: string
  let ended: Promise<WatchEnd>
  let clock: number

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xed-watch-settings-'))
    history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
    evidence = copyScenario('proxy-service-stopped')
    clock = Date.parse('2026-11-20T02:00:00Z')
    let endWith: (end: WatchEnd) => void = () => undefined
    ended = new Promise((resolve) => (endWith = resolve))
    services = createTestAppServices(history.db, {
      pickEvidencePath: async () => evidence,
      pickEvidencePaths: async () => [evidence],
      onProgress: (progress) => {
        if (progress.kind === 'watch-end') endWith(progress.end)
      },
      analyzeEvidence: analyzeInThread,
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms
      },
    })
  })

  afterEach(async () => {
    await services.dispose()
    history.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(dirname(evidence), { recursive: true, force: true })
  })

  it('stops at the smallest limit with the shortest interval, not at a fixed two hours', async () => {
    const view = await services.openEvidence({ runId: 'run-watch-0001', kind: 'folder', domains: [], partners: [] })
    const request = validatePayload('watchRun', {
      runId: view!.runId,
      intervalSeconds: WATCH_INTERVAL_SECONDS.min,
      maxMinutes: WATCH_MAX_MINUTES.min,
      locale: 'en',
    })
    await services.watchRun(request)
    const end = await ended
    // Polls at 0, 5, …, 60 s: thirteen, the last one at the limit.
    expect(end).toMatchObject({ ending: 'max-reached', polls: 13, elapsedMs: 60_000 })
  })
})
