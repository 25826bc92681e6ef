/**
 * `--report <file>` checked before any work: the format from the extension and, without --force, that the
 * file does not exist yet. Refusing `out.docx` only after a whole diagnosis (or a live collection) has run
 * wastes the on-call admin's time.
 */
import { existsSync } from 'node:fs'
import { reportFormatFromPath } from '../report/report-format'
import { text, type Locale } from '../../src-shared/i18n/localized'
import { optionError } from './option-error'

/** Throws UsageError when `--report` cannot be written as asked; does nothing without --report. */
export function checkReportOption(path: string | undefined, force: boolean, locale: Locale = 'en'): void {
  if (path === undefined) return
  if (reportFormatFromPath(path) === null) {
    throw optionError(`--report ${JSON.stringify(path)}`, text('use a file ending in .html, .md, .json, .pdf or .txt', '請使用副檔名為 .html、.md、.json、.pdf 或 .txt 的檔案'), locale)
  }
  if (!force && existsSync(path)) {
    throw optionError(`--report ${JSON.stringify(path)}`, text('the file exists; add --force to replace it', '檔案已存在；加上 --force 才會取代它'), locale)
  }
}
