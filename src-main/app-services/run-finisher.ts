/**
 * The one way a run ends, whatever started it: its RunInput diagnosed (evidence in a worker, a probe here), the
 * checks pushed to the renderer, the history session opened, the finished run kept in the registry for answers,
 * fixes and watches, and the view returned.
 */
import { filesOfAllSets, setFilePrefix, setLabel } from '../../src-shared/evidence-sets/recorded-set-files'
import { emptyEvidence } from '../../src-shared/evidence/empty-evidence'
import type { EvidenceFileSummary, RunProgress, RunView } from '../../src-shared/ipc/api-contract'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { recordAnalysis } from '../store/record-analysis'
import type { SessionRecorder } from '../store/session-recorder'
import { cancelledError } from './app-errors'
import { diagnoseRun, summarizeFiles, toRunView } from './diagnose-run'
import type { EvidenceAnalyzer } from './evidence-analysis'
import type { HistoryAccess } from './history-services'
import type { RawEvidenceSet, RunInput } from './run-input'
import type { FinishedRun, RegisteredRun, RunDiagnosis } from './run-registry'
import { unlessCancelled } from './unless-cancelled'

export interface RunFinisherDeps {
  readonly emit: (progress: RunProgress) => void
  readonly history: HistoryAccess
  readonly appVersion: string
  readonly log: (line: string) => void
  readonly analyzeEvidence: EvidenceAnalyzer
}

/** A run's input diagnosed: what the run stands for, how each file was read, and the raw files the history keeps. */
interface DiagnosedInput {
  readonly current: RunDiagnosis
  readonly files: readonly EvidenceFileSummary[]
  readonly stored: ReadonlyMap<string, Uint8Array>
}

/** Every run ends here: its input diagnosed, recorded, kept in the registry for answers and fixes, and shown. */
export function createRunFinisher(deps: RunFinisherDeps): (run: RegisteredRun, input: RunInput) => Promise<RunView> {
  const { emit, analyzeEvidence } = deps

  /**
   * Evidence runs: parsing and diagnosis happen in a worker (a large or hostile evidence set costs seconds there,
   * never a frozen window); the main thread only records and reports what came back.
   */
  async function diagnoseEvidence(run: RegisteredRun, input: RunInput, sets: readonly [RawEvidenceSet, ...RawEvidenceSet[]]): Promise<DiagnosedInput> {
    emit({ runId: run.id, kind: 'phase', phase: 'checking' })
    const [files, ...otherFiles] = sets
    const analysis = await unlessCancelled(
      run,
      analyzeEvidence({
        files,
        ...(otherFiles.length > 0 ? { otherFiles } : {}),
        domains: input.domains,
        partners: input.partners,
        answers: {},
        source: input.source,
        startedAt: run.startedAt.toISOString(),
      }, run.controller.signal),
    )
    if (run.controller.signal.aborted) throw cancelledError()
    const { result } = analysis
    const { servers } = result
    for (const check of result.checks) emit({ runId: run.id, kind: 'check', result: check })
    return {
      current: { evidence: analysis.evidence, otherEvidence: analysis.otherEvidence ?? [], answers: {}, result },
      // Each server's files under the name the history stores them by (the subject's as they are, the others' prefixed).
      files: [
        ...summarizeFiles(analysis.diagnostics),
        ...(analysis.otherDiagnostics ?? []).flatMap((diagnostics, i) =>
          summarizeFiles(diagnostics).map((file) => ({ ...file, file: `${setFilePrefix(i + 1, setLabel(servers, i + 1))}${file.file}` })),
        ),
      ],
      stored: filesOfAllSets(sets.map((set, i) => ({ label: setLabel(servers, i), files: set }))),
    }
  }

  /** A probe: diagnosed here (no evidence to parse), pushing each check as it completes. */
  function diagnoseProbe(run: RegisteredRun, input: RunInput, report: DomainProbeReport): DiagnosedInput {
    if (run.controller.signal.aborted) throw cancelledError()
    emit({ runId: run.id, kind: 'phase', phase: 'checking' })
    // A probe has no server evidence: the evidence checks report "not collected", the probe checks judge.
    const evidence = emptyEvidence()
    const question = { input, startedAt: run.startedAt, evidence, otherEvidence: [], answers: {} }
    const result = diagnoseRun(question, (check) => emit({ runId: run.id, kind: 'check', result: check }))
    const bytes = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`)
    return { current: { evidence, otherEvidence: [], answers: {}, result }, files: [], stored: new Map([['probe.json', bytes]]) }
  }

  /** Opens the run's history session (left open for answers and fixes); null without a history or when it fails. */
  function record(run: RegisteredRun, diagnosed: DiagnosedInput): SessionRecorder | null {
    if (!deps.history.db) return null
    try {
      const { result, evidence } = diagnosed.current
      return recordAnalysis(deps.history.db, { result, evidence, files: diagnosed.stored, appVersion: deps.appVersion, keepOpen: true })
    } catch (error) {
      // A failing history must not hide the diagnosis during an incident; the view shows no session.
      deps.log(`history: could not record run ${run.id}: ${error instanceof Error ? error.message : String(error)}`)
      return null
    }
  }

  return async function finish(run, input) {
    const diagnosed =
      input.material.kind === 'probe' ? diagnoseProbe(run, input, input.material.report) : await diagnoseEvidence(run, input, input.material.sets)
    const finished: FinishedRun = { input, files: diagnosed.files, recorder: record(run, diagnosed), current: diagnosed.current }
    run.finished = finished
    emit({ runId: run.id, kind: 'phase', phase: 'done' })
    return toRunView(run, finished)
  }
}
