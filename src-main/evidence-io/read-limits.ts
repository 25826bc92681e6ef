/** The caps that keep reading an evidence folder or zip bounded in time and memory. */

export interface EvidenceReadLimits {
  /** Largest single evidence file (uncompressed). */
  readonly maxFileBytes: number
  /** Largest sum of all evidence files read. */
  readonly maxTotalBytes: number
  /** Most entries looked at in a folder or a zip's central directory. */
  readonly maxEntries: number
}

/** Real evidence is a few MiB; these caps leave room for a busy server's events and netstat. */
export const DEFAULT_READ_LIMITS: EvidenceReadLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxEntries: 10_000,
}
