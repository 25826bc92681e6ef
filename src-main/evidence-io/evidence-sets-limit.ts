/**
 * Several evidence sets diagnosed together (the app's "open several", `analyze a b c`) are recorded as one history
 * session, which keeps every set's files: together they must fit what one session holds, or the session could not
 * be read back. Each set is already within the reading caps (read-limits.ts); this bounds their sum, checked after
 * each set is read and before anything is parsed, so an over-limit choice is refused without diagnosing it.
 */
import { STORED_EVIDENCE_LIMITS } from '../store/stored-evidence-limits'
import { createInputError, formatBytes, type EvidenceInputError } from './evidence-input-error'

/** The most bytes the evidence files of all sets of one diagnosis may hold together (128 MiB). */
export const EVIDENCE_SETS_MAX_TOTAL_BYTES: number = STORED_EVIDENCE_LIMITS.maxTotalBytes

/** The bytes of one set's evidence files. */
export function evidenceSetBytes(files: ReadonlyMap<string, Uint8Array>): number {
  let total = 0
  for (const bytes of files.values()) total += bytes.byteLength
  return total
}

/**
 * Null while the sets read so far fit together, else the error to report: `EvidenceInputError` 'too-large'
 * (the CLI exits 2). `given` is how many sets were asked for, `sets` those read so far.
 */
export function evidenceSetsOverLimit(sets: readonly ReadonlyMap<string, Uint8Array>[], given: number): EvidenceInputError | null {
  const total = sets.reduce((sum, files) => sum + evidenceSetBytes(files), 0)
  if (total <= EVIDENCE_SETS_MAX_TOTAL_BYTES) return null
  const limit = formatBytes(EVIDENCE_SETS_MAX_TOTAL_BYTES)
  const read = sets.length === given ? `the ${given} sets` : `the first ${sets.length} of the ${given} sets`
  const readZh = sets.length === given ? `這 ${given} 組證據` : `${given} 組證據中的前 ${sets.length} 組`
  return createInputError(
    'too-large',
    `The evidence sets together hold more than ${limit}, what one diagnosis keeps in the history (${read} hold ${formatBytes(total)}): diagnose fewer sets at once.`,
    `證據合計超過 ${limit}，即一次診斷可保存於歷程的上限（${readZh}合計 ${formatBytes(total)}）：請一次診斷較少組證據。`,
  )
}

/** Throws the error of {@link evidenceSetsOverLimit} when the sets read do not fit together. */
export function assertEvidenceSetsFit(sets: readonly ReadonlyMap<string, Uint8Array>[], given: number = sets.length): void {
  const overLimit = evidenceSetsOverLimit(sets, given)
  if (overLimit) throw overLimit
}
