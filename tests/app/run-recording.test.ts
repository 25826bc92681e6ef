/**
 * Every way of starting a run in the app ends in the one finish step and the one recorder path: exactly one
 * history session per run, its subject written once (when the session starts, never rewritten), the session
 * kept open for answers and fixes until the run is forgotten; a watch adds one finished session with its timeline.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServiceDeps, AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { subjectOf } from '../../src-main/store/recorded-result'
import type { RunView, WatchEnd } from '../../src-shared/ipc/api-contract'
import { copyScenario } from '../cli/evidence-folder-helper'
import { createFakeHarness, type FakeHarness } from '../fakes/fake-powershell-harness'
import { healthyReport } from '../probe/helpers/synthetic-report'
import { analyzeInThread, createTestAppServices } from '../support/test-app-services'

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios')

let dir: string
let history: OpenedHistory
let services: AppServices
let fake: FakeHarness | null
let copies: string[]

/** Counts every UPDATE that sets a subject column of a session (the INSERT that starts it is not counted). */
function countSubjectWrites(opened: OpenedHistory): () => number {
  opened.db.exec(`
    CREATE TEMP TABLE subject_writes (session_id INTEGER NOT NULL);
    CREATE TEMP TRIGGER count_subject_writes AFTER UPDATE OF host, role, product_version, domains_json, source, collected_at ON sessions
    BEGIN INSERT INTO subject_writes VALUES (new.id); END;
  `)
  return () => Number(opened.db.prepare('SELECT count(*) FROM temp.subject_writes').pluck().get())
}

function sessionRows(): { id: number; ended_at: number | null }[] {
  return history.db.prepare('SELECT id, ended_at FROM sessions ORDER BY id').all() as { id: number; ended_at: number | null }[]
}

function create(overrides: Partial<AppServiceDeps> = {}): AppServices {
  return createTestAppServices(history.db, {
    probeDomain: async (domain) => healthyReport(domain),
    pickEvidencePath: async () => join(SCENARIOS, 'proxy-service-stopped'),
    pickEvidencePaths: async () => [join(SCENARIOS, 'healthy-frontend'), join(SCENARIOS, 'proxy-service-stopped')],
    analyzeEvidence: analyzeInThread,
    ...overrides,
  })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-run-recording-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  fake = null
  copies = []
})

afterEach(async () => {
  await services.dispose()
  history.close()
  fake?.cleanup()
  for (const copy of copies) rmSync(dirname(copy), { recursive: true, force: true })
  rmSync(dir, { recursive: true, force: true })
})

const RUN_KINDS: readonly { kind: string; start: (s: AppServices) => Promise<RunView | null>; source: string; files: (names: string[]) => void }[] = [
  {
    kind: 'a demo scenario',
    start: (s) => s.runScenario({ runId: 'run-record-demo', name: 'proxy-service-stopped' }),
    source: 'demo',
    files: (names) => expect(names).toContain('manifest.json'),
  },
  {
    kind: 'an evidence folder',
    start: (s) => s.openEvidence({ runId: 'run-record-open', kind: 'folder', domains: ['contoso.com'], partners: [] }),
    source: 'evidence-folder',
    files: (names) => expect(names).toContain('netstat.txt'),
  },
  {
    kind: 'several evidence folders',
    start: (s) => s.openSeveralEvidence({ runId: 'run-record-several', kind: 'folder', domains: [], partners: [] }),
    source: 'evidence-folder',
    files: (names) => expect(names).toContain('server2--EDGE01--manifest.json'),
  },
  {
    kind: 'a probe',
    start: (s) => s.probeDomain({ runId: 'run-record-probe', domain: 'contoso.test' }),
    source: 'probe',
    files: (names) => expect(names).toEqual(['probe.json']),
  },
  {
    kind: 'a live run',
    start: (s) => s.diagnoseLive({ runId: 'run-record-live', domains: ['contoso.com'] }),
    source: 'live',
    files: (names) => expect(names).toContain('manifest.json'),
  },
]

describe('recording every kind of run', () => {
  it.each(RUN_KINDS)('$kind: one open session, its subject written once, finished when the run is forgotten', async ({ kind, start, source, files }) => {
    if (kind === 'a live run') {
      fake = createFakeHarness({ role: 'Edge' })
      const harness = fake
      services = create({ createPowerShellSession: () => harness.createSession() })
    } else {
      services = create()
    }
    const subjectWrites = countSubjectWrites(history)
    const view = await start(services)
    expect(view?.sessionId).toBeGreaterThan(0)
    const rows = sessionRows()
    expect(rows).toEqual([{ id: view!.sessionId!, ended_at: null }])
    expect(subjectWrites()).toBe(0)

    const session = await services.openSession({ sessionId: view!.sessionId! })
    const { host, role, productVersion, domains, source: recordedSource, collectedAt } = session
    expect({ host, role, productVersion, domains, source: recordedSource, collectedAt }).toEqual(subjectOf(view!.result))
    expect(recordedSource).toBe(source)
    expect(session.checkRuns).toHaveLength(1)
    expect(session.verdict).toBe(view!.result.verdict)
    files(session.evidenceFiles.map((f) => f.name))

    await services.dispose()
    expect(sessionRows()[0]!.ended_at).not.toBeNull()
    expect(subjectWrites()).toBe(0)
  })

  it('an answer records the walk it reached without rewriting the subject or the diagnosis time', async () => {
    services = create()
    const subjectWrites = countSubjectWrites(history)
    const first = await services.runScenario({ runId: 'run-record-answer', name: 'ports-closed-route-question' })
    const before = await services.openSession({ sessionId: first.sessionId! })
    const answered = await services.answerQuestion({ runId: 'run-record-answer', nodeId: 'q-route-assigned', answerId: 'no' })
    const after = await services.openSession({ sessionId: answered.sessionId! })
    expect(after.walk).toEqual({ path: answered.result.path, currentNode: answered.result.currentNode, nextAction: answered.result.nextAction, answers: answered.result.answers })
    expect(after.walk.currentNode).not.toBe(before.walk.currentNode)
    expect(after.rootCause).toEqual(answered.result.rootCause)
    expect(after.diagnosisStartedAt).toBe(before.diagnosisStartedAt)
    expect(after.diagnosisDurationMs).toBe(before.diagnosisDurationMs)
    expect(sessionRows()).toHaveLength(1)
    expect(subjectWrites()).toBe(0)
  })

  it('a watch records its polls as one finished session with the timeline, beside the run’s own session', async () => {
    const evidence = copyScenario('proxy-service-stopped')
    copies.push(evidence)
    let clock = Date.parse('2026-11-20T02:00:00Z')
    let endWith: (end: WatchEnd) => void = () => undefined
    const ended = new Promise<WatchEnd>((resolve) => (endWith = resolve))
    services = create({
      pickEvidencePath: async () => evidence,
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms
        cpSync(join(SCENARIOS, 'healthy-edge'), evidence, { recursive: true })
      },
      onProgress: (progress) => {
        if (progress.kind === 'watch-end') endWith(progress.end)
      },
    })
    const subjectWrites = countSubjectWrites(history)
    const view = await services.openEvidence({ runId: 'run-record-watch', kind: 'folder', domains: [], partners: [] })
    await services.watchRun({ runId: view!.runId, intervalSeconds: 30, maxMinutes: 30, locale: 'en' })
    const end = await ended
    expect(end.ending).toBe('healthy')
    const rows = sessionRows()
    expect(rows.map((r) => r.id)).toEqual([view!.sessionId, end.sessionId])
    expect(rows[1]!.ended_at).not.toBeNull()
    const watched = await services.openSession({ sessionId: end.sessionId! })
    expect(watched.verdict).toBe('healthy')
    expect(watched.notes.map((n) => n.body.split('\n')[0])).toEqual(['watch healthy after 2 poll(s), 2026-11-20 02:00:00 UTC → 2026-11-20 02:00:30 UTC'])
    expect(subjectWrites()).toBe(0)
  })
})
