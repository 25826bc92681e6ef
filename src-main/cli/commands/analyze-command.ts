/**
 * `xmpp-edge-doctor analyze <folder|zip> [--domain D] [--partner P] [--answer node=answer] [--json] [--lang en|zh-TW]
 *  [--probe [--dns-server ip[:port]]... [--ca-file F]... [--probe-timeout 5s] [--connect host[:port]]]`
 * Reads an evidence folder or zip collected elsewhere, runs the checks and walks the tree. With --probe it also
 * probes our domains and the partners live, so the s2s-* checks and the tree's probe nodes run beside the evidence.
 */
import { parseArgs } from '../parse-args'
import { diagnose } from '../../../src-shared/diagnose'
import { parseEvidence } from '../../../src-shared/evidence/parse-evidence'
import { describeCut } from '../../../src-shared/diagnostics/evidence-access'
import type { DiagnosisResult } from '../../../src-shared/result/diagnosis-result'
import { readEvidence } from '../../evidence-io/read-evidence'
import { isEvidenceInputError } from '../../evidence-io/evidence-input-error'
import { evidenceSetsOverLimit } from '../../evidence-io/evidence-sets-limit'
import { EXIT_BAD_INPUT, EXIT_HEALTHY, EXIT_PROBLEMS, UsageError, type CliIo } from '../cli-io'
import { parseAnswers, parseDomains, parseLocale } from '../common-options'
import { checkReportOption } from '../report-option'
import { renderHuman } from '../render-human'
import { toJsonOutput } from '../json-output'
import { renderChecklist } from '../render-checklist'
import type { FileDiagnostic } from '../../../src-shared/evidence/parse-evidence'
import { ProbeOptionsError } from '../../probe/probe-options-error'
import type { ProbeBesideEvidence, ProbeBesideEvidenceOptions } from '../probe-beside-evidence'
import { parseConnect } from '../connect-option'
import { parseDurationOption, PROBE_STEP_BOUNDS } from '../duration-option'
import { CLIENT_CERT_OPTIONS, clientCertificateFrom, DEFAULT_MACHINE_STORE } from '../client-cert-option'
import { text, type Locale } from '../../../src-shared/i18n/localized'
import { optionError } from '../option-error'
import { recordAndReport } from '../record-and-report'
import { filesOfAllSets, setLabel } from '../../../src-shared/evidence-sets/recorded-set-files'
import { defaultHistoryPath } from '../../store/default-history-path'

/**
 * A broken file never stops the analysis (the rest is still shown and its checks say "not verified"), but the
 * command must not look like a clean run: each broken file gets one stderr line and the exit code is at least 1
 * (not everything could be verified; 2 is kept for input that cannot be read at all).
 */
function reportUnreadableFiles(diagnostics: readonly FileDiagnostic[], io: CliIo, locale: 'en' | 'zh-TW'): boolean {
  // A file a reading cap cut is read, not broken: one notice line, the checks reading it say "not verified".
  for (const d of diagnostics) if (d.cut) io.stderr(`xmpp-edge-doctor: ${describeCut(d.file, d.cut)[locale]}\n`)
  const broken = diagnostics.filter((d) => d.state === 'unparseable')
  for (const d of broken) io.stderr(`xmpp-edge-doctor: ${d.file}: ${d.message ? d.message[locale] : d.error}\n`)
  return broken.length > 0
}

export const ANALYZE_USAGE =
  'usage: xmpp-edge-doctor analyze <evidence folder|zip> [<more evidence: e.g. the Front End beside the Edge>]... [--domain D]... [--partner P]... [--answer node=answer]... [--json] [--lang en|zh-TW] [--verbose] [--checklist] [--report <file.html|.md|.json|.pdf|.txt> [--force]] [--record | --db <file>] ' +
  '[--probe [--ours-only] [--dns-server ip[:port]]... [--ca-file <pem>]... [--probe-timeout 5s] [--connect host[:port]] [--source <local ip>] [--client-cert <pfx|pem> [--client-cert-password-env VAR] | --client-cert-thumbprint <sha1>]]'

/** Options every evidence-consuming command accepts (analyze, demo). */
export const RESULT_OPTIONS = {
  domain: { type: 'string', multiple: true },
  partner: { type: 'string', multiple: true },
  answer: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  checklist: { type: 'boolean', default: false },
  report: { type: 'string' },
  force: { type: 'boolean', default: false },
  record: { type: 'boolean', default: false },
  db: { type: 'string' },
} as const

/** The history file to record into: --db wins, --record means the default file, neither means none. */
export function historyPathFrom(values: { readonly db?: string; readonly record?: boolean }, env: NodeJS.ProcessEnv): string | null {
  if (values.db !== undefined) return values.db
  return values.record ? defaultHistoryPath(env, process.platform) : null
}

/** analyze's own options: the shared ones plus the live probe beside the evidence. */
const ANALYZE_OPTIONS = {
  ...RESULT_OPTIONS,
  probe: { type: 'boolean', default: false },
  'dns-server': { type: 'string', multiple: true },
  'ca-file': { type: 'string', multiple: true },
  'probe-timeout': { type: 'string' },
  connect: { type: 'string' },
  'ours-only': { type: 'boolean', default: false },
  source: { type: 'string' },
  ...CLIENT_CERT_OPTIONS,
} as const

/** The probe options, checked before any file is read; null without --probe (then no probe option may be given). */
function probeOptionsFrom(
  values: {
    readonly probe?: boolean
    readonly 'dns-server'?: readonly string[]
    readonly 'ca-file'?: readonly string[]
    readonly 'probe-timeout'?: string
    readonly connect?: string
    readonly source?: string
    readonly 'client-cert'?: string
    readonly 'client-cert-password-env'?: string
    readonly 'client-cert-thumbprint'?: string
  },
  locale: Locale,
): ProbeBesideEvidenceOptions | null {
  if (!values.probe) {
    const flags = ['dns-server', 'ca-file', 'probe-timeout', 'connect', 'source', 'client-cert', 'client-cert-password-env', 'client-cert-thumbprint'] as const
    const given = flags.filter((flag) => values[flag] !== undefined)
    if (given.length > 0) throw optionError(given.map((flag) => `--${flag}`).join(', '), text('only with --probe', '只能與 --probe 一起使用'), locale)
    return null
  }
  const timeout = values['probe-timeout']
  return {
    dnsServers: values['dns-server'] ?? [],
    caFiles: values['ca-file'] ?? [],
    ...(timeout !== undefined ? { stepTimeoutMs: parseDurationOption(timeout, '--probe-timeout', PROBE_STEP_BOUNDS, locale) } : {}),
    ...(values.connect !== undefined ? { connect: parseConnect(values.connect, locale) } : {}),
    ...(values.source !== undefined ? { sourceAddress: values.source } : {}),
  }
}

export function exitCodeFor(result: DiagnosisResult): number {
  return result.verdict === 'healthy' ? EXIT_HEALTHY : EXIT_PROBLEMS
}

/** Prints a result as JSON or text and returns the exit code. */
export function printResult(result: DiagnosisResult, io: CliIo, options: { json: boolean; locale: 'en' | 'zh-TW'; verbose: boolean }): number {
  io.stdout(options.json ? toJsonOutput(result) : renderHuman(result, { locale: options.locale, verbose: options.verbose }))
  return exitCodeFor(result)
}

export async function runAnalyzeCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: ANALYZE_OPTIONS, allowPositionals: true, strict: true })
  const locale = parseLocale(values.lang, env)
  if (positionals.length === 0) throw new UsageError(ANALYZE_USAGE)
  const domains = parseDomains(values.domain, locale, '--domain')
  const partners = parseDomains(values.partner, locale, '--partner')
  const answers = parseAnswers(values.answer, locale)
  checkReportOption(values.report, values.force, locale)
  const probeOptions = probeOptionsFrom(values, locale)
  const startedAt = new Date()
  try {
    // Inside the try: reading the machine store may fail with a ProbeOptionsError (exit 2, one line).
    const clientCertificate = probeOptions ? await clientCertificateFrom(values, env, locale, DEFAULT_MACHINE_STORE) : undefined
    const probeWith = probeOptions ? { ...probeOptions, ...(clientCertificate ? { clientCertificate } : {}) } : null
    // Several folders/zips (incident mode: the Edge and its Front End) give one diagnosis; the first is the subject.
    const reads = []
    for (const path of positionals) {
      reads.push(await readEvidence(path))
      // Together they must fit one history session: refused before the next set is read and before any is parsed.
      const overLimit = evidenceSetsOverLimit(reads.map((readSet) => readSet.files), positionals.length)
      if (overLimit) throw overLimit
    }
    const sets = reads.map((readSet) => ({ read: readSet, parsed: parseEvidence(readSet.files, { partners }) }))
    const { read, parsed } = sets[0]!
    const others = sets.slice(1).map((set) => set.parsed.evidence)
    const probed: ProbeBesideEvidence | null = probeWith
      ? // The probe (DNS, TLS, sockets) loads only when asked for: a plain analyze starts without it.
        await (await import('../probe-beside-evidence')).probeBesideEvidence(parsed.evidence, { domains, partners, oursOnly: values['ours-only'] }, probeWith, {
          notice: (line) => io.stderr(`xmpp-edge-doctor: ${line[locale]}\n`),
        })
      : null
    const diagnosed = diagnose({
      evidence: parsed.evidence,
      ...(others.length > 0 ? { otherEvidence: others } : {}),
      domains,
      partners,
      answers,
      source: read.source,
      startedAt,
      ...(probed ? { probes: probed.probes, probedAt: probed.probedAt } : {}),
    })
    const result: DiagnosisResult = probed ? { ...diagnosed, comparisons: probed.comparisons } : diagnosed
    const code = printResult(result, io, { json: values.json, locale, verbose: values.verbose })
    if (values.checklist && !values.json) io.stdout(renderChecklist(result, locale, values.verbose))
    const failed = await recordAndReport(
      {
        result,
        // The history records the set as one session: every server's files, the others' named after their server.
        files: filesOfAllSets(sets.map((set, i) => ({ label: setLabel(result.servers, i), files: set.read.files }))),
        evidence: parsed.evidence,
        locale,
        dbPath: historyPathFrom(values, env),
        reportPath: values.report ?? null,
        overwrite: values.force,
      },
      io,
    )
    // A broken file among good ones still gives a diagnosis: its checks say "not verified", so at least exit 1.
    // A manifest domain that is no domain name is bad input, as a bad --domain is: it would reach fix commands.
    if (sets.some((set) => set.parsed.diagnostics.some((d) => d.errorKind === 'unsafe-value'))) {
      reportUnreadableFiles(sets.flatMap((set) => set.parsed.diagnostics), io, locale)
      return EXIT_BAD_INPUT
    }
    if (reportUnreadableFiles(sets.flatMap((set) => set.parsed.diagnostics), io, locale)) return failed ?? Math.max(code, EXIT_PROBLEMS)
    return failed ?? code
  } catch (error) {
    if (isEvidenceInputError(error) || error instanceof ProbeOptionsError) {
      io.stderr(`xmpp-edge-doctor: ${error.localized[locale]}\n`)
      return EXIT_BAD_INPUT
    }
    throw error
  }
}
