/**
 * The one contract between the desktop app's renderer and its main process. `XedApi` is what the
 * main-side services implement; the preload exposes `XedBridge` (the same methods, answering with
 * an envelope so error names and localized messages survive the context bridge); the renderer's
 * lib/api.ts unwraps it back into `XedApi`. The method names are written once, in `XedApi`; INVOKE_CHANNELS and
 * EVENT_CHANNELS map each to its channel (`satisfies`: a method without a channel, or a channel without a method,
 * is a type error), and the payload schemas, the preload, the IPC handlers and the renderer's api are all built by
 * iterating these two maps.
 */
import type { BuildInfo } from '../build/build-flavour'
import type { CertificateCheckView } from '../certificates/cert-check-report'
import type { CheckResult, FixLocation } from '../diagnostics/check-types'
import type { Locale, Localized } from '../i18n/localized'
import type { DomainProbeReport } from '../probe/probe-types'
import type { ActionRecord, SessionDetail, SessionSummary } from '../report/session-record'
import type { DiagnosisResult, Verdict } from '../result/diagnosis-result'
import type { PollChange } from '../watch/poll-changes'
import type { ScenarioInfo } from '../scenarios/scenario-types'
import type { RunnableCommand } from './runnable-fix'

/** Whether a feature can be used here, and if not, why (shown instead of the feature). */
export interface Capability {
  readonly available: boolean
  readonly reason: Localized | null
}

/** What the renderer needs to know at start. */
export interface AppInfo {
  readonly version: string
  /** Which desktop build this is (current, legacy Electron 22, development); shown on the home screen. */
  readonly build?: BuildInfo
  /** The operating system's language, mapped to a supported locale. */
  readonly locale: Locale
  readonly capabilities: {
    readonly live: Capability
    readonly probe: Capability
    readonly history: Capability
    readonly reports: Capability
  }
  /** Things to tell the user once (e.g. a damaged history file was moved aside). */
  readonly notices: readonly Localized[]
}

/** How one evidence file was read, for the "files" panel of a run. */
export interface EvidenceFileSummary {
  readonly file: string
  readonly state: 'collected' | 'missing' | 'unparseable'
  readonly message: Localized | null
}

/** A finished diagnosis as the run view shows it. */
export interface RunView {
  readonly runId: string
  /** The scenario's title, the evidence path, the host or the probed domain. */
  readonly title: Localized
  readonly description: Localized | null
  readonly result: DiagnosisResult
  /** Every answer the user gave in this run (tree questions and setup checklist questions). */
  readonly answers: Readonly<Record<string, string>>
  readonly files: readonly EvidenceFileSummary[]
  readonly probe: DomainProbeReport | null
  /** The history session this run is recorded in; null when the history is unavailable. */
  readonly sessionId: number | null
  /** True only for live runs on this server: fix commands may be run here after confirmation. */
  readonly canRunActions: boolean
  /** The commands the app may run here, by id (empty unless `canRunActions`). */
  readonly runnableCommands: readonly RunnableCommand[]
}

/** Progress of a run, pushed while it works. */
export type RunProgress =
  | { readonly runId: string; readonly kind: 'phase'; readonly phase: RunPhase }
  | {
      readonly runId: string
      readonly kind: 'collection'
      readonly file: string
      readonly state: 'running' | 'ok' | 'failed' | 'skipped'
    }
  | { readonly runId: string; readonly kind: 'check'; readonly result: CheckResult }
  | { readonly runId: string; readonly kind: 'watch-poll'; readonly poll: WatchPoll }
  | { readonly runId: string; readonly kind: 'watch-end'; readonly end: WatchEnd }

/** One poll of a watched run: the opening verdict, then only what changed (PollChange lines). */
export interface WatchPoll {
  readonly at: string
  readonly index: number
  readonly first: boolean
  /** Null when the evidence could not be read this time (`unreadable` says why); never a guessed verdict. */
  readonly verdict: Verdict | null
  readonly rootCause: Localized | null
  readonly unreadable: Localized | null
  readonly changes: readonly PollChange[]
}

/** How a watch ended: healthy (with the time to recover), the limit, stopped by the user, or failed (`reason`). */
export interface WatchEnd {
  readonly ending: 'healthy' | 'max-reached' | 'stopped' | 'failed'
  readonly elapsedMs: number
  readonly polls: number
  /** The session the polls are recorded in; null without a history. */
  readonly sessionId: number | null
  readonly reason: Localized | null
  /** The last poll's diagnosis: the run now shows it (null when no poll could read the evidence). */
  readonly result: DiagnosisResult | null
}

export type RunPhase = 'reading' | 'collecting' | 'probing' | 'checking' | 'done'

/**
 * A command the main process proposed, waiting for the user. The dialog shows `command`; once it is on
 * screen the renderer passes `token` to acknowledgeAction and receives the token that runs it.
 */
export interface ActionProposal {
  /** Pass to acknowledgeAction when the dialog shows the command; single use, expires. */
  readonly token: string
  readonly commandId: string
  readonly command: string
  readonly runOn: FixLocation
  readonly changesServer: boolean
  readonly expiresAt: string
}

export interface SessionPage {
  readonly items: readonly SessionSummary[]
  readonly total: number
}

export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const EVIDENCE_KINDS = ['folder', 'zip'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

/** Commands the application menu sends to the renderer. */
export type MenuCommand = 'open-folder' | 'open-zip' | 'home' | 'history' | 'language-en' | 'language-zh-TW'

/** Everything the renderer may ask of the main process. */
export interface XedApi {
  getAppInfo(): Promise<AppInfo>
  listScenarios(): Promise<readonly ScenarioInfo[]>
  runScenario(request: { runId: string; name: string }): Promise<RunView>
  /** Shows the open dialog; null when the user cancelled it. */
  openEvidence(request: { runId: string; kind: EvidenceKind; domains: string[]; partners: string[] }): Promise<RunView | null>
  /**
   * Incident mode: shows the open dialog with several selections (the Edge's and the Front End's evidence) and
   * diagnoses them together, the first chosen as the subject; null when the user cancelled it.
   */
  openSeveralEvidence(request: { runId: string; kind: EvidenceKind; domains: string[]; partners: string[] }): Promise<RunView | null>
  diagnoseLive(request: { runId: string; domains: string[] }): Promise<RunView>
  probeDomain(request: { runId: string; domain: string }): Promise<RunView>
  /** Answers a tree question (or a setup checklist question, node id "setup-<steps>") and walks on. */
  answerQuestion(request: { runId: string; nodeId: string; answerId: string }): Promise<RunView>
  /**
   * "Watch until healthy": re-reads a finished evidence run's folders/zips every `intervalSeconds` for up to
   * `maxMinutes`, pushing each poll ('watch-poll') and the end ('watch-end'); `locale` is the notification's language.
   */
  watchRun(request: { runId: string; intervalSeconds: number; maxMinutes: number; locale: Locale }): Promise<{ watching: boolean }>
  /** Stops a run's watch; false when it was not watching. */
  stopWatch(request: { runId: string }): Promise<boolean>
  /** Stops a run in progress; false when no such run was running. */
  cancelRun(request: { runId: string }): Promise<boolean>
  /** Proposes one of the run's runnable commands (by id): nothing runs yet. */
  proposeAction(request: { runId: string; commandId: string }): Promise<ActionProposal>
  /** Says the confirmation dialog now shows the proposal; answers with the single-use token that runs it. */
  acknowledgeAction(request: { token: string }): Promise<{ token: string }>
  /** Runs the acknowledged proposal after the user confirmed it in that dialog. */
  runConfirmedAction(request: { token: string }): Promise<ActionRecord>
  listSessions(request: { search?: string; limit?: number; offset?: number }): Promise<SessionPage>
  openSession(request: { sessionId: number }): Promise<SessionDetail>
  addNote(request: { sessionId: number; body: string }): Promise<SessionDetail>
  /** Shows the save dialog and writes the report; null when the user cancelled it. */
  saveReport(request: { sessionId: number; format: ReportFormat; locale: Locale }): Promise<{ path: string } | null>
  /** Certificate preflight: without fileToken shows the open dialog (null when cancelled); the password is never recorded. */
  checkCertificate(request: { domains: string[]; fileToken?: string; password?: string }): Promise<CertificateCheckView | null>
  onRunProgress(listener: (progress: RunProgress) => void): () => void
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

/** Methods answered by the main process (renderer → main). */
export type InvokeMethod = Exclude<keyof XedApi, EventMethod>
/** Subscriptions to pushes (main → renderer). */
export type EventMethod = 'onRunProgress' | 'onMenuCommand'

export type RequestOf<M extends InvokeMethod> = Parameters<XedApi[M]> extends [infer R] ? R : undefined
export type ResponseOf<M extends InvokeMethod> = Awaited<ReturnType<XedApi[M]>>
export type EventPayloadOf<E extends EventMethod> = Parameters<Parameters<XedApi[E]>[0]>[0]

/** Channel names, `domain:verb`. */
export const INVOKE_CHANNELS = {
  getAppInfo: 'app:info',
  listScenarios: 'scenarios:list',
  runScenario: 'run:scenario',
  openEvidence: 'run:evidence',
  openSeveralEvidence: 'run:evidence-sets',
  diagnoseLive: 'run:live',
  probeDomain: 'run:probe',
  answerQuestion: 'run:answer',
  cancelRun: 'run:cancel',
  watchRun: 'run:watch',
  stopWatch: 'run:watch-stop',
  proposeAction: 'action:propose',
  acknowledgeAction: 'action:shown',
  runConfirmedAction: 'action:run',
  listSessions: 'history:list',
  openSession: 'history:open',
  addNote: 'history:note',
  saveReport: 'report:save',
  checkCertificate: 'cert:check',
} as const satisfies Record<InvokeMethod, string>

export const EVENT_CHANNELS = {
  onRunProgress: 'run:progress',
  onMenuCommand: 'menu:command',
} as const satisfies Record<EventMethod, string>

export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[]
export const EVENT_METHODS = Object.keys(EVENT_CHANNELS) as EventMethod[]

/** An error as it crosses the bridge: its class name, English message and what to show the user. */
export interface IpcError {
  readonly name: string
  readonly message: string
  readonly localized: Localized | null
}

/** Every invoke answers with this: the value, or the error. */
export type IpcEnvelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError }

/** What the preload exposes as `window.xed`: XedApi's methods, answering with envelopes. */
export type XedBridge = {
  readonly [M in InvokeMethod]: (request: RequestOf<M>) => Promise<IpcEnvelope<ResponseOf<M>>>
} & Pick<XedApi, EventMethod>
