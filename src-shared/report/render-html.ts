/**
 * The report as one self-contained HTML file: inline CSS, no scripts, no external requests (a CSP meta
 * tag forbids them even if something slipped through), prints well. Every dynamic text is escaped.
 */
import { html, trustedConstant, type SafeHtml } from './html-template'
import { formatDuration, formatTime } from './report-format'
import type { ReportChecklistStep, ReportCheck, ReportFix, ReportModel } from './report-model'
import { REPORT_CSS } from './report-styles'
import { renderRouteSection } from './render-route-svg'
import { setupNodeId } from '../tree/setup-checklist'

// Nothing may load: styles are inline, images (none today) could only be data: URIs.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/** Renders the whole report. */
export function renderReportHtml(model: ReportModel): string {
  const { labels } = model
  const lang = model.locale === 'zh-TW' ? 'zh-Hant-TW' : 'en'
  const page = html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${labels.title} — ${model.subject.host ?? model.subject.domains.join(', ')}</title>
<style>${trustedConstant(REPORT_CSS)}</style>
</head>
<body>
<header>
<h1>${labels.title}</h1>
<p class="meta">${model.subject.host ?? '—'} · ${model.subject.domains.join(', ')}${model.collectedText ? html` · ${labels.collectedAt}${labels.colon}${model.collectedText}` : ''} · ${labels.generatedAt}${labels.colon}${formatTime(model.generatedAt)}</p>
</header>
${renderVerdict(model)}
${model.route && renderRouteSection(model.route, model.locale, labels.route)}
${renderPath(model)}
${renderChecklist(model)}
<section id="checks"><h2>${labels.checks}</h2>${model.checks.map((c) => renderCheck(c, model))}</section>
${renderActions(model)}
${renderNotes(model)}
${renderChanges(model)}
${renderSubject(model)}
<footer>${model.footerText}${model.session ? ` · ${labels.session} ${model.session.uid}` : ''}</footer>
</body>
</html>
`
  return page.value
}

function renderVerdict(model: ReportModel): SafeHtml {
  const { labels } = model
  const c = labels.colon
  return html`<section class="verdict ${model.verdict.code}" id="verdict">
<div class="label">${labels.verdict}${c}${model.verdict.label}</div>
<div class="counts">${model.countsText}</div>
${
  model.rootCause &&
  html`<h2>${labels.rootCause}${c}${model.rootCause.title}</h2>
<p>${model.rootCause.explanation}</p>
${model.rootCause.fix && renderFix(model.rootCause.fix, model)}`
}
${
  model.nextAction &&
  html`<h3>${labels.nextStep}</h3><p>${model.nextAction.text}</p>${model.nextAction.commands.length > 0 && html`<pre>${model.nextAction.commands.join('\n')}</pre>`}`
}
</section>`
}

function renderPath(model: ReportModel): SafeHtml {
  return html`<section id="path"><h2>${model.labels.path}</h2>
<ol class="path">${model.path.map(
    (step) =>
      html`<li class="step-${step.status ?? step.kind}">${step.label}${step.status && html` <span class="badge ${step.status}">${step.statusLabel}</span>`}${step.answer && html` — <em>${step.answer}</em>`}</li>`,
  )}</ol>
${model.answers.length > 0 && html`<h3>${model.labels.answers}</h3><table>${model.answers.map((a) => html`<tr><th>${a.question}</th><td>${a.answer}<br><span class="meta">${formatTime(a.answeredAt)}</span></td></tr>`)}</table>`}
</section>`
}

/** The badge colour of a checklist state: the check statuses' colours, so the legend is the same. */
const STATE_BADGE: Record<ReportChecklistStep['state'], string> = { verified: 'pass', confirmed: 'pass', contradicted: 'fail', elsewhere: 'skipped', question: 'warn' }

function renderChecklist(model: ReportModel): SafeHtml {
  const { labels } = model
  return html`<section id="checklist"><h2>${labels.checklist}</h2>
<ol class="checklist">${model.checklist.map(
    (step) => html`<li class="checklist-step ${step.state}" id="${setupNodeId(step.step)}" value="${String(step.step)}"><span class="badge ${STATE_BADGE[step.state]}">${step.stateLabel}</span> <strong>${step.title}</strong>
<p>${step.why}${step.answer && html` — <em>${step.answer}</em>`}</p>
${step.state === 'question' && step.question && html`<p class="meta">${step.question}</p>`}
${step.checks.length > 0 && html`<p class="meta">${step.checks.map((c, i) => html`${i > 0 ? ' · ' : ''}${c.title} <code>${c.id}</code> <span class="badge ${c.status}">${c.statusLabel}</span>`)}</p>`}
${step.evidence.length > 0 && html`<div class="evidence">${step.evidence.map((e) => html`<div class="source">${labels.evidence} · ${e.source}</div><pre>${e.text}</pre>`)}</div>`}
</li>`,
  )}</ol>
</section>`
}

function renderCheck(check: ReportCheck, model: ReportModel): SafeHtml {
  return html`<article class="check ${check.status}" id="check-${check.id}">
<header><span class="badge ${check.status}">${check.statusLabel}</span><h3>${check.title}</h3><span class="id">${check.id}</span></header>
<p>${check.summary}</p>
${check.crashed && html`<p><strong>${model.labels.crashed}</strong>${model.labels.colon}${check.crashed}</p>`}
${
  check.evidence.length > 0 &&
  html`<div class="evidence">${check.evidence.map(
    (e) => html`<div class="source">${model.labels.evidence} · ${e.source}${e.label && html` · ${e.label}`}</div><pre>${e.text}</pre>`,
  )}</div>`
}
${check.fix && renderFix(check.fix, model)}
</article>`
}

function renderFix(fix: ReportFix, model: ReportModel): SafeHtml {
  const { labels } = model
  return html`<div class="fix"><strong>${labels.fix}</strong>${labels.colon}${fix.description}
<div class="meta">${labels.runOn}${labels.colon}${fix.runOn}${fix.changesServer && html` · ${labels.changesServer}`}</div>
${fix.commands.length > 0 && html`<pre>${fix.commands.join('\n')}</pre>`}</div>`
}

function renderActions(model: ReportModel): SafeHtml {
  const { labels } = model
  return html`<section id="actions"><h2>${labels.actions}</h2>
${model.session === null ? html`<p class="meta">${labels.noSession}</p>` : model.actions.length === 0 ? html`<p>${labels.none}</p>` : ''}
${model.actions.map(
  (a) => html`<div class="check"><header><span class="badge ${a.status === 'succeeded' ? 'pass' : a.status === 'failed' ? 'fail' : 'warn'}">${a.statusLabel}</span><code>${a.command}</code></header>
<div class="meta">${formatTime(a.confirmedAt)}${a.finishedAt && html` → ${formatTime(a.finishedAt)}`}${a.runOn && html` · ${labels.runOn}${labels.colon}${a.runOn}`}${a.exitCode !== null && html` · exit ${a.exitCode}`}</div>
${a.output && html`<pre>${a.output}</pre>`}</div>`,
)}
</section>`
}

function renderNotes(model: ReportModel): SafeHtml {
  if (model.session === null) return html``
  return html`<section id="notes"><h2>${model.labels.notes}</h2>
${model.notes.length === 0 ? html`<p>${model.labels.none}</p>` : model.notes.map((n) => html`<div class="meta">${formatTime(n.createdAt)}</div><pre>${n.body}</pre>`)}
</section>`
}

function renderChanges(model: ReportModel): SafeHtml {
  const { labels, changes } = model
  if (!changes) return html`<section id="changes"><h2>${labels.changes}</h2><p>${labels.noBaseline}</p></section>`
  return html`<section id="changes"><h2>${labels.changes}</h2>
<p class="meta">${labels.baseline} ${formatTime(changes.baseline.startedAt)}${model.locale === 'zh-TW' ? `（${changes.baseline.uid}）` : ` (${changes.baseline.uid})`}</p>
${changes.sections.length === 0 && html`<p>${labels.noChanges}</p>`}
${changes.sections.map(
  (s) => html`<h3>${s.title}</h3><table><tr><th></th><th>${labels.before}</th><th>${labels.after}</th></tr>${s.changes.map(
    (c) => html`<tr class="${c.kind}"><td><span class="${c.kind}">${c.kindLabel}</span> <code>${c.key}${c.field && html` · ${c.field}`}</code></td><td><code>${c.before ?? '—'}</code></td><td><code>${c.after ?? '—'}</code></td></tr>`,
  )}</table>`,
)}
${changes.notComparable.length > 0 && html`<p class="meta">${labels.notComparable}${labels.colon}${changes.notComparable.join(model.locale === 'zh-TW' ? '、' : ', ')}</p>`}
</section>`
}

function renderSubject(model: ReportModel): SafeHtml {
  const { labels, subject, timing } = model
  const row = (label: string, value: string): SafeHtml => html`<tr><th>${label}</th><td>${value}</td></tr>`
  return html`<section id="subject"><h2>${labels.subject}</h2><table>
${row(labels.host, subject.host ?? '—')}
${row(labels.role, subject.role)}
${row(labels.productVersion, subject.productVersion ?? '—')}
${row(labels.domains, subject.domains.join(', ') || '—')}
${row(labels.collectedAt, model.collectedText ?? '—')}
${row(labels.source, subject.source)}
</table>
<h2>${labels.timing}</h2><table>
${row(labels.diagnosisDuration, formatDuration(timing.diagnosisDurationMs, model.locale))}
${timing.sessionStartedAt && row(labels.sessionStarted, formatTime(timing.sessionStartedAt))}
${timing.sessionStartedAt && row(labels.sessionEnded, formatTime(timing.sessionEndedAt))}
${timing.sessionStartedAt && row(labels.sessionDuration, formatDuration(timing.sessionDurationMs, model.locale))}
</table></section>`
}
