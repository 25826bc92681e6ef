/**
 * Queries on evidence_files: the raw evidence of a session, compressed, with the SHA-256 of the
 * original bytes so a damaged or tampered copy is noticed when read back.
 */
import { createHash } from 'node:crypto'
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib'
import { text } from '../../src-shared/i18n/localized'
import type { StoredEvidenceFile } from '../../src-shared/report/session-record'
import type { ReadableDb, WritableDb } from './database-handles'
import { HistoryStoreError } from './store-errors'

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

/**
 * Reverses compressEvidence (gzip is accepted for files imported from elsewhere). `expectedSize`
 * bounds the output, so a crafted import file cannot inflate into gigabytes.
 */
export function decompressEvidence(compression: Compression, content: Uint8Array, expectedSize: number): Buffer {
  // One byte more than expected is enough to notice a size mismatch.
  const maxOutputLength = Math.max(1, expectedSize + 1)
  if (compression === 'brotli') return brotliDecompressSync(content, { maxOutputLength })
  if (compression === 'gzip') return gunzipSync(content, { maxOutputLength })
  return Buffer.from(content)
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
  for (const row of listStoredEvidence(db, sessionId)) {
    let bytes: Buffer
    try {
      bytes = decompressEvidence(row.compression, row.content, row.original_size)
    } catch {
      throw new EvidenceIntegrityError(row.name)
    }
    if (bytes.byteLength !== row.original_size || sha256Hex(bytes) !== row.sha256) throw new EvidenceIntegrityError(row.name)
    files.set(row.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }
  return files
}
