/**
 * The short-term search index: FTS5's trigram tokenizer cannot look up a term under 3 characters, so
 * every distinct character and pair of adjacent characters of a note or finding (lowercased, whitespace
 * skipped) is also stored as one token in `search_grams` (schema 40). A gram is written as hex code
 * points ("ok" → "g6fx6b") so the ascii tokenizer keeps it whole whatever the script. Changing what this
 * produces needs a migration that re-indexes.
 */

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
