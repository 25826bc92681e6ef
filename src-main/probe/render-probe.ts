/**
 * The terminal view of a probe, flutter-doctor style: per domain, one ✓ ! ✗ ? - line per check,
 * the proof and the fix under problems, then the overall verdict and root cause.
 */
import { STATUS_MARKS } from '../../src-shared/diagnostics/status-order'
import type { CheckResult, CheckStatus } from '../../src-shared/diagnostics/check-types'
import { PROBE_CHECKS } from '../../src-shared/diagnostics/checks/probe-checks'
import { labelColon, pick, text, type Locale } from '../../src-shared/i18n/localized'
import { LABELS, RUN_ON_WORDS, VERDICT_WORDS } from '../../src-shared/i18n/messages'
import type { DomainProbeResult, ProbeDiagnosisResult } from '../../src-shared/diagnostics/probe/probe-diagnosis'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { showControlCharacters } from '../../src-shared/commands/command-values'

const MARK = STATUS_MARKS
const MAX_PROOF_LINES = 8

const WORDS = {
  title: text('XMPP Edge Doctor — live S2S probe', 'XMPP Edge Doctor — 即時伺服器對伺服器探測'),
  from: text('from', '來源網域'),
  resolver: text('resolver', '解析程式'),
  spokeFrom: text('spoke from', '探測來源位址'),
  thisMachine: text('this machine (no --source)', '本機（未指定 --source）'),
  fix: text('Fix', '修正'),
  timedOut: text('cut short by the whole-probe limit', '受整體探測時間上限截斷'),
} as const

export interface ProbeRenderOptions {
  readonly locale: Locale
  /** Show proof under passing checks too. */
  readonly verbose: boolean
}

/** The whole report as text, ending with a newline. */
export function renderProbeHuman(result: ProbeDiagnosisResult, options: ProbeRenderOptions): string {
  const { locale } = options
  const first = result.probes[0]
  const header = [pick(WORDS.title, locale)]
  // "from contoso.com" reads as a phrase in English; Chinese labels its values: 來源網域：contoso.com.
  const label = (word: keyof typeof WORDS): string => `${pick(WORDS[word], locale)}${locale === 'zh-TW' ? '：' : ' '}`
  if (first?.from) header.push(`${label('from')}${first.from}`)
  if (first) header.push(`${label('resolver')}${[first.dns, ...first.alternateDns].map((v) => v.resolver).join(' | ')}`)
  if (first) header.push(`${label('spokeFrom')}${first.sourceAddress ?? pick(WORDS.thisMachine, locale)}`)
  const out: string[] = [header.join(' · '), '']
  result.domainResults.forEach((domainResult, index) => {
    const report = result.probes[index]
    if (report) out.push(...renderDomain(domainResult, report, options), '')
  })
  out.push(pick(VERDICT_WORDS[result.verdict], locale))
  if (result.rootCause) out.push(`${pick(LABELS.rootCause, locale)}${labelColon(locale)}${pick(result.rootCause.title, locale)} — ${pick(result.rootCause.explanation, locale)}`)
  const counts = countStatuses(result.checks)
  out.push(`✓ ${counts.pass}  ! ${counts.warn}  ✗ ${counts.fail}  ? ${counts.unknown}  - ${counts.skipped}`)
  return `${out.join('\n')}\n`
}

function renderDomain(result: DomainProbeResult, report: DomainProbeReport, options: ProbeRenderOptions): string[] {
  const { locale } = options
  const where = report.targets.map((t) => `${t.host}:${t.port}`).join(', ')
  const limit = locale === 'zh-TW' ? `（${report.limits.totalTimeoutMs} 毫秒，--total-timeout）` : ` (${report.limits.totalTimeoutMs} ms, --total-timeout)`
  const zh = locale === 'zh-TW'
  const cut = report.timedOut ? `${zh ? '；' : '; '}${pick(WORDS.timedOut, locale)}${limit}` : ''
  const took = zh ? `（${report.durationMs} 毫秒${cut}）` : ` (${report.durationMs} ms${cut})`
  const lines = [`${report.domain}${where ? ` → ${where}` : ''}${took}`]
  for (const check of result.checks) lines.push(...renderCheck(check, options))
  return lines
}

function renderCheck(check: CheckResult, options: ProbeRenderOptions): string[] {
  const { locale } = options
  const title = PROBE_CHECKS.find((c) => c.id === check.id)?.title
  const lines = [`  [${MARK[check.status]}] ${title ? pick(title, locale) : check.id} — ${pick(check.summary, locale)}`]
  const problem = check.status === 'fail' || check.status === 'warn'
  if (options.verbose || problem) {
    for (const item of check.evidence.slice(0, MAX_PROOF_LINES)) lines.push(`      • ${item.text}`)
    if (check.evidence.length > MAX_PROOF_LINES) lines.push(`      • … +${check.evidence.length - MAX_PROOF_LINES}`)
  }
  if (problem && check.fix) {
    const where = pick(RUN_ON_WORDS[check.fix.runOn], locale)
    const zh = locale === 'zh-TW'
    const caution = check.fix.changesServer ? `${zh ? '；' : '; '}${pick(LABELS.changesServer, locale)}` : ''
    const scope = zh ? `（${where}${caution}）` : ` (${where}${caution})`
    lines.push(`      ${pick(WORDS.fix, locale)}${scope}${labelColon(locale)}${pick(check.fix.description, locale)}`)
    for (const command of check.fix.commands) lines.push(`        ${showControlCharacters(command)}`)
  }
  return lines
}


function countStatuses(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0, skipped: 0 }
  for (const check of checks) counts[check.status]++
  return counts
}
