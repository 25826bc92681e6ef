/** The diagnostic core applied to a run: evidence (+ probe, + answers) → DiagnosisResult → what the run view shows. */
import { diagnose } from '../../src-shared/diagnose'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import { describeCut } from '../../src-shared/diagnostics/evidence-access'
import type { FileDiagnostic } from '../../src-shared/evidence/parse-evidence'
import { text } from '../../src-shared/i18n/localized'
import type { EvidenceFileSummary, RunView } from '../../src-shared/ipc/api-contract'
import { offeredCommands } from '../../src-shared/ipc/runnable-fix'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import type { RunState } from './run-registry'

/** One line per evidence file: collected (and cut by a reading cap), missing (and why) or unreadable (and why). */
export function summarizeFiles(diagnostics: readonly FileDiagnostic[]): EvidenceFileSummary[] {
  return diagnostics.map((d) => {
    if (d.message) return { file: d.file, state: d.state, message: d.message }
    // Read, but a reading cap left part of it out: the checks say so too.
    if (d.cut) return { file: d.file, state: d.state, message: describeCut(d.file, d.cut) }
    if (d.error) {
      // The collector's own words (often PowerShell's), shown verbatim.
      return { file: d.file, state: d.state, message: text(`Not collected: ${d.error}`, `未收集：${d.error}`) }
    }
    return { file: d.file, state: d.state, message: null }
  })
}

/** Runs every check on the run's evidence and walks the tree with its answers. */
export function diagnoseRun(run: RunState, onResult?: (result: CheckResult) => void): DiagnosisResult {
  if (!run.evidence) throw new Error(`run ${run.id} has no evidence yet`)
  return diagnose({
    evidence: run.evidence,
    ...(run.otherEvidence.length > 0 ? { otherEvidence: run.otherEvidence } : {}),
    domains: run.domains,
    partners: run.partners,
    answers: run.answers,
    probes: run.probe ? new Map([[run.probe.domain, run.probe]]) : undefined,
    source: run.source,
    startedAt: run.startedAt,
    ...(onResult ? { onResult } : {}),
  })
}

/** The run as the renderer sees it. */
export function toRunView(run: RunState, result: DiagnosisResult): RunView {
  return {
    runId: run.id,
    title: run.title,
    description: run.description,
    result,
    answers: { ...run.answers },
    files: run.files,
    probe: run.probe,
    sessionId: run.recorder?.sessionId ?? null,
    canRunActions: run.canRunActions,
    runnableCommands: run.canRunActions
      ? offeredCommands(result, result.subject.role).map(({ id, text, runOn, changesServer }) => ({ id, text, runOn, changesServer }))
      : [],
  }
}
