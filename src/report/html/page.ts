/**
 * The whole report page: one self-contained HTML document in one language. Its Content
 * Security Policy allows nothing but its own inline style and script (pinned by hash) and
 * no connection of any kind, so even a hostile value in a record could not make the page
 * load or send anything.
 */
import { createHash } from 'node:crypto';
import type { Rule } from '../../detection/rule-types.js';
import { PACKS } from '../i18n/catalogue.js';
import type { Lang } from '../i18n/types.js';
import { acquisitionAnnex } from './annex-acquisition.js';
import { aboutAnnex } from './annex-about.js';
import { coverageAnnex } from './annex-coverage.js';
import { evidenceAnnex } from './annex-evidence.js';
import { findingsAnnex } from './annex-findings.js';
import { timelineAnnex } from './annex-timeline.js';
import { CLIENT_JS } from './client/index.js';
import { clientData } from './client-data.js';
import { html, jsonForScriptChunks, raw, type Html } from './html.js';
import { ICONS } from './icons.js';
import type { ReportModel } from './model.js';
import { renderContext, type RenderContext } from './render-context.js';
import { checkedSection } from './section-checked.js';
import { foundSection } from './section-found.js';
import { limitsSection } from './section-limits.js';
import { nextSection } from './section-next.js';
import { verdictSection } from './section-verdict.js';
import { STYLES } from './styles.js';

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256Base64(STYLES)}'`,
    `script-src 'sha256-${sha256Base64(CLIENT_JS)}'`,
    "img-src 'none'",
    "connect-src 'none'",
    "font-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function toc(ctx: RenderContext): Html {
  const { tr } = ctx;
  const entries: Array<[string, string]> = [
    ['result', tr.t('verdict.heading')],
    ['checked', tr.t('checked.heading')],
    ['limits', tr.t('limits.heading')],
    ['found', tr.t('found.heading')],
    ['next', tr.t('next.heading')],
    ['annex-findings', tr.t('annex.findings')],
    ['annex-timeline', tr.t('annex.timeline')],
    ['annex-coverage', tr.t('annex.coverage')],
    ['annex-acquisition', tr.t('annex.acquisition')],
    ['annex-evidence', tr.t('annex.evidence')],
  ];
  return html`<nav class="toc" aria-label="${tr.t('doc.toc')}"><ol>${entries.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`;
}

/**
 * The page in pieces, in order: the markup before the embedded data, the data a slice at a
 * time, then the rest. Written out piece by piece, the page is never one string in memory.
 */
export function* renderReportChunks(model: ReportModel, lang: Lang, rules?: readonly Rule[]): Generator<string> {
  const pack = PACKS[lang];
  const ctx = renderContext(model, pack, rules);
  const { tr } = ctx;
  const device = model.acquisition.device;
  const subject = [device.productName ?? device.productType, model.acquisition.name].filter(Boolean).join(' · ');
  const head = html`<!DOCTYPE html>
<html lang="${pack.lang}" dir="${pack.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${`${model.tool.name} ${model.tool.version}`}">
<title>${tr.t('doc.title', { name: model.acquisition.name })}</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<header class="top"><div class="inner">${ICONS.phone}<div><h1>${tr.t('doc.heading')}</h1><p><bdi>${subject}</bdi></p><p class="small">${tr.t('doc.subheading', { version: model.tool.version })}</p></div></div></header>
<main>
${model.redacted ? html`<p class="redacted-note" role="note">${ICONS.lock}<span>${tr.t('doc.redacted')}</span></p>` : ''}
${toc(ctx)}
<h2 class="part-title first" id="part-person">${tr.t('doc.personPart')}</h2>
${verdictSection(ctx)}
${checkedSection(ctx)}
${limitsSection(ctx)}
${foundSection(ctx)}
${nextSection(ctx)}
<h2 class="part-title" id="part-analyst">${tr.t('doc.analystPart')}</h2>
<p>${tr.t('annex.intro')}</p>
${findingsAnnex(ctx)}
${timelineAnnex(ctx)}
${coverageAnnex(ctx)}
${acquisitionAnnex(ctx)}
${evidenceAnnex(ctx)}
${aboutAnnex(ctx)}
</main>
<script type="application/json" id="exhibit-data">`;
  yield head.value;
  yield* jsonForScriptChunks(clientData(ctx));
  yield html`</script>
<script>${raw(CLIENT_JS)}</script>
</body>
</html>
`.value;
}

export function renderReport(model: ReportModel, lang: Lang, rules?: readonly Rule[]): string {
  return [...renderReportChunks(model, lang, rules)].join('');
}
