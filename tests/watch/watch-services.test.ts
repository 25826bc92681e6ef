/**
 * The app's "Watch until healthy" switch: the run's evidence folder is re-read at an interval, each poll pushes
 * only what changed, recovery ends the watch with the time it took and one desktop notification, and the polls are
 * recorded as one session with the timeline as a note. The clock and the pause are injected: no waiting.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import type { RunProgress, WatchEnd, WatchPoll } from '../../src-shared/ipc/api-contract'
import { copyScenario } from '../cli/evidence-folder-helper'
import { analyzeInThread, createTestAppServices } from '../support/test-app-services'

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios')

let dir: string
let history: OpenedHistory
let services: AppServices
let evidence: string
let frontEnd: string
let polls: WatchPoll[]
let ended: Promise<WatchEnd>
let notifications: { title: string; body: string }[]
let clock: number
/** Called at each pause between polls (with its number, from 1); the test changes the folder there. */
let onPause: (pause: number, signal: AbortSignal) => Promise<void>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-watch-app-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  evidence = copyScenario('proxy-service-stopped')
  frontEnd = copyScenario('healthy-frontend')
  polls = []
  notifications = []
  clock = Date.parse('2026-11-20T02:00:00Z')
  onPause = async () => undefined
  let pauses = 0
  let endWith: (end: WatchEnd) => void = () => undefined
  ended = new Promise((resolve) => (endWith = resolve))
  services = createTestAppServices(history.db, {
    pickEvidencePath: async () => evidence,
    pickEvidencePaths: async () => [frontEnd, evidence],
    onProgress: (progress: RunProgress) => {
      if (progress.kind === 'watch-poll') polls.push(progress.poll)
      if (progress.kind === 'watch-end') endWith(progress.end)
    },
    analyzeEvidence: analyzeInThread,
    now: () => new Date(clock),
    sleep: async (ms, signal) => {
      clock += ms
      await onPause(++pauses, signal)
    },
    notify: (title, body) => notifications.push({ title, body }),
  })
})

afterEach(async () => {
  await services.dispose()
  history.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(dirname(evidence), { recursive: true, force: true })
  rmSync(dirname(frontEnd), { recursive: true, force: true })
})

describe('watch until healthy in the app', () => {
  it('pushes the opening verdict, then only the changes; recovery ends it with the time taken, a notification and one recorded session', async () => {
    const view = await services.openEvidence({ runId: 'run-watch-0001', kind: 'folder', domains: [], partners: [] })
    const before = (await services.listSessions({})).total
    // The scheduled collector rewrites the folder after the second pause: the proxy was started again.
    onPause = async (pause) => {
      if (pause === 2) cpSync(join(SCENARIOS, 'healthy-edge'), evidence, { recursive: true })
    }
    await expect(services.watchRun({ runId: view!.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'zh-TW' })).resolves.toEqual({ watching: true })
    const end = await ended
    expect(end).toMatchObject({ ending: 'healthy', polls: 3, elapsedMs: 60_000 })
    expect(polls.map((p) => [p.index, p.verdict])).toEqual([
      [1, 'problems'],
      [2, 'problems'],
      [3, 'healthy'],
    ])
    expect(polls[0]!.rootCause?.en).toMatch(/proxy/i)
    // Nothing changed at the second poll; the third says what did.
    expect(polls[1]!.changes).toEqual([])
    expect(polls[2]!.changes.some((c) => c.kind === 'verdict')).toBe(true)
    expect(polls[2]!.changes.some((c) => c.kind === 'check')).toBe(true)
    expect(notifications).toHaveLength(1)
    expect(notifications[0]!.title).toBe('XMPP 同盟已恢復正常')
    expect(notifications[0]!.body).toContain('1 分 00 秒')
    expect(end.result?.verdict).toBe('healthy')
    expect(end.sessionId).not.toBeNull()
    expect((await services.listSessions({})).total).toBe(before + 1)
    const session = await services.openSession({ sessionId: end.sessionId! })
    expect(session.verdict).toBe('healthy')
    expect(session.notes).toHaveLength(1)
    // The watch ran in Chinese: its note is written in Chinese.
    expect(session.notes[0]!.body).toMatch(/^監看結束：已恢復正常，共輪詢 3 次/)
    // Compact: the opening poll and the poll that changed something, not every poll.
    expect(session.notes[0]!.body.split('\n')).toHaveLength(3)
  })

  it('watches an incident set (Front End + Edge): every set is re-read, the session holds both servers’ files', async () => {
    const view = await services.openSeveralEvidence({ runId: 'run-watch-0005', kind: 'folder', domains: [], partners: [] })
    expect(view!.result.servers).toHaveLength(2)
    onPause = async (pause) => {
      if (pause === 1) cpSync(join(SCENARIOS, 'healthy-edge'), evidence, { recursive: true })
    }
    await services.watchRun({ runId: view!.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'en' })
    const end = await ended
    expect(end).toMatchObject({ ending: 'healthy', polls: 2 })
    expect(end.result?.servers?.map((s) => s.host)).toEqual(['FE01', 'EDGE01'])
    const session = await services.openSession({ sessionId: end.sessionId! })
    const names = session.evidenceFiles.map((f) => f.name)
    expect(names).toContain('manifest.json')
    expect(names).toContain('server2--EDGE01--manifest.json')
  })

  it('a folder caught half rewritten gives no verdict for that poll, never a false one', async () => {
    const view = await services.openEvidence({ runId: 'run-watch-0006', kind: 'folder', domains: [], partners: [] })
    onPause = async (pause) => {
      // The collector has removed the old files and not yet written manifest.json (every retry of poll 2 sees it so).
      if (pause === 1) rmSync(join(evidence, 'manifest.json'))
      if (pause === 5) cpSync(join(SCENARIOS, 'healthy-edge'), evidence, { recursive: true })
    }
    await services.watchRun({ runId: view!.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'en' })
    const end = await ended
    expect(end.ending).toBe('healthy')
    const unreadable = polls.filter((p) => p.unreadable !== null)
    expect(unreadable.length).toBeGreaterThan(0)
    expect(unreadable.every((p) => p.verdict === null)).toBe(true)
    expect(unreadable[0]!.unreadable?.en).toMatch(/manifest\.json/)
  })

  it('stops when asked: no notification, the ending says stopped', async () => {
    const view = await services.openEvidence({ runId: 'run-watch-0002', kind: 'folder', domains: [], partners: [] })
    let paused: () => void = () => undefined
    const pausedOnce = new Promise<void>((resolve) => (paused = resolve))
    onPause = (_pause, signal) =>
      new Promise<void>((resolve) => {
        paused()
        signal.addEventListener('abort', () => resolve(), { once: true })
      })
    await services.watchRun({ runId: view!.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'en' })
    await pausedOnce
    await expect(services.stopWatch({ runId: view!.runId })).resolves.toBe(true)
    const end = await ended
    expect(end.ending).toBe('stopped')
    expect(notifications).toEqual([])
    await expect(services.stopWatch({ runId: view!.runId })).resolves.toBe(false)
  })

  it('reaches the limit while the proxy stays stopped: max-reached after the last poll at the limit', async () => {
    const view = await services.openEvidence({ runId: 'run-watch-0003', kind: 'folder', domains: [], partners: [] })
    await services.watchRun({ runId: view!.runId, intervalSeconds: 60, maxMinutes: 3, locale: 'en' })
    const end = await ended
    expect(end).toMatchObject({ ending: 'max-reached', polls: 4, elapsedMs: 180_000 })
    expect(notifications).toEqual([])
  })

  it('refuses a run that has no evidence folder to re-read (a demo)', async () => {
    const view = await services.runScenario({ runId: 'run-watch-0004', name: 'healthy-edge' })
    await expect(services.watchRun({ runId: view.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'en' })).rejects.toMatchObject({ code: 'watch-unavailable' })
  })
})
