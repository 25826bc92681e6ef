// A stand-in for Electron's main-process API: enough for main.ts to start, and a report on stdout.
import { existsSync } from 'node:fs'

const report = { handlers: [], windows: [], menu: false, singleInstance: false, events: [] }
const finish = () => process.stdout.write(`${JSON.stringify(report)}\n`)

class BrowserWindow {
  static getAllWindows() { return [] }
  constructor(options) {
    const entry = { webPreferences: options.webPreferences, preloadExists: existsSync(options.webPreferences.preload), loaded: null }
    report.windows.push(entry)
    this.webContents = { on() {}, setWindowOpenHandler() {}, send() {} }
    this.loadFile = async (file) => {
      entry.loaded = file
      entry.indexExists = existsSync(file)
      // main's start() goes on synchronously after loadFile (the menu, the quit handler): report once it returned.
      setImmediate(finish)
    }
  }
  once() {}
  isDestroyed() { return false }
}

export const app = {
  requestSingleInstanceLock() { report.singleInstance = true; return true },
  on(name) { report.events.push(name) },
  whenReady: async () => undefined,
  getVersion: () => '0.0.0-stub',
  isPackaged: false,
  // `--cli` ends the process with the command line's exit code.
  exit: (code) => process.exit(code),
  getLocale: () => 'zh-TW',
  quit() {},
}
export const ipcMain = { handle(channel) { report.handlers.push(channel) } }
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived() { report.csp = true } },
    setPermissionRequestHandler() { report.permissions = true },
    setPermissionCheckHandler() {},
  },
}
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu() { report.menu = true } }
export const dialog = {}
export const shell = {}
export { BrowserWindow }
