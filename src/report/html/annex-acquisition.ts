/** The acquisition's metadata, the indicator sets and rule set used, and every file's SHA-256. */
import type { MessageKey } from '../i18n/en.js';
import { html, type Html } from './html.js';
import { facts, mono, time, type RenderContext } from './render-context.js';

const DEVICE_LABELS: Readonly<Record<string, MessageKey>> = {
  udid: 'device.udid',
  deviceName: 'device.deviceName',
  productType: 'device.productType',
  productName: 'device.productName',
  productVersion: 'device.productVersion',
  buildVersion: 'device.buildVersion',
  serialNumber: 'device.serialNumber',
  imei: 'device.imei',
  phoneNumber: 'device.phoneNumber',
};

const BACKUP_LABELS: Readonly<Record<string, MessageKey>> = {
  date: 'backup.date',
  encrypted: 'backup.encrypted',
  fullBackup: 'backup.fullBackup',
  snapshotState: 'backup.snapshotState',
  manifestVersion: 'backup.manifestVersion',
  passcodeSet: 'backup.passcodeSet',
};

/** Files listed open when few, folded when many (a file-system dump reads thousands). */
const OPEN_UP_TO = 60;

function value(ctx: RenderContext, item: unknown): Html | string {
  if (typeof item === 'boolean') return ctx.tr.t(item ? 'acq.yes' : 'acq.no');
  if (typeof item === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(item)) return html`${time(ctx, item)} · ${mono(item)}`;
  return mono(typeof item === 'string' || typeof item === 'number' ? item : JSON.stringify(item));
}

function labelled(ctx: RenderContext, object: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, MessageKey>>) {
  return Object.entries(object)
    .filter(([, item]) => item !== undefined && item !== null && item !== '')
    .map(([key, item]) => {
      const label = labels[key];
      return [label ? ctx.tr.t(label) : key, value(ctx, item)] as const;
    });
}

export function acquisitionAnnex(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  const { acquisition } = model;
  const files = acquisition.files_read;
  return html`<section id="annex-acquisition" aria-labelledby="annex-acquisition-h">
<h2 id="annex-acquisition-h">${tr.t('annex.acquisition')}</h2>
${facts([
  [tr.t('acq.kind'), html`${tr.pack.vocabulary.kinds[acquisition.kind]} · ${mono(acquisition.kind)}`],
  [tr.t('acq.name'), mono(acquisition.name)],
  [tr.t('acq.tool'), mono(`${acquisition.tool.name} ${acquisition.tool.version}`)],
  [tr.t('acq.rules'), tr.t('acq.rulesValue', { version: model.rules.version, count: model.rules.count })],
])}
<h3>${tr.t('acq.device')}</h3>
${facts(labelled(ctx, acquisition.device as Readonly<Record<string, unknown>>, DEVICE_LABELS))}
${acquisition.backup ? html`<h3>${tr.t('acq.backup')}</h3>${facts(labelled(ctx, acquisition.backup as Readonly<Record<string, unknown>>, BACKUP_LABELS))}` : ''}
<h3>${tr.t('acq.indicatorSets')}</h3>
<div class="table-wrap"><table class="sets">
<thead><tr><th>${tr.t('acq.setFile')}</th><th>${tr.t('acq.setOrigin')}</th><th class="num">${tr.t('acq.setCount')}</th><th>${tr.t('acq.sha256')}</th></tr></thead>
<tbody>${model.indicators.map(
    (set) => html`<tr><td>${mono(set.file)}</td><td>${tr.pack.vocabulary.bundleOrigin[set.origin] ?? set.origin}</td><td class="num">${tr.number(set.indicators)}</td><td class="hash">${mono(set.sha256)}</td></tr>`,
  )}</tbody>
</table></div>
<details class="files-read"${files.length <= OPEN_UP_TO ? html` open` : ''}>
<summary>${tr.t('acq.filesRead', { count: files.length })}</summary>
${files.length === 0
  ? html`<p>${tr.t('acq.noFiles')}</p>`
  : html`<div class="table-wrap"><table class="files">
<thead><tr><th>${tr.t('acq.path')}</th><th>${tr.t('acq.stored')}</th><th class="num">${tr.t('acq.size')}</th><th>${tr.t('acq.sha256')}</th></tr></thead>
<tbody>${files.map(
      (file) => html`<tr><td>${mono(file.path)}</td><td>${mono(file.stored)}</td><td class="num">${tr.number(file.size)}</td><td class="hash">${mono(file.sha256)}</td></tr>`,
    )}</tbody>
</table></div>`}
</details>
</section>`;
}
