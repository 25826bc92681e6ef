/**
 * `watch`: what changed between two polls of the same server, in a few lines: the verdict, each check whose
 * status moved, and the configuration differences the history's diff finds (services started, a listener
 * back on 5269, a certificate replaced). Pure; the watch loop keeps only the previous poll.
 */
import { STATUS_MARKS } from '../diagnostics/status-order'
import type { CheckId, CheckStatus } from '../diagnostics/check-types'
import { CHECK_CATALOG } from '../diagnostics/all-checks'
import type { Evidence } from '../evidence/evidence-model'
import { pick, text, type Locale, type Localized } from '../i18n/localized'
import { VERDICT_WORDS } from '../i18n/messages'
import { extractConfigSnapshot, type ConfigSnapshot } from '../report/config-snapshot'
import { diffSnapshots, SNAPSHOT_SECTION_TITLES, type SnapshotChange } from '../report/diff-snapshots'
import { snapshotValueWords } from '../report/snapshot-value-words'
import type { DiagnosisResult, Verdict } from '../result/diagnosis-result'

/** What one poll leaves behind for the next: small on purpose (a two-hour watch keeps one of these). */
export interface PollState {
  readonly verdict: Verdict
  readonly rootCause: Localized | null
  readonly statuses: ReadonlyMap<CheckId, CheckStatus>
  readonly snapshot: ConfigSnapshot
}

/** One change between polls, ready to print. */
export interface PollChange {
  readonly kind: 'verdict' | 'check' | 'config'
  readonly text: Localized
}

/** The state a poll's diagnosis leaves. */
export function pollStateOf(result: DiagnosisResult, evidence: Evidence): PollState {
  return {
    verdict: result.verdict,
    rootCause: result.rootCause?.title ?? null,
    statuses: new Map(result.checks.map((check) => [check.id, check.status])),
    snapshot: extractConfigSnapshot(evidence),
  }
}

/** Every change from `before` to `after`, verdict first. */
export function describePollChanges(before: PollState, after: PollState): PollChange[] {
  const changes: PollChange[] = []
  if (before.verdict !== after.verdict || before.rootCause?.en !== after.rootCause?.en) {
    changes.push({ kind: 'verdict', text: verdictLine(after) })
  }
  for (const [id, status] of after.statuses) {
    const was = before.statuses.get(id)
    if (was === undefined || was === status) continue
    const title = CHECK_CATALOG.get(id)?.title ?? text(id, id)
    changes.push({ kind: 'check', text: text(`${title.en}: ${STATUS_MARKS[was]} → ${STATUS_MARKS[status]}`, `${title['zh-TW']}：${STATUS_MARKS[was]} → ${STATUS_MARKS[status]}`) })
  }
  for (const change of diffSnapshots(before.snapshot, after.snapshot).changes) changes.push({ kind: 'config', text: configLine(change) })
  return changes
}

/** "Problems found — root cause: …" / "Healthy". */
export function verdictLine(state: Pick<PollState, 'verdict' | 'rootCause'>): Localized {
  const words = VERDICT_WORDS[state.verdict]
  if (!state.rootCause) return words
  return text(`${words.en} — root cause: ${state.rootCause.en}`, `${words['zh-TW']}——根本原因：${state.rootCause['zh-TW']}`)
}

function configLine(change: SnapshotChange): Localized {
  const section = SNAPSHOT_SECTION_TITLES[change.section]
  const what = change.field ? `${change.key} ${change.field}` : change.key
  const hasValues = change.before !== null || change.after !== null
  const values = (locale: Locale, colon: string): string => {
    if (!hasValues) return ''
    const shown = (value: string | null): string => (value === null ? '—' : pick(snapshotValueWords(change, value), locale))
    return `${colon}${shown(change.before)} → ${shown(change.after)}`
  }
  return text(`${section.en}: ${change.kind} ${what}${values('en', ': ')}`, `${section['zh-TW']}：${KIND_ZH[change.kind]} ${what}${values('zh-TW', '：')}`)
}

const KIND_ZH: Readonly<Record<SnapshotChange['kind'], string>> = { added: '新增', removed: '移除', changed: '變更', restarted: '已重新啟動' }

/** "1h 02m 05s" / "3m 00s" / "45s": how long the watch took to see the server healthy. */
export function formatElapsed(ms: number, locale: Locale): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  const en = h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : m > 0 ? `${m}m ${pad(s)}s` : `${s}s`
  const zh = h > 0 ? `${h} 小時 ${pad(m)} 分 ${pad(s)} 秒` : m > 0 ? `${m} 分 ${pad(s)} 秒` : `${s} 秒`
  return pick(text(en, zh), locale)
}
