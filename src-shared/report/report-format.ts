/** Time and duration formatting for reports: UTC always, zone shown (the server's zone is unknown to the reader). */
import type { Locale } from '../i18n/localized'

/** Reports and CLI show times in UTC with the zone written out: the one formatter lives in text/format-time. */
export { formatTime } from '../text/format-time'

/** "850 ms", "1.8 s", "12 min 3 s", "2 h 5 min" (zh-TW: 毫秒, 秒, 分, 小時). */
export function formatDuration(ms: number | null, locale: Locale): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—'
  const zh = locale === 'zh-TW'
  const unit = { ms: zh ? ' 毫秒' : ' ms', s: zh ? ' 秒' : ' s', min: zh ? ' 分' : ' min', h: zh ? ' 小時' : ' h' }
  if (ms < 1000) return `${Math.round(ms)}${unit.ms}`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}${unit.s}`
  const totalSeconds = Math.round(ms / 1000)
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (hours > 0) return `${hours}${unit.h} ${minutes}${unit.min}`
  return `${minutes}${unit.min} ${seconds}${unit.s}`
}

/** Milliseconds between two ISO times, or null. */
export function elapsedMs(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null
  const delta = Date.parse(to) - Date.parse(from)
  return Number.isFinite(delta) && delta >= 0 ? delta : null
}
