/**
 * Writes a report file; the format follows the extension (.html, .md, .json, .pdf, .txt for the status
 * line). Used by `analyze --report` and `history export`. Never replaces an existing file silently.
 */
import { existsSync } from 'node:fs'
import { writeFileAtomically } from '../files/write-file-atomically'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { buildReportModel, type ReportInput } from '../../src-shared/report/report-model'
import { renderReportHtml } from '../../src-shared/report/render-html'
import { renderReportJson } from '../../src-shared/report/render-json'
import { renderReportMarkdown } from '../../src-shared/report/render-markdown'
import { renderStatusLine } from '../../src-shared/report/render-status-line'
import { findBrowser, printHtmlToPdfWithBrowser } from './print-pdf'
import { ReportWriteError } from './report-errors'

export { reportFormatFromPath, type ReportFormat } from './report-format'
import { reportFormatFromPath, type ReportFormat } from './report-format'

export interface WriteReportOptions {
  readonly overwrite?: boolean
  /** For PDF: the browser to print with; default: the first one found (null = pretend none is there). */
  readonly browserPath?: string | null
  /** Prints PDF another way (the app passes Electron's printing here). */
  readonly printPdf?: (html: string) => Promise<Uint8Array>
}

export interface WriteReportOutcome {
  readonly path: string
  readonly format: ReportFormat
  readonly bytes: number
  /** Said to the user next to the path (e.g. how the PDF was made). */
  readonly note: Localized | null
}

/** Renders the report in the format named by the path's extension and writes it. */
export async function writeReport(path: string, input: ReportInput, options: WriteReportOptions = {}): Promise<WriteReportOutcome> {
  const format = reportFormatFromPath(path)
  if (!format) {
    throw new ReportWriteError(
      'format',
      text(
        `Cannot tell the report format from "${path}": use .html, .md, .json, .pdf or .txt.`,
        `無法從「${path}」判斷報告格式：請使用 .html、.md、.json、.pdf 或 .txt。`,
      ),
    )
  }
  if (!options.overwrite && existsSync(path)) {
    throw new ReportWriteError('exists', text(`${path} already exists; choose another name or pass --force.`, `${path} 已存在；請改用其他名稱，或加上 --force。`))
  }
  const { content, note } = await renderFor(format, input, options)
  writeAtomically(path, content)
  return { path, format, bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength, note }
}

async function renderFor(format: ReportFormat, input: ReportInput, options: WriteReportOptions): Promise<{ content: string | Uint8Array; note: Localized | null }> {
  switch (format) {
    case 'json':
      return { content: renderReportJson(input), note: null }
    case 'md':
      return { content: renderReportMarkdown(buildReportModel(input)), note: null }
    case 'txt':
      return { content: `${renderStatusLine(buildReportModel(input))}\n`, note: null }
    case 'html':
      return { content: renderReportHtml(buildReportModel(input)), note: null }
    case 'pdf': {
      const html = renderReportHtml(buildReportModel(input))
      if (options.printPdf) {
        return { content: await options.printPdf(html), note: text('PDF printed by the app (Electron).', 'PDF 由應用程式（Electron）列印。') }
      }
      const browser = options.browserPath === undefined ? findBrowser() : options.browserPath
      if (!browser) {
        throw new ReportWriteError(
          'unavailable',
          text(
            'A PDF needs Electron (the app) or a Chromium-based browser (Chromium, Chrome or Edge), and none was found. Write the report as .html and print it from any browser, or set XED_CHROMIUM to the browser.',
            'PDF 需要 Electron（應用程式）或以 Chromium 為基礎的瀏覽器（Chromium、Chrome 或 Edge），但找不到。請改存為 .html 再從任一瀏覽器列印，或以 XED_CHROMIUM 指定瀏覽器。',
          ),
        )
      }
      return {
        content: await printHtmlToPdfWithBrowser(html, { browserPath: browser }),
        note: text(`PDF printed from the HTML report by ${browser} (headless; no Electron on the command line).`, `PDF 由 ${browser}（無介面模式）從 HTML 報告列印；命令列中沒有 Electron。`),
      }
    }
  }
}

function writeAtomically(path: string, content: string | Uint8Array): void {
  try {
    writeFileAtomically(path, content)
  } catch (error) {
    throw new ReportWriteError('failed', text(`Cannot write ${path}: ${String(error)}`, `無法寫入 ${path}：${String(error)}`), { cause: error })
  }
}
