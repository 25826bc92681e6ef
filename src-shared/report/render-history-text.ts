/** Plain-text views of the history for a terminal: the session list and a configuration diff. */
import { rootCauseWords } from './root-cause-words'
import { labelColon, pick, text, type Locale } from '../i18n/localized'
import { SNAPSHOT_SECTION_TITLES, SNAPSHOT_SECTIONS, type SnapshotDiff } from './diff-snapshots'
import { formatTime } from './report-format'
import { snapshotValueWords } from './snapshot-value-words'
import { CHANGE_KIND_LABELS, VERDICT_LABELS } from './report-labels'
import type { SessionSummary } from './session-record'

const WORDS = {
  id: text('ID', '編號'),
  started: text('Started', '開始時間'),
  host: text('Host', '主機'),
  verdict: text('Verdict', '結論'),
  rootCause: text('Root cause', '根本原因'),
  open: text('open', '進行中'),
  empty: text('No sessions match.', '沒有符合的工作階段。'),
  noChanges: text('Nothing changed in the compared configuration.', '比較的設定沒有任何變更。'),
  notComparable: text('Not comparable (collected in only one run)', '無法比較（僅在其中一次收集）'),
}

/** The list as an aligned table plus a "showing a–b of n" line. */
export function renderSessionList(page: { items: readonly SessionSummary[]; total: number }, offset: number, locale: Locale): string {
  const t = (value: Parameters<typeof pick>[0]): string => pick(value, locale)
  if (page.items.length === 0) return `${t(WORDS.empty)}\n`
  const rows = page.items.map((s) => [
    String(s.id),
    formatTime(s.startedAt),
    s.host ?? '—',
    s.endedAt === null ? `${s.verdict ? t(VERDICT_LABELS[s.verdict]) : '—'}${locale === 'zh-TW' ? `（${t(WORDS.open)}）` : ` (${t(WORDS.open)})`}` : s.verdict ? t(VERDICT_LABELS[s.verdict]) : '—',
    // Words, never a check id: what went wrong.
    ((words) => (words ? t(words) : ''))(rootCauseWords(s.rootCauseCheckId, s.rootCauseTitle)),
  ])
  const header = [t(WORDS.id), t(WORDS.started), t(WORDS.host), t(WORDS.verdict), t(WORDS.rootCause)]
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - displayWidth(c)))).join('  ').trimEnd()
  const range = locale === 'zh-TW' ? `第 ${offset + 1}–${offset + rows.length} 筆，共 ${page.total} 筆` : `Showing ${offset + 1}–${offset + rows.length} of ${page.total}`
  return `${[line(header), ...rows.map(line)].join('\n')}\n${range}\n`
}

/** The diff grouped by section, one change per line. */
export function renderSnapshotDiffText(diff: SnapshotDiff, heading: string, locale: Locale): string {
  const lines = [heading]
  for (const section of SNAPSHOT_SECTIONS) {
    const changes = diff.changes.filter((c) => c.section === section)
    if (changes.length === 0) continue
    lines.push('', pick(SNAPSHOT_SECTION_TITLES[section], locale))
    for (const c of changes) {
      const what = `${c.key}${c.field ? ` · ${c.field}` : ''}`
      const shown = (value: string | null): string => (value === null ? '—' : pick(snapshotValueWords(c, value), locale))
      const values = c.kind === 'changed' || c.kind === 'restarted' ? `${shown(c.before)} → ${shown(c.after)}` : (c.after ?? c.before ?? '')
      const kind = pick(CHANGE_KIND_LABELS[c.kind], locale)
      lines.push(`  ${kind}${' '.repeat(Math.max(1, 9 - displayWidth(kind)))}${what}${labelColon(locale)}${values}`)
    }
  }
  if (diff.changes.length === 0) lines.push('', pick(WORDS.noChanges, locale))
  if (diff.notComparable.length > 0) {
    const zh = locale === 'zh-TW'
    lines.push('', `${pick(WORDS.notComparable, locale)}${zh ? '：' : ': '}${diff.notComparable.map((s) => pick(SNAPSHOT_SECTION_TITLES[s], locale)).join(zh ? '、' : ', ')}`)
  }
  return `${lines.join('\n')}\n`
}

// CJK characters take two terminal columns; without this the zh-TW table would not line up.
function displayWidth(value: string): number {
  let width = 0
  for (const ch of value) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return width
}
