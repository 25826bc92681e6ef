/**
 * The short-term search index: FTS5's trigram tokenizer cannot look up a term under 3 characters, so
 * every distinct character and pair of adjacent characters of a note or finding (lowercased, whitespace
 * skipped) is also stored as one token in `search_grams` (schema 40). A gram is written as hex code
 * points ("ok" → "g6fx6b") so the ascii tokenizer keeps it whole whatever the script. Changing what this
 * produces needs a migration that re-indexes.
 */

// A row's rowid is session id × 2^33 + (2^32 for a note) + the note's or finding's id modulo 2^32:
// `rowid >> 33` gives the session without reading FTS5's content table, which a stored column would need
// (one b-tree lookup per matching row, most of the cost of a common gram).
const SESSION_SHIFT = 33n
const NOTE_BIT = 1n << 32n
const ENTRY_MASK = NOTE_BIT - 1n

/** The rowid in search_grams of a note or finding (a BigInt: it passes 2^53). */
export function gramRowid(sessionId: number, kind: 'note' | 'finding', entryId: number): bigint {
  return (BigInt(sessionId) << SESSION_SHIFT) | (kind === 'note' ? NOTE_BIT : 0n) | (BigInt(entryId) & ENTRY_MASK)
}

/** The same rowid in SQL, from a row of notes or check_results (NEW or OLD in a trigger). */
export function gramRowidSql(row: 'OLD' | 'NEW', kind: 'note' | 'finding'): string {
  return `((${row}.session_id << ${SESSION_SHIFT}) | ${kind === 'note' ? NOTE_BIT : 0n} | (${row}.id & ${ENTRY_MASK}))`
}

/** The SQL that selects the session ids of rows matching the named parameter. */
export function gramMatchSql(parameter: string): string {
  return `SELECT rowid >> ${SESSION_SHIFT} AS session_id FROM search_grams WHERE search_grams MATCH @${parameter}`
}

const WHITESPACE = /\s/u

/** One gram as its index token. */
function gramToken(chars: readonly string[]): string {
  return `g${chars.map((c) => c.codePointAt(0)!.toString(16)).join('x')}`
}

/** The indexed tokens for the given texts: each distinct 1- and 2-character gram once, space-separated. */
export function buildSearchGrams(parts: readonly string[]): string {
  const grams = new Set<string>()
  for (const part of parts) {
    const chars = [...part.toLowerCase()]
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!
      if (WHITESPACE.test(c)) continue
      grams.add(gramToken([c]))
      const next = chars[i + 1]
      if (next !== undefined && !WHITESPACE.test(next)) grams.add(gramToken([c, next]))
    }
  }
  return [...grams].join(' ')
}

/** The FTS5 query for a 1- or 2-character term, or null for a longer (or empty) one. */
export function gramQueryFor(term: string): string | null {
  const chars = [...term.toLowerCase()]
  if (chars.length === 0 || chars.length > 2 || chars.some((c) => WHITESPACE.test(c))) return null
  return gramToken(chars)
}
