/**
 * `--report <file>` checked before any work: the format from the extension and, without --force, that the
 * file does not exist yet. Refusing `out.docx` only after a whole diagnosis (or a live collection) has run
 * wastes the on-call admin's time.
 */
import { existsSync } from 'node:fs'
import { reportFormatFromPath } from '../report/report-format'
import { UsageError } from './cli-io'

/** Throws UsageError when `--report` cannot be written as asked; does nothing without --report. */
export function checkReportOption(path: string | undefined, force: boolean): void {
  if (path === undefined) return
  if (reportFormatFromPath(path) === null) {
    throw new UsageError(`--report ${JSON.stringify(path)}: use a file ending in .html, .md, .json, .pdf or .txt`)
  }
  if (!force && existsSync(path)) {
    throw new UsageError(`--report ${JSON.stringify(path)}: the file exists; add --force to replace it`)
  }
}
