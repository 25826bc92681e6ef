/**
 * Rowids of the search tables (schema 40): session id × 2^33 + (2^32 for a note) + the note's or
 * finding's id modulo 2^32. `rowid >> 33` is the session, so a match needs no stored session column:
 * reading one from FTS5's content table costs a b-tree lookup per matching row, most of a common term's cost.
 */

const SESSION_SHIFT = 33n
const NOTE_BIT = 1n << 32n
const ENTRY_MASK = NOTE_BIT - 1n

/** The rowid of a note or finding in search_entries and search_grams (a BigInt: it passes 2^53). */
export function searchRowid(sessionId: number, kind: 'note' | 'finding', entryId: number): bigint {
  return (BigInt(sessionId) << SESSION_SHIFT) | (kind === 'note' ? NOTE_BIT : 0n) | (BigInt(entryId) & ENTRY_MASK)
}

/** The same rowid in SQL, from a row of notes or check_results (NEW or OLD in a trigger, or a table alias). */
export function searchRowidSql(row: string, kind: 'note' | 'finding'): string {
  return `((${row}.session_id << ${SESSION_SHIFT}) | ${kind === 'note' ? NOTE_BIT : 0n} | (${row}.id & ${ENTRY_MASK}))`
}

/** The SQL that selects the session ids of the rows of `table` matching the named parameter. */
export function searchMatchSql(table: 'search_entries' | 'search_grams', parameter: string): string {
  return `SELECT rowid >> ${SESSION_SHIFT} AS session_id FROM ${table} WHERE ${table} MATCH @${parameter}`
}
