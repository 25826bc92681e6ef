/**
 * One `watch` poll of an evidence folder or zip that a scheduled collector keeps rewriting on a locked-down
 * server. A folder caught half rewritten must never give a verdict, so a read counts only when it is settled:
 * nothing changed on disk while it was read, manifest.json is there, and every file parses. Otherwise it is read
 * again after a short pause, a bounded number of times; after that the poll says it could not read, and the
 * next poll tries again.
 * Collect-XmppEvidence.ps1 writes a new `<host>-<yyyyMMdd-HHmmss>` folder (and zip) into -OutputPath on every run,
 * so pointing watch at that output folder follows the newest complete collection.
 */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { RawEvidenceFiles } from '../../src-shared/evidence/evidence-model'
import { parseEvidence, type ParsedEvidence } from '../../src-shared/evidence/parse-evidence'
import { text, type Localized } from '../../src-shared/i18n/localized'
import { compareNames } from '../../src-shared/text/compare-names'
import { isEvidenceInputError } from '../evidence-io/evidence-input-error'
import { readEvidence } from '../evidence-io/read-evidence'

/** A settled read: the files and what they parse to. */
export interface SettledEvidence {
  readonly kind: 'settled'
  /** The folder or zip actually read (the newest collection inside the watched folder, when it holds several). */
  readonly path: string
  readonly files: RawEvidenceFiles
  readonly parsed: ParsedEvidence
}

/** No settled read within the retries: why, in both languages. */
export interface UnsettledEvidence {
  readonly kind: 'unsettled'
  readonly reason: Localized
}

export interface SettleOptions {
  /** Reads after the first, when a read was not settled. */
  readonly retries: number
  readonly retryDelayMs: number
  readonly sleep: (ms: number) => Promise<void>
  readonly partners?: readonly string[]
}

/** Reads the watched path until a read is settled, or gives the reason it could not. */
export async function readSettledEvidence(watched: string, options: SettleOptions): Promise<SettledEvidence | UnsettledEvidence> {
  let reason: Localized = text('not read yet', '尚未讀取')
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await options.sleep(options.retryDelayMs)
    const outcome = await readOnce(watched, options.partners ?? [])
    if (outcome.kind === 'settled') return outcome
    reason = outcome.reason
  }
  return { kind: 'unsettled', reason }
}

async function readOnce(watched: string, partners: readonly string[]): Promise<SettledEvidence | UnsettledEvidence> {
  try {
    const path = await newestCollection(watched)
    const before = await fingerprint(path)
    const read = await readEvidence(path)
    const after = await fingerprint(path)
    if (before !== after) return unsettled('the evidence changed while it was read (the collector is writing it)', '讀取期間證據有變動（收集器正在寫入）')
    if (!read.files.has('manifest.json')) return unsettled('manifest.json is not there yet', 'manifest.json 尚未出現')
    const parsed = parseEvidence(read.files, { partners })
    const broken = parsed.diagnostics.filter((d) => d.state === 'unparseable').map((d) => d.file)
    if (broken.length > 0) return unsettled(`unreadable: ${broken.join(', ')} (possibly half written)`, `無法解析：${broken.join('、')}（可能尚未寫完）`)
    return { kind: 'settled', path, files: read.files, parsed }
  } catch (error) {
    if (isEvidenceInputError(error)) return { kind: 'unsettled', reason: error.localized }
    throw error
  }
}

function unsettled(en: string, zh: string): UnsettledEvidence {
  return { kind: 'unsettled', reason: text(en, zh) }
}

/**
 * The watched path itself when it is a zip or an evidence folder (manifest.json inside); for a folder of
 * collections, the one whose name sorts last among those with a manifest (the collector names them
 * `<host>-<yyyyMMdd-HHmmss>`, so the newest sorts last).
 */
async function newestCollection(watched: string): Promise<string> {
  const stat = await fs.stat(watched).catch(() => null)
  if (!stat?.isDirectory()) return watched
  const entries = await fs.readdir(watched, { withFileTypes: true })
  if (entries.some((entry) => entry.isFile() && entry.name.toLowerCase() === 'manifest.json')) return watched
  const collections: string[] = []
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const manifest = await fs.stat(join(watched, entry.name, 'manifest.json')).catch(() => null)
    if (manifest?.isFile()) collections.push(entry.name)
  }
  const newest = collections.sort().at(-1)
  return newest === undefined ? watched : join(watched, newest)
}

/** Names, sizes and modification times of what a read would take: equal before and after = nothing moved. */
async function fingerprint(path: string): Promise<string> {
  const stat = await fs.stat(path).catch(() => null)
  if (!stat) return 'absent'
  if (!stat.isDirectory()) return `${stat.size}:${stat.mtimeMs}`
  const entries = await fs.readdir(path, { withFileTypes: true })
  const parts: string[] = []
  for (const entry of entries.sort((a, b) => compareNames(a.name, b.name))) {
    const info = await fs.stat(join(path, entry.name)).catch(() => null)
    parts.push(`${entry.name}:${info?.size ?? -1}:${info?.mtimeMs ?? -1}`)
  }
  return parts.join('|')
}
