/**
 * A watch's polls as one compact note of its recorded session (the CLI's `watch --record` and the app's switch), in
 * the language of the watch: the history shows notes as they were written. Times carry their zone like every time
 * shown (format-time.ts).
 */
import { VERDICT_WORDS } from '../../src-shared/i18n/messages'
import { pick, text, type Locale } from '../../src-shared/i18n/localized'
import { formatTime } from '../../src-shared/text/format-time'
import type { TimelineEntry, WatchOutcome } from './watch-until-healthy'

const TIMELINE_MESSAGES = {
  heading: (ending: WatchOutcome['ending'], polls: number, from: string, to: string) =>
    ({
      healthy: text(`watch healthy after ${polls} poll(s), ${from} → ${to}`, `監看結束：已恢復正常，共輪詢 ${polls} 次，${from} → ${to}`),
      'max-reached': text(
        `watch reached its limit after ${polls} poll(s), not healthy, ${from} → ${to}`,
        `監看結束：已達時間上限仍未恢復正常，共輪詢 ${polls} 次，${from} → ${to}`,
      ),
      stopped: text(`watch stopped after ${polls} poll(s), ${from} → ${to}`, `監看已停止，共輪詢 ${polls} 次，${from} → ${to}`),
    })[ending],
  unreadable: text('evidence unreadable (being rewritten)', '證據無法讀取（正在改寫）'),
  changes: (count: number) => text(` (${count} change(s))`, `（${count} 項變更）`),
}

function entryLine(entry: TimelineEntry, locale: Locale): string {
  const verdict = entry.verdict === 'unreadable' ? TIMELINE_MESSAGES.unreadable : VERDICT_WORDS[entry.verdict]
  const changes = entry.changes > 0 ? pick(TIMELINE_MESSAGES.changes(entry.changes), locale) : ''
  return `${formatTime(entry.at)} ${pick(verdict, locale)}${changes}`
}

/** The ending, the span, and one line per poll of the timeline (only polls that changed something, plus the first). */
export function timelineNote(outcome: WatchOutcome, locale: Locale): string {
  const heading = TIMELINE_MESSAGES.heading(outcome.ending, outcome.polls, formatTime(outcome.startedAt.toISOString()), formatTime(outcome.endedAt.toISOString()))
  return [pick(heading, locale), ...outcome.timeline.map((entry) => entryLine(entry, locale))].join('\n')
}
