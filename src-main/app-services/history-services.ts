/** The history side of the app: recording runs as sessions, listing, opening and annotating them. */
import type { SessionPage, XedApi } from '../../src-shared/ipc/api-contract'
import type { Localized } from '../../src-shared/i18n/localized'
import type { SessionDetail } from '../../src-shared/report/session-record'
import type { WritableDb } from '../store/database-handles'
import { getSessionDetail } from '../store/session-details'
import { addNoteToSession } from '../store/session-recorder'
import { listSessions } from '../store/sessions'
import { appError } from './app-errors'

/** The history database, or why there is none (shown on the home screen). */
export type HistoryAccess = { readonly db: WritableDb } | { readonly db: null; readonly reason: Localized }

/** Throws 'history-unavailable' with the reason. */
export function requireHistory(history: HistoryAccess): WritableDb {
  if (history.db) return history.db
  throw appError('history-unavailable', `The history is not available: ${history.reason.en}`, `無法使用歷程：${history.reason['zh-TW']}`)
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
