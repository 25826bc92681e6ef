/** Matching names found on disk or in a zip to the evidence file names. */
import { EVIDENCE_FILE_NAMES, type EvidenceFileName } from '../../src-shared/evidence/evidence-model'

/** The evidence file a base name stands for, ignoring case (Windows file names are case-insensitive). */
export function matchEvidenceFileName(baseName: string): EvidenceFileName | null {
  const lower = baseName.toLowerCase()
  return EVIDENCE_FILE_NAMES.find((name) => name === lower) ?? null
}
