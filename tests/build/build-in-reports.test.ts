/**
 * Every report names the build that made it: the main process passes "0.1.0 (legacy build, Electron 22.3.27)"
 * as the app version (src-main/electron/main.ts), the session records it, and the saved report prints it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-main/app-services/app-services'
import { openHistoryDatabase, type OpenedHistory } from '../../src-main/store/open-database'
import { describeAppVersion, type BuildInfo } from '../../src-shared/build/build-flavour'
import { createTestAppServices } from '../support/test-app-services'

const LEGACY: BuildInfo = { flavour: 'legacy', electron: '22.3.27' }
let dir: string
let history: OpenedHistory
let services: AppServices
let reportPath: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xed-build-report-'))
  history = openHistoryDatabase({ path: join(dir, 'history.sqlite3') })
  reportPath = join(dir, 'report.md')
  services = createTestAppServices(history.db, {
    appVersion: describeAppVersion('0.1.0', LEGACY),
    build: LEGACY,
    pickReportPath: async () => reportPath,
  })
})

afterEach(async () => {
  await services.dispose()
  history.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('reports of the legacy build', () => {
  it('say so in the app info, in Markdown and in JSON', async () => {
    expect((await services.getAppInfo()).build).toEqual(LEGACY)
    const view = await services.runScenario({ runId: 'run-00000001', name: 'certificate-expired' })
    const sessionId = view.sessionId!
    await services.saveReport({ sessionId, format: 'md', locale: 'en' })
    expect(readFileSync(reportPath, 'utf8')).toContain('0.1.0 (legacy build, Electron 22.3.27)')
    reportPath = join(dir, 'report.json')
    await services.saveReport({ sessionId, format: 'json', locale: 'zh-TW' })
    expect(readFileSync(reportPath, 'utf8')).toContain('"0.1.0 (legacy build, Electron 22.3.27)"')
  })
})
