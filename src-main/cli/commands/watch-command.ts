/**
 * `xmpp-edge-doctor watch <folder|zip> [--interval 30s] [--max 30m] [--json]` and `watch --live --domain D`:
 * re-reads the evidence a scheduled collector keeps rewriting (or re-collects on this server) and diagnoses each
 * poll, printing only what changed, until the server is healthy (exit 0) or --max is reached (exit 1). Ctrl-C
 * stops it cleanly (exit 1: not proven healthy). With --record/--db the watch is one session in the history:
 * the last diagnosis, with the poll timeline as a note.
 */
import { diagnose } from '../../../src-shared/diagnose'
import { parseEvidence } from '../../../src-shared/evidence/parse-evidence'
import type { RawEvidenceFiles } from '../../../src-shared/evidence/evidence-model'
import { pick, text, type Locale } from '../../../src-shared/i18n/localized'
import { formatElapsed, verdictLine } from '../../../src-shared/watch/poll-changes'
import { formatTime } from '../../../src-shared/text/format-time'
import { optionError } from '../option-error'
import { readSettledEvidence } from '../../watch/read-settled-evidence'
import { timelineNote } from '../../watch/timeline-note'
import { watchUntilHealthy, type PollEvent, type PollOutcome, type WatchOutcome } from '../../watch/watch-until-healthy'
import { EXIT_HEALTHY, EXIT_PROBLEMS, UsageError, type CliIo } from '../cli-io'
import { parseDomains, parseLocale } from '../common-options'
import { formatDuration, parseDurationOption, type DurationBounds } from '../duration-option'
import { parseArgs } from '../parse-args'
import { recordAndReport } from '../record-and-report'
import { toTerminalText } from '../render-human'
import { historyPathFrom } from './analyze-command'

export const WATCH_USAGE =
  'usage: xmpp-edge-doctor watch <evidence folder|zip> [--interval 30s] [--max 30m] [--domain D]... [--partner P]... [--json] [--lang en|zh-TW] [--record | --db <file>]\n' +
  '       xmpp-edge-doctor watch --live --domain D [--interval 30s] [--max 30m] [--timeout 2m] ...'

const WATCH_OPTIONS = {
  interval: { type: 'string', default: '30s' },
  max: { type: 'string', default: '30m' },
  live: { type: 'boolean', default: false },
  domain: { type: 'string', multiple: true },
  partner: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  record: { type: 'boolean', default: false },
  db: { type: 'string' },
} as const

/** A collector run takes a minute or more on a busy pool; polling faster only re-reads the same files. */
const INTERVAL_BOUNDS: DurationBounds = { minMs: 1_000, maxMs: 3_600_000 }
const MAX_BOUNDS: DurationBounds = { minMs: 1_000, maxMs: 7 * 24 * 3_600_000 }
/** A half-written folder is read again this many times, this far apart, before the poll gives up. */
const SETTLE_RETRIES = 3
const SETTLE_DELAY_MS = 2_000

/** What the command needs from the outside world; tests pass a fake clock, pause and live collector. */
export interface WatchCommandDependencies {
  readonly now: () => Date
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
  /** Resolves when the user asks to stop (Ctrl-C); tests trigger it themselves. */
  readonly onInterrupt: (stop: () => void) => () => void
  /** Live polling (`--live`): one collection on this server, as `collect` does it. */
  readonly collectLive: (domains: readonly string[], timeoutMs: number | undefined) => Promise<{ files: RawEvidenceFiles }>
}

const defaultDependencies: WatchCommandDependencies = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      signal.addEventListener('abort', done, { once: true })
    }),
  onInterrupt: (stop) => {
    process.once('SIGINT', stop)
    return () => process.removeListener('SIGINT', stop)
  },
  collectLive: async (domains, timeoutMs) => {
    // PowerShell loads only for --live.
    const [{ collectLive, DEFAULT_COMMAND_TIMEOUT_MS }, { createNodePowerShellSession }, { APP_VERSION }] = await Promise.all([
      import('../../collection/live-collector'),
      import('../../powershell/node-powershell-session'),
      import('../app-version'),
    ])
    return collectLive(() => createNodePowerShellSession(), { domains, timeoutPerCommandMs: timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS, appVersion: APP_VERSION })
  },
}

export async function runWatchCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps = defaultDependencies): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: WATCH_OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (values.live ? positionals.length !== 0 : positionals.length !== 1) throw new UsageError(WATCH_USAGE)
  const intervalMs = parseDurationOption(values.interval, '--interval', INTERVAL_BOUNDS, locale)
  const maxMs = parseDurationOption(values.max, '--max', MAX_BOUNDS, locale)
  const domains = parseDomains(values.domain, locale, '--domain')
  const partners = parseDomains(values.partner, locale, '--partner')
  if (values.live && domains.length === 0) throw optionError('watch --live', text('give our XMPP domain with --domain D', '請以 --domain D 指定我方的 XMPP 網域'), locale)
  const timeoutMs = values.timeout === undefined ? undefined : parseDurationOption(values.timeout, '--timeout', { minMs: 1_000, maxMs: 3_600_000 }, locale)
  if (!values.live && values.timeout !== undefined) {
    throw optionError('--timeout', text('only with --live (it bounds each collection command)', '只能與 --live 一起使用（它限制每個收集命令的時間）'), locale)
  }

  const watched = positionals[0]
  const controller = new AbortController()
  const poll = async (): Promise<PollOutcome> => {
    const startedAt = deps.now()
    if (values.live) {
      const collected = await deps.collectLive(domains, timeoutMs)
      const parsed = parseEvidence(collected.files, { partners })
      return { kind: 'diagnosed', result: diagnose({ evidence: parsed.evidence, domains, partners, source: 'live', startedAt }), evidence: parsed.evidence, files: collected.files }
    }
    const read = await readSettledEvidence(watched!, { retries: SETTLE_RETRIES, retryDelayMs: SETTLE_DELAY_MS, sleep: (ms) => deps.sleep(ms, controller.signal), partners })
    if (read.kind === 'unsettled') return { kind: 'unreadable', reason: read.reason }
    const source = read.path.toLowerCase().endsWith('.zip') ? 'evidence-zip' : 'evidence-folder'
    return { kind: 'diagnosed', result: diagnose({ evidence: read.parsed.evidence, domains, partners, source, startedAt }), evidence: read.parsed.evidence, files: read.files }
  }

  const release = deps.onInterrupt(() => controller.abort())
  if (!values.json) {
    const what = values.live ? pick(text('this server (live collection)', '此伺服器（即時收集）'), locale) : watched!
    io.stderr(
      `xmpp-edge-doctor: ${pick(text(`watching ${what} every ${formatDuration(intervalMs)} for up to ${formatDuration(maxMs)} (Ctrl-C stops)`, `監看 ${what}，每 ${formatDuration(intervalMs)} 一次，最長 ${formatDuration(maxMs)}（Ctrl-C 可停止）`), locale)}\n`,
    )
  }
  let outcome: WatchOutcome
  try {
    outcome = await watchUntilHealthy(
      { poll, now: deps.now, sleep: deps.sleep, signal: controller.signal },
      { intervalMs, maxMs, onPoll: (event) => printPoll(event, io, locale, values.json) },
    )
  } finally {
    release()
  }
  printEnding(outcome, io, locale, values.json)
  const last = outcome.last
  if (last) {
    const failed = await recordAndReport(
      {
        result: last.result,
        files: last.files,
        evidence: last.evidence,
        locale,
        dbPath: historyPathFrom(values, env),
        reportPath: null,
        overwrite: false,
        notes: [timelineNote(outcome, locale)],
      },
      io,
    )
    if (failed !== null) return failed
  }
  return outcome.ending === 'healthy' ? EXIT_HEALTHY : EXIT_PROBLEMS
}

/** One poll: the opening verdict, then only the changes (nothing for a poll where nothing changed). */
function printPoll(event: PollEvent, io: CliIo, locale: Locale, json: boolean): void {
  const at = event.at.toISOString()
  if (json) {
    const base = { format: 'xmpp-edge-doctor/watch-poll', version: 1, at, poll: event.index }
    const body =
      event.outcome.kind === 'unreadable'
        ? { unreadable: event.outcome.reason }
        : { verdict: event.outcome.result.verdict, rootCause: event.outcome.result.rootCause?.checkId ?? null, changes: event.changes.map((c) => ({ kind: c.kind, text: c.text })) }
    io.stdout(`${JSON.stringify({ ...base, ...body })}\n`)
    return
  }
  // A person reads the time: with its zone spelled out (the JSON keeps the ISO form).
  const shown = formatTime(at)
  const lines: string[] = []
  if (event.outcome.kind === 'unreadable') {
    lines.push(`${shown}  ? ${pick(text('evidence not readable this time: ', '此次無法讀取證據：'), locale)}${pick(event.outcome.reason, locale)}`)
  } else if (event.first) {
    lines.push(`${shown}  ${pick(verdictLine({ verdict: event.outcome.result.verdict, rootCause: event.outcome.result.rootCause?.title ?? null }), locale)}`)
  } else {
    for (const change of event.changes) lines.push(`${shown}  ${pick(change.text, locale)}`)
  }
  if (lines.length > 0) io.stdout(toTerminalText(lines))
}

function printEnding(outcome: WatchOutcome, io: CliIo, locale: Locale, json: boolean): void {
  const elapsedMs = outcome.endedAt.getTime() - outcome.startedAt.getTime()
  if (json) {
    io.stdout(
      `${JSON.stringify({
        format: 'xmpp-edge-doctor/watch-result',
        version: 1,
        ending: outcome.ending,
        healthy: outcome.ending === 'healthy',
        startedAt: outcome.startedAt.toISOString(),
        endedAt: outcome.endedAt.toISOString(),
        elapsedMs,
        polls: outcome.polls,
        timeline: outcome.timeline,
      })}\n`,
    )
    return
  }
  const elapsed = formatElapsed(elapsedMs, locale)
  const line =
    outcome.ending === 'healthy'
      ? text(`Healthy: recovered after ${elapsed} (${outcome.polls} polls).`, `已恢復正常：歷時 ${elapsed}（${outcome.polls} 次輪詢）。`)
      : outcome.ending === 'max-reached'
        ? text(`Not healthy after ${elapsed} (${outcome.polls} polls): the --max limit was reached.`, `歷時 ${elapsed}（${outcome.polls} 次輪詢）仍未恢復：已達 --max 上限。`)
        : text(`Stopped after ${elapsed} (${outcome.polls} polls); not proven healthy.`, `已在 ${elapsed}（${outcome.polls} 次輪詢）後停止；尚未確認恢復正常。`)
  io.stdout(toTerminalText([pick(line, locale)]))
}
