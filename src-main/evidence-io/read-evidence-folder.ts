/** Reading an evidence folder (or a folder whose only content is one evidence folder). */
import { promises as fs, type Dirent } from 'node:fs'
import { join } from 'node:path'
import { compareNames } from '../../src-shared/text/compare-names'
import type { EvidenceFileName } from '../../src-shared/evidence/evidence-model'
import { matchEvidenceFileName } from './evidence-file-names'
import { createInputError, formatBytes } from './evidence-input-error'
import { readBoundedFile } from './read-bounded-file'
import type { EvidenceReadLimits } from './read-limits'

const MAX_IGNORED_LISTED = 200

export interface ReadFiles {
  readonly files: Map<EvidenceFileName, Uint8Array>
  readonly ignored: string[]
}

/** Reads the evidence files of a folder; other entries are listed in `ignored`, never read. */
export async function readEvidenceFolder(dir: string, limits: EvidenceReadLimits): Promise<ReadFiles> {
  let entries = await listEntries(dir, limits)
  let base = dir
  let prefix = ''
  // A folder picked one level too high (e.g. the folder a zip was extracted into) holds just one folder.
  const only = entries[0]
  if (entries.length === 1 && only?.isDirectory()) {
    base = join(dir, only.name)
    prefix = `${only.name}/`
    entries = await listEntries(base, limits)
  }
  const files = new Map<EvidenceFileName, Uint8Array>()
  const ignored: string[] = []
  let total = 0
  for (const entry of entries.sort((a, b) => compareNames(a.name, b.name))) {
    const name = matchEvidenceFileName(entry.name)
    const display = `${prefix}${entry.name}`
    if (!name || !entry.isFile() || files.has(name)) {
      noteIgnored(ignored, entry.isSymbolicLink() ? `${display} (symbolic link, not followed)` : display)
      continue
    }
    const bytes = await readBoundedFile(join(base, entry.name), display, limits.maxFileBytes)
    total += bytes.length
    if (total > limits.maxTotalBytes) {
      throw createInputError(
        'too-large',
        `The evidence files add up to more than ${formatBytes(limits.maxTotalBytes)}.`,
        `證據檔案合計超過 ${formatBytes(limits.maxTotalBytes)}。`,
      )
    }
    files.set(name, bytes)
  }
  return { files, ignored }
}

async function listEntries(dir: string, limits: EvidenceReadLimits): Promise<Dirent[]> {
  const entries: Dirent[] = []
  const handle = await fs.opendir(dir).catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error)
    throw createInputError('read-failed', `Cannot list the folder: ${detail}`, `無法列出資料夾內容：${detail}`, error)
  })
  try {
    for await (const entry of handle) {
      if (entries.length >= limits.maxEntries) {
        throw createInputError(
          'too-many-entries',
          `The folder has more than ${limits.maxEntries} entries; pick the evidence folder itself.`,
          `資料夾中的項目超過 ${limits.maxEntries} 個；請直接選擇證據資料夾。`,
        )
      }
      entries.push(entry)
    }
  } finally {
    // for await closes the handle when it finishes; close() again would throw, so only close on early exit.
    await handle.close().catch(() => undefined)
  }
  return entries
}

/** Adds a name to the ignored list, keeping the list short. */
export function noteIgnored(ignored: string[], name: string): void {
  if (ignored.length < MAX_IGNORED_LISTED) ignored.push(name)
  else if (ignored.length === MAX_IGNORED_LISTED) ignored.push('… more entries not listed')
}
