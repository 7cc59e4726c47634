/** What to do next, by verdict, and who can help. */
import { html, type Html } from './html.js';
import { ICONS } from './icons.js';
import type { RenderContext } from './render-context.js';

const ACCESS_NOW = 'https://www.accessnow.org/help/';
const AMNESTY_SECURITY_LAB = 'https://securitylab.amnesty.org/get-help/';

export function nextSection(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  const level = model.verdict.level;
  const steps: string[] =
    level === 'strong'
      ? [tr.t('next.strong.keep'), tr.t('next.strong.assume'), tr.t('next.keepResults')]
      : level === 'review'
        ? [tr.t('next.review.keep'), tr.t('next.keepResults')]
        : [tr.t('next.clean.worry'), tr.t('next.clean.protect')];
  return html`<section id="next" aria-labelledby="next-h">
<h2 id="next-h">${tr.t('next.heading')}</h2>
<ol class="steps">${steps.map((step) => html`<li>${step}</li>`)}</ol>
<p>${tr.t('next.contacts')}</p>
<ul class="contacts">
<li>${ICONS.help}<div><strong>${tr.t('next.accessnow.name')}</strong><br>${tr.t('next.accessnow.what')}<br><a href="${ACCESS_NOW}" rel="noopener noreferrer"><bdi dir="ltr">${ACCESS_NOW}</bdi></a> · <bdi dir="ltr">help@accessnow.org</bdi></div></li>
<li>${ICONS.help}<div><strong>${tr.t('next.amnesty.name')}</strong><br>${tr.t('next.amnesty.what')}<br><a href="${AMNESTY_SECURITY_LAB}" rel="noopener noreferrer"><bdi dir="ltr">${AMNESTY_SECURITY_LAB}</bdi></a></div></li>
</ul>
<p class="share">${ICONS.lock} <span>${tr.t('next.share')}</span></p>
</section>`;
}
