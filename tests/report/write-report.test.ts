import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'
import { printHtmlToPdfWithElectron, type BrowserWindowFactory } from '../../src-main/report/electron-pdf-printer'
import { listBrowserCandidates } from '../../src-main/report/print-pdf'
import { ReportWriteError } from '../../src-main/report/report-errors'
import { reportFormatFromPath, writeReport } from '../../src-main/report/write-report'
import type { ReportInput } from '../../src-shared/report/report-model'
import { useTempDirs } from '../store/helpers/temp-dir'
import { buildProblemResult, buildProblemSession } from './helpers/sample-diagnosis'

const makeDir = useTempDirs('xed-report-')
const INPUT: ReportInput = { result: buildProblemResult(), session: buildProblemSession(), locale: 'en', generatedAt: new Date('2026-11-20T10:00:00Z') }

describe('writeReport', () => {
  it('picks the format from the extension', async () => {
    const dir = makeDir()
    expect(reportFormatFromPath('a/B.HTM')).toBe('html')
    expect(reportFormatFromPath('x.docx')).toBeNull()
    for (const [name, marker] of [
      ['r.html', '<!DOCTYPE html>'],
      ['r.md', '# XMPP federation diagnostic report'],
      ['r.json', '"format": "xmpp-edge-doctor/result"'],
      ['r.txt', 'Problems found: The XMPP proxy service is stopped.'],
    ] as const) {
      const outcome = await writeReport(join(dir, name), INPUT)
      expect(readFileSync(outcome.path, 'utf8'), name).toContain(marker)
      expect(outcome.bytes).toBe(readFileSync(outcome.path).byteLength)
    }
    await expect(writeReport(join(dir, 'r.docx'), INPUT)).rejects.toThrow(/\.html, \.md, \.json, \.pdf or \.txt/)
  })

  it('refuses to replace a file unless told to', async () => {
    const path = join(makeDir(), 'r.md')
    writeFileSync(path, 'keep me')
    await expect(writeReport(path, INPUT)).rejects.toBeInstanceOf(ReportWriteError)
    expect(readFileSync(path, 'utf8')).toBe('keep me')
    await writeReport(path, INPUT, { overwrite: true })
    expect(readFileSync(path, 'utf8')).toContain('# XMPP')
  })

  it('prints a PDF with headless Chromium on the command line and says so', async () => {
    const path = join(makeDir(), 'r.pdf')
    const outcome = await writeReport(path, INPUT, { browserPath: '/usr/bin/chromium' })
    const pdf = readFileSync(path)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.byteLength).toBeGreaterThan(10_000)
    expect(outcome.note?.en).toContain('/usr/bin/chromium')
    expect(outcome.note?.en).toContain('no Electron')
  }, 60_000)

  it('explains what is missing when no browser can print the PDF, and writes nothing', async () => {
    const path = join(makeDir(), 'r.pdf')
    const error = await writeReport(path, INPUT, { browserPath: null }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReportWriteError)
    expect((error as ReportWriteError).localized.en).toMatch(/Chromium, Chrome or Edge.*\.html/)
    expect((error as ReportWriteError).localized['zh-TW']).toContain('找不到')
    expect(existsSync(path)).toBe(false)
  })

  it('uses the printer the app passes in (Electron), with JavaScript off', async () => {
    const created: BrowserWindowConstructorOptions[] = []
    const loaded: string[] = []
    let destroyed = false
    class FakeWindow {
      readonly webContents = { printToPDF: async () => Buffer.from('%PDF-1.7 fake') }
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options)
      }
      async loadURL(url: string): Promise<void> {
        loaded.push(url)
      }
      destroy(): void {
        destroyed = true
      }
    }
    const path = join(makeDir(), 'r.pdf')
    const outcome = await writeReport(path, INPUT, { printPdf: (html) => printHtmlToPdfWithElectron(html, FakeWindow as unknown as BrowserWindowFactory) })
    expect(readFileSync(path, 'latin1')).toBe('%PDF-1.7 fake')
    expect(outcome.note?.en).toContain('Electron')
    expect(created[0]?.webPreferences).toMatchObject({ javascript: false, sandbox: true })
    expect(Buffer.from(loaded[0]!.split(',')[1]!, 'base64').toString('utf8')).toContain('<!DOCTYPE html>')
    expect(destroyed).toBe(true)
  })

  it('looks for Chrome and Edge on Windows, honouring XED_CHROMIUM first', () => {
    const list = listBrowserCandidates({ XED_CHROMIUM: 'D:\\tools\\chrome.exe', ProgramFiles: 'C:\\Program Files' }, 'win32')
    expect(list[0]).toBe('D:\\tools\\chrome.exe')
    expect(list).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')
  })
})
