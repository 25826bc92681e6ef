/**
 * PDF through Electron's own printing, for the app. Electron is passed in (the main process owns the
 * import), so this file never loads Electron by itself and can be tested with a stand-in.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'

/** The part of Electron's BrowserWindow constructor this needs. */
export type BrowserWindowFactory = new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindow, 'loadURL' | 'destroy'> & {
  readonly webContents: Pick<BrowserWindow['webContents'], 'printToPDF'>
}

/** Prints the report HTML in a hidden window with JavaScript off and returns the PDF bytes. */
export async function printHtmlToPdfWithElectron(htmlText: string, BrowserWindowClass: BrowserWindowFactory): Promise<Uint8Array> {
  const window = new BrowserWindowClass({
    show: false,
    // The report has no scripts; evidence inside it is hostile input, so nothing may run.
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  })
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(htmlText, 'utf8').toString('base64')}`)
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
    return new Uint8Array(pdf)
  } finally {
    window.destroy()
  }
}
