/** What was found, for the person: one sentence per finding, how sure, what else it could be. */
import { html, type Html } from './html.js';
import { findingWords } from './explanation.js';
import type { ReportFinding } from './model.js';
import { confidenceText, piece, severityBadge, type RenderContext } from './render-context.js';

function findingItem(ctx: RenderContext, item: ReportFinding): Html {
  const { finding } = item;
  const words = findingWords(ctx, item);
  return html`<li class="finding sev-${finding.severity}" data-finding="${finding.id}">
<p class="finding-head">${severityBadge(ctx, finding.severity)} <strong>${piece(ctx, words.title)}</strong></p>
<p class="finding-sentence">${piece(ctx, words.sentence)}${words.caution ? html` ${piece(ctx, words.caution)}` : ''}</p>
<p class="finding-meta"><span class="confidence conf-${finding.confidence}">${confidenceText(ctx, finding.confidence)}</span> · <a href="#f-${finding.id}">${ctx.tr.t('found.details')}</a></p>
${words.harmless.length > 0
  ? html`<details class="harmless"><summary>${ctx.tr.t('found.harmless')}</summary><ul>${words.harmless.map((text) => html`<li>${piece(ctx, text)}</li>`)}</ul></details>`
  : ''}
</li>`;
}

export function foundSection(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  const signs = model.findings.filter((item) => item.finding.severity !== 'informational');
  const notes = model.findings.filter((item) => item.finding.severity === 'informational');
  return html`<section id="found" aria-labelledby="found-h">
<h2 id="found-h">${tr.t('found.heading')}</h2>
${signs.length === 0
  ? html`<p class="none">${tr.t('found.none')}</p>`
  : html`<p>${tr.t('found.intro')}</p>
<ol class="findings">${signs.map((item) => findingItem(ctx, item))}</ol>
<p class="muted small">${tr.t('found.confidenceHelp')}</p>`}
${notes.length > 0 ? html`<h3>${tr.t('found.notes')}</h3><ul class="findings notes">${notes.map((item) => findingItem(ctx, item))}</ul>` : ''}
</section>`;
}
