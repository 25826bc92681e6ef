/**
 * Starting runs (demo scenario, evidence folder/zip, several of them, live collection, probe), answering the
 * tree's questions and cancelling. Each way of starting a run only reads, collects or probes, and hands over a
 * fixed RunInput; one finish step diagnoses it, records it and returns the view. Reading and collecting never
 * change the server; progress goes out as the run works, and every finished run is recorded in the history when
 * it is available.
 */
import { basename } from 'node:path'
import { parseEvidence } from '../../src-shared/evidence/parse-evidence'
import { text } from '../../src-shared/i18n/localized'
import type { EvidenceFileSummary, RunProgress, RunView, XedApi } from '../../src-shared/ipc/api-contract'
import { SETUP_CHECKLIST, setupNodeId } from '../../src-shared/tree/setup-checklist'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { collectLive, CollectionCancelledError } from '../collection/live-collector'
import { readEvidence } from '../evidence-io/read-evidence'
import { loadScenario, UnknownScenarioError } from '../scenarios/scenario-catalog'
import type { PowerShellSessionFactory } from '../powershell/powershell-session'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { filesOfAllSets, setFilePrefix, setLabel } from '../../src-shared/evidence-sets/recorded-set-files'
import { STORED_EVIDENCE_LIMITS } from '../store/evidence-files'
import { recordAnalysis } from '../store/record-analysis'
import { walkOf } from '../store/recorded-result'
import type { SessionRecorder } from '../store/session-recorder'
import { appError, cancelledError } from './app-errors'
import { diagnoseRun, summarizeFiles, toRunView } from './diagnose-run'
import type { EvidenceAnalyzer } from './evidence-analysis'
import { createWorkerAnalyzer } from './evidence-worker-client'
import type { HistoryAccess } from './history-services'
import type { RawEvidenceSet, RunInput } from './run-input'
import type { FinishedRun, RegisteredRun, RunDiagnosis, RunRegistry } from './run-registry'

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
async function unlessCancelled<T>(run: RegisteredRun, work: Promise<T>): Promise<T> {
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

/** A run's input diagnosed: what the run stands for, how each file was read, and the raw files the history keeps. */
interface DiagnosedInput {
  readonly current: RunDiagnosis
  readonly files: readonly EvidenceFileSummary[]
  readonly stored: ReadonlyMap<string, Uint8Array>
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
    const { evidence } = parseEvidence(new Map())
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

  /** Every run ends here: its input diagnosed, recorded, kept in the registry for answers and fixes, and shown. */
  async function finish(run: RegisteredRun, input: RunInput): Promise<RunView> {
    const diagnosed =
      input.material.kind === 'probe' ? diagnoseProbe(run, input, input.material.report) : await diagnoseEvidence(run, input, input.material.sets)
    const finished: FinishedRun = { input, files: diagnosed.files, recorder: record(run, diagnosed), current: diagnosed.current }
    run.finished = finished
    emit({ runId: run.id, kind: 'phase', phase: 'done' })
    return toRunView(run, finished)
  }

  /** Registers the run, reads its input and finishes it; forgets the run when it fails or is cancelled. */
  async function startRun(runId: string, readInput: (run: RegisteredRun) => Promise<RunInput>): Promise<RunView> {
    const run = registry.start(runId, deps.now())
    try {
      return await finish(run, await readInput(run))
    } catch (error) {
      registry.drop(run.id)
      throw error
    }
  }

  /** Reads one evidence folder or zip after another; each is checked against the reading caps. */
  async function readSets(run: RegisteredRun, first: string, others: readonly string[]): Promise<[RawEvidenceSet, ...RawEvidenceSet[]]> {
    const sets: [RawEvidenceSet, ...RawEvidenceSet[]] = [(await unlessCancelled(run, readEvidence(first))).files]
    for (const path of others) sets.push((await unlessCancelled(run, readEvidence(path))).files)
    return sets
  }

  return {
    async runScenario({ runId, name }) {
      return startRun(runId, async (run) => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const loaded = await unlessCancelled(run, loadScenario(name, deps.scenariosRoot)).catch((error: unknown) => {
          if (error instanceof UnknownScenarioError) throw appError('unknown-scenario', error.message, `找不到示範情境「${name}」。`)
          throw error
        })
        return {
          source: 'demo',
          title: loaded.info.title,
          description: loaded.info.description,
          material: { kind: 'evidence', sets: [loaded.read.files, ...loaded.others.map((other) => other.files)] },
          evidencePaths: [],
          domains: loaded.info.domains,
          partners: [],
          canRunActions: false,
        }
      })
    },

    async openEvidence({ runId, kind, domains, partners }) {
      const path = await deps.pickEvidencePath(kind)
      if (path === null) return null
      return startRun(runId, async (run) => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const sets = await readSets(run, path, [])
        return {
          source: kind === 'zip' ? 'evidence-zip' : 'evidence-folder',
          title: text(basename(path), basename(path)),
          description: text(path, path),
          material: { kind: 'evidence', sets },
          evidencePaths: [path],
          domains,
          partners,
          canRunActions: false,
        }
      })
    },

    async openSeveralEvidence({ runId, kind, domains, partners }) {
      const paths = deps.pickEvidencePaths ? await deps.pickEvidencePaths(kind) : await deps.pickEvidencePath(kind).then((p) => (p === null ? null : [p]))
      if (paths === null) return null
      const [first, ...others] = paths
      if (first === undefined) return null
      if (paths.length > MAX_EVIDENCE_SETS) {
        throw appError(
          'too-many-evidence-sets',
          `At most ${MAX_EVIDENCE_SETS} evidence sets can be diagnosed together; ${paths.length} were chosen.`,
          `最多可一起診斷 ${MAX_EVIDENCE_SETS} 組證據；您選了 ${paths.length} 組。`,
        )
      }
      return startRun(runId, async (run) => {
        emit({ runId, kind: 'phase', phase: 'reading' })
        const sets = await readSets(run, first, others)
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
        const names = paths.map((path) => basename(path)).join(' + ')
        return {
          source: kind === 'zip' ? 'evidence-zip' : 'evidence-folder',
          title: text(names, names),
          description: text(paths.join(' + '), paths.join(' + ')),
          material: { kind: 'evidence', sets },
          evidencePaths: paths,
          domains,
          partners,
          canRunActions: false,
        }
      })
    },

    async diagnoseLive({ runId, domains }) {
      return startRun(runId, async (run) => {
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
        return {
          source: 'live',
          title: text(collection.manifest.host, collection.manifest.host),
          description: null,
          material: { kind: 'evidence', sets: [collection.files] },
          evidencePaths: [],
          domains,
          partners: [],
          canRunActions: true,
        }
      })
    },

    async probeDomain({ runId, domain }) {
      return startRun(runId, async (run) => {
        emit({ runId, kind: 'phase', phase: 'probing' })
        const report = await unlessCancelled(run, deps.probeDomain(domain))
        return {
          source: 'probe',
          title: text(domain, domain),
          description: null,
          material: { kind: 'probe', report },
          evidencePaths: [],
          domains: [domain],
          partners: [],
          canRunActions: false,
        }
      })
    },

    async answerQuestion({ runId, nodeId, answerId }) {
      const run = registry.get(runId)
      const finished = run.finished
      if (!finished) {
        throw appError('run-busy', 'The run is still working; answer when it has finished.', '執行仍在進行中；請在完成後再回答。')
      }
      assertAnswerExists(nodeId, answerId)
      const { current } = finished
      const answers = { ...current.answers, [nodeId]: answerId }
      const result = diagnoseRun({ input: finished.input, startedAt: run.startedAt, evidence: current.evidence, otherEvidence: current.otherEvidence, answers })
      finished.current = { ...current, answers, result }
      if (finished.recorder) {
        finished.recorder.recordAnswer(nodeId, answerId)
        finished.recorder.recordWalk(walkOf(result))
      }
      return toRunView(run, finished)
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
  const step = SETUP_CHECKLIST.find((s) => setupNodeId(s.step) === nodeId)
  if (step?.question && (answerId === 'yes' || answerId === 'no')) return
  throw appError('unknown-question', `"${nodeId}" has no answer "${answerId}".`, `「${nodeId}」沒有「${answerId}」這個答案。`)
}
