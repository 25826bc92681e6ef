/**
 * The one way a time is shown to a person: "2026-11-20 01:30:00 UTC", or at an offset "2026-11-20 09:30:00 UTC+08:00".
 * Evidence is collected on one server and read on another, often in another zone (and a report travels to a
 * partner), so a time without its zone misleads. The same digits serve English and Traditional Chinese readers.
 */

/** Milliseconds in a minute. */
const MINUTE_MS = 60_000

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** "UTC", "UTC+08:00", "UTC-05:30" for an offset east of UTC in minutes. */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC'
  const sign = offsetMinutes > 0 ? '+' : '-'
  const abs = Math.abs(offsetMinutes)
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * `iso` as wall-clock time at `offsetMinutes` east of UTC (0 = UTC), with the zone: "2026-11-20 09:30:00 UTC+08:00".
 * "—" for null; the input unchanged when it is not a time (a value read from a file stays visible as it was).
 */
export function formatTimeAtOffset(iso: string | null | undefined, offsetMinutes: number): string {
  if (iso === null || iso === undefined || iso === '') return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const shifted = new Date(ms + offsetMinutes * MINUTE_MS)
  const date = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  return `${date} ${time} ${formatUtcOffset(offsetMinutes)}`
}

/** `iso` in UTC, with the zone: "2026-11-20 01:30:00 UTC" (CLI output and reports, read far from the server). */
export function formatTime(iso: string | null | undefined): string {
  return formatTimeAtOffset(iso, 0)
}

/** `iso` in this machine's zone at that moment, with the offset: "2026-11-20 09:30:00 UTC+08:00" (the desktop app). */
export function formatLocalTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  // getTimezoneOffset is minutes *west* of UTC, and depends on the date (daylight saving time).
  return formatTimeAtOffset(iso, -new Date(ms).getTimezoneOffset())
}
