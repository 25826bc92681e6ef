/** Reading one file from disk without ever holding more than a cap in memory. */
import { constants, promises as fs } from 'node:fs'
import { createInputError, formatBytes } from './evidence-input-error'

// O_NOFOLLOW: a file swapped for a symlink between listing and opening is refused (absent on Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)

/** Reads a regular file of at most `maxBytes`; a larger one is refused before it is read. */
export async function readBoundedFile(path: string, displayName: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await fs.open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw createInputError('read-failed', `Cannot open ${displayName}: ${describe(error)}`, `無法開啟 ${displayName}：${describe(error)}`, error)
  })
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) {
      throw createInputError('not-evidence', `${displayName} is not a regular file.`, `${displayName} 不是一般檔案。`)
    }
    if (stat.size > maxBytes) throw createTooLargeError(displayName, maxBytes)
    // Read at most one byte past the cap: a file that grew after stat() is still caught.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) throw createTooLargeError(displayName, maxBytes)
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length)
  } finally {
    await handle.close()
  }
}

/** The error for a file over the per-file cap. */
export function createTooLargeError(displayName: string, maxBytes: number) {
  return createInputError(
    'too-large',
    `${displayName} is larger than ${formatBytes(maxBytes)}; real evidence files are much smaller. Re-collect it or remove it.`,
    `${displayName} 超過 ${formatBytes(maxBytes)}，正常的證據檔案遠小於此大小。請重新收集或移除該檔案。`,
  )
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
