/**
 * `collect` and `diagnose`: live collection on this server through one PowerShell session (Windows, with the
 * Lync/SfB module). `collect` writes the evidence folder for `analyze` elsewhere; `diagnose` analyzes at once.
 * Both only read: nothing here changes the server.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from '../parse-args'
import { diagnose } from '../../../src-shared/diagnose'
import { parseEvidence } from '../../../src-shared/evidence/parse-evidence'
import { pick, text, type Locale } from '../../../src-shared/i18n/localized'
import { optionError } from '../option-error'
import type { CollectorRole } from '../../../src-shared/collection/evidence-commands'
import {
  CollectionCancelledError,
  CollectionInputError,
  DEFAULT_COMMAND_TIMEOUT_MS,
  collectLive,
  type LiveCollection,
} from '../../collection/live-collector'
import { createNodePowerShellSession } from '../../powershell/node-powershell-session'
import { PowerShellError, type PowerShellSessionFactory } from '../../powershell/powershell-session'
import { writeEvidenceFolder } from '../../evidence-io/write-evidence-folder'
import { evidenceFolderName } from '../../evidence-io/evidence-folder-name'
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_UNAVAILABLE, UsageError, type CliIo } from '../cli-io'
import { parseAnswers, parseDomains, parseLocale } from '../common-options'
import { checkReportOption } from '../report-option'
import { historyPathFrom, printResult } from './analyze-command'
import { recordAndReport } from '../record-and-report'
import { APP_VERSION } from '../app-version'
import { COLLECTION_COMMAND_BOUNDS, parseDurationOption } from '../duration-option'

export const COLLECT_USAGE = 'usage: xmpp-edge-doctor collect --domain D [--domain D2] [--output DIR] [--role Edge|FrontEnd] [--timeout 2m] [--event-days N]'

export const DIAGNOSE_USAGE = 'usage: xmpp-edge-doctor diagnose --domain D [--partner P] [--answer node=answer] [--json] [--role Edge|FrontEnd] [--timeout 2m] [--event-days N] [--output DIR] [--report FILE [--force]] [--record | --db FILE]'

const LIVE_OPTIONS = {
  domain: { type: 'string', multiple: true },
  partner: { type: 'string', multiple: true },
  answer: { type: 'string', multiple: true },
  role: { type: 'string' },
  timeout: { type: 'string' },
  'event-days': { type: 'string' },
  output: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  report: { type: 'string' },
  force: { type: 'boolean', default: false },
  record: { type: 'boolean', default: false },
  db: { type: 'string' },
} as const

/** How the live commands start PowerShell; tests pass a factory that starts the fake shell. */
export interface LiveDependencies {
  readonly createSession: PowerShellSessionFactory
  readonly now: () => Date
}

const defaultDependencies: LiveDependencies = { createSession: () => createNodePowerShellSession(), now: () => new Date() }

function parseRole(value: string | undefined, locale: Locale): CollectorRole | undefined {
  if (value === undefined) return undefined
  if (value !== 'Edge' && value !== 'FrontEnd') throw optionError(`--role ${JSON.stringify(value)}`, text('use Edge or FrontEnd', '請使用 Edge 或 FrontEnd'), locale)
  return value
}

function parseTimeoutMs(value: string | undefined, locale: Locale): number {
  // With its unit, like every duration (duration-option.ts): "30s", "2m".
  return value === undefined ? DEFAULT_COMMAND_TIMEOUT_MS : parseDurationOption(value, '--timeout', COLLECTION_COMMAND_BOUNDS, locale)
}

/** `--event-days N`: days of the "Lync Server" event log (1-365, default 7), like the script's -EventDays. */
function parseEventDays(value: string | undefined, locale: Locale): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 365) {
    throw optionError(`--event-days ${JSON.stringify(value)}`, text('a whole number of days from 1 to 365', '應為 1 到 365 之間的整數天數'), locale)
  }
  return Number(value)
}

/** Runs the collection with progress on stderr; maps the collector's typed errors to one line each. */
async function collectWithProgress(
  args: { domains: string[]; role: CollectorRole | undefined; timeoutMs: number; eventDays?: number | undefined },
  io: CliIo,
  locale: Locale,
  deps: LiveDependencies,
): Promise<LiveCollection | number> {
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  try {
    return await collectLive(deps.createSession, {
      domains: args.domains,
      role: args.role,
      timeoutPerCommandMs: args.timeoutMs,
      ...(args.eventDays === undefined ? {} : { eventDays: args.eventDays }),
      signal: controller.signal,
      appVersion: APP_VERSION,
      onProgress: (p) => {
        if (p.state === 'running') return
        const mark = p.state === 'ok' ? '✓' : p.state === 'skipped' ? '-' : '✗'
        io.stderr(`  [${mark}] ${p.file}${p.durationMs !== null ? ` (${Math.round(p.durationMs)} ms)` : ''}${p.error ? `: ${p.error}` : ''}\n`)
      },
    })
  } catch (error) {
    if (error instanceof CollectionInputError) {
      io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}\n`)
      return EXIT_BAD_INPUT
    }
    if (error instanceof CollectionCancelledError) {
      io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}\n`)
      return EXIT_BAD_INPUT
    }
    if (error instanceof PowerShellError) {
      const hint =
        error.kind === 'unavailable'
          ? locale === 'zh-TW'
            ? ' 即時收集需在安裝了 Lync/商務用 Skype 管理命令介面的 Windows 伺服器上執行；其他地方請使用 assets/Collect-XmppEvidence.ps1 與 analyze。'
            : ' Live collection runs on the Windows server with the Lync/Skype for Business Management Shell; elsewhere use assets/Collect-XmppEvidence.ps1 and analyze.'
          : ''
      io.stderr(`xmpp-edge-doctor: ${pick(error.localized, locale)}${hint}\n`)
      // PowerShell missing is not the user's input: it cannot run here (exit 3); other failures of the session are.
      return error.kind === 'unavailable' ? EXIT_UNAVAILABLE : EXIT_BAD_INPUT
    }
    throw error
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

/** `collect --domain D [--output DIR] [--role Edge|FrontEnd] [--timeout SECONDS] [--event-days N]` */
export async function runCollectCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps = defaultDependencies): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: LIVE_OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (positionals.length > 0) throw new UsageError(COLLECT_USAGE)
  const domains = parseDomains(values.domain, locale, '--domain')
  const collected = await collectWithProgress(
    { domains, role: parseRole(values.role, locale), timeoutMs: parseTimeoutMs(values.timeout, locale), eventDays: parseEventDays(values['event-days'], locale) },
    io,
    locale,
    deps,
  )
  if (typeof collected === 'number') return collected
  const output = values.output ?? join(process.cwd(), evidenceFolderName(collected.manifest.host, deps.now()))
  if (existsSync(join(output, 'manifest.json'))) {
    const holds = text(`${output} already holds evidence; choose another --output (nothing is overwritten)`, `${output} 已有證據；請選擇另一個 --output（不會覆寫任何檔案）`)
    io.stderr(`xmpp-edge-doctor: ${pick(holds, locale)}\n`)
    return EXIT_BAD_INPUT
  }
  await writeEvidenceFolder(output, collected.files)
  io.stdout(`${output}\n`)
  return EXIT_HEALTHY
}

/** `diagnose --domain D [--partner P] [--answer node=answer] [--json]`: collect live, then analyze. */
export async function runDiagnoseCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, deps = defaultDependencies): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: LIVE_OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (positionals.length > 0) throw new UsageError(DIAGNOSE_USAGE)
  const domains = parseDomains(values.domain, locale, '--domain')
  const partners = parseDomains(values.partner, locale, '--partner')
  const answers = parseAnswers(values.answer, locale)
  checkReportOption(values.report, values.force, locale)
  const startedAt = deps.now()
  const collected = await collectWithProgress(
    { domains, role: parseRole(values.role, locale), timeoutMs: parseTimeoutMs(values.timeout, locale), eventDays: parseEventDays(values['event-days'], locale) },
    io,
    locale,
    deps,
  )
  if (typeof collected === 'number') return collected
  if (values.output) await writeEvidenceFolder(values.output, collected.files)
  const parsed = parseEvidence(collected.files, { partners })
  const result = diagnose({ evidence: parsed.evidence, domains, partners, answers, source: 'live', startedAt })
  const code = printResult(result, io, { json: values.json, locale, verbose: values.verbose })
  const failed = await recordAndReport(
    { result, files: collected.files, evidence: parsed.evidence, locale, dbPath: historyPathFrom(values, env), reportPath: values.report ?? null, overwrite: values.force },
    io,
  )
  return failed ?? code
}
