/**
 * What goes into the full-text index for a note or a finding. The index uses FTS5's trigram tokenizer
 * (substring matches, any script); two-character CJK words ("憑證", "服務") are too short for trigrams,
 * so every adjacent pair of CJK characters is also indexed followed by a marker character, which turns
 * the pair into a trigram. Changing what this produces needs a migration that re-indexes.
 */
import type { CheckStatus } from '../../src-shared/diagnostics/check-types'

/** A private-use character: never in real text, so "憑證" + MARK only matches the indexed pairs. */
export const CJK_PAIR_MARK = '\uE000'
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Statuses whose results count as findings (searchable); passing and skipped checks do not. */
export const FINDING_STATUSES: readonly CheckStatus[] = ['warn', 'fail', 'unknown']

/** True for a status that makes a check result a finding. */
export function isFindingStatus(status: CheckStatus): boolean {
  return FINDING_STATUSES.includes(status)
}

/** The indexed text: the parts, then the marked CJK pairs found in them. */
export function buildSearchBody(parts: readonly string[]): string {
  const joined = parts.filter((p) => p.length > 0).join('\n')
  const pairs: string[] = []
  const chars = [...joined]
  for (let i = 0; i + 1 < chars.length; i++) {
    if (CJK.test(chars[i]!) && CJK.test(chars[i + 1]!)) pairs.push(`${chars[i]}${chars[i + 1]}${CJK_PAIR_MARK}`)
  }
  return pairs.length > 0 ? `${joined}\n${[...new Set(pairs)].join(' ')}` : joined
}

/** The searchable parts of a finding. */
export interface SearchableFinding {
  readonly checkId: string
  readonly summaryEn: string
  readonly summaryZhTw: string
  readonly evidence: readonly { text: string }[]
  readonly fix: { description: { en: string; 'zh-TW': string }; commands: readonly string[] } | null
}

/** The texts of a finding that search looks in: id, both summaries, evidence lines, fix description and commands. */
export function findingSearchParts(finding: SearchableFinding): string[] {
  return [
    finding.checkId,
    finding.summaryEn,
    finding.summaryZhTw,
    ...finding.evidence.map((e) => e.text),
    ...(finding.fix ? [finding.fix.description.en, finding.fix.description['zh-TW'], ...finding.fix.commands] : []),
  ]
}

/** The indexed text of a finding (its search parts). */
export function buildFindingSearchBody(finding: SearchableFinding): string {
  return buildSearchBody(findingSearchParts(finding))
}

/** The FTS5 query for one user term: a phrase, with the pair marker for a two-character CJK word. */
export function searchPhraseFor(term: string): string | null {
  const chars = [...term]
  const quoted = (value: string): string => `"${value.replace(/"/g, '""')}"`
  if (chars.length >= 3) return quoted(term)
  if (chars.length === 2 && chars.every((c) => CJK.test(c))) return quoted(`${term}${CJK_PAIR_MARK}`)
  return null
}
