/**
 * "Open several" in the app: the Front End's and the Edge's evidence chosen together give one diagnosis (the
 * issue's incident: a stopped XMPP proxy on the Edge), and the history records both servers' files in one session
 * that survives export and import. The evidence folders are the demo scenarios of one deployment (FE01, EDGE01).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { readEvidenceFiles } from '../../src-main/store/evidence-files'
import { exportSessionToFile, importSessionFromFile } from '../../src-main/store/session-file'
import { validatePayload } from '../../src-shared/ipc/payload-schemas'
import { analyzeInThread, createTestAppServices } from '../support/test-app-services'

const SCENARIOS = join(import.meta.dirname, '..', 'scenarios')
const FRONT_END = join(SCENARIOS, 'healthy-frontend')
const EDGE = join(SCENARIOS, 'proxy-service-stopped')

let dir: string
let history: OpenedHistory
let services: AppServices
let picked: readonly string[] | null

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-several-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  picked = null
  services = createTestAppServices(history.db, {
    pickEvidencePath: async () => {
      throw new Error('open several must use the several-selection dialog')
    },
    pickEvidencePaths: async () => picked,
    analyzeEvidence: analyzeInThread,
  })
})

afterEach(async () => {
  await services.dispose()
  history.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('open several evidence sets in the app', () => {
  it('a Front End plus an Edge with a stopped proxy: one diagnosis, root cause the proxy, FE gateway pass, Edge proxy fail', async () => {
    picked = [FRONT_END, EDGE]
    const view = await services.openSeveralEvidence({ runId: 'run-several-1', kind: 'folder', domains: [], partners: [] })
    expect(view).not.toBeNull()
    expect(view!.result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
    const hop = (id: string) => view!.result.route?.find((h) => h.hop === id)?.status
    expect(hop('frontend-gateway')).toBe('pass')
    expect(hop('edge-proxy')).toBe('fail')
    expect(view!.result.servers?.map((s) => [s.host, s.role, s.apartFromOthers])).toEqual([
      ['FE01', 'FrontEnd', false],
      ['EDGE01', 'Edge', false],
    ])
    expect(view!.title.en).toBe('healthy-frontend + proxy-service-stopped')
    // The files panel lists the Edge's files under the name the history keeps them by.
    expect(view!.files.some((f) => f.file === 'server2--EDGE01--manifest.json')).toBe(true)
    expect(view!.files.some((f) => f.file === 'manifest.json')).toBe(true)
  })

  it('answering a question keeps the other server: the Front End still answers the route question', async () => {
    picked = [join(SCENARIOS, 'ports-closed-route-question'), FRONT_END]
    const view = await services.openSeveralEvidence({ runId: 'run-several-2', kind: 'folder', domains: [], partners: [] })
    expect(view!.result.path).not.toContain('q-route-assigned')
    const node = view!.result.currentNode
    const question = view!.result.nextAction
    if (question.kind === 'answer-question' && node !== null) {
      const answered = await services.answerQuestion({ runId: 'run-several-2', nodeId: node, answerId: 'yes' })
      expect(answered.result.servers).toHaveLength(2)
      expect(answered.result.path).not.toContain('q-route-assigned')
    } else {
      expect(view!.result.servers).toHaveLength(2)
    }
  })

  it('records the set as one session holding both servers’ files; export and import keep them', async () => {
    picked = [FRONT_END, EDGE]
    const view = await services.openSeveralEvidence({ runId: 'run-several-3', kind: 'folder', domains: [], partners: [] })
    await services.dispose()
    expect((await services.listSessions({})).total).toBe(1)
    const session = await services.openSession({ sessionId: view!.sessionId! })
    const names = session.evidenceFiles.map((f) => f.name)
    expect(names).toContain('manifest.json')
    expect(names).toContain('server2--EDGE01--manifest.json')
    const stored = readEvidenceFiles(history.db, view!.sessionId!)
    expect(new TextDecoder().decode(stored.get('manifest.json'))).toContain('FE01')
    expect(new TextDecoder().decode(stored.get('server2--EDGE01--manifest.json'))).toContain('EDGE01')

    const file = join(dir, 'incident.xedsession')
    exportSessionToFile(history.db, view!.sessionId!, file)
    const other = openHistoryDatabase({ path: join(dir, 'other.sqlite3') })
    try {
      const imported = await importSessionFromFile(other.db, file)
      expect([...readEvidenceFiles(other.db, imported.sessionId).keys()].sort()).toEqual([...stored.keys()].sort())
    } finally {
      other.close()
    }
  })

  it('a cancelled dialog starts nothing; more than eight sets are refused', async () => {
    picked = null
    await expect(services.openSeveralEvidence({ runId: 'run-several-4', kind: 'zip', domains: [], partners: [] })).resolves.toBeNull()
    picked = Array.from({ length: 9 }, () => EDGE)
    await expect(services.openSeveralEvidence({ runId: 'run-several-5', kind: 'folder', domains: [], partners: [] })).rejects.toMatchObject({
      code: 'too-many-evidence-sets',
    })
  })

  it('the channel accepts only the documented request', () => {
    expect(validatePayload('openSeveralEvidence', { runId: 'run-several-6', kind: 'folder', domains: ['contoso.com'], partners: [] })).toEqual({
      runId: 'run-several-6',
      kind: 'folder',
      domains: ['contoso.com'],
      partners: [],
    })
    expect(() => validatePayload('openSeveralEvidence', { runId: 'run-several-6', kind: 'folder', domains: [], partners: [], paths: ['/etc'] })).toThrow(/not an accepted field/)
  })
})
