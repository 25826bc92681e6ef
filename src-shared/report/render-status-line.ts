/** One line for management: host, verdict, cause, counts, actions, time. No commands, no evidence. */
import { formatTime } from './report-format'
import type { ReportModel } from './report-model'

/** Renders the short status line (no trailing newline). */
export function renderStatusLine(model: ReportModel): string {
  const zh = model.locale === 'zh-TW'
  const { counts } = model
  const domains = model.subject.domains.join(zh ? '、' : ', ')
  const who = `${model.subject.host ?? '—'}${model.subject.domains.length > 0 ? (zh ? `（${domains}）` : ` (${domains})`) : ''}`
  const cause = model.rootCause ? `${zh ? '：' : ': '}${model.rootCause.title}` : ''
  const checks = zh
    ? `檢查：${counts.pass} 項通過、${counts.warn} 項警告、${counts.fail} 項失敗${counts.unknown > 0 ? `、${counts.unknown} 項未驗證` : ''}`
    : `Checks: ${counts.pass} passed, ${counts.warn} warning${counts.warn === 1 ? '' : 's'}, ${counts.fail} failed${counts.unknown > 0 ? `, ${counts.unknown} not verified` : ''}`
  const succeeded = model.actions.filter((a) => a.status === 'succeeded').length
  const actions =
    model.actions.length === 0
      ? ''
      : zh
        ? `。動作：已執行 ${model.actions.length} 項（成功 ${succeeded} 項）`
        : `. Actions: ${model.actions.length} run (${succeeded} succeeded)`
  // The state described is the evidence's, which can be days older than the run: say when it was collected.
  const when = model.collectedText
    ? `${zh ? '證據收集於' : 'Evidence collected'} ${model.collectedText}`
    : formatTime(model.timing.sessionStartedAt ?? model.timing.diagnosisStartedAt)
  return zh
    ? `${who}——${model.verdict.label}${cause}。${checks}${actions}。${when}`
    : `${who} — ${model.verdict.label}${cause}. ${checks}${actions}. ${when}`
}
