/**
 * Starting runs (demo scenario, evidence folder/zip, live collection, probe), answering the tree's
 * questions and cancelling. Reading and collecting never change the server; progress goes out as the
 * run works, and every finished run is recorded in the history when it is available.
 */
import { basename } from 'node:path'
import type { Evidence } from '../../src-shared/evidence/evidence-model'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { text } from '../../src-shared/i18n/localized'
import type { RunProgress, RunView, XedApi } from '../../src-shared/ipc/api-contract'
import { SETUP_CHECKLIST } from '../../src-shared/tree/setup-checklist'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { collectLive, CollectionCancelledError } from '../collection/live-collector'
import { readEvidence } from '../evidence-io/read-evidence'
import { loadScenario, UnknownScenarioError } from '../scenarios/scenario-catalog'
import type { PowerShellSessionFactory } from '../powershell/powershell-session'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { filesOfAllSets, setFilePrefix, setLabel } from '../../src-shared/evidence-sets/recorded-set-files'
import { STORED_EVIDENCE_LIMITS } from '../store/evidence-files'
import { appError, cancelledError } from './app-errors'
import { diagnoseRun, summarizeFiles, toRunView } from './diagnose-run'
import type { EvidenceAnalysis, EvidenceAnalyzer } from './evidence-analysis'
import { createWorkerAnalyzer } from './evidence-worker-client'
import { recordNewSession, type HistoryAccess } from './history-services'
import type { RunRegistry, RunState } from './run-registry'

/** What the run services need from the outside world. */
export interface RunServiceDeps {
  readonly registry: RunRegistry
  readonly history: HistoryAccess
  readonly appVersion: string
  readonly scenariosRoot?: string
  readonly now: () => Date
  readonly emit: (progress: RunProgress) => void
  /** Shows the open dialog; null when cancelled. */
  readonly pickEvidencePath: (kind: 'folder' | 'zip') => Promise<string | null>
  /** Shows the open dialog with several selections (incident mode); null when cancelled. Default: one pick. */
  readonly pickEvidencePaths?: (kind: 'folder' | 'zip') => Promise<readonly string[] | null>
  /** The app's one PowerShell session, handed out without letting the collector close it. */
  readonly powerShell: PowerShellSessionFactory
  readonly probeDomain: (domain: string) => Promise<DomainProbeReport>
  readonly collectionTimeoutMs: number
  readonly log: (line: string) => void
  /** Parses and diagnoses evidence off the main thread; default: a worker thread per run (evidence-worker-client.ts). */
  readonly analyzeEvidence?: EvidenceAnalyzer
}

/** How many evidence sets "open several" diagnoses together (an Edge pool and its Front End pool fit easily). */
export const MAX_EVIDENCE_SETS = 8

/** Resolves with `work`, or rejects with a cancellation as soon as the run's signal fires. */
async function unlessCancelled<T>(run: RunState, work: Promise<T>): Promise<T> {
  const { signal } = run.controller
  if (signal.aborted) throw cancelledError()
  let onAbort: () => void = () => undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([work, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** The run services of the API. */
export function createRunServices(
  deps: RunServiceDeps,
): Pick<XedApi, 'runScenario' | 'openEvidence' | 'openSeveralEvidence' | 'diagnoseLive' | 'probeDomain' | 'answerQuestion' | 'cancelRun'> {
  const { registry, emit } = deps
  const analyzeEvidence = deps.analyzeEvidence ?? createWorkerAnalyzer()

  /**
   * Evidence runs: parsing and diagnosis happen in a worker (a large or hostile evidence set costs seconds there,
   * never a frozen window); the main thread only records and reports what came back.
   */
  async function analyzeAndFinish(run: RunState, ...sets: ReadonlyMap<string, Uint8Array>[]): Promise<RunView> {
    emit({ runId: run.id, kind: 'phase', phase: 'checking' })
    const [files = new Map<string, Uint8Array>(), ...otherFiles] = sets
    const analysis = await unlessCancelled(
      run,
      analyzeEvidence({
        files,
        ...(otherFiles.length > 0 ? { otherFiles } : {}),
        domains: run.domains,
        partners: run.partners,
        answers: run.answers,
        source: run.source,
        startedAt: run.startedAt.toISOString(),
      }, run.controller.signal),
    )
    return finishAnalyzed(run, analysis, [files, ...otherFiles])
  }

  function finishAnalyzed(run: RunState, analysis: EvidenceAnalysis, sets: readonly ReadonlyMap<string, Uint8Array>[]): RunView {
    if (run.controller.signal.aborted) throw cancelledError()
    run.evidence = analysis.evidence
    run.otherEvidence = analysis.otherEvidence ?? []
    const { servers } = analysis.result
    // Each server's files under the name the history stores them by (the subject's as they are, the others' prefixed).
    run.files = [
      ...summarizeFiles(analysis.diagnostics),
      ...(analysis.otherDiagnostics ?? []).flatMap((diagnostics, i) =>
        summarizeFiles(diagnostics).map((file) => ({ ...file, file: `${setFilePrefix(i + 1, setLabel(servers, i + 1))}${file.file}` })),
      ),
    ]
    for (const check of analysis.result.checks) emit({ runId: run.id, kind: 'check', result: check })
    const files = filesOfAllSets(sets.map((set, i) => ({ label: setLabel(servers, i), files: set })))
    return record(run, analysis.result, analysis.evidence, files)
  }

  function record(run: RunState, result: DiagnosisResult, evidence: Evidence, files: ReadonlyMap<string, Uint8Array>): RunView {
    run.result = result
    run.finished = true
    if (deps.history.db) {
      try {
        run.recorder = recordNewSession(deps.history.db, result, evidence, files, deps.appVersion)
      } catch (error) {
        // A failing history must not hide the diagnosis during an incident; the view shows no session.
        deps.log(`history: could not record run ${run.id}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    emit({ runId: run.id, kind: 'phase', phase: 'done' })
    return toRunView(run, result)
  }

  /** Parses, diagnoses (pushing each check as it completes), records, and returns the view. */
  function finish(run: RunState, evidence: Evidence, files: ReadonlyMap<string, Uint8Array>): RunView {
    if (run.controller.signal.aborted) throw cancelledError()
    run.evidence = evidence
    emit({ runId: run.id, kind: 'phase', phase: 'checking' })
    const result = diagnoseRun(run, (check) => emit({ runId: run.id, kind: 'check', result: check }))
    return record(run, result, evidence, files)
  }

  /** Runs `body` for a freshly registered run; forgets the run when it fails or is cancelled. */
  async function withRun(run: RunState, body: () => Promise<RunView | null>): Promise<RunView | null> {
    try {
      const view = await body()
      if (view === null) registry.drop(run.id)
      return view
    } catch (error) {
      registry.drop(run.id)
      throw error
    }
  }

  return {
    async runScenario({ runId, name }) {
      const run = registry.start(runId, 'demo', text(name, name), deps.now())
      const view = await withRun(run, async () => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const loaded = await unlessCancelled(run, loadScenario(name, deps.scenariosRoot)).catch((error: unknown) => {
          if (error instanceof UnknownScenarioError) throw appError('unknown-scenario', error.message, `找不到示範情境「${name}」。`)
          throw error
        })
        run.title = loaded.info.title
        run.description = loaded.info.description
        run.domains = loaded.info.domains
        return analyzeAndFinish(run, loaded.read.files, ...loaded.others.map((other) => other.files))
      })
      return view as RunView
    },

    async openEvidence({ runId, kind, domains, partners }) {
      const path = await deps.pickEvidencePath(kind)
      if (path === null) return null
      const run = registry.start(runId, kind === 'zip' ? 'evidence-zip' : 'evidence-folder', text(basename(path), basename(path)), deps.now())
      run.domains = domains
      run.partners = partners
      return withRun(run, async () => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const read = await unlessCancelled(run, readEvidence(path))
        run.description = text(path, path)
        run.evidencePaths = [path]
        return analyzeAndFinish(run, read.files)
      })
    },

    async openSeveralEvidence({ runId, kind, domains, partners }) {
      const paths = deps.pickEvidencePaths ? await deps.pickEvidencePaths(kind) : await deps.pickEvidencePath(kind).then((p) => (p === null ? null : [p]))
      if (paths === null || paths.length === 0) return null
      if (paths.length > MAX_EVIDENCE_SETS) {
        throw appError(
          'too-many-evidence-sets',
          `At most ${MAX_EVIDENCE_SETS} evidence sets can be diagnosed together; ${paths.length} were chosen.`,
          `最多可一起診斷 ${MAX_EVIDENCE_SETS} 組證據；您選了 ${paths.length} 組。`,
        )
      }
      const names = paths.map((path) => basename(path)).join(' + ')
      const run = registry.start(runId, kind === 'zip' ? 'evidence-zip' : 'evidence-folder', text(names, names), deps.now())
      run.domains = domains
      run.partners = partners
      return withRun(run, async () => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const sets: ReadonlyMap<string, Uint8Array>[] = []
        for (const path of paths) sets.push((await unlessCancelled(run, readEvidence(path))).files)
        // Each set is within the reading caps; together they must still fit one history session, or it could not be read back.
        const total = sets.reduce((sum, set) => sum + [...set.values()].reduce((n, bytes) => n + bytes.byteLength, 0), 0)
        if (total > STORED_EVIDENCE_LIMITS.maxTotalBytes) {
          const mib = Math.ceil(STORED_EVIDENCE_LIMITS.maxTotalBytes / 1024 / 1024)
          throw appError(
            'too-many-evidence-sets',
            `The chosen evidence sets hold ${total} bytes together, more than the ${mib} MiB one session keeps; choose fewer.`,
            `所選的證據合計 ${total} 位元組，超過一個工作階段可保存的 ${mib} MiB；請少選幾組。`,
          )
        }
        run.description = text(paths.join(' + '), paths.join(' + '))
        run.evidencePaths = paths
        return analyzeAndFinish(run, ...sets)
      })
    },

    async diagnoseLive({ runId, domains }) {
      const run = registry.start(runId, 'live', text('This server', '此伺服器'), deps.now())
      run.domains = domains
      const view = await withRun(run, async () => {
        emit({ runId, kind: 'phase', phase: 'collecting' })
        let collection
        try {
          collection = await collectLive(deps.powerShell, {
            domains,
            timeoutPerCommandMs: deps.collectionTimeoutMs,
            signal: run.controller.signal,
            appVersion: deps.appVersion,
            onProgress: (p) => emit({ runId, kind: 'collection', file: p.file, state: p.state }),
          })
        } catch (error) {
          if (error instanceof CollectionCancelledError) throw cancelledError()
          throw error
        }
        run.title = text(collection.manifest.host, collection.manifest.host)
        run.canRunActions = true
        return analyzeAndFinish(run, collection.files)
      })
      return view as RunView
    },

    async probeDomain({ runId, domain }) {
      const run = registry.start(runId, 'probe', text(domain, domain), deps.now())
      run.domains = [domain]
      const view = await withRun(run, async () => {
        emit({ runId, kind: 'phase', phase: 'probing' })
        const report = await unlessCancelled(run, deps.probeDomain(domain))
        run.probe = report
        // A probe has no server evidence: the evidence checks report "not collected", the probe checks judge.
        const parsed = parseEvidence(new Map())
        const bytes = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`)
        return finish(run, parsed.evidence, new Map([['probe.json', bytes]]))
      })
      return view as RunView
    },

    async answerQuestion({ runId, nodeId, answerId }) {
      const run = registry.get(runId)
      if (!run.finished || !run.result) {
        throw appError('run-busy', 'The run is still working; answer when it has finished.', '執行仍在進行中；請在完成後再回答。')
      }
      assertAnswerExists(nodeId, answerId)
      run.answers = { ...run.answers, [nodeId]: answerId }
      const result = diagnoseRun(run)
      run.result = result
      if (run.recorder) {
        run.recorder.recordAnswer(nodeId, answerId)
        run.recorder.recordWalk({
          path: result.path,
          currentNode: result.currentNode,
          nextAction: result.nextAction,
          answers: result.answers,
          verdict: result.verdict,
          rootCause: result.rootCause,
        })
      }
      return toRunView(run, result)
    },

    async cancelRun({ runId }) {
      const run = registry.find(runId)
      if (!run || run.finished) return false
      run.controller.abort()
      return true
    },
  }
}

/** Only answers the tree or the setup checklist offers are accepted. */
function assertAnswerExists(nodeId: string, answerId: string): void {
  const node = TROUBLESHOOTING_TREE.nodes.find((n) => n.id === nodeId)
  if (node?.kind === 'question' && node.answers.some((a) => a.id === answerId)) return
  const step = SETUP_CHECKLIST.find((s) => `setup-${s.steps}` === nodeId)
  if (step?.question && (answerId === 'yes' || answerId === 'no')) return
  throw appError('unknown-question', `"${nodeId}" has no answer "${answerId}".`, `「${nodeId}」沒有「${answerId}」這個答案。`)
}
