/**
 * What a parser tells about a file besides its value: records it skipped and whether it stopped at a cap.
 * Parsers take an optional notes object so their return type stays the plain model shape.
 */

import type { ReadCut } from './evidence-model'

/** Collected by a parser while it reads one file. */
export interface ParseNotes {
  /** Set when a cap shortened anything (a string, a list, records). */
  truncated: boolean
  /** Set when records or lines were left out: the checks reading the file are told (see ReadCut). */
  cut?: ReadCut
  /** Short English notes for the diagnostics panel (skipped records, odd values). */
  readonly warnings: string[]
}

/** The caps every parser honours, so a hostile or huge file costs bounded time and memory. */
export const PARSE_LIMITS = {
  /** Records kept from one JSON array (services, policies, partners, certificates, …). */
  maxRecords: 10_000,
  /** Event log records kept (XMPP providers first, newest first). */
  maxEvents: 5_000,
  /** Event records looked at to choose the kept ones; beyond this they are only counted. */
  maxEventsScanned: 100_000,
  /** Partner records looked at to find the partners asked about; beyond this they are only counted. */
  maxPartnersScanned: 100_000,
  /** Keys kept of one JSON object (PowerShell objects have dozens). */
  maxKeys: 1_000,
  /** JSON values built per file; when spent, the remaining records are only counted. */
  maxNodes: 1_000_000,
  /** Characters of one netstat line or one CSV cell looked at (real ones are far shorter). */
  maxCellLength: 16_000,
  /** netstat / tasklist lines examined. */
  maxLines: 100_000,
  /** Characters kept of one string value (event messages are the long ones). */
  maxStringLength: 16_000,
  /** Nesting kept of one JSON value in a `properties` record. */
  maxDepth: 8,
  /** Topology elements read (a large real topology has tens of thousands). */
  maxTopologyElements: 250_000,
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

/** Records that a cap left records or lines out (and warns once). */
export function recordCut(notes: ParseNotes | undefined, cut: ReadCut): void {
  if (!notes) return
  notes.cut = cut
  notes.truncated = true
  const order = cut.order === 'first' ? 'the first ' : ''
  addWarning(notes, `truncated: read ${order}${cut.read} of ${cut.total} ${cut.unit}`)
}

/** Keeps the first `max` items and records the truncation in `notes`. */
export function capItems<T>(items: readonly T[], max: number, notes: ParseNotes | undefined, what: string): readonly T[] {
  if (items.length <= max) return items
  if (notes) notes.truncated = true
  addWarning(notes, `truncated: kept the first ${max} of ${items.length} ${what}`)
  return items.slice(0, max)
}
