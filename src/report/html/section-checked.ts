/** What was checked: the kind of acquisition, the phone, the period, what was read. */
import { html, join, type Html } from './html.js';
import { artifactTitle, facts, message, mono, time, type RenderContext } from './render-context.js';

function systemName(kind: string): string {
  return kind.startsWith('android') ? 'Android' : 'iOS';
}

export function checkedSection(ctx: RenderContext): Html {
  const { model, tr } = ctx;
  const { acquisition } = model;
  const device = acquisition.device;
  const model_ = device.productName ?? device.productType;
  const phone = model_ && device.deviceName ? `${model_} (${device.deviceName})` : (model_ ?? device.deviceName);
  const system = device.productVersion
    ? `${systemName(acquisition.kind)} ${device.productVersion}${device.buildVersion ? ` (${device.buildVersion})` : ''}`
    : undefined;
  const read = model.coverage.filter((entry) => entry.status === 'parsed');
  const missing = model.coverage.filter((entry) => entry.status === 'missing' || entry.status === 'not-applicable');
  const failed = model.coverage.filter((entry) => entry.status === 'failed' || entry.status === 'unsupported');
  const period = model.range
    ? message(ctx, 'checked.periodValue', { first: time(ctx, model.range.first), last: time(ctx, model.range.last) })
    : tr.t('checked.periodNone');
  // A backup records when it was made; a sysdiagnose says so in its name.
  const made = acquisition.backup?.date ?? acquisition.takenAt;
  return html`<section id="checked" aria-labelledby="checked-h">
<h2 id="checked-h">${tr.t('checked.heading')}</h2>
${facts([
  [tr.t('checked.kind'), tr.pack.vocabulary.kinds[acquisition.kind]],
  [tr.t('checked.phone'), phone ? html`<bdi>${phone}</bdi>` : null],
  [tr.t('checked.system'), system ? mono(system) : null],
  [tr.t('checked.made'), made ? time(ctx, made) : null],
  [tr.t('checked.encrypted'), acquisition.backup ? tr.t(acquisition.backup.encrypted ? 'acq.yes' : 'acq.no') : null],
  [tr.t('checked.period'), period],
  [tr.t('checked.records'), tr.number(model.records)],
  [tr.t('checked.indicators'), tr.t('checked.indicatorsValue', { count: model.indicatorTotal, sets: model.indicators.length })],
  [tr.t('checked.rules'), tr.t('checked.rulesValue', { count: model.rules.count, version: model.rules.version })],
])}
<h3>${tr.t('checked.read')}</h3>
${read.length === 0
  ? html`<p>${tr.t('checked.none')}</p>`
  : html`<ul class="artifacts-read">${read.map(
      (entry) => html`<li>${artifactTitle(ctx, entry.artifact)} <span class="muted">(${tr.t('checked.recordsCount', { count: entry.records })})</span></li>`,
    )}</ul>`}
${missing.length > 0 ? html`<p><strong>${tr.t('checked.missing')}</strong>: ${join(missing.map((entry) => artifactTitle(ctx, entry.artifact)), html`<span class="sep"> · </span>`)}</p>` : ''}
${model.problems.length > 0 ? html`<p class="warning">${tr.t('checked.problems', { count: model.problems.length })}</p>` : ''}
${failed.length > 0 ? html`<p class="warning"><strong>${tr.t('checked.failed')}</strong>: ${join(failed.map((entry) => artifactTitle(ctx, entry.artifact)), html`<span class="sep"> · </span>`)}</p>` : ''}
</section>`;
}
