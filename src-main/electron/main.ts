/**
 * Electron main: app lifecycle only. One instance, one window, the menu, the history database and the
 * service layer wired to IPC. Everything the app does lives in ../app-services (plain Node, tested).
 * With `--cli` it is the command line instead: no window, no single-instance lock, output on stdout/stderr,
 * the CLI's exit code (launch-mode.ts).
 */
import { app, BrowserWindow, ipcMain, Notification } from 'electron'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeAppVersion, detectBuildFlavour, type BuildInfo } from '../../src-shared/build/build-flavour'
import { text, toLocale, type Localized } from '../../src-shared/i18n/localized'
import { LocalizedError } from '../../src-shared/i18n/localized-error'
import { EVENT_CHANNELS, type MenuCommand, type RunProgress } from '../../src-shared/ipc/api-contract'
import { createAppServices, type AppServices } from '../app-services/app-services'
import type { HistoryAccess } from '../app-services/history-services'
import { createNodePowerShellSession } from '../powershell/node-powershell-session'
import { probeDomain } from '../probe/probe-domain'
import { printHtmlToPdfWithElectron } from '../report/electron-pdf-printer'
import { defaultHistoryPath } from '../store/default-history-path'
import { openHistoryDatabase, type OpenedHistory } from '../store/open-database'
import { installAppMenu } from './app-menu'
import { pickCertificatePath, pickEvidencePath, pickEvidencePaths, pickReportPath } from './dialogs'
import { registerIpcHandlers } from './ipc-handlers'
import { launchModeOf } from './launch-mode'
import { createMainWindow, hardenSession } from './main-window'
import { EXIT_INTERNAL } from '../cli/cli-io'

const here = dirname(fileURLToPath(import.meta.url))
const PATHS = {
  preload: join(here, '../preload/preload.cjs'),
  indexHtml: join(here, '../renderer/index.html'),
  icon: join(here, '../../assets/icon.png'),
}

const log = (line: string): void => console.log(`[xmpp-edge-doctor] ${line}`)

function openHistory(): { access: HistoryAccess; opened: OpenedHistory | null; notices: Localized[] } {
  try {
    const opened = openHistoryDatabase({ path: defaultHistoryPath(process.env, process.platform), unusableFile: 'move-aside', log })
    return { access: { db: opened.db }, opened, notices: opened.notices.map((n) => n.message) }
  } catch (error) {
    const reason = error instanceof LocalizedError ? error.localized : text(String(error), String(error))
    log(`history unavailable: ${reason.en}`)
    return { access: { db: null, reason }, opened: null, notices: [reason] }
  }
}

/** current, legacy (Electron 22) or dev: the same bundles run in both packages, so it is told at run time. */
const BUILD: BuildInfo = { flavour: detectBuildFlavour(process.versions.electron, app.isPackaged), electron: process.versions.electron ?? null }

function start(): void {
  hardenSession()
  const history = openHistory()
  let window: BrowserWindow | null = null
  const send = (channel: string, payload: RunProgress | MenuCommand): void => {
    if (window && !window.isDestroyed()) window.webContents.send(channel, payload)
  }
  const services: AppServices = createAppServices({
    appVersion: describeAppVersion(app.getVersion(), BUILD),
    build: BUILD,
    locale: toLocale(app.getLocale()),
    history: history.access,
    notices: history.notices,
    createPowerShellSession: () => createNodePowerShellSession(),
    probeDomain: (domain) => probeDomain(domain),
    pickEvidencePath: (kind) => pickEvidencePath(window, kind),
    pickEvidencePaths: (kind) => pickEvidencePaths(window, kind),
    pickReportPath: (name, format) => pickReportPath(window, name, format),
    pickCertificatePath: () => pickCertificatePath(window),
    printPdf: (html) => printHtmlToPdfWithElectron(html, BrowserWindow),
    onProgress: (progress) => send(EVENT_CHANNELS.onRunProgress, progress),
    // "Watch until healthy" says so on the desktop: the admin may be looking at another window at 3 a.m.
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show()
    },
    log,
  })
  registerIpcHandlers(ipcMain, services, PATHS.indexHtml, log)
  window = createMainWindow({
    preload: PATHS.preload,
    indexHtml: PATHS.indexHtml,
    ...(existsSync(PATHS.icon) ? { icon: PATHS.icon } : {}),
  })
  installAppMenu((command) => send(EVENT_CHANNELS.onMenuCommand, command), process.platform === 'darwin')

  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed) return
    // Finish the open sessions and stop PowerShell before the process ends.
    event.preventDefault()
    disposed = true
    void services.dispose().finally(() => {
      history.opened?.close()
      app.quit()
    })
  })
}

/** `--cli`: the command line inside this Electron; the process ends with the CLI's exit code. */
async function runCommandLine(args: readonly string[]): Promise<never> {
  // Loaded only here: the window never pays for the CLI's dispatcher.
  const { runCli } = await import('../cli/main')
  const code = await runCli(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })
  // Pipes may still hold output: app.exit ends the process at once (not app.quit: there is no window to close).
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((done) => stream.write('', () => done()))))
  app.exit(code)
  return new Promise<never>(() => undefined)
}

const launch = launchModeOf(process.argv)

// Any web contents (there is only our window) may neither navigate away nor open windows.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith('file://')) event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

if (launch.kind === 'cli') {
  // Before the single-instance lock: the command line must run even while the window is open. runCli never
  // throws; this catches a CLI bundle that fails to load, so the process still ends with the CLI's "internal error".
  runCommandLine(launch.args).catch((error: unknown) => {
    process.stderr.write(`xmpp-edge-doctor: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    app.exit(EXIT_INTERNAL)
  })
} else if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(start)
}
