/**
 * What a parser tells about a file besides its value: records it skipped and whether it stopped at a cap.
 * Parsers take an optional notes object so their return type stays the plain model shape.
 */

/** Collected by a parser while it reads one file. */
export interface ParseNotes {
  /** Set when a cap was reached and the rest of the file was not read. */
  truncated: boolean
  /** Short English notes for the diagnostics panel (skipped records, odd values). */
  readonly warnings: string[]
}

/** The caps every parser honours, so a hostile or huge file costs bounded time and memory. */
export const PARSE_LIMITS = {
  /** Records kept from one JSON array (services, policies, partners, certificates, …). */
  maxRecords: 10_000,
  /** Event log records kept. */
  maxEvents: 5_000,
  /** netstat / tasklist lines examined. */
  maxLines: 100_000,
  /** Characters kept of one string value (event messages are the long ones). */
  maxStringLength: 16_000,
  /** Nesting kept of one JSON value in a `properties` record. */
  maxDepth: 8,
  /** Topology lines that mention XMPP. */
  maxTopologyMentions: 500,
  /** Characters of one topology mention line. */
  maxMentionLength: 400,
  /** Warnings kept per file. */
  maxWarnings: 50,
} as const

/** A fresh, empty notes object. */
export function createParseNotes(): ParseNotes {
  return { truncated: false, warnings: [] }
}

/** Adds a warning, keeping at most {@link PARSE_LIMITS.maxWarnings}. */
export function addWarning(notes: ParseNotes | undefined, warning: string): void {
  if (!notes) return
  if (notes.warnings.length < PARSE_LIMITS.maxWarnings) notes.warnings.push(warning)
  else if (notes.warnings.length === PARSE_LIMITS.maxWarnings) notes.warnings.push('… more warnings not shown')
}

/** Keeps the first `max` items and records the truncation in `notes`. */
export function capItems<T>(items: readonly T[], max: number, notes: ParseNotes | undefined, what: string): readonly T[] {
  if (items.length <= max) return items
  if (notes) notes.truncated = true
  addWarning(notes, `truncated: kept the first ${max} of ${items.length} ${what}`)
  return items.slice(0, max)
}
