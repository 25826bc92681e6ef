/** A watch's polls as one compact note of its recorded session (the CLI's `watch --record` and the app's switch). */
import type { WatchOutcome } from './watch-until-healthy'

/** The ending, the span, and one line per poll of the timeline (only polls that changed something, plus the first). */
export function timelineNote(outcome: WatchOutcome): string {
  const lines = outcome.timeline.map((entry) => `${entry.at} ${entry.verdict}${entry.changes > 0 ? ` (${entry.changes} change(s))` : ''}`)
  return [`watch ${outcome.ending} after ${outcome.polls} poll(s), ${outcome.startedAt.toISOString()} → ${outcome.endedAt.toISOString()}`, ...lines].join('\n')
}
