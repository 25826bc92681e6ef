/** The run on screen: its progress while it works, then its result; answering and cancelling. */
import type { CheckResult } from '../../src-shared/diagnostics/check-types'
import type { ActionProposal, RunPhase, RunProgress, RunView } from '../../src-shared/ipc/api-contract'
import type { ActionRecord } from '../../src-shared/report/session-record'
import { api, createRunId } from '../lib/api'
import { toShownError, type ShownError } from '../lib/errors'
import { app } from './app.svelte'

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled'
/** What the user started, named on screen until the result brings its own title. */
export type RunKind = 'demo' | 'evidence' | 'live' | 'probe'

export interface CollectionStep {
  readonly file: string
  state: 'running' | 'ok' | 'failed' | 'skipped'
}

class RunStore {
  status = $state<RunStatus>('idle')
  kind = $state<RunKind>('demo')
  runId = $state<string | null>(null)
  phase = $state<RunPhase | null>(null)
  /** Checks as they complete, before the full result arrives. */
  checks = $state<CheckResult[]>([])
  collection = $state<CollectionStep[]>([])
  view = $state<RunView | null>(null)
  error = $state<ShownError | null>(null)
  /** True while an answer or an action is being processed. */
  busy = $state(false)
  proposal = $state<ActionProposal | null>(null)
  /** The token that runs the proposal, given by the main process once the dialog showed it. */
  runToken = $state<string | null>(null)
  actions = $state<ActionRecord[]>([])
  private unsubscribe: (() => void) | null = null

  /** Subscribes to progress pushes once. */
  listen(): void {
    this.unsubscribe ??= api.onRunProgress((progress) => this.onProgress(progress))
  }

  private onProgress(progress: RunProgress): void {
    if (progress.runId !== this.runId || this.status !== 'running') return
    if (progress.kind === 'phase') this.phase = progress.phase
    else if (progress.kind === 'check') this.checks.push(progress.result)
    else if (progress.kind === 'collection') {
      const step = this.collection.find((s) => s.file === progress.file)
      if (step) step.state = progress.state
      else this.collection.push({ file: progress.file, state: progress.state })
    }
  }

  private async start(kind: RunKind, work: (runId: string) => Promise<RunView | null>): Promise<void> {
    this.listen()
    this.kind = kind
    const runId = createRunId()
    this.runId = runId
    this.status = 'running'
    this.phase = null
    this.checks = []
    this.collection = []
    this.view = null
    this.error = null
    this.proposal = null
    this.runToken = null
    this.actions = []
    app.show({ name: 'run' })
    try {
      const view = await work(runId)
      if (this.runId !== runId) return
      if (view === null) {
        // The user closed the open dialog: nothing happened.
        this.status = 'idle'
        app.show({ name: 'home' })
        return
      }
      this.view = view
      this.status = 'done'
    } catch (error) {
      if (this.runId !== runId) return
      this.status = this.cancelRequested ? 'cancelled' : 'failed'
      this.error = this.cancelRequested ? null : toShownError(error)
    } finally {
      this.cancelRequested = false
    }
  }

  private cancelRequested = false

  runScenario(name: string): Promise<void> {
    return this.start('demo', (runId) => api.runScenario({ runId, name }))
  }

  openEvidence(kind: 'folder' | 'zip', domains: string[], partners: string[]): Promise<void> {
    return this.start('evidence', (runId) => api.openEvidence({ runId, kind, domains, partners }))
  }

  /** Incident mode: several evidence sets (the Edge's and the Front End's) for one diagnosis. */
  openSeveralEvidence(kind: 'folder' | 'zip', domains: string[], partners: string[]): Promise<void> {
    return this.start('evidence', (runId) => api.openSeveralEvidence({ runId, kind, domains, partners }))
  }

  diagnoseLive(domains: string[]): Promise<void> {
    return this.start('live', (runId) => api.diagnoseLive({ runId, domains }))
  }

  probe(domain: string): Promise<void> {
    return this.start('probe', (runId) => api.probeDomain({ runId, domain }))
  }

  async cancel(): Promise<void> {
    if (!this.runId || this.status !== 'running') return
    this.cancelRequested = true
    await api.cancelRun({ runId: this.runId }).catch(() => false)
  }

  /** Answers a question of the tree or of the setup checklist; the walk moves on. */
  async answer(nodeId: string, answerId: string): Promise<void> {
    if (!this.view || this.busy) return
    this.busy = true
    this.error = null
    try {
      this.view = await api.answerQuestion({ runId: this.view.runId, nodeId, answerId })
    } catch (error) {
      this.error = toShownError(error)
    } finally {
      this.busy = false
    }
  }

  /** Asks the main process to propose a command (by its id in this run); the confirmation dialog shows it. */
  async propose(commandId: string): Promise<void> {
    if (!this.view) return
    this.error = null
    this.runToken = null
    try {
      this.proposal = await api.proposeAction({ runId: this.view.runId, commandId })
    } catch (error) {
      this.error = toShownError(error)
    }
  }

  /** Tells the main process that the dialog shows the proposal; it answers with the token that runs it. */
  async acknowledge(): Promise<void> {
    const proposal = this.proposal
    if (!proposal) return
    try {
      const { token } = await api.acknowledgeAction({ token: proposal.token })
      if (this.proposal === proposal) this.runToken = token
    } catch (error) {
      this.error = toShownError(error)
      this.proposal = null
    }
  }

  /** Runs the proposed command after the user confirmed it. */
  async confirm(): Promise<void> {
    const token = this.runToken
    if (!this.proposal || !token || this.busy) return
    this.busy = true
    this.runToken = null
    try {
      this.actions.push(await api.runConfirmedAction({ token }))
    } catch (error) {
      this.error = toShownError(error)
    } finally {
      this.proposal = null
      this.busy = false
    }
  }

  dismissProposal(): void {
    this.proposal = null
    this.runToken = null
  }
}

/** The app's one run store: the renderer shows one run at a time. */
export const run = new RunStore()
