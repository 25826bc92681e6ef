/**
 * Full-text search in notes and findings. Every word of the query must occur somewhere in the session
 * (in a note or in a check that did not pass); matching is by substring and case-insensitive.
 */

/** An SQL sub-select of session ids plus its named parameters. */
export interface SearchFilter {
  readonly sql: string
  readonly params: Readonly<Record<string, string>>
}

// Bounded work per query: a pasted paragraph should not turn into 200 sub-selects.
const MAX_TERMS = 8
const MAX_TERM_LENGTH = 200
// The trigram index can only look up terms of 3+ characters ("憑證" has 2): shorter ones are
// matched with LIKE on the source rows instead, which scans but stays correct.
const MIN_INDEXED_LENGTH = 3

/** Splits the query into terms ("quoted phrases" stay whole) and builds the filter; null when empty. */
export function buildSearchFilter(query: string): SearchFilter | null {
  const terms = splitTerms(query)
  if (terms.length === 0) return null
  const params: Record<string, string> = {}
  const selects = terms.map((term, index) => {
    const name = `term${index}`
    if ([...term].length >= MIN_INDEXED_LENGTH) {
      params[name] = `"${term.replace(/"/g, '""')}"`
      return `SELECT n.session_id FROM notes_search JOIN notes AS n ON n.id = notes_search.rowid WHERE notes_search MATCH @${name}
        UNION SELECT c.session_id FROM findings_search JOIN check_results AS c ON c.id = findings_search.rowid WHERE findings_search MATCH @${name}`
    }
    params[name] = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    return `SELECT session_id FROM notes WHERE body LIKE @${name} ESCAPE '\\'
      UNION SELECT session_id FROM check_results WHERE status IN ('warn', 'fail', 'unknown')
        AND (summary_en LIKE @${name} ESCAPE '\\' OR summary_zh_tw LIKE @${name} ESCAPE '\\' OR evidence_json LIKE @${name} ESCAPE '\\')`
  })
  return { sql: selects.map((s) => `SELECT * FROM (${s})`).join(' INTERSECT '), params }
}

/** Whitespace-separated words; double-quoted phrases are kept together. */
export function splitTerms(query: string): string[] {
  const terms: string[] = []
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim().slice(0, MAX_TERM_LENGTH)
    if (term.length > 0 && !terms.includes(term)) terms.push(term)
    if (terms.length === MAX_TERMS) break
  }
  return terms
}
