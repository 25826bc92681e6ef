/**
 * The terminal view of a DiagnosisResult, in the style of flutter doctor: checks grouped, one ✓ ! ✗ ? line
 * each, proof under problems, then the root cause and the next step with its exact command.
 */
import { STATUS_MARKS } from '../../src-shared/diagnostics/status-order'
import type { CheckGroup, CheckResult, CheckStatus } from '../../src-shared/diagnostics/check-types'
import type { DiagnosisResult } from '../../src-shared/result/diagnosis-result'
import { CHECK_CATALOG } from '../../src-shared/diagnostics/all-checks'
import { labelColon, pick, text, type Locale, type Localized } from '../../src-shared/i18n/localized'
import type { ProbeComparison, ProbeComparisonId } from '../../src-shared/diagnostics/probe/probe-evidence-compare'
import { GROUP_TITLES, LABELS, RUN_ON_WORDS, VERDICT_WORDS, healthyWarningsNote } from '../../src-shared/i18n/messages'
import { TROUBLESHOOTING_TREE } from '../../src-shared/tree/troubleshooting-tree'
import { CHECK_GROUP_ORDER } from '../../src-shared/tree/check-group-order'
import { formatRouteLine } from '../../src-shared/route/route-line'
import { escapeControlCharacters } from '../../src-shared/text/escape-control'
import { showControlCharacters } from '../../src-shared/commands/command-values'
import { formatTime } from '../../src-shared/text/format-time'

const MARK = STATUS_MARKS

export interface RenderOptions {
  readonly locale: Locale
  /** Show proof under passing checks too. */
  readonly verbose: boolean
}

function groupOf(result: CheckResult): CheckGroup {
  return CHECK_CATALOG.get(result.id)?.group ?? 'probe'
}

function renderCheck(result: CheckResult, options: RenderOptions): string[] {
  const title = CHECK_CATALOG.get(result.id)?.title
  const lines = [`  [${MARK[result.status]}] ${title ? pick(title, options.locale) : result.id} — ${pick(result.summary, options.locale)}`]
  const showProof = options.verbose || result.status === 'fail' || result.status === 'warn'
  if (showProof) {
    for (const item of result.evidence.slice(0, 6)) lines.push(`      • ${item.source}: ${item.text}`)
    if (result.evidence.length > 6) lines.push(`      • … +${result.evidence.length - 6}`)
  }
  return lines
}

function subjectLine(result: DiagnosisResult, locale: Locale): string {
  const s = result.subject
  // Several servers: each one's role is on its own line below, so the header names only the product.
  const role = result.servers && result.servers.length > 1 ? null : pick(SERVER_ROLE_WORDS[s.role] ?? SERVER_ROLE_WORDS.Unknown!, locale)
  const product = [role, s.productVersion].filter((part): part is string => Boolean(part)).join(locale === 'zh-TW' ? '，' : ', ')
  const parts = [s.host ?? '?', ...(product ? [product] : []), s.domains.length > 0 ? s.domains.join(', ') : pick(LABELS.noDomain, locale)]
  if (s.collectedAt && !result.servers) parts.push(`${pick(LABELS.collected, locale)} ${formatTime(s.collectedAt)}`)
  return `XMPP Edge Doctor — ${parts.join(' · ')}`
}

const SERVER_ROLE_WORDS: Readonly<Record<string, Localized>> = {
  Edge: text('Edge Server', 'Edge 伺服器'),
  FrontEnd: text('Front End', '前端伺服器'),
  Unknown: text('role unknown', '角色不明'),
}
const APART_WARNING = text(
  'collected more than an hour apart from another set: the servers may show different moments of the incident',
  '與其他證據集的收集時間相差超過一小時：各伺服器可能呈現事件的不同時刻',
)

/** Incident mode: one line per server, with when its evidence was collected (and a warning when far apart). */
function serverLines(result: DiagnosisResult, locale: Locale): string[] {
  if (!result.servers) return []
  return result.servers.map((server) => {
    const when = server.collectedAt ? `${locale === 'zh-TW' ? '，' : ', '}${pick(LABELS.collected, locale)} ${formatTime(server.collectedAt)}` : ''
    const apart = server.apartFromOthers ? (locale === 'zh-TW' ? `（! ${pick(APART_WARNING, locale)}）` : ` (! ${pick(APART_WARNING, locale)})`) : ''
    return `  ${server.host ?? '?'}${labelColon(locale)}${pick(SERVER_ROLE_WORDS[server.role] ?? SERVER_ROLE_WORDS.Unknown!, locale)}${when}${apart}`
  })
}

const COMPARISON_MARK: Record<ProbeComparison['status'], string> = { match: '✓', mismatch: '!', unknown: '?' }
const COMPARISONS_TITLE = text('Probe beside evidence (as configured vs as seen)', '探測與證據對照（設定值與實際所見）')
const COMPARISON_TITLES: Readonly<Record<ProbeComparisonId, Localized>> = {
  'certificate-as-presented': text('Certificate on 5269 vs the one assigned', '5269 上的憑證與指派的憑證'),
  'srv-as-published': text('SRV record vs the topology', 'SRV 記錄與拓撲'),
}
const FIX_LABEL = text('Fix', '修正')

/** The comparisons as a short section: one line each; proof and fix under a mismatch (or always with --verbose). */
function renderComparisons(comparisons: readonly ProbeComparison[], options: RenderOptions): string[] {
  const { locale } = options
  const lines = [pick(COMPARISONS_TITLE, locale)]
  for (const c of comparisons) {
    lines.push(`  [${COMPARISON_MARK[c.status]}] ${c.domain}${labelColon(locale)}${pick(COMPARISON_TITLES[c.id], locale)} — ${pick(c.summary, locale)}`)
    if (!options.verbose && c.status !== 'mismatch') continue
    for (const item of c.evidence.slice(0, 6)) lines.push(`      • ${item.source}: ${item.text}`)
    if (c.evidence.length > 6) lines.push(`      • … +${c.evidence.length - 6}`)
    if (c.fix) {
      lines.push(`      ${pick(FIX_LABEL, locale)}${labelColon(locale)}${pick(c.fix.description, locale)}`)
      for (const command of c.fix.commands) lines.push(`        ${showControlCharacters(command)}`)
    }
  }
  return [...lines, '']
}

const PER_DOMAIN_TITLE = text('Each probed domain', '各探測網域')
const SIDE_WORDS = { ours: text('ours', '我方'), partner: text('partner', '夥伴') } as const

/** One line per probed domain: ✓, or what failed first for that domain (one root cause per failing domain). */
function renderDomainRootCauses(result: DiagnosisResult, locale: Locale): string[] {
  const lines = [pick(PER_DOMAIN_TITLE, locale)]
  for (const entry of result.domainRootCauses ?? []) {
    const side = pick(SIDE_WORDS[entry.side], locale)
    const label = locale === 'zh-TW' ? `${entry.domain}（${side}）` : `${entry.domain} (${side})`
    const cause = entry.rootCause ? `${labelColon(locale)}${pick(entry.rootCause.title, locale)} — ${pick(entry.rootCause.explanation, locale)}` : ''
    lines.push(`  [${MARK[entry.status]}] ${label}${cause}`)
  }
  return [...lines, '']
}

/** "Healthy, with 1 warning(s) to read (marked !)": the count of the list's ! lines beside a healthy verdict. */
function verdictWarnings(result: DiagnosisResult, locale: Locale): string {
  const note = healthyWarningsNote(result.verdict, result.checks.filter((c) => c.status === 'warn').length)
  return note ? pick(note, locale) : ''
}


/** The full human-readable report, ending with a newline. */
export function renderHuman(result: DiagnosisResult, options: RenderOptions): string {
  const { locale } = options
  const out: string[] = [subjectLine(result, locale), ...serverLines(result, locale), '']
  for (const group of CHECK_GROUP_ORDER) {
    const inGroup = result.checks.filter((c) => groupOf(c) === group)
    // The probe group is noise when no probe ran.
    if (inGroup.length === 0 || inGroup.every((c) => c.status === 'skipped' && group === 'probe')) continue
    out.push(pick(GROUP_TITLES[group], locale))
    for (const check of inGroup) out.push(...renderCheck(check, options))
    out.push('')
  }
  // The probe group is the last one, so the comparisons follow it directly.
  if (result.comparisons && result.comparisons.length > 0) out.push(...renderComparisons(result.comparisons, options))

  if (result.domainRootCauses && result.domainRootCauses.length > 0) out.push(...renderDomainRootCauses(result, locale))
  if (result.route) out.push(formatRouteLine(result.route, locale), '')
  out.push(`${pick(VERDICT_WORDS[result.verdict], locale)}${verdictWarnings(result, locale)}`)
  if (result.rootCause) {
    out.push(`${pick(LABELS.rootCause, locale)}${labelColon(locale)}${pick(result.rootCause.title, locale)}`)
    out.push(`  ${pick(result.rootCause.explanation, locale)}`)
  }
  const action = result.nextAction
  if (action.kind !== 'none') {
    const fix = result.rootCause?.fix
    const zh = locale === 'zh-TW'
    const where = fix
      ? `${zh ? '（' : ' ('}${pick(RUN_ON_WORDS[fix.runOn], locale)}${fix.changesServer ? `${zh ? '；' : '; '}${pick(LABELS.changesServer, locale)}` : ''}${zh ? '）' : ')'}`
      : ''
    out.push(`${action.kind === 'answer-question' ? pick(LABELS.question, locale) : pick(LABELS.nextStep, locale)}${where}${labelColon(locale).trimEnd()}`)
    out.push(`  ${pick(action.text, locale)}`)
    for (const command of action.commands) out.push(`    ${showControlCharacters(command)}`)
    if (action.kind === 'answer-question' && action.nodeId) {
      const node = TROUBLESHOOTING_TREE.nodes.find((n) => n.id === action.nodeId)
      const answers = node?.kind === 'question' ? node.answers.map((a) => a.id) : []
      out.push(`  ${pick(LABELS.answerWith, locale)}${labelColon(locale)}${answers.map((a) => `--answer ${action.nodeId}=${a}`).join('  |  ')}`)
    }
  }
  out.push(`${pick(LABELS.path, locale)}${labelColon(locale)}${displayedPath(result).join(' → ')}`)
  const counts = countStatuses(result.checks)
  out.push(`✓ ${counts.pass}  ! ${counts.warn}  ✗ ${counts.fail}  ? ${counts.unknown}  - ${counts.skipped}`)
  return toTerminalText(out)
}

/**
 * Lines → the printed text. Evidence reaches almost every line (host, display names, event messages, commands
 * built from server values), so each line is escaped as a whole: a control character or a line break inside a
 * value shows as `\u001b`, never acts on the terminal or starts a forged line.
 */
export function toTerminalText(lines: readonly string[]): string {
  return `${lines.map((line) => escapeControlCharacters(line)).join('\n')}\n`
}

/** The path without the probe's nodes when no probe ran: they were all "not applicable" and only add noise. */
function displayedPath(result: DiagnosisResult): readonly string[] {
  const probeRan = result.checks.some((c) => groupOf(c) === 'probe' && c.status !== 'skipped')
  if (probeRan) return result.path
  const probeNodes = new Set(TROUBLESHOOTING_TREE.nodes.filter((n) => n.kind === 'check' && CHECK_CATALOG.get(n.checkId)?.group === 'probe').map((n) => n.id))
  return result.path.filter((id) => !probeNodes.has(id))
}

function countStatuses(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0, skipped: 0 }
  for (const c of checks) counts[c.status]++
  return counts
}
