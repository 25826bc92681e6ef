/** The report's inline stylesheet: screen and print, no web fonts, no external anything. */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5b6472; --line: #d9dde3; --pass: #1b7f3b; --warn: #a05a00; --fail: #b3261e; --unknown: #5b6472; --bg-soft: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px; color: var(--fg); background: #fff;
  font: 14px/1.5 "Segoe UI", "Microsoft JhengHei", "PingFang TC", "Noto Sans CJK TC", "Noto Sans TC", system-ui, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0; }
.meta { color: var(--muted); margin: 0; }
.verdict { border-radius: 6px; padding: 14px 16px; margin: 16px 0; border-left: 6px solid var(--unknown); background: var(--bg-soft); }
.verdict.healthy { border-color: var(--pass); } .verdict.problems { border-color: var(--fail); } .verdict.incomplete { border-color: var(--warn); }
.verdict .label { font-size: 18px; font-weight: 600; }
svg.route { max-width: 880px; display: block; margin: 8px 0; font: 13px system-ui, sans-serif; }
svg.route .hop rect { fill: var(--bg-soft); stroke: var(--unknown); stroke-width: 2; }
svg.route .hop.pass rect { stroke: var(--pass); } svg.route .hop.warn rect { stroke: var(--warn); } svg.route .hop.fail rect { stroke: var(--fail); stroke-width: 3; }
svg.route .mark { font-size: 18px; font-weight: 700; }
ol.route-text { font-size: 13px; }
.counts { color: var(--muted); }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--unknown); }
.badge.pass { background: var(--pass); } .badge.warn { background: var(--warn); } .badge.fail { background: var(--fail); } .badge.skipped { background: #8a929e; }
.check { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
.check header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.check .id { color: var(--muted); font-size: 12px; }
pre, code { font-family: Consolas, "Cascadia Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.evidence .source { color: var(--muted); font-size: 12px; }
.fix { border-left: 3px solid #2f5fb3; padding-left: 10px; margin-top: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 4px 8px; }
th { color: var(--muted); font-weight: 600; width: 28%; }
ol.path li.step-fail::marker, ol.path li.step-fail { color: var(--fail); }
.changed, .restarted { color: var(--warn); } .added { color: var(--pass); } .removed { color: var(--fail); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  .check, .verdict, tr, pre { break-inside: avoid; }
  .badge, .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 16mm 14mm; }
`
