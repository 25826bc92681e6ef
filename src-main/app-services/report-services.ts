/** Saving a session as a report: the user picks the file in the save dialog; the report module writes it. */
import { extname } from 'node:path'
import type { ReportFormat, XedApi } from '../../src-shared/ipc/api-contract'
import { exportSession } from '../report/export-session'
import { getSessionDetail } from '../store/session-details'
import { requireHistory, type HistoryAccess } from './history-services'

export interface ReportServiceDeps {
  readonly history: HistoryAccess
  readonly pickReportPath: (suggestedName: string, format: ReportFormat) => Promise<string | null>
  /** PDF through Electron's printing in the app; without it the report module uses a local Chromium. */
  readonly printPdf?: (html: string) => Promise<Uint8Array>
  readonly now: () => Date
}

/** "xmpp-report-EDGE01-2026-11-26.html": host and day, safe for any file system. */
export function suggestReportName(host: string | null, startedAt: string, format: ReportFormat): string {
  const safeHost = (host ?? 'session').replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 64)
  return `xmpp-report-${safeHost}-${startedAt.slice(0, 10)}.${format}`
}

/** The path with the format's extension (a save dialog lets the user type any name). */
export function withExtension(path: string, format: ReportFormat): string {
  return extname(path).toLowerCase() === `.${format}` ? path : `${path}.${format}`
}

/** The report method of the API. */
export function createReportServices(deps: ReportServiceDeps): Pick<XedApi, 'saveReport'> {
  return {
    async saveReport({ sessionId, format, locale }) {
      const db = requireHistory(deps.history)
      const session = getSessionDetail(db, sessionId)
      const picked = await deps.pickReportPath(suggestReportName(session.host, session.startedAt, format), format)
      if (picked === null) return null
      const path = withExtension(picked, format)
      // The save dialog has already asked before replacing an existing file.
      const outcome = await exportSession(db, session.id, path, {
        locale,
        overwrite: true,
        now: deps.now(),
        ...(deps.printPdf ? { printPdf: deps.printPdf } : {}),
      })
      return { path: outcome.path }
    },
  }
}
