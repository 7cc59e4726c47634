/** The verdict in plain words, the counts behind it, and how it was decided. */
import { SEVERITIES } from '../../detection/rule-types.js';
import { html, type Html } from './html.js';
import { ICONS } from './icons.js';
import type { RenderContext } from './render-context.js';
import { severityBadge } from './render-context.js';

export function verdictSection(ctx: RenderContext): Html {
  const { model, tr } = ctx;
  const { verdict } = model;
  const findings = model.findings.map((item) => item.finding);
  const notes = findings.filter((finding) => finding.severity === 'informational').length;
  const signs = findings.length - notes;
  let title: string;
  let body: string;
  if (verdict.level === 'strong') {
    const names = [...verdict.malware];
    if (verdict.unnamed || names.length === 0) names.push(tr.t('verdict.unnamedMalware'));
    title = tr.t('verdict.strong.title');
    body = tr.t('verdict.strong.body', { malware: tr.list(names) });
  } else if (verdict.level === 'review') {
    title = tr.t('verdict.review.title');
    body = tr.t('verdict.review.body');
  } else {
    title = tr.t('verdict.clean.title');
    body = tr.t('verdict.clean.body', { indicators: model.indicatorTotal, rules: model.rules.count });
  }
  const unread = model.coverage.filter((entry) => entry.status === 'failed' || entry.status === 'unsupported').length;
  const counts = SEVERITIES.filter((severity) => severity !== 'informational')
    .map((severity) => ({ severity, count: findings.filter((finding) => finding.severity === severity).length }))
    .filter((entry) => entry.count > 0);
  return html`<section id="result" class="verdict verdict-${verdict.level}" aria-labelledby="result-h">
<h2 id="result-h">${tr.t('verdict.heading')}</h2>
<div class="verdict-card" data-verdict="${verdict.level}">
<div class="verdict-icon">${ICONS[verdict.level]}</div>
<div class="verdict-text">
<p class="verdict-title" id="verdict-title">${title}</p>
<p>${body}</p>
<p class="verdict-counts" data-findings="${signs}" data-notes="${notes}">${[
    tr.t('verdict.counts', { count: signs }),
    counts.length > 0 ? html`${tr.t('punct.colon')}${counts.map(({ severity, count }) => html`<span class="count">${severityBadge(ctx, severity)} ${tr.number(count)}</span>`)}` : '',
    notes > 0 ? html` · ${tr.t('verdict.notes', { count: notes })}` : '',
  ]}</p>
${model.records === 0 ? html`<p class="warning">${tr.t('verdict.nothingRead')}</p>` : unread > 0 ? html`<p class="warning">${tr.t('verdict.partial', { count: unread })}</p>` : ''}
</div>
</div>
<details class="how">
<summary>${tr.t('verdict.how.heading')}</summary>
<ul>
<li>${tr.t('verdict.how.strong')}</li>
<li>${tr.t('verdict.how.review')}</li>
<li>${tr.t('verdict.how.clean')}</li>
</ul>
</details>
</section>`;
}
