/**
 * The page's styles, inline: system fonts only (stacks that include Arabic faces on every
 * common system), logical properties (margin-inline-start, text-align: start) so the same
 * rules lay out left-to-right and right-to-left pages, a dark scheme, and a print sheet
 * that drops the interactive parts and keeps the findings readable on paper.
 */
export const STYLES = String.raw`
:root {
  --bg: #f6f7f9; --card: #ffffff; --text: #1c2430; --muted: #5b6676; --line: #d9dee5; --accent: #1d4ed8;
  --clean: #166534; --clean-bg: #ecfdf3; --review: #92400e; --review-bg: #fff7e6; --strong: #991b1b; --strong-bg: #fef2f2;
  --critical: #7f1d1d; --high: #dc2626; --medium: #c2410c; --low: #0369a1; --informational: #6b7280;
  --row-hover: #eef2ff; --row-odd: #fafbfc; --hit: #fff1f2;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f141a; --card: #171e27; --text: #e6eaf0; --muted: #9aa6b6; --line: #2c3745; --accent: #8ab4ff;
    --clean: #86efac; --clean-bg: #0f2a1a; --review: #fcd34d; --review-bg: #2d2410; --strong: #fca5a5; --strong-bg: #321414;
    --critical: #fca5a5; --high: #f87171; --medium: #fb923c; --low: #7dd3fc; --informational: #9ca3af;
    --row-hover: #1e293b; --row-odd: #141b23; --hit: #3a1519;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "Noto Sans Arabic", "Geeza Pro", Tahoma, "DejaVu Sans", sans-serif;
}
html[lang="ar"] body {
  font-family: "Noto Sans Arabic", "Segoe UI", "Geeza Pro", "SF Arabic", Tahoma, "DejaVu Sans", system-ui, sans-serif;
  font-size: 17px; line-height: 1.75;
}
.mono, code, .tl-cell.c0 {
  font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 0.88em;
}
.mono { overflow-wrap: anywhere; unicode-bidi: isolate; }
a { color: var(--accent); }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
header.top { background: var(--card); border-block-end: 1px solid var(--line); }
header.top .inner { max-width: 64rem; margin: 0 auto; padding: 1.25rem; display: flex; gap: 1rem; align-items: center; }
header.top h1 { margin: 0; font-size: 1.5rem; line-height: 1.25; }
header.top p { margin: 0.2rem 0 0; color: var(--muted); }
.icon { flex: none; vertical-align: middle; }
nav.toc { margin: 1rem 0; font-size: 0.95rem; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0; padding: 0; }
.part-title { margin: 2.5rem 0 0.5rem; font-size: 1.05rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
html[lang="ar"] .part-title { text-transform: none; letter-spacing: 0; font-size: 1.15rem; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.1rem 1.35rem; margin: 1rem 0; }
section > h2 { margin: 0 0 0.75rem; font-size: 1.3rem; }
h3 { font-size: 1.08rem; margin: 1.25rem 0 0.5rem; }
h4 { font-size: 0.98rem; margin: 1rem 0 0.4rem; }
.muted { color: var(--muted); }
.small { font-size: 0.88rem; }
.warning { color: var(--review); font-weight: 600; }
.redacted-note { display: flex; gap: 0.6rem; align-items: flex-start; background: var(--review-bg); color: var(--text); border: 1px solid var(--line); border-radius: 8px; padding: 0.7rem 0.9rem; margin: 1rem 0; }

.verdict-card { display: flex; gap: 1rem; align-items: flex-start; border-radius: 10px; padding: 1rem 1.1rem; border-inline-start: 6px solid currentColor; }
.verdict-clean .verdict-card { color: var(--clean); background: var(--clean-bg); }
.verdict-review .verdict-card { color: var(--review); background: var(--review-bg); }
.verdict-strong .verdict-card { color: var(--strong); background: var(--strong-bg); }
.verdict-icon .icon { width: 40px; height: 40px; }
.verdict-text { color: var(--text); }
.verdict-text p { margin: 0 0 0.5rem; }
.verdict-title { font-size: 1.45rem; font-weight: 700; line-height: 1.3; }
.verdict-clean .verdict-title { color: var(--clean); }
.verdict-review .verdict-title { color: var(--review); }
.verdict-strong .verdict-title { color: var(--strong); }
.verdict-counts .count { white-space: nowrap; margin-inline-end: 0.6rem; }
details { margin: 0.6rem 0; }
summary { cursor: pointer; font-weight: 600; }

.badge { display: inline-block; border-radius: 999px; padding: 0.05rem 0.55rem; font-size: 0.78rem; font-weight: 700; color: #fff; vertical-align: 0.1em; white-space: nowrap; }
.sev-critical .badge, .badge.sev-critical { background: var(--critical); }
.badge.sev-high { background: var(--high); }
.badge.sev-medium { background: var(--medium); }
.badge.sev-low { background: var(--low); }
.badge.sev-informational { background: var(--informational); }
@media (prefers-color-scheme: dark) { .badge { color: #111; } }

dl.facts { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: 0.3rem 1.25rem; margin: 0.5rem 0; }
dl.facts > div { display: contents; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; }
@media (max-width: 640px) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-block-end: 0.4rem; } }

ul, ol { padding-inline-start: 1.4rem; }
ol.findings, ul.findings { list-style: none; padding: 0; margin: 0.5rem 0; }
li.finding { border: 1px solid var(--line); border-inline-start: 5px solid var(--informational); border-radius: 8px; padding: 0.7rem 0.9rem; margin: 0.6rem 0; }
li.finding.sev-critical { border-inline-start-color: var(--critical); }
li.finding.sev-high { border-inline-start-color: var(--high); }
li.finding.sev-medium { border-inline-start-color: var(--medium); }
li.finding.sev-low { border-inline-start-color: var(--low); }
li.finding p { margin: 0.25rem 0; }
.finding-meta { font-size: 0.92rem; color: var(--muted); }
.confidence { font-weight: 600; }
.steps li { margin: 0.35rem 0; }
ul.contacts { list-style: none; padding: 0; }
ul.contacts li { display: flex; gap: 0.75rem; align-items: flex-start; margin: 0.75rem 0; }
ul.contacts .icon { color: var(--accent); margin-top: 0.15rem; }
p.share { display: flex; gap: 0.6rem; align-items: flex-start; color: var(--muted); }

article.finding-detail { border-block-start: 1px solid var(--line); padding-block-start: 0.75rem; margin-block-start: 1rem; }
article.finding-detail:first-of-type { border-block-start: 0; margin-block-start: 0; }
article.finding-detail h3 { margin-top: 0.25rem; }
ul.refs { margin: 0; padding-inline-start: 1.1rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: start; vertical-align: top; padding: 0.3rem 0.5rem; border-block-end: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: end; white-space: nowrap; }
td.hash { max-width: 22rem; }
table.fields th { width: 14rem; }
table.fields th, table.fields td { padding-block: 0.15rem; }
table.neighbours tr.current td { background: var(--hit); font-weight: 600; }
td.summary { max-width: 30rem; }
ul.files, ul.issues { margin: 0; padding-inline-start: 1rem; }
tr.status-failed td, tr.status-unsupported td { background: var(--review-bg); }
tr.status-missing td { color: var(--muted); }
button { font: inherit; font-size: 0.92rem; padding: 0.25rem 0.7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--text); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.5; cursor: default; }
input, select { font: inherit; font-size: 0.92rem; padding: 0.2rem 0.4rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--text); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

.tl-toolbar, .tl-filters { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; margin: 0.5rem 0; }
.tl-range, .tl-count { color: var(--muted); font-size: 0.92rem; }
.tl-filters input[type="search"] { width: 18rem; max-width: 100%; }
.tl-filters select { max-width: 16rem; }
.tl-filters label.check { display: inline-flex; gap: 0.3rem; align-items: center; }
.tl-chart { width: 100%; overflow: hidden; }
.tl-svg { display: block; }
.tl-svg .axis { stroke: var(--line); }
.tl-svg .tick { fill: var(--muted); font-size: 11px; }
.tl-svg .bin { fill: transparent; cursor: zoom-in; }
.tl-svg .bin:hover { fill: rgba(100, 116, 139, 0.15); }
.tl-svg .mark { cursor: pointer; }
.tl-svg .mark-line { stroke: var(--high); stroke-width: 1; stroke-dasharray: 2 2; opacity: 0.6; pointer-events: none; }
.tl-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; margin: 0.25rem 0 0.75rem; font-size: 0.85rem; }
.tl-legend li { display: inline-flex; gap: 0.35rem; align-items: center; }
.tl-table { border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
.tl-row { display: grid; grid-template-columns: 12.75rem 9rem 7.5rem minmax(12rem, 1fr) 10.5rem; min-width: 52rem; height: 28px; align-items: center; }
.tl-head { height: auto; min-height: 32px; background: var(--bg); font-weight: 600; color: var(--muted); border-block-end: 1px solid var(--line); }
.tl-cell { padding: 0 0.5rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 0.86rem; }
.tl-cell.c3 { display: flex; align-items: center; }
.tl-cell.c3 .tl-text { overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 1; }
.tl-viewport { height: 480px; overflow-y: auto; overflow-x: hidden; position: relative; min-width: 52rem; }
.tl-spacer { position: relative; }
.tl-rows { position: absolute; inset-inline: 0; top: 0; will-change: transform; }
.tl-row.odd { background: var(--row-odd); }
.tl-row:not(.tl-head):hover { background: var(--row-hover); }
.tl-row.hit { background: var(--hit); }
.tl-row.focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.tl-hit { display: inline-block; background: var(--high); color: #fff; border-radius: 4px; padding: 0 0.35rem; margin-inline-end: 0.4rem; font-size: 0.75rem; font-weight: 700; }
.tl-empty { padding: 1rem; color: var(--muted); }
.print-only { display: none; }
footer { color: var(--muted); font-size: 0.85rem; text-align: center; margin: 2rem 0; }

@media print {
  :root { --bg: #fff; --card: #fff; --text: #000; --muted: #444; --line: #bbb; --row-odd: #fff; --hit: #fde8e8; color-scheme: light; }
  body { font-size: 11pt; background: #fff; }
  html[lang="ar"] body { font-size: 12pt; }
  main { max-width: none; padding: 0; }
  header.top { border: 0; }
  nav.toc, .no-print, .tl-toolbar, button, noscript { display: none !important; }
  .print-only { display: block; }
  section { border: 0; border-radius: 0; padding: 0; margin: 0 0 1.2rem; }
  section#result, li.finding, article.finding-detail, .verdict-card, tr { break-inside: avoid; }
  .part-title { break-before: page; }
  .part-title.first { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  .badge { border: 1px solid #000; color: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verdict-card, .tl-svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap { overflow: visible; }
  details > summary { list-style: none; }
}
@page { margin: 16mm 14mm; }
`;
