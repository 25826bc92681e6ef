/**
 * The report as JSON: exactly the `analyze --json` shape (DiagnosisResult, documented keys first) plus
 * `session` (what the history recorded), `changesSinceHealthy` and `report` (language, time).
 */
import type { SnapshotDiff } from './diff-snapshots'
import type { ReportInput } from './report-model'

/** Renders pretty-printed JSON with a trailing newline. */
export function renderReportJson(input: ReportInput): string {
  const { format, version, verdict, rootCause, checks, path, ...rest } = input.result
  const session = input.session
  const document = {
    format,
    version,
    verdict,
    rootCause,
    checks,
    path,
    ...rest,
    session: session
      ? {
          id: session.id,
          uid: session.uid,
          startedAt: session.startedAt,
          endedAt: session.endedAt,
          appVersion: session.appVersion,
          evidenceFiles: session.evidenceFiles,
          // The last run is the top-level `checks`; earlier ones show what the checks said before a fix.
          earlierCheckRuns: session.checkRuns.slice(0, -1),
          answers: session.answers,
          actions: session.actions,
          notes: session.notes,
        }
      : null,
    changesSinceHealthy: input.changes
      ? { baseline: { uid: input.changes.baseline.uid, startedAt: input.changes.baseline.startedAt }, ...diffJson(input.changes.diff) }
      : null,
    report: { locale: input.locale, generatedAt: (input.generatedAt ?? new Date()).toISOString(), appVersion: input.appVersion ?? null },
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

function diffJson(diff: SnapshotDiff): SnapshotDiff {
  return { changes: diff.changes, notComparable: diff.notComparable }
}
