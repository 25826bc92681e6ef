/** Writing raw evidence bytes to a folder (tests, tools, and saving what a live session collected). */
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { EVIDENCE_FILE_NAMES, type EvidenceFileName } from '../../src-shared/evidence/evidence-model'

/** Writes each file byte for byte into `dir` (created if needed); only evidence file names are accepted. */
export async function writeEvidenceFolder(
  dir: string,
  files: ReadonlyMap<EvidenceFileName, Uint8Array>,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true })
  for (const [name, bytes] of files) {
    // The names come from a closed list, so no path can leave `dir`; check at run time too.
    if (!(EVIDENCE_FILE_NAMES as readonly string[]).includes(name)) throw new Error(`Not an evidence file name: ${name}`)
    await fs.writeFile(join(dir, name), bytes)
  }
}
