/**
 * Hostile session files and histories for the import/export bound tests and the store bench: brotli bombs
 * that declare a huge size, files whose hashes are right but whose payload is gigabytes, and a history
 * that already holds such rows (as an older version's import could have left them).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, createBrotliCompress } from 'node:zlib'
import Database from 'better-sqlite3'
import { openHistoryDatabase } from '../../../src-main/store/open-database'
import { recordAnalysis } from '../../../src-main/store/record-analysis'
import type { SessionFile } from '../../../src-main/store/session-file'
import { buildEvidence, buildProblemResult, buildRawEvidenceFiles } from '../../report/helpers/sample-diagnosis'

export const GIB = 1024 * 1024 * 1024
// SHA-256 of 2^30 zero bytes (computed once: `head -c 1073741824 /dev/zero | sha256sum`).
export const SHA256_OF_1_GIB_OF_ZEROS = '49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14'
const CHILD = fileURLToPath(new URL('./history-cli-child.ts', import.meta.url))

/** Brotli of `bytes` zero bytes, streamed 64 MiB at a time (quality 1: about 190 KB per GiB). */
export async function zeroBomb(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(64 * 1024 * 1024)
  const encoder = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 24 } })
  const parts: Buffer[] = []
  encoder.on('data', (part: Buffer) => parts.push(part))
  const ended = new Promise<void>((resolve, reject) => encoder.on('end', resolve).on('error', reject))
  for (let left = bytes; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
    if (!encoder.write(piece)) await new Promise((resolve) => encoder.once('drain', resolve))
  }
  encoder.end()
  await ended
  return Buffer.concat(parts)
}

/** A history with one recorded problem session (id 1) and its real evidence. */
export function seedOneSession(dir: string): string {
  const db = join(dir, 'history.sqlite3')
  const opened = openHistoryDatabase({ path: db })
  let t = Date.parse('2026-11-20T09:30:00Z')
  recordAnalysis(opened.db, { result: buildProblemResult(), files: buildRawEvidenceFiles(), evidence: buildEvidence('problem'), now: () => new Date((t += 1000)) })
  opened.close()
  return db
}

/** Replaces a session file's evidence with the given entries (already compressed, base64 added here). */
export function withEvidence(file: SessionFile, entries: readonly { name: string; originalSize: number; sha256: string; content: Buffer }[]): SessionFile {
  return { ...file, evidence: entries.map((e) => ({ name: e.name, compression: 'brotli', originalSize: e.originalSize, sha256: e.sha256, contentBase64: e.content.toString('base64') })) }
}

/** Reads a session file written by `history export`. */
export function readSessionFile(path: string): SessionFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SessionFile
}

/** Writes a session file. */
export function writeSessionFile(path: string, file: SessionFile): void {
  writeFileSync(path, JSON.stringify(file))
}

/** Makes every evidence row of session 1 a 1 GiB zero payload with its true hash (as an old import left it). */
export function plantGigabyteRows(db: string, bomb: Buffer): void {
  const raw = new Database(db)
  raw.prepare('UPDATE evidence_files SET compression = ?, original_size = ?, sha256 = ?, content = ?').run('brotli', GIB, SHA256_OF_1_GIB_OF_ZEROS, bomb)
  raw.close()
}

export interface ChildRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly maxRssBytes: number
  readonly elapsedMs: number
}

/** Runs the CLI in a child process and returns its exit code, output and peak RSS. */
export function runCliChild(argv: readonly string[]): ChildRun {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...argv], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 })
  const line = child.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as ChildRun
  } catch {
    throw new Error(`child failed (status ${child.status}, signal ${child.signal}): ${child.stderr.slice(0, 2000)}`)
  }
}
