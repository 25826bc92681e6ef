/**
 * Full-text search in notes and findings. Every term of the query must occur somewhere in the session
 * (in a note or in a check that did not pass); matching is by substring and case-insensitive.
 */
import { searchPhraseFor } from './search-body'
import { gramQueryFor } from './search-grams'
import { searchMatchSql } from './search-rowid'

/** An SQL sub-select of session ids plus its named parameters. */
export interface SearchFilter {
  readonly sql: string
  readonly params: Readonly<Record<string, string>>
}

// Bounded work per query: a pasted paragraph should not turn into dozens of sub-selects.
const MAX_TERMS = 8
const MAX_TERM_LENGTH = 200

/** Splits the query into terms ("quoted phrases" stay whole) and builds the filter; null when empty. */
export function buildSearchFilter(query: string): SearchFilter | null {
  const terms = splitTerms(query)
  if (terms.length === 0) return null
  const params: Record<string, string> = {}
  const selects = terms.map((term, index) => {
    const name = `term${index}`
    const phrase = searchPhraseFor(term)
    if (phrase !== null) {
      params[name] = phrase
      return searchMatchSql('search_entries', name)
    }
    // One character, or two that are not CJK: too short for trigrams; the gram index has them (schema 40).
    const gram = gramQueryFor(term)
    if (gram === null) throw new Error(`no index for the search term ${JSON.stringify(term)}`)
    params[name] = gram
    return searchMatchSql('search_grams', name)
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
