/**
 * The one parser for every duration a command takes (probe --timeout / --total-timeout, analyze
 * --probe-timeout, collect and diagnose --timeout). A duration always carries its unit: "5" could mean
 * five seconds or five milliseconds, and taking it as milliseconds once turned a healthy domain into
 * "no A record" (every DNS query timed out after 5 ms). A bare number is refused with the accepted forms.
 */
import { labelColon, pick, text, type Locale, type Localized } from '../../src-shared/i18n/localized'
import { UsageError } from './cli-io'

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** The bounds one option accepts, in milliseconds. */
export interface DurationBounds {
  readonly minMs: number
  readonly maxMs: number
}

/** A probe step (one DNS query, connect, answer, handshake): under 100 ms measures the machine, not the peer. */
export const PROBE_STEP_BOUNDS: DurationBounds = { minMs: 100, maxMs: 600_000 }
/** The whole probe of one domain. */
export const PROBE_TOTAL_BOUNDS: DurationBounds = { minMs: 100, maxMs: 600_000 }
/** One collection command (a Lync cmdlet may take tens of seconds on a busy pool). */
export const COLLECTION_COMMAND_BOUNDS: DurationBounds = { minMs: 1_000, maxMs: 3_600_000 }

/** A duration and its unit, e.g. "5s", "1500ms", "2m", "1.5s". */
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/

/** "1500ms", "5s", "2m" for a number of milliseconds (the largest unit that divides it). */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1_000 === 0) return `${ms / 1_000}s`
  return `${ms}ms`
}

/** Parses a duration with its unit; throws UsageError (localized) for a bare number, an unknown form or a value out of bounds. */
export function parseDurationOption(value: string, flag: string, bounds: DurationBounds, locale: Locale = 'en'): number {
  const fail = (why: Localized): never => {
    throw new UsageError(`${flag} ${JSON.stringify(value)}${labelColon(locale)}${pick(why, locale)}`)
  }
  const trimmed = value.trim()
  const forms = `5s, 1500ms, 2m`
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    fail(
      text(
        `a duration needs its unit (${forms}); a bare number is refused because ${trimmed} could mean seconds or milliseconds.`,
        `時間長度必須加上單位（${forms}）；不接受單獨的數字，因為 ${trimmed} 可能是秒也可能是毫秒。`,
      ),
    )
  }
  const match = DURATION.exec(trimmed)
  const ms = match ? Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? NaN)) : NaN
  if (!match) fail(text(`expected a duration such as ${forms}.`, `預期為時間長度，例如 ${forms}。`))
  const range = `${formatDuration(bounds.minMs)}–${formatDuration(bounds.maxMs)}`
  if (!Number.isFinite(ms) || ms < bounds.minMs) {
    fail(
      text(
        `too small to be meaningful: at least ${formatDuration(bounds.minMs)} (accepted: ${range}).`,
        `太短而沒有意義：至少 ${formatDuration(bounds.minMs)}（可接受範圍：${range}）。`,
      ),
    )
  }
  if (ms > bounds.maxMs) fail(text(`at most ${formatDuration(bounds.maxMs)} (accepted: ${range}).`, `最多 ${formatDuration(bounds.maxMs)}（可接受範圍：${range}）。`))
  return ms
}
