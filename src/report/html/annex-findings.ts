/**
 * Every finding for the analyst: the rule or indicator, the spyware and its indicator set,
 * the matched value, where the record sits (file, table, row) and the records around it.
 */
import type { FieldValue } from '../../artifacts/types.js';
import { summarizeRecord } from '../record-summary.js';
import { html, type Html } from './html.js';
import { findingWords } from './explanation.js';
import type { ReportFinding } from './model.js';
import type { NeighbourRow } from './record-scan.js';
import { facts, locatorText, mono, piece, severityBadge, time, type RenderContext } from './render-context.js';

function fieldText(value: FieldValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.join('\n');
  return String(value);
}

function neighbourRow(ctx: RenderContext, row: NeighbourRow, current: boolean): Html {
  const meaning = row.meaning === null ? null : ctx.tr.meaning(row.meaning);
  return html`<tr${current ? html` class="current"` : ''}>
<td>${current ? ctx.tr.t('f.thisRecord') : mono(row.offset > 0 ? `+${row.offset}` : String(row.offset))}</td>
<td>${row.time ? html`${time(ctx, row.time)}${meaning ? html`<br><span class="muted">${piece(ctx, meaning)}</span>` : ''}` : ''}</td>
<td class="summary">${mono(row.summary)}</td>
<td>${locatorText(ctx, row.locator)}</td>
</tr>`;
}

function neighbours(ctx: RenderContext, item: ReportFinding): Html {
  const { tr } = ctx;
  if (item.record === null) return html`<p class="muted">${tr.t('f.neighboursNone')}</p>`;
  const record = item.record;
  const self: NeighbourRow = {
    offset: 0,
    time: record.times[0]?.at ?? null,
    meaning: record.times[0]?.meaning ?? null,
    summary: '',
    path: record.origin.path,
    locator: record.origin.locator,
  };
  const fields = Object.entries(record.fields);
  return html`<h4>${tr.t('f.fields')}</h4>
<table class="fields"><tbody>${fields.map(
    ([name, value]) => html`<tr><th scope="row">${mono(name)}</th><td>${mono(fieldText(value))}</td></tr>`,
  )}</tbody></table>
<h4>${tr.t('f.neighbours')}</h4>
<table class="neighbours"><thead><tr><th>${tr.t('f.offset')}</th><th>${tr.t('f.time')}</th><th>${tr.t('f.summary')}</th><th>${tr.t('f.locator')}</th></tr></thead>
<tbody>${item.before.map((row) => neighbourRow(ctx, row, false))}${neighbourRow(ctx, { ...self, summary: summarizeRecord(record) }, true)}${item.after.map((row) => neighbourRow(ctx, row, false))}</tbody></table>`;
}

function findingDetail(ctx: RenderContext, item: ReportFinding, index: number): Html {
  const { tr } = ctx;
  const { finding } = item;
  const words = findingWords(ctx, item);
  const indicator = finding.indicator;
  const ref = finding.records[0];
  const vocabulary = tr.pack.vocabulary;
  return html`<article class="finding-detail sev-${finding.severity}" id="f-${finding.id}" aria-labelledby="f-${finding.id}-h">
<h3 id="f-${finding.id}-h">${severityBadge(ctx, finding.severity)} ${piece(ctx, words.title)}</h3>
<p>${piece(ctx, words.sentence)}${words.caution ? html` ${piece(ctx, words.caution)}` : ''}</p>
${facts([
  [tr.t('f.rule'), html`${mono(finding.rule.id)} · ${tr.t('f.version', { version: finding.rule.version })} · ${vocabulary.ruleType[finding.rule.type]}`],
  [tr.t('f.severity'), vocabulary.severity[finding.severity]],
  [tr.t('f.confidence'), vocabulary.confidence[finding.confidence]],
  [tr.t('f.matched'), html`${mono(finding.matched.value)}`],
  [tr.t('f.field'), mono(finding.matched.field)],
  [tr.t('f.indicator'), indicator ? html`${mono(indicator.value)} · ${vocabulary.indicatorKind[indicator.kind] ?? indicator.kind} · ${mono(indicator.stixId)}` : null],
  [tr.t('f.how'), indicator ? (vocabulary.how[indicator.how] ?? indicator.how) : null],
  [tr.t('f.malware'), indicator ? (indicator.malware ? html`<bdi>${indicator.malware}</bdi>` : tr.t('f.unnamed')) : null],
  [tr.t('f.bundle'), indicator ? html`${mono(indicator.bundle.file)} · SHA-256 ${mono(indicator.bundle.sha256)}` : null],
  [tr.t('f.file'), ref ? mono(ref.origin.path) : null],
  [tr.t('f.stored'), ref ? mono(ref.origin.stored) : null],
  [tr.t('f.sha256'), ref ? mono(ref.origin.sha256) : null],
  [tr.t('f.locator'), ref ? locatorText(ctx, ref.origin.locator) : null],
  [tr.t('f.time'), ref?.time ? html`${time(ctx, ref.time)} · ${mono(ref.time)}` : null],
  [tr.t('f.id'), mono(finding.id)],
  [
    tr.t('f.references'),
    finding.references.length > 0
      ? html`<ul class="refs">${finding.references.map((url) => html`<li><a href="${url}" rel="noopener noreferrer">${mono(url)}</a></li>`)}</ul>`
      : null,
  ],
])}
<p><button type="button" class="show-in-timeline" data-finding-index="${index}" hidden>${tr.t('f.showInTimeline')}</button></p>
<details class="context"${index < 10 ? html` open` : ''}>
<summary>${tr.t('f.context')}</summary>
${neighbours(ctx, item)}
</details>
</article>`;
}

export function findingsAnnex(ctx: RenderContext): Html {
  const { tr, model } = ctx;
  return html`<section id="annex-findings" aria-labelledby="annex-findings-h">
<h2 id="annex-findings-h">${tr.t('annex.findings')}</h2>
${model.findings.length === 0 ? html`<p>${tr.t('found.none')}</p>` : model.findings.map((item, i) => findingDetail(ctx, item, i))}
</section>`;
}
