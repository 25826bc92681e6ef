/**
 * What schema step 40 indexes, frozen as it was released (search-body.ts, search-grams.ts and search-rowid.ts
 * of that day): a migration never changes, so it must not follow later edits of the live search code. A later
 * change to what is indexed comes with its own step that re-indexes.
 */

const CJK_PAIR_MARK = '\uE000'
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const WHITESPACE = /\s/u
const SESSION_SHIFT = 33n
const NOTE_BIT = 1n << 32n
const ENTRY_MASK = NOTE_BIT - 1n

/** A finding's searchable fields as stored in check_results. */
export interface SearchableFinding {
  readonly checkId: string
  readonly summaryEn: string
  readonly summaryZhTw: string
  readonly evidence: readonly { text: string }[]
  readonly fix: { description: { en: string; 'zh-TW': string }; commands: readonly string[] } | null
}

/** The full-text body: the parts, then the marked CJK pairs found in them. */
export function buildSearchBody(parts: readonly string[]): string {
  const joined = parts.filter((p) => p.length > 0).join('\n')
  const pairs: string[] = []
  const chars = [...joined]
  for (let i = 0; i + 1 < chars.length; i++) {
    if (CJK.test(chars[i]!) && CJK.test(chars[i + 1]!)) pairs.push(`${chars[i]}${chars[i + 1]}${CJK_PAIR_MARK}`)
  }
  return pairs.length > 0 ? `${joined}\n${[...new Set(pairs)].join(' ')}` : joined
}

/** The texts of a finding that search looks in. */
export function findingSearchParts(finding: SearchableFinding): string[] {
  return [
    finding.checkId,
    finding.summaryEn,
    finding.summaryZhTw,
    ...finding.evidence.map((e) => e.text),
    ...(finding.fix ? [finding.fix.description.en, finding.fix.description['zh-TW'], ...finding.fix.commands] : []),
  ]
}

/** The full-text body of a finding. */
export function buildFindingSearchBody(finding: SearchableFinding): string {
  return buildSearchBody(findingSearchParts(finding))
}

function gramToken(chars: readonly string[]): string {
  return `g${chars.map((c) => c.codePointAt(0)!.toString(16)).join('x')}`
}

/** Every distinct 1- and 2-character gram of the texts, as hex tokens. */
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

/** The rowid that carries the session: session id × 2^33 + (2^32 for a note) + the entry id modulo 2^32. */
export function searchRowid(sessionId: number, kind: 'note' | 'finding', entryId: number): bigint {
  return (BigInt(sessionId) << SESSION_SHIFT) | (kind === 'note' ? NOTE_BIT : 0n) | (BigInt(entryId) & ENTRY_MASK)
}

/** The same rowid in SQL, from a row of notes or check_results. */
export function searchRowidSql(row: string, kind: 'note' | 'finding'): string {
  return `((${row}.session_id << ${SESSION_SHIFT}) | ${kind === 'note' ? NOTE_BIT : 0n} | (${row}.id & ${ENTRY_MASK}))`
}
