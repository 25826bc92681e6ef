/**
 * What `analyze` and `demo` do after the diagnosis when asked: record the session in the history database
 * (`--record` for the default file, `--db <file>` for another) and write a report (`--report out.html|.md|.json|.pdf|.txt`).
 * With a history, the report also says what changed since the host's last healthy run. Loaded on demand by
 * record-and-report.ts.
 */
import { pick } from '../../src-shared/i18n/localized'
import { buildSessionReportInput } from '../report/export-session'
import { ReportWriteError } from '../report/report-errors'
import { writeReport } from '../report/write-report'
import { openHistoryDatabase, type OpenedHistory } from '../store/open-database'
import { recordAnalysis } from '../store/record-analysis'
import { getSessionDetail } from '../store/session-details'
import { HistoryStoreError, NotAHistoryDatabaseError } from '../store/store-errors'
import { APP_VERSION } from './app-version'
import { EXIT_BAD_INPUT, EXIT_PROBLEMS, type CliIo } from './cli-io'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { Locale } from '../../src-shared/i18n/localized'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'

export interface RecordAndReportRequest {
  readonly result: DiagnosisResult
  /** The raw files to store: one server's, or an incident set's (recorded-set-files.ts: the others prefixed). */
  readonly files: ReadonlyMap<string, Uint8Array>
  readonly evidence: Evidence
  readonly locale: Locale
  /** The history file to record into; null = do not record. */
  readonly dbPath: string | null
  readonly reportPath: string | null
  readonly overwrite: boolean
  /** Notes recorded with the session (e.g. `watch`'s poll timeline), in order. */
  readonly notes?: readonly string[]
}

/** Records and/or writes the report. Returns an exit code when something failed, else null. */
export async function writeRecordAndReport(request: RecordAndReportRequest, io: CliIo): Promise<number | null> {
  const { locale } = request
  let history: OpenedHistory | null = null
  try {
    let sessionId: number | null = null
    if (request.dbPath !== null) {
      history = openHistoryDatabase({ path: request.dbPath })
      for (const notice of history.notices) io.stderr(`xmpp-edge-doctor: ${pick(notice.message, locale)}\n`)
      const { result, files, evidence, notes } = request
      sessionId = recordAnalysis(history.db, { result, files, evidence, notes: notes ?? [], appVersion: APP_VERSION }).sessionId
      io.stderr(`xmpp-edge-doctor: ${locale === 'zh-TW' ? `已記錄為工作階段 #${sessionId}（${history.path}）` : `recorded as session #${sessionId} in ${history.path}`}\n`)
    }
    if (request.reportPath !== null) {
      const input =
        history && sessionId !== null
          ? buildSessionReportInput(history.db, getSessionDetail(history.db, sessionId), locale)
          : { result: request.result, locale, appVersion: APP_VERSION }
      const outcome = await writeReport(request.reportPath, input, { overwrite: request.overwrite })
      io.stderr(`xmpp-edge-doctor: ${locale === 'zh-TW' ? '報告已寫入' : 'report written to'} ${outcome.path}${outcome.note ? (locale === 'zh-TW' ? `（${pick(outcome.note, locale)}）` : ` (${pick(outcome.note, locale)})`) : ''}\n`)
    }
    return null
  } catch (error) {
    if (error instanceof ReportWriteError) {
      io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}\n`)
      return error.failure === 'exists' || error.failure === 'format' ? EXIT_BAD_INPUT : EXIT_PROBLEMS
    }
    if (error instanceof HistoryStoreError) {
      io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}\n`)
      // A --db file that is not a history is the user's choice of file: bad input, and it was left alone.
      return error instanceof NotAHistoryDatabaseError ? EXIT_BAD_INPUT : EXIT_PROBLEMS
    }
    throw error
  } finally {
    history?.close()
  }
}
