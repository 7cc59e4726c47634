/** What this kind of acquisition cannot show, and what a better one would add. */
import { LIMITS_EN } from '../i18n/limits.en.js';
import type { Piece } from '../i18n/translator.js';
import { html, type Html } from './html.js';
import { piece, type RenderContext } from './render-context.js';

/**
 * coverage.json says, in English, what this acquisition cannot show (the check may leave
 * out a sentence that does not apply, e.g. for an encrypted backup); each sentence is
 * shown in the page's language by its place in the English catalogue.
 */
export function limitSentences(ctx: RenderContext): Piece[] {
  const { tr, model } = ctx;
  const kind = model.acquisition.kind;
  const english = LIMITS_EN[kind];
  return model.cannotShow.map((sentence) => {
    const index = english.indexOf(sentence);
    const translated = index >= 0 ? tr.pack.limits[kind][index] : undefined;
    return translated === undefined ? { text: sentence, lang: 'en' } : { text: translated, lang: tr.pack.lang };
  });
}

export function limitsSection(ctx: RenderContext): Html {
  const { tr } = ctx;
  return html`<section id="limits" aria-labelledby="limits-h">
<h2 id="limits-h">${tr.t('limits.heading')}</h2>
<p>${tr.t('limits.intro')}</p>
<ul class="limits">${limitSentences(ctx).map((limit) => html`<li>${piece(ctx, limit)}</li>`)}</ul>
</section>`;
}
