/**
 * The one window, locked down as the Electron security checklist asks: context isolation, sandbox, no
 * Node in the page, web security on, a strict CSP, no navigation, no new windows, no permissions.
 */
import { BrowserWindow, session, shell, type Session } from 'electron'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'

export interface WindowPaths {
  readonly preload: string
  readonly indexHtml: string
  readonly icon?: string
}

/** Applies the CSP header and refuses every permission request of the default session. */
export function hardenSession(target: Session = session.defaultSession): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  target.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler(() => false)
}

/** Creates the main window (1366×768 is the smallest screen the layout is made for). */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'XMPP Edge Doctor',
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  })
  const indexUrl = pathToFileURL(paths.indexHtml).href
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== indexUrl) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Documentation links open in the user's browser, never inside the app.
    if (url.startsWith('https://learn.microsoft.com/')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadFile(paths.indexHtml)
  return window
}
