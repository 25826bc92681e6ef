/** The one time formatter: every time shown to a person carries its zone, in English and Traditional Chinese alike. */
import { describe, expect, it } from 'vitest'
import { formatLocalTime, formatTime, formatTimeAtOffset, formatUtcOffset } from '../../src-shared/text/format-time'

describe('formatTime', () => {
  it('writes UTC times with the zone, without milliseconds', () => {
    expect(formatTime('2026-11-20T01:30:00.123Z')).toBe('2026-11-20 01:30:00 UTC')
    // An offset in the input is honoured: the same instant.
    expect(formatTime('2026-11-20T09:30:00+08:00')).toBe('2026-11-20 01:30:00 UTC')
  })

  it('shifts the wall clock to an offset and names it', () => {
    expect(formatTimeAtOffset('2026-11-19T17:30:00Z', 480)).toBe('2026-11-20 01:30:00 UTC+08:00')
    expect(formatTimeAtOffset('2026-11-20T01:30:00Z', -330)).toBe('2026-11-19 20:00:00 UTC-05:30')
    expect(formatUtcOffset(0)).toBe('UTC')
    expect(formatUtcOffset(-600)).toBe('UTC-10:00')
  })

  it('shows the local time with the offset that applied on that date', () => {
    const iso = '2026-07-01T12:00:00Z'
    const offset = -new Date(iso).getTimezoneOffset()
    expect(formatLocalTime(iso)).toBe(formatTimeAtOffset(iso, offset))
    expect(formatLocalTime(iso)).toMatch(/ UTC([+-]\d{2}:\d{2})?$/)
  })

  it('keeps a value that is not a time visible as it was, and a dash for nothing', () => {
    expect(formatTime('not a time')).toBe('not a time')
    expect(formatTime(null)).toBe('—')
    expect(formatLocalTime(undefined)).toBe('—')
  })
})
