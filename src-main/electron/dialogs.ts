/** Native open/save dialogs: the renderer never names a path itself, the user picks it here. */
import { dialog, type BrowserWindow } from 'electron'
import type { ReportFormat } from '../../src-shared/ipc/api-contract'

const REPORT_FILTERS: Record<ReportFormat, { name: string; extensions: string[] }> = {
  html: { name: 'HTML', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'JSON', extensions: ['json'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
}

/** Asks for an evidence folder or zip; null when cancelled. */
export async function pickEvidencePath(window: BrowserWindow | null, kind: 'folder' | 'zip'): Promise<string | null> {
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Evidence folder', properties: ['openDirectory'] }
      : { title: 'Evidence zip', properties: ['openFile'], filters: [{ name: 'Zip', extensions: ['zip'] }] }
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

/** Asks for several evidence folders or zips (the Edge's and the Front End's); null when cancelled. */
export async function pickEvidencePaths(window: BrowserWindow | null, kind: 'folder' | 'zip'): Promise<string[] | null> {
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Evidence folders (Edge and Front End)', properties: ['openDirectory', 'multiSelections'] }
      : { title: 'Evidence zips (Edge and Front End)', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Zip', extensions: ['zip'] }] }
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths
}

/** Asks for the certificate to check before it is assigned (PFX, PEM, CER, CRT); null when cancelled. */
export async function pickCertificatePath(window: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Certificate',
    properties: ['openFile'],
    filters: [{ name: 'Certificate', extensions: ['pfx', 'p12', 'pem', 'cer', 'crt'] }],
  }
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

/** Asks where to save a report; null when cancelled. */
export async function pickReportPath(window: BrowserWindow | null, suggestedName: string, format: ReportFormat): Promise<string | null> {
  const options: Electron.SaveDialogOptions = { title: 'Save report', defaultPath: suggestedName, filters: [REPORT_FILTERS[format]] }
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}
