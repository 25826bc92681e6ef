/**
 * The app services as the tests create them: one set of defaults (no PowerShell, no probe, every dialog
 * cancelled, progress dropped), so each test shows only what it changes.
 */
import { createAppServices, type AppServiceDeps, type AppServices } from '../../src-main/app-services/app-services'
import { analyzeEvidence, type EvidenceAnalyzer } from '../../src-main/app-services/evidence-analysis'
import type { HistoryAccess } from '../../src-main/app-services/history-services'
import type { WritableDb } from '../../src-main/store/database-handles'

const NO_HISTORY: HistoryAccess = { db: null, reason: { en: 'no history in this test', 'zh-TW': '此測試沒有歷程' } }

/**
 * Evidence analysis in the test's own thread: the worker thread is covered by tests/app/evidence-worker.test.ts;
 * elsewhere it is the run that matters.
 */
export const analyzeInThread: EvidenceAnalyzer = async (request) => analyzeEvidence(request)

/**
 * Creates the app services over `db` (null: the history is unavailable). A run that reaches PowerShell or the
 * probe fails loudly unless the test supplies them; the pickers answer "cancelled" (null).
 */
export function createTestAppServices(db: WritableDb | null, overrides: Partial<AppServiceDeps> = {}): AppServices {
  return createAppServices({
    appVersion: '0.1.0-test',
    locale: 'en',
    history: db === null ? NO_HISTORY : { db },
    createPowerShellSession: () => {
      throw new Error('PowerShell must not be used here')
    },
    probeDomain: async () => {
      throw new Error('probe must not be used here')
    },
    pickEvidencePath: async () => null,
    pickReportPath: async () => null,
    onProgress: () => undefined,
    ...overrides,
  })
}
