/**
 * The one window, locked down as the Electron security checklist asks: context isolation, sandbox, no
 * Node in the page, web security on, a strict CSP, no navigation, no new windows, no permissions.
 */
import { BrowserWindow, session, type Session } from 'electron'
import { pathToFileURL } from 'node:url'

export interface WindowPaths {
  readonly preload: string
  readonly indexHtml: string
  readonly icon?: string
}

/** Applies the CSP header and refuses every permission request of the default session. */
export function hardenSession(target: Session = session.defaultSession): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      // The same text as CONTENT_SECURITY_POLICY (a test compares them); written out so electronegativity can evaluate it.
      responseHeaders: { // eng-disable CSP_GLOBAL_CHECK -- script-src 'self' is "maybe weak" only where the origin serves uploads, JSONP or Angular; our file:// origin serves only the app's own bundle
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'",
        ],
      },
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
      preload: paths.preload, // eng-disable PRELOAD_JS_CHECK -- the one reviewed bridge: sandboxed, contextBridge + ipcRenderer only (tests/app/preload.test.ts)
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
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  const indexUrl = pathToFileURL(paths.indexHtml).href
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== indexUrl) event.preventDefault()
  })
  window.webContents.on('will-redirect', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // The app has no links to follow: no window is ever opened from the page.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.once('ready-to-show', () => window.show())
  void window.loadFile(paths.indexHtml)
  return window
}
