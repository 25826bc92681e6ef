/**
 * Entry point for evidence input: a folder or a .zip of one → raw evidence bytes, bounded in time and
 * memory. Content is not judged here; parseEvidence() does that file by file.
 */
import { promises as fs } from 'node:fs'
import type { RawEvidenceFiles } from '../../src-shared/evidence/evidence-model'
import { createInputError } from './evidence-input-error'
import { readEvidenceFolder, type ReadFiles } from './read-evidence-folder'
import { DEFAULT_READ_LIMITS, type EvidenceReadLimits } from './read-limits'

export type EvidenceSource = 'evidence-folder' | 'evidence-zip'

export interface ReadEvidenceResult {
  readonly files: RawEvidenceFiles
  readonly source: EvidenceSource
  /** Entries that are not evidence files (or could not be taken, e.g. symbolic links), never read. */
  readonly ignored: readonly string[]
}

// "PK\x03\x04" starts a zip with entries, "PK\x05\x06" an empty one.
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
] as const

/** Reads an evidence folder or zip; throws EvidenceInputError (with a code) when it cannot. */
export async function readEvidence(path: string, limits: Partial<EvidenceReadLimits> = {}): Promise<ReadEvidenceResult> {
  const effective: EvidenceReadLimits = { ...DEFAULT_READ_LIMITS, ...limits }
  const stat = await fs.stat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw createInputError('not-found', `Nothing exists at ${path}.`, `${path} 不存在。`, error)
    }
    throw createInputError('read-failed', `Cannot read ${path}: ${String(error)}`, `無法讀取 ${path}：${String(error)}`, error)
  })
  let read: ReadFiles
  let source: EvidenceSource
  if (stat.isDirectory()) {
    read = await readEvidenceFolder(path, effective)
    source = 'evidence-folder'
  } else if (stat.isFile() && (await hasZipSignature(path))) {
    // The zip reader (and its inflate code) loads only for a zip: most runs read a folder.
    const { readEvidenceZip } = await import('./read-evidence-zip')
    read = await readEvidenceZip(path, effective)
    source = 'evidence-zip'
  } else if (stat.isFile() && path.toLowerCase().endsWith('.zip')) {
    throw createInputError('zip-corrupt', `${path} is named .zip but is not a zip file.`, `${path} 的副檔名是 .zip，但不是壓縮檔。`)
  } else {
    throw createInputError(
      'not-evidence',
      `${path} is neither a folder nor a .zip; choose the evidence folder or its .zip.`,
      `${path} 既不是資料夾也不是 .zip；請選擇證據資料夾或其 .zip 壓縮檔。`,
    )
  }
  if (read.files.size === 0) {
    throw createInputError(
      'not-evidence',
      `No evidence files found in ${path} (expected manifest.json, netstat.txt, services.json, …).`,
      `在 ${path} 中找不到證據檔案（應有 manifest.json、netstat.txt、services.json 等）。`,
    )
  }
  return { files: read.files, source, ignored: read.ignored }
}

async function hasZipSignature(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r')
  try {
    const head = Buffer.alloc(4)
    const { bytesRead } = await handle.read(head, 0, 4, 0)
    return bytesRead === 4 && ZIP_SIGNATURES.some((signature) => signature.every((byte, i) => head[i] === byte))
  } finally {
    await handle.close()
  }
}
