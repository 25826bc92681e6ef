/**
 * Queries on evidence_files: the raw evidence of a session, compressed, with the SHA-256 of the
 * original bytes so a damaged or tampered copy is noticed when read back.
 */
import { createHash } from 'node:crypto'
import { brotliCompressSync, brotliDecompressSync, constants, createBrotliDecompress, createGunzip, gunzipSync } from 'node:zlib'
import { text } from '../../src-shared/i18n/localized'
import type { StoredEvidenceFile } from '../../src-shared/report/session-record'
import type { ReadableDb, WritableDb } from './database-handles'
import { HistoryStoreError } from './store-errors'
import { STORED_EVIDENCE_LIMITS } from './stored-evidence-limits'

type Compression = StoredEvidenceFile['compression']

interface EvidenceFileRow {
  readonly name: string
  readonly compression: Compression
  readonly original_size: number
  readonly sha256: string
  readonly content: Buffer
}

/** A stored file failed its hash check on the way out. */
export class EvidenceIntegrityError extends HistoryStoreError {
  constructor(readonly fileName: string) {
    super(
      text(
        `The stored evidence file ${fileName} does not match its recorded SHA-256; it was damaged after it was saved.`,
        `儲存的證據檔 ${fileName} 與記錄的 SHA-256 不符；它在儲存後已損毀。`,
      ),
    )
  }
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Compresses evidence for storage: brotli (text compresses ~10×), or as is when that does not help. */
export function compressEvidence(bytes: Uint8Array): { compression: Compression; content: Buffer } {
  const compressed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      // Quality 5 compresses evidence almost as well as 11 at a small fraction of the time.
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  })
  if (compressed.byteLength >= bytes.byteLength) return { compression: 'none', content: Buffer.from(bytes) }
  return { compression: 'brotli', content: compressed }
}

export { STORED_EVIDENCE_LIMITS }

/** Why stored or imported evidence was refused before (or while) inflating it. */
export type EvidenceSizeProblem =
  | { readonly kind: 'file-too-large'; readonly name: string; readonly declared: number }
  | { readonly kind: 'total-too-large'; readonly declared: number }
  | { readonly kind: 'inflates-past-declared'; readonly name: string; readonly declared: number }

/** The declared sizes break a cap: the first problem, or null. Never looks at the content. */
export function checkDeclaredSizes(files: readonly { readonly name: string; readonly originalSize: number }[]): EvidenceSizeProblem | null {
  let total = 0
  for (const file of files) {
    if (!Number.isSafeInteger(file.originalSize) || file.originalSize < 0 || file.originalSize > STORED_EVIDENCE_LIMITS.maxFileBytes) {
      return { kind: 'file-too-large', name: file.name, declared: file.originalSize }
    }
    total += file.originalSize
  }
  return total > STORED_EVIDENCE_LIMITS.maxTotalBytes ? { kind: 'total-too-large', declared: total } : null
}

/** A sentence for a size problem (the CLI and the app show it as is). */
export function describeSizeProblem(problem: EvidenceSizeProblem): ReturnType<typeof text> {
  const { maxFileBytes, maxTotalBytes } = STORED_EVIDENCE_LIMITS
  switch (problem.kind) {
    case 'file-too-large':
      return text(
        `evidence ${problem.name} declares ${problem.declared} bytes, larger than the ${maxFileBytes} bytes one evidence file may hold`,
        `證據 ${problem.name} 宣告 ${problem.declared} 位元組，大於單一證據檔上限 ${maxFileBytes} 位元組`,
      )
    case 'total-too-large':
      return text(
        `the evidence files declare ${problem.declared} bytes together, larger than the ${maxTotalBytes} bytes a session may hold in total`,
        `證據檔合計宣告 ${problem.declared} 位元組，大於一個工作階段的總上限 ${maxTotalBytes} 位元組`,
      )
    case 'inflates-past-declared':
      return text(
        `evidence ${problem.name} inflates to more than the ${problem.declared} bytes it declares (larger than declared; decompression stopped there)`,
        `證據 ${problem.name} 解壓縮後超過其宣告的 ${problem.declared} 位元組（大於宣告大小；已在該處停止解壓縮）`,
      )
  }
}

/** Stored or imported evidence broke a size cap; nothing was inflated past it. */
export class EvidenceTooLargeError extends HistoryStoreError {
  constructor(readonly problem: EvidenceSizeProblem) {
    const why = describeSizeProblem(problem)
    super(text(`Cannot use the stored evidence: ${why.en}.`, `無法使用儲存的證據：${why['zh-TW']}。`))
  }
}

/**
 * Reverses compressEvidence (gzip is accepted for files imported from elsewhere). The output is bounded
 * by the bytes actually produced: zlib stops as soon as they pass `expectedSize` (itself capped at
 * STORED_EVIDENCE_LIMITS.maxFileBytes), so a bomb costs at most that much memory whatever it declares.
 */
export function decompressEvidence(compression: Compression, content: Uint8Array, expectedSize: number, name = 'evidence'): Buffer {
  const declared = checkDeclaredSizes([{ name, originalSize: expectedSize }])
  if (declared) throw new EvidenceTooLargeError(declared)
  // One byte more than expected is enough to notice a size mismatch.
  const maxOutputLength = expectedSize + 1
  try {
    if (compression === 'brotli') return brotliDecompressSync(content, { maxOutputLength })
    if (compression === 'gzip') return gunzipSync(content, { maxOutputLength })
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') throw new EvidenceTooLargeError({ kind: 'inflates-past-declared', name, declared: expectedSize })
    throw error
  }
  return Buffer.from(content)
}

/**
 * Inflates `content` as a stream and hashes it chunk by chunk, keeping no output: for import, which needs
 * only the size and the SHA-256. The stream is stopped as soon as the bytes produced pass `expectedSize`,
 * so memory stays at one zlib chunk whatever the content would inflate to.
 */
export async function measureCompressedEvidence(compression: Compression, content: Uint8Array, expectedSize: number, name: string): Promise<{ size: number; sha256: string }> {
  const declared = checkDeclaredSizes([{ name, originalSize: expectedSize }])
  if (declared) throw new EvidenceTooLargeError(declared)
  if (compression === 'none') return { size: content.byteLength, sha256: sha256Hex(content) }
  const inflate = compression === 'brotli' ? createBrotliDecompress() : createGunzip()
  const hash = createHash('sha256')
  let size = 0
  return new Promise((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > expectedSize) {
        inflate.destroy()
        reject(new EvidenceTooLargeError({ kind: 'inflates-past-declared', name, declared: expectedSize }))
        return
      }
      hash.update(chunk)
    })
    inflate.on('error', reject)
    inflate.on('end', () => resolve({ size, sha256: hash.digest('hex') }))
    inflate.end(content)
  })
}

/** Stores (or replaces) evidence files of a session. */
export function upsertEvidenceFiles(db: WritableDb, sessionId: number, files: ReadonlyMap<string, Uint8Array>, at: number): void {
  const upsert = db.prepare(
    `INSERT INTO evidence_files (session_id, name, compression, original_size, sha256, content, recorded_at)
     VALUES (@sessionId, @name, @compression, @originalSize, @sha256, @content, @at)
     ON CONFLICT (session_id, name) DO UPDATE SET compression = excluded.compression, original_size = excluded.original_size,
       sha256 = excluded.sha256, content = excluded.content, recorded_at = excluded.recorded_at`,
  )
  for (const [name, bytes] of files) {
    const { compression, content } = compressEvidence(bytes)
    upsert.run({ sessionId, name, compression, originalSize: bytes.byteLength, sha256: sha256Hex(bytes), content, at })
  }
}

/** Stores one file exactly as given (already compressed); used by import after checking the hash. */
export function insertStoredEvidenceFile(
  db: WritableDb,
  sessionId: number,
  file: { name: string; compression: Compression; originalSize: number; sha256: string; content: Buffer },
  at: number,
): void {
  db.prepare(
    `INSERT INTO evidence_files (session_id, name, compression, original_size, sha256, content, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(sessionId, file.name, file.compression, file.originalSize, file.sha256, file.content, at)
}

/** File names, sizes and hashes of a session's evidence (no content). */
export function listEvidenceFiles(db: ReadableDb, sessionId: number): StoredEvidenceFile[] {
  return db
    .prepare<[number], { name: string; sha256: string; original_size: number; stored_size: number; compression: Compression }>(
      `SELECT name, sha256, original_size, length(content) AS stored_size, compression FROM evidence_files
       WHERE session_id = ? ORDER BY name`,
    )
    .all(sessionId)
    .map((row) => ({
      name: row.name,
      sha256: row.sha256,
      originalSize: row.original_size,
      storedSize: row.stored_size,
      compression: row.compression,
    }))
}

/** The stored rows as they are (compressed), for export. */
export function listStoredEvidence(db: ReadableDb, sessionId: number): EvidenceFileRow[] {
  return db
    .prepare<[number], EvidenceFileRow>(
      'SELECT name, compression, original_size, sha256, content FROM evidence_files WHERE session_id = ? ORDER BY name',
    )
    .all(sessionId)
}

/** The original bytes of every evidence file, each checked against its SHA-256. */
export function readEvidenceFiles(db: ReadableDb, sessionId: number): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  // The sizes first (from the rows, without their content): an older version's import may have stored
  // gigabytes behind a small blob, and nothing is inflated when the declared total is already too much.
  const sizes = db.prepare<[number], { name: string; originalSize: number }>('SELECT name, original_size AS originalSize FROM evidence_files WHERE session_id = ?').all(sessionId)
  const tooLarge = checkDeclaredSizes(sizes)
  if (tooLarge) throw new EvidenceTooLargeError(tooLarge)
  for (const row of listStoredEvidence(db, sessionId)) {
    let bytes: Buffer
    try {
      bytes = decompressEvidence(row.compression, row.content, row.original_size, row.name)
    } catch (error) {
      if (error instanceof EvidenceTooLargeError) throw error
      throw new EvidenceIntegrityError(row.name)
    }
    if (bytes.byteLength !== row.original_size || sha256Hex(bytes) !== row.sha256) throw new EvidenceIntegrityError(row.name)
    files.set(row.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  return files
}
