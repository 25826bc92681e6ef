/**
 * The route picture for the HTML (and PDF) report: an inline SVG drawn from the shared layout, with a title
 * and description for screen readers and a list beside it that says each hop's status and why in words.
 * Inline SVG loads nothing, so the report's CSP (default-src 'none') still holds.
 */
import type { Locale } from '../i18n/localized'
import type { RouteHop } from '../route/federation-route'
import { layoutRoute } from '../route/route-layout'
import { html, type SafeHtml } from './html-template'

/** The route section: picture plus the text alternative. */
export function renderRouteSection(route: readonly RouteHop[], locale: Locale, heading: string): SafeHtml {
  const layout = layoutRoute(route, locale)
  const svg = html`<svg class="route" role="img" aria-labelledby="route-title route-desc" viewBox="0 0 ${layout.width} ${layout.height}" width="100%" xmlns="http://www.w3.org/2000/svg">
<title id="route-title">${heading}</title>
<desc id="route-desc">${layout.description}</desc>
<defs><marker id="route-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
${layout.arrows.map((a) => html`<line x1="${a.x1}" y1="${a.y1}" x2="${a.x2}" y2="${a.y2}" stroke="#555" stroke-width="2" marker-end="url(#route-arrow)"/>`)}
${layout.nodes.map(
  (n) => html`<g class="hop ${n.status}"><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="8"/>
<text x="${n.x + n.width / 2}" y="${n.y + 24}" text-anchor="middle" class="mark">${n.mark}</text>
<text x="${n.x + n.width / 2}" y="${n.y + 44}" text-anchor="middle">${n.label}</text></g>`,
)}
</svg>`
  return html`<section id="route"><h2>${heading}</h2>${svg}
<ol class="route-text">${layout.nodes.map((n) => html`<li class="${n.status}"><strong>${n.mark} ${n.label}</strong> — ${n.summary}</li>`)}</ol></section>`
}
