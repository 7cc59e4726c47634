/** The seal and attestation of the results folder, when the check made them. */
import { html, type Html } from './html.js';
import type { EvidenceEnvelope, EvidenceView } from './evidence-view.js';
import { mono, type RenderContext } from './render-context.js';
import type { MessageKey } from '../i18n/en.js';

function pairs(entries: ReadonlyArray<readonly [string, string]>): Html {
  return html`<table class="fields"><tbody>${entries.map(
    ([key, value]) => html`<tr><th scope="row">${mono(key)}</th><td>${mono(value)}</td></tr>`,
  )}</tbody></table>`;
}

function envelope(ctx: RenderContext, item: EvidenceEnvelope): Html {
  const { tr } = ctx;
  return html`<div class="envelope">
${item.at ? html`<p>${mono(item.at)}</p>` : ''}
<p>${tr.t('evidence.payloadType')}${tr.t('punct.colon')}${mono(item.payloadType)}</p>
<p><strong>${item.signatures.length === 0 ? tr.t('evidence.unsigned') : tr.t('evidence.signatures', { count: item.signatures.length })}</strong></p>
${item.signatures.length > 0
  ? html`<table class="fields"><thead><tr><th>${tr.t('evidence.key')}</th><th>${tr.t('evidence.signature')}</th></tr></thead><tbody>${item.signatures.map(
      (signature) => html`<tr><td>${mono(signature.keyid)}</td><td class="hash">${mono(signature.sig)}</td></tr>`,
    )}</tbody></table>`
  : ''}
${item.statement.length > 0 ? html`<details><summary>${tr.t('evidence.statement')}</summary>${pairs(item.statement)}</details>` : ''}
</div>`;
}

function evidenceBlock(ctx: RenderContext, title: MessageKey, view: EvidenceView): Html {
  if (view.state === 'absent') return html``;
  const { tr } = ctx;
  return html`<div class="evidence-file">
<h3>${tr.t(title)}</h3>
${view.state === 'unreadable'
  ? html`<p class="warning">${tr.t('evidence.unreadable')}</p>`
  : html`${view.envelopes.map((item) => envelope(ctx, item))}${view.other.length > 0 ? html`<details><summary>${tr.t('evidence.contents')}</summary>${pairs(view.other)}</details>` : ''}`}
</div>`;
}

export function evidenceAnnex(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  const none = model.seal.state === 'absent' && model.attestation.state === 'absent';
  return html`<section id="annex-evidence" aria-labelledby="annex-evidence-h">
<h2 id="annex-evidence-h">${tr.t('annex.evidence')}</h2>
${none ? html`<p>${tr.t('evidence.none')}</p>` : html`${evidenceBlock(ctx, 'evidence.seal', model.seal)}${evidenceBlock(ctx, 'evidence.attestation', model.attestation)}`}
<p class="muted small">${tr.t('evidence.limit')}</p>
</section>`;
}
