/** The diagnostic core applied to a run: evidence (+ probe, + answers) → DiagnosisResult → what the run view shows. */
import { diagnose } from '../../src-shared/diagnose'
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import { describeCut } from '../../src-shared/diagnostics/evidence-access'
import type { FileDiagnostic } from '../../src-shared/evidence/parse-evidence'
import { text } from '../../src-shared/i18n/localized'
import type { EvidenceFileSummary, RunView } from '../../src-shared/ipc/api-contract'
import { offeredCommands } from '../../src-shared/ipc/runnable-fix'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { probeOf, type RunInput } from './run-input'
import type { FinishedRun, RegisteredRun } from './run-registry'

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

/** A run's question to the diagnostic core: what it read, when it started, and the answers so far. */
export interface RunQuestion {
  readonly input: RunInput
  readonly startedAt: Date
  readonly evidence: Evidence
  readonly otherEvidence: readonly Evidence[]
  readonly answers: Readonly<Record<string, string>>
}

/** Runs every check on the run's evidence (and probe) and walks the tree with its answers. */
export function diagnoseRun(question: RunQuestion, onResult?: (result: CheckResult) => void): DiagnosisResult {
  const { input } = question
  const probe = probeOf(input)
  return diagnose({
    evidence: question.evidence,
    ...(question.otherEvidence.length > 0 ? { otherEvidence: question.otherEvidence } : {}),
    domains: input.domains,
    partners: input.partners,
    answers: question.answers,
    probes: probe ? new Map([[probe.domain, probe]]) : undefined,
    source: input.source,
    startedAt: question.startedAt,
    ...(onResult ? { onResult } : {}),
  })
}

/** The finished run as the renderer sees it. */
export function toRunView(run: RegisteredRun, finished: FinishedRun): RunView {
  const { input, current } = finished
  const { result } = current
  return {
    runId: run.id,
    title: input.title,
    description: input.description,
    result,
    answers: { ...current.answers },
    files: finished.files,
    probe: probeOf(input),
    sessionId: finished.recorder?.sessionId ?? null,
    canRunActions: input.canRunActions,
    runnableCommands: input.canRunActions
      ? offeredCommands(result, result.subject.role).map(({ id, text, runOn, changesServer }) => ({ id, text, runOn, changesServer }))
      : [],
  }
}
