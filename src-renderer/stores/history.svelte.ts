/** The history list (with search) and the session opened read-only. */
import type { SessionPage } from '../../src-shared/ipc/api-contract'
import type { SessionDetail } from '../../src-shared/report/session-record'
import { api } from '../lib/api'
import { toShownError, type ShownError } from '../lib/errors'

const PAGE_SIZE = 50

class HistoryState {
  page = $state<SessionPage | null>(null)
  search = $state('')
  loading = $state(false)
  error = $state<ShownError | null>(null)
  detail = $state<SessionDetail | null>(null)
  saving = $state(false)

  async refresh(limit = PAGE_SIZE): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const search = this.search.trim()
      this.page = await api.listSessions(search ? { search, limit } : { limit })
    } catch (error) {
      this.error = toShownError(error)
    } finally {
      this.loading = false
    }
  }

  async open(sessionId: number): Promise<void> {
    this.error = null
    this.detail = null
    try {
      this.detail = await api.openSession({ sessionId })
    } catch (error) {
      this.error = toShownError(error)
    }
  }

  /** Adds a note to the open session; true when it was saved. */
  async addNote(body: string): Promise<boolean> {
    if (!this.detail) return false
    this.saving = true
    this.error = null
    try {
      this.detail = await api.addNote({ sessionId: this.detail.id, body })
      return true
    } catch (error) {
      this.error = toShownError(error)
      return false
    } finally {
      this.saving = false
    }
  }
}

/** The app's one history state. */
export const history = new HistoryState()
