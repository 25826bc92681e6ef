/** The history side of the app: recording runs as sessions, listing, opening and annotating them. */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { SessionPage, XedApi } from '../../src-shared/ipc/api-contract'
import type { Localized } from '../../src-shared/i18n/localized'
import { extractConfigSnapshot } from '../../src-shared/report/config-snapshot'
import type { SessionDetail } from '../../src-shared/report/session-record'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { WritableDb } from '../store/database-handles'
import { getSessionDetail } from '../store/session-details'
import { addNoteToSession, startSession, type SessionRecorder } from '../store/session-recorder'
import { listSessions } from '../store/sessions'
import { appError } from './app-errors'

/** The history database, or why there is none (shown on the home screen). */
export type HistoryAccess = { readonly db: WritableDb } | { readonly db: null; readonly reason: Localized }

/** Throws 'history-unavailable' with the reason. */
export function requireHistory(history: HistoryAccess): WritableDb {
  if (history.db) return history.db
  throw appError('history-unavailable', `The history is not available: ${history.reason.en}`, `無法使用歷程：${history.reason['zh-TW']}`)
}

/** Starts a session for a finished diagnosis and stores its evidence, snapshot and result. */
export function recordNewSession(
  db: WritableDb,
  result: DiagnosisResult,
  evidence: Evidence,
  files: ReadonlyMap<string, Uint8Array>,
  appVersion: string,
): SessionRecorder {
  const { host, role, productVersion, domains, source, collectedAt } = result.subject
  const recorder = startSession(db, { host, role, productVersion, domains, source, collectedAt }, { appVersion })
  recorder.recordEvidence(files, extractConfigSnapshot(evidence))
  recorder.recordDiagnosis(result)
  return recorder
}

/** The history methods of the API. */
export function createHistoryServices(history: HistoryAccess): Pick<XedApi, 'listSessions' | 'openSession' | 'addNote'> {
  return {
    async listSessions(request): Promise<SessionPage> {
      const db = requireHistory(history)
      const search = request.search?.trim()
      return listSessions(db, {
        limit: request.limit ?? 50,
        offset: request.offset ?? 0,
        ...(search ? { search } : {}),
      })
    },
    async openSession(request): Promise<SessionDetail> {
      return getSessionDetail(requireHistory(history), request.sessionId)
    },
    async addNote(request): Promise<SessionDetail> {
      const db = requireHistory(history)
      addNoteToSession(db, request.sessionId, request.body)
      return getSessionDetail(db, request.sessionId)
    },
  }
}
