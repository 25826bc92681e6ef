/**
 * The entry to recording and reporting after a diagnosis (`--record`, `--db`, `--report`). SQLite, the report
 * writers and the PDF printer load only when one of those options was given, so a plain `analyze` or `demo`
 * starts without them (the CLI's start-up time is most of a short run).
 */
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { Locale } from '../../src-shared/i18n/localized'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { CliIo } from './cli-io'

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

/** Records and/or writes the report when asked. Returns an exit code when something failed, else null. */
export async function recordAndReport(request: RecordAndReportRequest, io: CliIo): Promise<number | null> {
  if (request.dbPath === null && request.reportPath === null) return null
  const { writeRecordAndReport } = await import('./write-record-and-report')
  return writeRecordAndReport(request, io)
}
