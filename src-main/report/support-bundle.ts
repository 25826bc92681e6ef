/**
 * The support bundle: a zip with the redacted evidence, the redacted report (HTML, Markdown, JSON) and
 * a manifest of SHA-256 hashes. Internal addresses, host names, user names, organisation parts of
 * certificate names and secret-looking values are replaced consistently everywhere (evidence and report
 * share one redactor); each evidence file keeps its format and encoding. Evidence that is not text cannot
 * be redacted and is left out (the manifest says so). The replacement map is returned to the caller
 * to keep locally; it never goes into the zip (and never holds a secret's value).
 */
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { ZipFile } from 'yazl'
import { text } from '../../src-shared/i18n/localized'
import { createRedactor, type RedactionSeed, type Replacement, type RedactionKind } from '../../src-shared/report/redact'
import { learnEvidenceFile, redactEvidenceFile } from '../../src-shared/report/redact-file'
import { redactJsonText } from '../../src-shared/report/redact-json'
import { buildReportModel, type ReportInput } from '../../src-shared/report/report-model'
import { renderReportHtml } from '../../src-shared/report/render-html'
import { renderReportJson } from '../../src-shared/report/render-json'
import { renderReportMarkdown } from '../../src-shared/report/render-markdown'
import { ReportWriteError } from './report-errors'

export interface SupportBundleInput {
  /** The report's content (result, session, changes, locale). */
  readonly report: ReportInput
  /** Raw evidence files (as collected: any encoding). */
  readonly evidence: ReadonlyMap<string, Uint8Array>
  /** More values to hide (e.g. a user's name typed in notes). */
  readonly seed?: RedactionSeed
}

export interface BundleManifest {
  readonly format: 'xmpp-edge-doctor/support-bundle'
  readonly version: 1
  readonly createdAt: string
  readonly sessionUid: string | null
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly size: number; readonly sourceEncoding?: string }[]
  readonly omitted: readonly { readonly name: string; readonly reason: string }[]
  /** How many distinct values of each kind were replaced (never the values). */
  readonly redacted: Readonly<Partial<Record<RedactionKind, number>>>
}

export interface SupportBundleOutcome {
  readonly path: string
  readonly manifest: BundleManifest
  /** original → token: for the user's own reference, NOT for sending. */
  readonly replacements: readonly Replacement[]
}

/** Builds the bundle and writes it to `path` (refusing to replace a file unless `overwrite`). */
export async function createSupportBundle(path: string, input: SupportBundleInput, options: { overwrite?: boolean; now?: Date } = {}): Promise<SupportBundleOutcome> {
  if (!options.overwrite && existsSync(path)) {
    throw new ReportWriteError('exists', text(`${path} already exists; choose another name or pass --force.`, `${path} 已存在；請改用其他名稱，或加上 --force。`))
  }
  const now = options.now ?? new Date()
  const { report } = input
  const subject = report.result.subject
  const redactor = createRedactor({
    hosts: [subject.host, report.session?.host, ...(input.seed?.hosts ?? [])].filter((h): h is string => Boolean(h)),
    domains: [...subject.domains, ...(report.session?.domains ?? []), ...(input.seed?.domains ?? [])],
    users: input.seed?.users ?? [],
  })

  // Learn from everything first, so a value first seen in the last file is also replaced in the first.
  const texts: { name: string; bytes: Uint8Array }[] = []
  const omitted: { name: string; reason: string }[] = []
  for (const [name, bytes] of input.evidence) {
    try {
      learnEvidenceFile(name, bytes, redactor)
      texts.push({ name, bytes })
    } catch {
      omitted.push({ name, reason: 'not text: cannot be redacted, left out' })
    }
  }
  const sensitive = { result: report.result, session: report.session ?? null, changes: report.changes ?? null }
  redactor.learnValue(sensitive)
  const redacted = redactor.redactValue(sensitive)
  // Every text below was learned above: the second pass only replaces.
  redactor.seal()
  const redactedInput: ReportInput = { ...report, ...redacted, generatedAt: report.generatedAt ?? now }
  const model = buildReportModel(redactedInput)

  // The reports are rendered from redacted values; the last pass replaces anything learned that a
  // renderer could still have composed from parts (it never rewrites syntax, so HTML stays HTML).
  const reportJson = renderReportJson(redactedInput)
  const entries: { path: string; content: Buffer; sourceEncoding?: string }[] = [
    { path: 'report.html', content: Buffer.from(redactor.redactKnown(renderReportHtml(model))) },
    { path: 'report.md', content: Buffer.from(redactor.redactKnown(renderReportMarkdown(model))) },
    { path: 'report.json', content: Buffer.from(redactJsonText(reportJson, redactor) ?? redactor.redactKnown(reportJson)) },
    // Each evidence file keeps its format and encoding (UTF-16LE with BOM stays so; JSON still parses).
    ...texts.map((t) => {
      const file = redactEvidenceFile(t.name, t.bytes, redactor)
      return { path: `evidence/${safeEntryName(t.name)}`, content: Buffer.from(file.bytes), sourceEncoding: file.encoding }
    }),
  ]
  const counts: Partial<Record<RedactionKind, number>> = {}
  for (const r of redactor.replacements()) counts[r.kind] = (counts[r.kind] ?? 0) + 1
  const manifest: BundleManifest = {
    format: 'xmpp-edge-doctor/support-bundle',
    version: 1,
    createdAt: now.toISOString(),
    sessionUid: report.session?.uid ?? null,
    files: entries.map((e) => ({ path: e.path, sha256: createHash('sha256').update(e.content).digest('hex'), size: e.content.byteLength, ...(e.sourceEncoding ? { sourceEncoding: e.sourceEncoding } : {}) })),
    omitted,
    redacted: counts,
  }
  await writeZip(path, [...entries, { path: 'manifest.json', content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }], now)
  return { path, manifest, replacements: redactor.replacements() }
}

function safeEntryName(name: string): string {
  // Evidence names are fixed (EVIDENCE_FILE_NAMES), but a crafted import could carry anything.
  return name.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_')
}

function writeZip(path: string, entries: readonly { path: string; content: Buffer }[], mtime: Date): Promise<void> {
  const temp = `${path}.partial-${process.pid}`
  return new Promise((resolve, reject) => {
    const zip = new ZipFile()
    for (const entry of entries) zip.addBuffer(entry.content, entry.path, { mtime, compress: true })
    const out = createWriteStream(temp)
    const fail = (error: unknown): void => {
      rmSync(temp, { force: true })
      reject(new ReportWriteError('failed', text(`Cannot write ${path}: ${String(error)}`, `無法寫入 ${path}：${String(error)}`), { cause: error }))
    }
    out.on('error', fail)
    out.on('close', () => {
      try {
        renameSync(temp, path)
        resolve()
      } catch (error) {
        fail(error)
      }
    })
    zip.outputStream.on('error', fail).pipe(out)
    zip.end()
  })
}
