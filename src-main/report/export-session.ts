/**
 * `history export`: one stored session to a file; the extension chooses what is written. A session file
 * (.xedsession) for import elsewhere, a support bundle (.zip), or a report (.html, .md, .json, .pdf, .txt).
 */
import { extname } from 'node:path'
import { text, type Locale, type Localized } from '../../src-shared/i18n/localized'
import type { ReportInput } from '../../src-shared/report/report-model'
import { renderPartnerMessage } from '../../src-shared/report/render-partner-message'
import { buildReportModel } from '../../src-shared/report/report-model'
import { sessionToDiagnosisResult, type SessionDetail } from '../../src-shared/report/session-record'
import type { ReadableDb } from '../store/database-handles'
import { readEvidenceFiles } from '../store/evidence-files'
import { findChangesSinceHealthy, getSessionDetail } from '../store/session-details'
import { exportSessionToFile, SESSION_FILE_EXTENSION, writeFileRefusingOverwrite } from '../store/session-file'
import { ReportWriteError } from './report-errors'
import { createSupportBundle } from './support-bundle'
import { reportFormatFromPath, writeReport, type WriteReportOptions } from './write-report'

export interface ExportOptions extends WriteReportOptions {
  readonly locale: Locale
  /** For a support bundle: where to keep the original → token map (never inside the zip). */
  readonly redactionMapPath?: string
  readonly now?: Date
}

export interface ExportOutcome {
  readonly kind: 'session-file' | 'support-bundle' | 'report'
  readonly path: string
  readonly note: Localized | null
}

/** The report input for a stored session: its latest result, the session itself and the diff. */
export function buildSessionReportInput(db: ReadableDb, session: SessionDetail, locale: Locale, generatedAt: Date = new Date()): ReportInput {
  const result = sessionToDiagnosisResult(session)
  if (!result) {
    throw new ReportWriteError(
      'unavailable',
      text(`Session ${session.id} has no check results yet; there is nothing to report.`, `工作階段 ${session.id} 尚無檢查結果，沒有可報告的內容。`),
    )
  }
  return { result, session, changes: findChangesSinceHealthy(db, session), locale, generatedAt }
}

/** Writes the session to `path` in the form its extension names. */
export async function exportSession(db: ReadableDb, reference: string | number, path: string, options: ExportOptions): Promise<ExportOutcome> {
  const extension = extname(path).toLowerCase()
  if (extension === SESSION_FILE_EXTENSION) {
    exportSessionToFile(db, reference, path, { overwrite: options.overwrite ?? false })
    return { kind: 'session-file', path, note: null }
  }
  const session = getSessionDetail(db, reference)
  const input = buildSessionReportInput(db, session, options.locale, options.now)
  if (extension === '.zip') {
    const outcome = await createSupportBundle(path, { report: input, evidence: readEvidenceFiles(db, session.id) }, { overwrite: options.overwrite ?? false, ...(options.now ? { now: options.now } : {}) })
    if (options.redactionMapPath) {
      writeFileRefusingOverwrite(options.redactionMapPath, `${JSON.stringify(outcome.replacements, null, 2)}\n`, options.overwrite ?? false)
    }
    return {
      kind: 'support-bundle',
      path,
      note: text(
        `Internal addresses, host names, user names, organisation names and secret-looking values (passwords, passphrases, keys) were replaced (${outcome.replacements.length} values); the map stays with you${options.redactionMapPath ? ` in ${options.redactionMapPath}` : ''}, not in the zip, and holds no secret. Free text such as names in notes cannot be recognised: read the bundle before sending it.`,
        `已取代內部位址、主機名稱、使用者名稱、組織名稱與疑似機密的值（密碼、通關詞組、金鑰）（共 ${outcome.replacements.length} 個值）；對照表留在您這裡${options.redactionMapPath ? `（${options.redactionMapPath}）` : ''}，不在 zip 中，且不含任何機密。備註中的人名等自由文字無法辨識：寄出前請先檢查套件內容。`,
      ),
    }
  }
  if (!reportFormatFromPath(path)) {
    throw new ReportWriteError(
      'format',
      text(
        `Cannot tell what to export from "${path}": use ${SESSION_FILE_EXTENSION} (session), .zip (support bundle), or .html, .md, .json, .pdf, .txt (report).`,
        `無法從「${path}」判斷要匯出的內容：請使用 ${SESSION_FILE_EXTENSION}（工作階段）、.zip（支援套件），或 .html、.md、.json、.pdf、.txt（報告）。`,
      ),
    )
  }
  const written = await writeReport(path, input, options)
  return { kind: 'report', path, note: written.note }
}

/** The partner message for a stored session. */
export function renderSessionPartnerMessage(db: ReadableDb, reference: string | number, locale: Locale, partnerDomain?: string): string {
  const session = getSessionDetail(db, reference)
  return renderPartnerMessage(buildReportModel(buildSessionReportInput(db, session, locale)), partnerDomain ? { partnerDomain } : {})
}
