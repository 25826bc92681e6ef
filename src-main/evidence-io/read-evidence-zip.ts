/**
 * Reading an evidence zip safely: entry count, declared sizes and actual inflated sizes are all capped
 * (yauzl's validateEntrySizes catches a zip that lies about sizes while streaming), and a path that
 * climbs out ("../x"), is absolute ("/etc/x", "C:\x") or is a symbolic link refuses the whole zip.
 * Windows PowerShell 5.1's Compress-Archive writes "\" separators; yauzl turns them into "/".
 */
import { openPromise, type Entry, type ZipFile } from 'yauzl'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { matchEvidenceFileName } from './evidence-file-names'
import { createInputError, formatBytes, isEvidenceInputError, type EvidenceInputError } from './evidence-input-error'
import { createTooLargeError } from './read-bounded-file'
import { noteIgnored, type ReadFiles } from './read-evidence-folder'
import type { EvidenceReadLimits } from './read-limits'

const UNIX_HOST = 3
const FILE_TYPE_MASK = 0o170000
const SYMLINK_TYPE = 0o120000

/** Reads the evidence files of a zip, at its root or inside its one top-level folder. */
export async function readEvidenceZip(path: string, limits: EvidenceReadLimits): Promise<ReadFiles> {
  let zip: ZipFile
  try {
    zip = await openPromise(path, { autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true })
  } catch (error) {
    throw mapZipError(error)
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw createTooManyEntriesError(limits.maxEntries)
    const entries = await listEntries(zip, limits)
    const prefix = findEvidencePrefix(entries)
    const files = new Map<EvidenceFileName, Uint8Array>()
    const ignored: string[] = []
    let total = 0
    for (const entry of entries) {
      const name = toEvidenceName(entry.fileName, prefix)
      if (!name) {
        noteIgnored(ignored, entry.fileName)
        continue
      }
      if (files.has(name)) {
        throw createInputError('zip-unsafe', `The zip holds ${name} twice.`, `壓縮檔中有兩個 ${name}。`)
      }
      const bytes = await readEntry(zip, entry, limits.maxFileBytes)
      total += bytes.length
      if (total > limits.maxTotalBytes) {
        throw createInputError(
          'too-large',
          `The evidence files in the zip add up to more than ${formatBytes(limits.maxTotalBytes)}.`,
          `壓縮檔中的證據檔案合計超過 ${formatBytes(limits.maxTotalBytes)}。`,
        )
      }
      files.set(name, bytes)
    }
    return { files, ignored }
  } catch (error) {
    throw mapZipError(error)
  } finally {
    zip.close()
  }
}

async function listEntries(zip: ZipFile, limits: EvidenceReadLimits): Promise<Entry[]> {
  const entries: Entry[] = []
  for await (const entry of zip.eachEntry()) {
    if (entries.length >= limits.maxEntries) throw createTooManyEntriesError(limits.maxEntries)
    if (isSymlink(entry)) {
      throw createInputError(
        'zip-unsafe',
        `The zip contains a symbolic link (${entry.fileName}); refused for safety.`,
        `壓縮檔包含符號連結（${entry.fileName}），基於安全理由拒絕讀取。`,
      )
    }
    if (!entry.fileName.endsWith('/')) entries.push(entry)
  }
  return entries
}

// Evidence sits at the zip's root, or in exactly one top-level folder (Compress-Archive of a folder).
function findEvidencePrefix(entries: readonly Entry[]): string {
  if (entries.some((entry) => toEvidenceName(entry.fileName, ''))) return ''
  const folders = new Set<string>()
  for (const entry of entries) {
    const parts = entry.fileName.split('/')
    if (parts.length === 2 && parts[0] !== '__MACOSX' && matchEvidenceFileName(parts[1] ?? '')) folders.add(`${parts[0]}/`)
  }
  if (folders.size > 1) {
    throw createInputError(
      'not-evidence',
      `The zip holds several evidence folders (${[...folders].join(', ')}); zip one folder at a time.`,
      `壓縮檔中有多個證據資料夾（${[...folders].join(', ')}）；請一次只壓縮一個資料夾。`,
    )
  }
  return [...folders][0] ?? ''
}

function toEvidenceName(fileName: string, prefix: string): EvidenceFileName | null {
  if (!fileName.startsWith(prefix)) return null
  const rest = fileName.slice(prefix.length)
  return rest.includes('/') ? null : matchEvidenceFileName(rest)
}

async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Uint8Array> {
  // Refuse on the declared size before inflating anything.
  if (entry.uncompressedSize > maxBytes) throw createTooLargeError(entry.fileName, maxBytes)
  if (entry.isEncrypted() || !entry.canDecodeFileData()) {
    throw createInputError(
      'zip-unsupported',
      `${entry.fileName} is encrypted or uses a compression method other than Deflate; re-create the zip without a password.`,
      `${entry.fileName} 已加密或使用 Deflate 以外的壓縮方式；請以不設密碼的方式重新建立壓縮檔。`,
    )
  }
  const stream = await zip.openReadStreamPromise(entry)
  const chunks: Buffer[] = []
  let length = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length
      // validateEntrySizes stops a stream that outgrows its declared size; this is the second fence.
      if (length > maxBytes) throw createTooLargeError(entry.fileName, maxBytes)
      chunks.push(chunk)
    }
  } finally {
    stream.destroy()
  }
  const buffer = Buffer.concat(chunks, length)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length)
}

function isSymlink(entry: Entry): boolean {
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff
  return entry.versionMadeBy >> 8 === UNIX_HOST && (mode & FILE_TYPE_MASK) === SYMLINK_TYPE
}

function createTooManyEntriesError(maxEntries: number): EvidenceInputError {
  return createInputError(
    'too-many-entries',
    `The zip has more than ${maxEntries} entries; an evidence zip has about twenty.`,
    `壓縮檔中的項目超過 ${maxEntries} 個；證據壓縮檔通常只有約二十個檔案。`,
  )
}

// yauzl reports everything as plain Errors; sort them into "unsafe" (names, lying sizes) and "corrupt".
function mapZipError(error: unknown): EvidenceInputError {
  if (isEvidenceInputError(error)) return error
  const detail = error instanceof Error ? error.message : String(error)
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(detail)) {
    return createInputError(
      'zip-unsafe',
      `The zip contains an unsafe path (${detail}); refused for safety.`,
      `壓縮檔包含不安全的路徑（${detail}），基於安全理由拒絕讀取。`,
      error,
    )
  }
  if (/bytes in the stream|size mismatch/.test(detail)) {
    return createInputError(
      'zip-unsafe',
      `The zip's recorded sizes do not match its content (${detail}); refused for safety.`,
      `壓縮檔記錄的大小與實際內容不符（${detail}），基於安全理由拒絕讀取。`,
      error,
    )
  }
  return createInputError('zip-corrupt', `The zip cannot be read: ${detail}`, `無法讀取壓縮檔：${detail}`, error)
}
