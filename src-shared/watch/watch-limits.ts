/**
 * The bounds of the app's "Watch until healthy" settings, in one place for the payload schema (main process), the
 * inputs and the check before asking (renderer). As the CLI's watch: a collector run takes a minute or more, so
 * polling faster than every 5 s only re-reads the same files, and a watch outlasting a day is forgotten.
 */
import { text, type Localized } from '../i18n/localized'

export const WATCH_INTERVAL_SECONDS = { min: 5, max: 3600, default: 30 } as const
export const WATCH_MAX_MINUTES = { min: 1, max: 24 * 60, default: 120 } as const

function within(value: number, bounds: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max
}

/** Null when both settings are whole numbers within their bounds, else what to fix, in both languages. */
export function watchSettingsProblem(intervalSeconds: number, maxMinutes: number): Localized | null {
  if (!within(intervalSeconds, WATCH_INTERVAL_SECONDS)) {
    const { min, max } = WATCH_INTERVAL_SECONDS
    return text(
      `The interval must be a whole number of seconds from ${min} to ${max}.`,
      `間隔必須是 ${min} 到 ${max} 之間的整數秒數。`,
    )
  }
  if (!within(maxMinutes, WATCH_MAX_MINUTES)) {
    const { min, max } = WATCH_MAX_MINUTES
    return text(
      `The watch must stop after a whole number of minutes from ${min} to ${max} (24 hours).`,
      `監看的時間上限必須是 ${min} 到 ${max} 之間的整數分鐘數（24 小時）。`,
    )
  }
  return null
}
