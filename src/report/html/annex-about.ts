/** Where the report comes from and how to get it in another language. */
import { html, type Html } from './html.js';
import type { RenderContext } from './render-context.js';

export function aboutAnnex(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  return html`<section id="annex-about" aria-labelledby="annex-about-h">
<h2 id="annex-about-h">${tr.t('annex.about')}</h2>
<p>${tr.t('about.text', { version: model.tool.version })}</p>
<p>${tr.t('about.language')}</p>
</section>`;
}
