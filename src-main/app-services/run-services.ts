/**
 * Starting runs (demo scenario, evidence folder/zip, several of them, live collection, probe), answering the
 * tree's questions and cancelling. Each way of starting a run only reads, collects or probes, and hands over a
 * fixed RunInput; one finish step (run-finisher.ts) diagnoses it, records it and returns the view. Reading and
 * collecting never change the server; progress goes out as the run works.
 */
import { basename } from 'node:path'
import { text } from '../../src-shared/i18n/localized'
import type { RunProgress, RunView, XedApi } from '../../src-shared/ipc/api-contract'
import { SETUP_CHECKLIST, setupNodeId } from '../../src-shared/tree/setup-checklist'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { collectLive, CollectionCancelledError } from '../collection/live-collector'
import { readEvidence } from '../evidence-io/read-evidence'
import { loadScenario, UnknownScenarioError } from '../scenarios/scenario-catalog'
import type { PowerShellSessionFactory } from '../powershell/powershell-session'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { assertEvidenceSetsFit } from '../evidence-io/evidence-sets-limit'
import { walkOf } from '../store/recorded-result'
import { appError, cancelledError } from './app-errors'
import { diagnoseRun, toRunView } from './diagnose-run'
import type { EvidenceAnalyzer } from './evidence-analysis'
import { createWorkerAnalyzer } from './evidence-worker-client'
import type { HistoryAccess } from './history-services'
import type { RawEvidenceSet, RunInput } from './run-input'
import { createRunFinisher } from './run-finisher'
import type { RegisteredRun, RunRegistry } from './run-registry'
import { unlessCancelled } from './unless-cancelled'

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

/** The run services of the API. */
export function createRunServices(
  deps: RunServiceDeps,
): Pick<XedApi, 'runScenario' | 'openEvidence' | 'openSeveralEvidence' | 'diagnoseLive' | 'probeDomain' | 'answerQuestion' | 'cancelRun'> {
  const { registry, emit } = deps
  const finish = createRunFinisher({
    emit,
    history: deps.history,
    appVersion: deps.appVersion,
    log: deps.log,
    analyzeEvidence: deps.analyzeEvidence ?? createWorkerAnalyzer(),
  })

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
        assertEvidenceSetsFit(sets) // together they must fit one history session, as for analyze a b c
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
