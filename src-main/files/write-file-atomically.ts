/** Writing a file so that a crash never leaves half of it under the final name. */
import { renameSync, rmSync, writeFileSync } from 'node:fs'

/** Writes to `<path>.partial-<pid>` and renames; on failure removes the temp file and rethrows the I/O error. */
export function writeFileAtomically(path: string, content: string | Uint8Array): void {
  const temp = `${path}.partial-${process.pid}`
  try {
    writeFileSync(temp, content)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
