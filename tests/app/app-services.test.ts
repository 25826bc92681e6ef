/** The service layer the app and the e2e host share: runs, answers, history, cancel, reports. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunProgress } from '../../src-shared/ipc/api-contract'
import type { AppServiceDeps, AppServices } from '../../src-main/app-services/app-services'
import { dispatchInvoke } from '../../src-main/app-services/dispatch-invoke'
import { suggestReportName, withExtension } from '../../src-main/app-services/report-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { createTestAppServices } from '../support/test-app-services'

let dir: string
let history: OpenedHistory
let progress: RunProgress[]
let services: AppServices
let picked: { evidence: string | null; report: string | null }

function create(overrides: Partial<AppServiceDeps> = {}): AppServices {
  return createTestAppServices(history.db, {
    pickEvidencePath: async () => picked.evidence,
    pickReportPath: async () => picked.report,
    onProgress: (p) => progress.push(p),
    ...overrides,
  })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-app-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  progress = []
  picked = { evidence: null, report: null }
  services = create()
})

afterEach(async () => {
  await services.dispose()
  history.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('runs', () => {
  it('runs a demo scenario to its root cause, pushing each check as it completes, and records the session', async () => {
    const view = await services.runScenario({ runId: 'run-00000001', name: 'proxy-service-stopped' })
    expect(view.result.verdict).toBe('problems')
    expect(view.result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
    const checks = progress.filter((p) => p.kind === 'check')
    expect(checks.map((p) => (p.kind === 'check' ? p.result.id : ''))).toEqual(view.result.checks.map((c) => c.id))
    expect(progress.filter((p) => p.kind === 'phase').map((p) => (p.kind === 'phase' ? p.phase : ''))).toEqual(['reading', 'checking', 'done'])
    expect(view.sessionId).toBeGreaterThan(0)
    expect(view.canRunActions).toBe(false)
    const session = await services.openSession({ sessionId: view.sessionId! })
    expect(session.verdict).toBe('problems')
    expect(session.evidenceFiles.length).toBeGreaterThan(3)
  })

  it('waits on a question and walks on when it is answered; the answer is recorded', async () => {
    const first = await services.runScenario({ runId: 'run-00000002', name: 'ports-closed-route-question' })
    expect(first.result.nextAction.kind).toBe('answer-question')
    expect(first.result.currentNode).toBe('q-route-assigned')
    const answered = await services.answerQuestion({ runId: 'run-00000002', nodeId: 'q-route-assigned', answerId: 'no' })
    expect(answered.result.currentNode).toBe('c-assign-route')
    expect(answered.result.verdict).toBe('problems')
    const session = await services.openSession({ sessionId: answered.sessionId! })
    expect(session.answers.map((a) => [a.nodeId, a.answerId])).toEqual([['q-route-assigned', 'no']])
    expect(session.walk.currentNode).toBe('c-assign-route')
  })

  it('accepts setup checklist answers and refuses answers the tree does not offer', async () => {
    await services.runScenario({ runId: 'run-00000003', name: 'healthy-edge' })
    const view = await services.answerQuestion({ runId: 'run-00000003', nodeId: 'setup-1', answerId: 'yes' })
    expect(view.answers).toEqual({ 'setup-1': 'yes' })
    await expect(services.answerQuestion({ runId: 'run-00000003', nodeId: 'q-route-assigned', answerId: 'maybe' })).rejects.toMatchObject({ code: 'unknown-question' })
    await expect(services.answerQuestion({ runId: 'run-00000003', nodeId: 'components', answerId: 'yes' })).rejects.toMatchObject({ code: 'unknown-question' })
    await expect(services.answerQuestion({ runId: 'run-unknown1', nodeId: 'setup-1', answerId: 'yes' })).rejects.toMatchObject({ code: 'unknown-run' })
  })

  it('opens the evidence folder the user picked, and does nothing when the dialog was cancelled', async () => {
    await expect(services.openEvidence({ runId: 'run-00000004', kind: 'folder', domains: [], partners: [] })).resolves.toBeNull()
    picked.evidence = join(import.meta.dirname, '..', 'scenarios', 'healthy-edge')
    const view = await services.openEvidence({ runId: 'run-00000005', kind: 'folder', domains: [], partners: ['jabber.org'] })
    expect(view?.result.verdict).toBe('healthy')
    expect(view?.files.find((f) => f.file === 'netstat.txt')?.state).toBe('collected')
  })

  it('reports an unreadable evidence path with its localized message', async () => {
    picked.evidence = join(dir, 'nothing-here')
    const envelope = await dispatchInvoke(services, 'openEvidence', { runId: 'run-00000006', kind: 'zip', domains: [], partners: [] })
    expect(envelope).toMatchObject({ ok: false, error: { name: 'EvidenceInputError' } })
    expect(envelope.ok ? '' : envelope.error.localized?.['zh-TW']).toContain('不存在')
  })

  it('cancels a probe in progress', async () => {
    let release: () => void = () => undefined
    let probing: () => void = () => undefined
    const probeStarted = new Promise<void>((resolve) => (probing = resolve))
    await services.dispose()
    services = create({
      probeDomain: () => {
        probing()
        return new Promise((resolve) => (release = () => resolve({} as never)))
      },
    })
    const running = services.probeDomain({ runId: 'run-00000007', domain: 'contoso.com' })
    await probeStarted
    await expect(services.cancelRun({ runId: 'run-00000007' })).resolves.toBe(true)
    await expect(running).rejects.toMatchObject({ code: 'cancelled' })
    release()
    await expect(services.cancelRun({ runId: 'run-00000007' })).resolves.toBe(false)
  })

  it('reports PowerShell being unavailable for a live run, and records nothing', async () => {
    await services.dispose()
    const { createNodePowerShellSession } = await import('../../src-main/powershell/node-powershell-session')
    services = create({ createPowerShellSession: () => createNodePowerShellSession({ executable: join(dir, 'no-powershell') }) })
    const envelope = await dispatchInvoke(services, 'diagnoseLive', { runId: 'run-00000008', domains: ['contoso.com'] })
    expect(envelope).toMatchObject({ ok: false, error: { name: 'PowerShellError' } })
    expect(envelope.ok ? '' : envelope.error.localized?.en).toMatch(/PowerShell could not be started/)
    expect((await services.listSessions({})).total).toBe(0)
  })

  it('rejects a second run with the same id', async () => {
    await services.runScenario({ runId: 'run-00000009', name: 'healthy-edge' })
    await expect(services.runScenario({ runId: 'run-00000009', name: 'healthy-edge' })).rejects.toMatchObject({ code: 'run-busy' })
    await expect(services.runScenario({ runId: 'run-00000010', name: 'no-such-scenario' })).rejects.toMatchObject({ code: 'unknown-scenario' })
  })
})

describe('history and reports', () => {
  it('lists, searches and annotates sessions', async () => {
    const a = await services.runScenario({ runId: 'run-00000011', name: 'certificate-expired' })
    await services.runScenario({ runId: 'run-00000012', name: 'healthy-edge' })
    expect((await services.listSessions({})).total).toBe(2)
    const noted = await services.addNote({ sessionId: a.sessionId!, body: 'Renewed via the public CA ticket 4711' })
    expect(noted.notes.map((n) => n.body)).toEqual(['Renewed via the public CA ticket 4711'])
    const found = await services.listSessions({ search: '4711' })
    expect(found.items.map((s) => s.id)).toEqual([a.sessionId])
  })

  it('saves a report where the user chose, adding the extension', async () => {
    const view = await services.runScenario({ runId: 'run-00000013', name: 'proxy-service-stopped' })
    picked.report = join(dir, 'incident')
    const saved = await services.saveReport({ sessionId: view.sessionId!, format: 'md', locale: 'zh-TW' })
    expect(saved?.path).toBe(join(dir, 'incident.md'))
    expect(readFileSync(join(dir, 'incident.md'), 'utf8')).toContain('EDGE01')
    picked.report = null
    await expect(services.saveReport({ sessionId: view.sessionId!, format: 'html', locale: 'en' })).resolves.toBeNull()
  })

  it('names reports safely', () => {
    expect(suggestReportName('EDGE01/..\\x', '2026-11-26T04:00:00.000Z', 'pdf')).toBe('xmpp-report-EDGE01_.._x-2026-11-26.pdf')
    expect(withExtension('C:\\r\\report.HTML', 'html')).toBe('C:\\r\\report.HTML')
    expect(withExtension('/tmp/report.txt', 'json')).toBe('/tmp/report.txt.json')
  })

  it('says why history and reports are unavailable without a database', async () => {
    const reason = { en: 'the disk is read-only', 'zh-TW': '磁碟為唯讀' }
    const without = create({ history: { db: null, reason } })
    const info = await without.getAppInfo()
    expect(info.capabilities.history).toEqual({ available: false, reason })
    expect(info.capabilities.reports.available).toBe(false)
    await expect(without.listSessions({})).rejects.toMatchObject({ code: 'history-unavailable' })
    const view = await without.runScenario({ runId: 'run-00000014', name: 'healthy-edge' })
    expect(view.sessionId).toBeNull()
    await without.dispose()
  })
})
