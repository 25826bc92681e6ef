/**
 * The entry to recording and reporting after a diagnosis (`--record`, `--db`, `--report`). SQLite, the report
 * writers and the PDF printer load only when one of those options was given, so a plain `analyze` or `demo`
 * starts without them (the CLI's start-up time is most of a short run).
 */
import type { CliIo } from './cli-io'
import type { RecordAndReportRequest } from './write-record-and-report'

/** Records and/or writes the report when asked. Returns an exit code when something failed, else null. */
export async function recordAndReport(request: RecordAndReportRequest, io: CliIo): Promise<number | null> {
  if (request.dbPath === null && request.reportPath === null) return null
  const { writeRecordAndReport } = await import('./write-record-and-report')
  return writeRecordAndReport(request, io)
}
