/** The incident demo scenario (Front End + Edge with a stopped proxy) through `demo` and the app's scenario run. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { loadScenario } from '../../src-main/scenarios/scenario-catalog'
import { readEvidenceFiles } from '../../src-main/store/evidence-files'
import { openHistoryDatabase } from '../../src-main/store/open-database'
import { parseScenarioInfo } from '../../src-shared/scenarios/scenario-types'
import { analyzeInThread, createTestAppServices } from '../support/test-app-services'

const dir = mkdtempSync(join(tmpdir(), 'xed-incident-demo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the incident demo scenario', () => {
  it('demo --json: one diagnosis over both servers, the proxy as root cause, FE gateway pass, Edge proxy fail; --db keeps both', async () => {
    let stdout = ''
    const db = join(dir, 'demo.sqlite3')
    const code = await runCli(['demo', 'incident-edge-proxy-stopped', '--json', '--db', db], { stdout: (s) => (stdout += s), stderr: () => undefined })
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    expect(json.rootCause.checkId).toBe('xmpp-proxy-service-running')
    expect(json.servers.map((s: { host: string }) => s.host)).toEqual(['FE01', 'EDGE01'])
    const hop = (id: string) => json.route.find((h: { hop: string }) => h.hop === id).status
    expect([hop('frontend-gateway'), hop('edge-proxy')]).toEqual(['pass', 'fail'])
    const history = openHistoryDatabase({ path: db })
    try {
      const names = [...readEvidenceFiles(history.db, 1).keys()]
      expect(names).toContain('manifest.json')
      expect(names).toContain('server2--EDGE01--manifest.json')
    } finally {
      history.close()
    }
  })

  it('the app runs it as one run with both servers', async () => {
    const services = createTestAppServices(null, { locale: 'zh-TW', analyzeEvidence: analyzeInThread })
    try {
      const view = await services.runScenario({ runId: 'run-incident-1', name: 'incident-edge-proxy-stopped' })
      expect(view.result.servers?.map((s) => s.role)).toEqual(['FrontEnd', 'Edge'])
      expect(view.result.rootCause?.checkId).toBe('xmpp-proxy-service-running')
    } finally {
      await services.dispose()
    }
  })

  it('refuses a set that names a missing scenario or a malformed list', async () => {
    expect(() => parseScenarioInfo('x', { title: { en: 'a', 'zh-TW': '甲' }, description: { en: 'a', 'zh-TW': '甲' }, expected: { verdict: 'healthy', stopsAt: 'healthy' }, sets: ['only-one'] })).toThrow(/sets/)
    expect(() => parseScenarioInfo('x', { title: { en: 'a', 'zh-TW': '甲' }, description: { en: 'a', 'zh-TW': '甲' }, expected: { verdict: 'healthy', stopsAt: 'healthy' }, sets: ['a', '../etc'] })).toThrow(/sets/)
    expect(() => parseScenarioInfo('x', { title: { en: 'a', 'zh-TW': '甲' }, description: { en: 'a', 'zh-TW': '甲' }, expected: { verdict: 'healthy', stopsAt: 'healthy', route: { nowhere: 'pass' } } })).toThrow(/route/)
    const root = mkdtempSync(join(dir, 'root-'))
    const { mkdirSync, writeFileSync } = await import('node:fs')
    mkdirSync(join(root, 'broken'))
    writeFileSync(join(root, 'broken', 'scenario.json'), JSON.stringify({ title: { en: 'a', 'zh-TW': '甲' }, description: { en: 'a', 'zh-TW': '甲' }, expected: { verdict: 'healthy', stopsAt: 'healthy' }, sets: ['gone-a', 'gone-b'] }))
    await expect(loadScenario('broken', root)).rejects.toThrow(/gone-a/)
  })
})
