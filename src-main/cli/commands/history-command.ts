/**
 * `xmpp-edge-doctor history list|show|diff|export|import|note|delete [--db <file>]`: the session history.
 * Exit codes: 0 done, 1 the history could not be used (newer schema, I/O), 2 bad input (unknown session,
 * bad option, unreadable import file).
 */
import { parseArgs } from '../parse-args'
import { addNoteToSession } from '../../store/session-recorder'
import { pick, text, type Locale } from '../../../src-shared/i18n/localized'
import { buildReportModel } from '../../../src-shared/report/report-model'
import { renderReportHtml } from '../../../src-shared/report/render-html'
import { renderReportJson } from '../../../src-shared/report/render-json'
import { renderReportMarkdown } from '../../../src-shared/report/render-markdown'
import { renderStatusLine } from '../../../src-shared/report/render-status-line'
import { renderPartnerMessage } from '../../../src-shared/report/render-partner-message'
import { renderSessionList, renderSnapshotDiffText } from '../../../src-shared/report/render-history-text'
import { formatTime } from '../../../src-shared/report/report-format'
import type { Verdict } from '../../../src-shared/result/diagnosis-result'
import { buildSessionReportInput, exportSession } from '../../report/export-session'
import { ReportWriteError } from '../../report/report-errors'
import { openHistoryDatabase, type OpenedHistory } from '../../store/open-database'
import { diffSessions, findChangesSinceHealthy, getSessionDetail, resolveSessionRow } from '../../store/session-details'
import { importSessionFromFile } from '../../store/session-file'
import { deleteSessionRow, listSessions, type SessionQuery } from '../../store/sessions'
import { HistoryStoreError, NotAHistoryDatabaseError, SessionFileError, SessionNotFoundError, SessionStateError } from '../../store/store-errors'
import { EXIT_BAD_INPUT, UsageError } from '../cli-io'
import { optionError } from '../option-error'
import { parseLocale } from '../common-options'

export interface HistoryIo {
  stdout(s: string): void
  stderr(s: string): void
}

export interface HistoryCommandOptions {
  readonly defaultDbPath: string
  readonly env?: NodeJS.ProcessEnv
  /** For PDF export: the browser to print with (default: search), null = none. */
  readonly browserPath?: string | null
}

export const HISTORY_USAGE = `usage: xmpp-edge-doctor history <command> [--db <file>] [--lang en|zh-TW]
  list    [--host H] [--verdict healthy|problems|incomplete|open] [--root-cause ID] [--since DATE] [--until DATE]
          [--search TEXT] [--limit N] [--offset N] [--json]
  show    <id> [--format md|html|json|status|partner] [--partner DOMAIN]
  diff    <id> [<other id>]   changes since the last healthy run of the host (or from <id> to <other id>) [--json]
  export  <id> <file> [--force] [--partner DOMAIN] [--redaction-map <file>]
          .xedsession = session file, .zip = redacted support bundle, .html .md .json .pdf .txt = report
  import  <file.xedsession>
  note    <id> <text>         add a note to a session (what you did, what the partner said)
  delete  <id> --yes`

const OPTIONS = {
  db: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean', default: false },
  host: { type: 'string' },
  verdict: { type: 'string' },
  'root-cause': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  search: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  format: { type: 'string' },
  partner: { type: 'string' },
  force: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'redaction-map': { type: 'string' },
} as const

type Values = ReturnType<typeof parseValues>['values']

function parseValues(args: readonly string[]) {
  return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true })
}

/** Runs one history subcommand; never throws. */
export async function runHistoryCommand(args: readonly string[], io: HistoryIo, options: HistoryCommandOptions): Promise<number> {
  const env = options.env ?? process.env
  let locale: Locale = 'en'
  let history: OpenedHistory | null = null
  try {
    const { values, positionals } = parseValues(args)
    locale = parseLocale(values.lang, env)
    const [sub, ...rest] = positionals
    if (sub === undefined || !SUBCOMMANDS.has(sub)) throw new UsageError(sub === undefined ? HISTORY_USAGE : `unknown history command "${sub}"\n${HISTORY_USAGE}`)
    // Only the app's own database may be moved aside when unusable; a --db file is the user's (notes.txt?).
    history = openHistoryDatabase({ path: values.db ?? options.defaultDbPath, unusableFile: values.db === undefined ? 'move-aside' : 'refuse' })
    for (const notice of history.notices) io.stderr(`xmpp-edge-doctor: ${pick(notice.message, locale)}\n`)
    return await SUBCOMMANDS.get(sub)!({ history, rest, values, locale, io, options })
  } catch (error) {
    return reportError(error, io, locale)
  } finally {
    history?.close()
  }
}

interface Context {
  readonly history: OpenedHistory
  readonly rest: readonly string[]
  readonly values: Values
  readonly locale: Locale
  readonly io: HistoryIo
  readonly options: HistoryCommandOptions
}

const SUBCOMMANDS = new Map<string, (context: Context) => Promise<number>>([
  ['list', async (c) => runList(c)],
  ['show', async (c) => runShow(c)],
  ['diff', async (c) => runDiff(c)],
  ['export', runExport],
  ['import', runImport],
  ['note', async (c) => runNote(c)],
  ['delete', async (c) => runDelete(c)],
])

function runList({ history, rest, values, locale, io }: Context): number {
  expectPositionals(rest, 0, 'list')
  const query: SessionQuery = {
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.verdict !== undefined ? { verdict: parseVerdict(values.verdict, locale) } : {}),
    ...(values['root-cause'] !== undefined ? { rootCause: values['root-cause'] } : {}),
    ...(values.since !== undefined ? { from: parseDate(values.since, '--since', locale) } : {}),
    ...(values.until !== undefined ? { to: parseDate(values.until, '--until', locale) } : {}),
    ...(values.search !== undefined ? { search: values.search } : {}),
    limit: parseCount(values.limit, '--limit', 50, 1, 500, locale),
    offset: parseCount(values.offset, '--offset', 0, 0, Number.MAX_SAFE_INTEGER, locale),
  }
  const page = listSessions(history.db, query)
  io.stdout(values.json ? `${JSON.stringify(page, null, 2)}\n` : renderSessionList(page, query.offset ?? 0, locale))
  return 0
}

function runShow({ history, rest, values, locale, io }: Context): number {
  expectPositionals(rest, 1, 'show <id>')
  const session = getSessionDetail(history.db, rest[0]!)
  const input = buildSessionReportInput(history.db, session, locale)
  const format = values.json ? 'json' : (values.format ?? 'md')
  const model = (): ReturnType<typeof buildReportModel> => buildReportModel(input)
  const renderers: Record<string, () => string> = {
    md: () => renderReportMarkdown(model()),
    html: () => renderReportHtml(model()),
    json: () => renderReportJson(input),
    status: () => `${renderStatusLine(model())}\n`,
    partner: () => renderPartnerMessage(model(), values.partner ? { partnerDomain: values.partner } : {}),
  }
  const render = renderers[format]
  if (!render) throw optionError(`--format ${JSON.stringify(format)}`, text('use md, html, json, status or partner', '請使用 md、html、json、status 或 partner'), locale)
  io.stdout(render())
  return 0
}

function runDiff({ history, rest, values, locale, io }: Context): number {
  if (rest.length !== 1 && rest.length !== 2) throw new UsageError('usage: xmpp-edge-doctor history diff <id> [<other id>]')
  if (rest.length === 2) {
    const [a, b] = [resolveSessionRow(history.db, rest[0]!), resolveSessionRow(history.db, rest[1]!)]
    const diff = diffSessions(history.db, a.id, b.id)
    if (!diff) return fail(io, locale, text('One of the two sessions has no configuration snapshot (no evidence was recorded).', '兩個工作階段之一沒有設定快照（未記錄證據）。'))
    const heading = pick(text(`Changes on ${b.host ?? '—'} from session ${a.id} (${formatTime(new Date(a.started_at).toISOString())}) to session ${b.id} (${formatTime(new Date(b.started_at).toISOString())}):`, `${b.host ?? '—'} 從工作階段 ${a.id}（${formatTime(new Date(a.started_at).toISOString())}）到工作階段 ${b.id}（${formatTime(new Date(b.started_at).toISOString())}）的變更：`), locale)
    io.stdout(values.json ? `${JSON.stringify({ before: a.uid, after: b.uid, ...diff }, null, 2)}\n` : renderSnapshotDiffText(diff, heading, locale))
    return 0
  }
  const session = getSessionDetail(history.db, rest[0]!)
  const changes = findChangesSinceHealthy(history.db, session)
  if (!changes) {
    const why = session.snapshot
      ? text(`No earlier healthy run of ${session.host ?? 'this host'} is in the history, so there is nothing to compare with.`, `歷程中沒有 ${session.host ?? '此主機'} 較早的正常執行紀錄，因此無從比較。`)
      : text(`Session ${session.id} has no configuration snapshot (no evidence was recorded).`, `工作階段 ${session.id} 沒有設定快照（未記錄證據）。`)
    if (values.json) io.stdout(`${JSON.stringify({ baseline: null, changes: [], notComparable: [], reason: why.en }, null, 2)}\n`)
    else io.stdout(`${pick(why, locale)}\n`)
    return 0
  }
  const heading = pick(text(`Changes on ${session.host} since the healthy run of ${formatTime(changes.baseline.startedAt)} (session ${changes.baseline.id}):`, `${session.host} 自 ${formatTime(changes.baseline.startedAt)} 的正常執行（工作階段 ${changes.baseline.id}）以來的變更：`), locale)
  io.stdout(values.json ? `${JSON.stringify({ baseline: changes.baseline, ...changes.diff }, null, 2)}\n` : renderSnapshotDiffText(changes.diff, heading, locale))
  return 0
}

async function runExport({ history, rest, values, locale, io, options }: Context): Promise<number> {
  expectPositionals(rest, 2, 'export <id> <file>')
  const outcome = await exportSession(history.db, rest[0]!, rest[1]!, {
    locale,
    overwrite: values.force,
    ...(values['redaction-map'] !== undefined ? { redactionMapPath: values['redaction-map'] } : {}),
    ...(options.browserPath !== undefined ? { browserPath: options.browserPath } : {}),
  })
  const wrote = pick(text(`Wrote ${outcome.path}`, `已寫入 ${outcome.path}`), locale)
  io.stdout(`${wrote}${outcome.note ? `\n${pick(outcome.note, locale)}` : ''}\n`)
  return 0
}

async function runImport({ history, rest, locale, io }: Context): Promise<number> {
  expectPositionals(rest, 1, 'import <file>')
  const imported = await importSessionFromFile(history.db, rest[0]!)
  io.stdout(`${pick(text(`Imported session ${imported.uid} as ${imported.sessionId}.`, `已匯入工作階段 ${imported.uid}，編號 ${imported.sessionId}。`), locale)}\n`)
  return 0
}

function runNote({ history, rest, locale, io }: Context): number {
  if (rest.length < 2) throw new UsageError('usage: xmpp-edge-doctor history note <id> <text>')
  const row = resolveSessionRow(history.db, rest[0]!)
  // The words after the id are the note, so an unquoted sentence is taken whole.
  const noteId = addNoteToSession(history.db, row.id, rest.slice(1).join(' '))
  io.stdout(`${pick(text(`Added note ${noteId} to session ${row.id}.`, `已在工作階段 ${row.id} 加入備註 ${noteId}。`), locale)}\n`)
  return 0
}

function runDelete({ history, rest, values, locale, io }: Context): number {
  expectPositionals(rest, 1, 'delete <id> --yes')
  const row = resolveSessionRow(history.db, rest[0]!)
  const what = `${row.id} (${row.host ?? '—'}, ${formatTime(new Date(row.started_at).toISOString())})`
  if (!values.yes) {
    return fail(io, locale, text(`This deletes session ${what} with its evidence, actions and notes. Run again with --yes to delete it.`, `這會刪除工作階段 ${what} 及其證據、動作與備註。若確定要刪除，請加上 --yes 再執行一次。`))
  }
  deleteSessionRow(history.db, row.id)
  io.stdout(`${pick(text(`Deleted session ${what}.`, `已刪除工作階段 ${what}。`), locale)}\n`)
  return 0
}

function expectPositionals(rest: readonly string[], count: number, usage: string): void {
  if (rest.length !== count) throw new UsageError(`usage: xmpp-edge-doctor history ${usage}`)
}

function parseVerdict(value: string, locale: Locale): Verdict | 'open' {
  if (value === 'healthy' || value === 'problems' || value === 'incomplete' || value === 'open') return value
  throw optionError(`--verdict ${JSON.stringify(value)}`, text('use healthy, problems, incomplete or open', '請使用 healthy、problems、incomplete 或 open'), locale)
}

function parseDate(value: string, flag: string, locale: Locale): Date {
  // A bare date means midnight UTC, the same zone the list shows.
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(ms)) {
    throw optionError(`${flag} ${JSON.stringify(value)}`, text('expected a date like 2026-11-20 or 2026-11-20T09:30:00Z', '應為日期，例如 2026-11-20 或 2026-11-20T09:30:00Z'), locale)
  }
  return new Date(ms)
}

function parseCount(value: string | undefined, flag: string, fallback: number, min: number, max: number, locale: Locale): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw optionError(`${flag} ${JSON.stringify(value)}`, text(`expected a whole number from ${min} to ${max}`, `應為 ${min} 到 ${max} 之間的整數`), locale)
  }
  return n
}

function fail(io: HistoryIo, locale: Locale, message: ReturnType<typeof text>): number {
  io.stderr(`xmpp-edge-doctor history: ${pick(message, locale)}\n`)
  return EXIT_BAD_INPUT
}

function reportError(error: unknown, io: HistoryIo, locale: Locale): number {
  const code = (error as { code?: string } | null)?.code ?? ''
  if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`xmpp-edge-doctor history: ${(error as Error).message}\n`)
    return EXIT_BAD_INPUT
  }
  if (error instanceof SessionNotFoundError || error instanceof SessionFileError || error instanceof SessionStateError || error instanceof NotAHistoryDatabaseError) {
    io.stderr(`xmpp-edge-doctor history: ${pick(error.localized, locale)}\n`)
    return EXIT_BAD_INPUT
  }
  if (error instanceof HistoryStoreError || error instanceof ReportWriteError) {
    io.stderr(`xmpp-edge-doctor history: ${pick(error.localized, locale)}\n`)
    // An existing target or an unknown extension is the user's choice of name: bad input.
    const badInput = error instanceof ReportWriteError && (error.failure === 'exists' || error.failure === 'format')
    return badInput ? EXIT_BAD_INPUT : 1
  }
  io.stderr(`xmpp-edge-doctor history: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return 1
}
