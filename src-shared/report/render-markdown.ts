/**
 * The report as Markdown to paste into a ticket. Inline text is escaped so evidence cannot turn into
 * links, images, autolinks, HTML, headings, lists or tables; verbatim evidence and recorded commands go
 * into fenced blocks whose fence is longer than any backtick run inside, split at every CommonMark line
 * end (LF, CR, CRLF) so no line escapes its list item's indent.
 */
import { pick, type Locale } from '../i18n/localized'
import { ROUTE_HOPS, type RouteHop } from '../route/federation-route'
import { ROUTE_MARKS } from '../route/route-line'
import { formatDuration, formatTime } from './report-format'
import type { ReportFix, ReportModel } from './report-model'

/** Renders the whole report. */
export function renderReportMarkdown(model: ReportModel): string {
  const { labels } = model
  const c = labels.colon
  const out: string[] = []
  out.push(`# ${inline(labels.title)}${c}${inline(model.subject.host ?? model.subject.domains.join(', '))}`, '')
  // When the evidence was collected, not only when the report was written: they can be days apart.
  if (model.collectedText) out.push(`${inline(labels.collectedAt)}${c}${inline(model.collectedText)} · ${inline(labels.generatedAt)}${c}${formatTime(model.generatedAt)}`, '')
  out.push(`**${inline(labels.verdict)}${c}${inline(model.verdict.label)}** — ${inline(model.countsText)}`, '')
  if (model.rootCause) {
    out.push(`## ${inline(labels.rootCause)}${c}${inline(model.rootCause.title)}`, '', inline(model.rootCause.explanation), '')
    if (model.rootCause.fix) out.push(...renderFix(model.rootCause.fix, model))
  }
  if (model.nextAction) {
    out.push(`**${inline(labels.nextStep)}**${c}${inline(model.nextAction.text)}`, '')
    if (model.nextAction.commands.length > 0) out.push(...fence(model.nextAction.commands.join('\n'), 'powershell'))
  }

  if (model.route) {
    out.push(`## ${inline(labels.route)}`, '')
    model.route.forEach((hop, i) => out.push(`${i + 1}. ${ROUTE_MARKS[hop.status]} ${inline(routeLabel(hop, model.locale))} — ${inline(pick(hop.summary, model.locale))}`))
    out.push('')
  }
  out.push(`## ${inline(labels.path)}`, '')
  model.path.forEach((step, i) => {
    const status = step.statusLabel ? ` — ${inline(step.statusLabel)}` : ''
    const answer = step.answer ? ` — *${inline(step.answer)}*` : ''
    out.push(`${i + 1}. ${inline(step.label)}${status}${answer}`)
  })
  out.push('')
  if (model.answers.length > 0) {
    out.push(`### ${inline(labels.answers)}`, '')
    for (const a of model.answers) out.push(`- ${inline(a.question)} → **${inline(a.answer)}**${paren(formatTime(a.answeredAt), model)}`)
    out.push('')
  }

  out.push(`## ${inline(labels.checklist)}`, '')
  for (const step of model.checklist) {
    const answer = step.answer ? ` — *${inline(step.answer)}*` : ''
    // Four spaces keep every line inside its list item, "1." as well as "25.".
    out.push(`${step.step}. **[${inline(step.stateLabel)}]** ${inline(step.title)}`, '', `    ${inline(step.why)}${answer}`, '')
    if (step.state === 'question' && step.question) out.push(`    ${inline(step.question)}`, '')
    if (step.checks.length > 0) out.push(`    ${step.checks.map((ch) => `\`${ch.id}\`${c}${inline(ch.statusLabel)}`).join(' · ')}`, '')
    if (step.evidence.length > 0) out.push(...indent(indent(fence(step.evidence.map((e) => `${e.source}${c}${e.text}`).join('\n'), 'text'))))
  }
  out.push('')

  out.push(`## ${inline(labels.checks)}`, '')
  for (const check of model.checks) {
    out.push(`### [${inline(check.statusLabel)}] ${inline(check.title)}${paren(`\`${check.id}\``, model)}`, '', inline(check.summary), '')
    if (check.crashed) out.push(`**${inline(labels.crashed)}**${c}${inline(check.crashed)}`, '')
    for (const e of check.evidence) {
      out.push(`${inline(labels.evidence)} · ${inline(e.source)}${e.label ? ` · ${inline(e.label)}` : ''}`, '', ...fence(e.text, 'text'))
    }
    if (check.fix) out.push(...renderFix(check.fix, model))
  }

  out.push(`## ${inline(labels.actions)}`, '')
  if (model.session === null) out.push(inline(labels.noSession), '')
  else if (model.actions.length === 0) out.push(inline(labels.none), '')
  for (const a of model.actions) {
    const exit = a.exitCode === null ? '' : `${model.locale === 'zh-TW' ? '，' : ', '}exit ${a.exitCode}`
    // A command is recorded text (it may hold blank lines or backticks): a fence, never a code span.
    out.push(`- ${inline(a.statusLabel)}${paren(`${formatTime(a.confirmedAt)}${exit}`, model)}`, '', ...indent(fence(a.command, 'powershell')))
    if (a.output) out.push(...indent(fence(a.output, 'text')))
  }
  out.push('')

  if (model.session !== null) {
    out.push(`## ${inline(labels.notes)}`, '')
    if (model.notes.length === 0) out.push(inline(labels.none), '')
    for (const n of model.notes) out.push(`- ${formatTime(n.createdAt)}${c}${inline(n.body)}`)
    out.push('')
  }

  out.push(`## ${inline(labels.changes)}`, '')
  if (!model.changes) out.push(inline(labels.noBaseline), '')
  else {
    out.push(`${inline(labels.baseline)} ${formatTime(model.changes.baseline.startedAt)}${paren(`\`${model.changes.baseline.uid}\``, model)}`, '')
    if (model.changes.sections.length === 0) out.push(inline(labels.noChanges), '')
    for (const section of model.changes.sections) {
      out.push(`### ${inline(section.title)}`, '', `| | ${inline(labels.before)} | ${inline(labels.after)} |`, '|---|---|---|')
      for (const c of section.changes) {
        out.push(`| ${inline(c.kindLabel)} ${cell(c.key + (c.field ? ` · ${c.field}` : ''))} | ${cell(c.before ?? '—')} | ${cell(c.after ?? '—')} |`)
      }
      out.push('')
    }
    if (model.changes.notComparable.length > 0) out.push(`*${inline(labels.notComparable)}${c}${inline(model.changes.notComparable.join(model.locale === 'zh-TW' ? '、' : ', '))}*`, '')
  }

  const { subject, timing } = model
  out.push(`## ${inline(labels.subject)}`, '')
  out.push(`- ${inline(labels.host)}${c}${inline(subject.host ?? '—')}`)
  out.push(`- ${inline(labels.role)}${c}${subject.role}`)
  out.push(`- ${inline(labels.productVersion)}${c}${inline(subject.productVersion ?? '—')}`)
  out.push(`- ${inline(labels.domains)}${c}${inline(subject.domains.join(', ') || '—')}`)
  out.push(`- ${inline(labels.collectedAt)}${c}${inline(model.collectedText ?? '—')}`, '')
  out.push(`## ${inline(labels.timing)}`, '')
  out.push(`- ${inline(labels.diagnosisDuration)}${c}${formatDuration(timing.diagnosisDurationMs, model.locale)}`)
  if (timing.sessionStartedAt) {
    out.push(`- ${inline(labels.sessionStarted)}${c}${formatTime(timing.sessionStartedAt)}`)
    out.push(`- ${inline(labels.sessionEnded)}${c}${formatTime(timing.sessionEndedAt)}`)
    out.push(`- ${inline(labels.sessionDuration)}${c}${formatDuration(timing.sessionDurationMs, model.locale)}`)
  }
  out.push('', `---`, `*${inline(model.footerText)}*`, '')
  return out.join('\n')
}

function renderFix(fix: ReportFix, model: ReportModel): string[] {
  const { labels } = model
  const where = `${inline(labels.runOn)}${labels.colon}${inline(fix.runOn)}${fix.changesServer ? `${model.locale === 'zh-TW' ? '；' : '; '}${inline(labels.changesServer)}` : ''}`
  const lines = [`**${inline(labels.fix)}**${paren(where, model)}${labels.colon}${inline(fix.description)}`, '']
  if (fix.commands.length > 0) lines.push(...fence(fix.commands.join('\n'), 'powershell'))
  return lines
}

/** Parentheses around `inner`: full-width and without a space in Traditional Chinese, ASCII after a space in English. */
function paren(inner: string, model: ReportModel): string {
  return model.locale === 'zh-TW' ? `（${inner}）` : ` (${inner})`
}

// CommonMark line ends: a lone CR ends a line too.
const LINE_END = /\r\n|\r|\n/g

/**
 * Escapes Markdown syntax in running text and folds line breaks into spaces. Besides the inline syntax
 * (`[`, `]`, `!`, `<`, `&` entities, emphasis, code), it breaks the autolink forms (`scheme://`, `www.`,
 * `a@b`) and a leading block marker (`-`, `+`, `=`, `1.`), so evidence never becomes a link or a block.
 */
export function inline(value: string): string {
  return value
    .replace(LINE_END, ' ')
    .replace(/[\\`*_[\]<>|#~!&@]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_m, space: string, marker: string) => (/\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`))
}

function cell(value: string): string {
  return `\`${value.replace(/`/g, "'").replace(/\|/g, '\\|').replace(LINE_END, ' ')}\``
}

/** A fenced block that the content cannot close early. */
export function fence(content: string, language: string): string[] {
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length))
  const marks = '`'.repeat(Math.max(3, longestRun + 1))
  return [`${marks}${language}`, ...content.split(LINE_END), marks, '']
}

/** Lines indented as list-item content (blank lines stay blank). */
function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? '' : `  ${l}`))
}

/** A hop's short label ("Edge proxy", "5269") in the report's language. */
function routeLabel(hop: RouteHop, locale: Locale): string {
  const label = ROUTE_HOPS.find((definition) => definition.id === hop.hop)?.label
  return label ? pick(label, locale) : hop.hop
}
