/**
 * PDF from the HTML report. The app prints through Electron (see electron-pdf-printer.ts); the CLI has
 * no Electron, so it asks a locally installed Chromium-based browser (Chromium, Chrome, or Edge on
 * Windows Server) to print the HTML headless. Without one, it says so instead of guessing.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, win32 } from 'node:path'
import { pathToFileURL } from 'node:url'
import { text } from '../../src-shared/i18n/localized'
import { ReportWriteError } from './report-errors'

/** Where a Chromium-based browser usually lives; env XED_CHROMIUM (or CHROME_PATH) wins. */
export function listBrowserCandidates(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[] {
  const fromEnv = [env.XED_CHROMIUM, env.CHROME_PATH].filter((p): p is string => Boolean(p))
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((p): p is string => Boolean(p))
    return [
      ...fromEnv,
      ...roots.flatMap((root) => [
        win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      ]),
    ]
  }
  if (platform === 'darwin') return [...fromEnv, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium']
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge']
}

/** The first candidate that exists, or null. */
export function findBrowser(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): string | null {
  return listBrowserCandidates(env, platform).find((p) => existsSync(p)) ?? null
}

export interface PrintPdfOptions {
  readonly browserPath: string
  readonly timeoutMs?: number
}

/** Prints the HTML to PDF bytes with a headless Chromium-based browser (fresh profile, no network use). */
export async function printHtmlToPdfWithBrowser(htmlText: string, options: PrintPdfOptions): Promise<Uint8Array> {
  const work = mkdtempSync(join(tmpdir(), 'xed-pdf-'))
  try {
    const htmlPath = join(work, 'report.html')
    const pdfPath = join(work, 'report.pdf')
    writeFileSync(htmlPath, htmlText)
    const args = [
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--no-first-run',
      '--no-default-browser-check',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(work, 'profile')}`,
      `--print-to-pdf=${pdfPath}`,
      // Chromium refuses to start as root without this (containers, CI); a normal user keeps the sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(htmlPath).href,
    ]
    await runBrowser(options.browserPath, args, options.timeoutMs ?? 60_000)
    const pdf = existsSync(pdfPath) ? readFileSync(pdfPath) : null
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new ReportWriteError(
        'failed',
        text(`${options.browserPath} did not produce a PDF.`, `${options.browserPath} 沒有產生 PDF。`),
      )
    }
    return new Uint8Array(pdf)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function runBrowser(executable: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString()
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new ReportWriteError('failed', text(`Printing to PDF took longer than ${timeoutMs / 1000} s and was stopped.`, `列印為 PDF 超過 ${timeoutMs / 1000} 秒，已停止。`)))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new ReportWriteError('failed', text(`Cannot start ${executable}: ${error.message}`, `無法啟動 ${executable}：${error.message}`)))
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new ReportWriteError('failed', text(`${executable} exited with ${code}: ${stderr.trim().slice(0, 500)}`, `${executable} 結束代碼為 ${code}：${stderr.trim().slice(0, 500)}`)))
    })
  })
}
