/**
 * The app's service layer: everything the renderer may ask, implemented without Electron. The Electron
 * IPC handlers and the end-to-end test host both call this same object, so the browser tests drive the
 * real core, store, collector and probe code.
 */
import type { BuildInfo } from '../../src-shared/build/build-flavour'
import type { Locale, Localized } from '../../src-shared/i18n/localized'
import type {
  AppInfo,
  Capability,
  InvokeMethod,
  ReportFormat,
  RequestOf,
  ResponseOf,
  RunProgress,
} from '../../src-shared/ipc/api-contract'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import type { PowerShellSession, PowerShellSessionFactory } from '../powershell/powershell-session'
import { listScenarios } from '../scenarios/scenario-catalog'
import { createActionServices } from './action-services'
import { createCertificateServices } from './certificate-services'
import { createHistoryServices, type HistoryAccess } from './history-services'
import { createReportServices } from './report-services'
import { RunRegistry } from './run-registry'
import { createRunServices } from './run-services'
import { createWatchServices } from './watch-services'
import type { EvidenceAnalyzer } from './evidence-analysis'

/** What the services need; Electron's main process and the test host each supply their own. */
export interface AppServiceDeps {
  readonly appVersion: string
  /** Which desktop build is running (src-shared/build/build-flavour.ts). */
  readonly build?: BuildInfo
  /** The operating system's language, already mapped. */
  readonly locale: Locale
  readonly history: HistoryAccess
  /** Shown once on the home screen (e.g. the history file was damaged and moved aside). */
  readonly notices?: readonly Localized[]
  readonly scenariosRoot?: string
  readonly createPowerShellSession: PowerShellSessionFactory
  readonly probeDomain: (domain: string) => Promise<DomainProbeReport>
  readonly pickEvidencePath: (kind: 'folder' | 'zip') => Promise<string | null>
  /** The open dialog with several selections ("open several"); absent: one pick. */
  readonly pickEvidencePaths?: (kind: 'folder' | 'zip') => Promise<readonly string[] | null>
  readonly pickReportPath: (suggestedName: string, format: ReportFormat) => Promise<string | null>
  /** The open dialog for the certificate preflight; absent: the card says no dialog is available. */
  readonly pickCertificatePath?: () => Promise<string | null>
  /** PDF printing through Electron (the app); absent: a local Chromium-based browser prints it. */
  readonly printPdf?: (html: string) => Promise<Uint8Array>
  readonly onProgress: (progress: RunProgress) => void
  readonly now?: () => Date
  readonly log?: (line: string) => void
  readonly collectionTimeoutMs?: number
  readonly commandTimeoutMs?: number
  readonly tokenLifetimeMs?: number
  /** A desktop notification (Electron's, in src-main/electron); absent: none. */
  readonly notify?: (title: string, body: string) => void
  /** The watch's pause between polls; default: a timer (tests replay a watch without waiting). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  /** Evidence parsing and diagnosis off the main thread; default: one worker thread per run. */
  readonly analyzeEvidence?: EvidenceAnalyzer
}

/** One service method: requests without a payload may be called with no argument. */
type ServiceMethod<M extends InvokeMethod> = RequestOf<M> extends undefined
  ? (request?: undefined) => Promise<ResponseOf<M>>
  : (request: RequestOf<M>) => Promise<ResponseOf<M>>

/** Every invoke method of the API, plus dispose for app shutdown. */
export type AppServices = { readonly [M in InvokeMethod]: ServiceMethod<M> } & {
  /** Finishes open history sessions and closes the PowerShell session. */
  dispose(): Promise<void>
}

const AVAILABLE: Capability = { available: true, reason: null }

/** Creates the services. */
export function createAppServices(deps: AppServiceDeps): AppServices {
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? (() => undefined)
  let session: PowerShellSession | null = null
  const sharedSession = (): PowerShellSession => {
    session ??= deps.createPowerShellSession()
    return session
  }
  // The collector disposes the session it is given; the app keeps its one session open across runs.
  const borrowedSession = (): PowerShellSession => ({
    invoke: (script, options) => sharedSession().invoke(script, options),
    dispose: async () => undefined,
  })
  const registry = new RunRegistry((run) => {
    run.controller.abort()
    try {
      run.finished?.recorder?.finishSession()
    } catch (error) {
      log(`history: could not finish session of run ${run.id}: ${String(error)}`)
    }
  })
  const runs = createRunServices({
    registry,
    history: deps.history,
    appVersion: deps.appVersion,
    ...(deps.scenariosRoot ? { scenariosRoot: deps.scenariosRoot } : {}),
    now,
    emit: deps.onProgress,
    pickEvidencePath: deps.pickEvidencePath,
    ...(deps.pickEvidencePaths ? { pickEvidencePaths: deps.pickEvidencePaths } : {}),
    powerShell: borrowedSession,
    probeDomain: deps.probeDomain,
    collectionTimeoutMs: deps.collectionTimeoutMs ?? 120_000,
    log,
    ...(deps.analyzeEvidence ? { analyzeEvidence: deps.analyzeEvidence } : {}),
  })
  const actions = createActionServices({
    registry,
    history: deps.history,
    powerShell: sharedSession,
    now,
    tokenLifetimeMs: deps.tokenLifetimeMs ?? 5 * 60_000,
    commandTimeoutMs: deps.commandTimeoutMs ?? 300_000,
  })
  const watches = createWatchServices({
    registry,
    history: deps.history,
    appVersion: deps.appVersion,
    emit: deps.onProgress,
    now,
    log,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.notify ? { notify: deps.notify } : {}),
  })
  const history = createHistoryServices(deps.history)
  const reports = createReportServices({
    history: deps.history,
    pickReportPath: deps.pickReportPath,
    ...(deps.printPdf ? { printPdf: deps.printPdf } : {}),
    now,
  })

  return {
    async getAppInfo(): Promise<AppInfo> {
      return {
        version: deps.appVersion,
        ...(deps.build ? { build: deps.build } : {}),
        locale: deps.locale,
        capabilities: {
          live: AVAILABLE,
          probe: AVAILABLE,
          history: deps.history.db ? AVAILABLE : { available: false, reason: deps.history.reason },
          // Reports are written from the history, so they need it.
          reports: deps.history.db ? AVAILABLE : { available: false, reason: deps.history.reason },
        },
        notices: deps.notices ?? [],
      }
    },
    async listScenarios() {
      return listScenarios(deps.scenariosRoot)
    },
    ...runs,
    watchRun: watches.watchRun,
    stopWatch: watches.stopWatch,
    ...actions,
    ...history,
    ...reports,
    ...createCertificateServices({
      ...(deps.pickCertificatePath ? { pickCertificatePath: deps.pickCertificatePath } : {}),
      now,
      machineStore: { platform: process.platform, createSession: deps.createPowerShellSession },
    }),
    async dispose() {
      watches.stopAll()
      for (const run of registry.all()) registry.drop(run.id)
      const open = session
      session = null
      await open?.dispose()
    },
  }
}
