/**
 * What every part of the page is rendered with: the model, the language, the rules by id,
 * and small pieces of markup they share (a value shown left-to-right inside any text
 * direction, a severity badge, a piece of text in another language marked as such).
 */
import type { Locator } from '../../artifacts/types.js';
import type { Confidence, Rule, Severity } from '../../detection/rule-types.js';
import { RULES } from '../../detection/rule-set.js';
import { Translator, type Piece } from '../i18n/translator.js';
import type { LanguagePack } from '../i18n/catalogue.js';
import { html, join, type Content, type Html } from './html.js';
import type { MessageKey } from '../i18n/en.js';
import type { ReportModel } from './model.js';

export interface RenderContext {
  model: ReportModel;
  tr: Translator;
  rules: ReadonlyMap<string, Rule>;
}

export function renderContext(model: ReportModel, pack: LanguagePack, rules: readonly Rule[] = RULES): RenderContext {
  return { model, tr: new Translator(pack), rules: new Map(rules.map((rule) => [rule.id, rule])) };
}

/**
 * A technical value (URL, path, hash, identifier): isolated and left-to-right, so in an
 * Arabic sentence it neither reorders its neighbours nor gets reordered itself.
 */
export function mono(value: string | number): Html {
  return html`<bdi class="mono" dir="ltr">${value}</bdi>`;
}

/** Text that may be in another language than the page (an untranslated record word). */
export function piece(ctx: RenderContext, value: Piece): Html {
  return value.lang === ctx.tr.lang ? html`${value.text}` : html`<span lang="${value.lang}">${value.text}</span>`;
}

export function severityBadge(ctx: RenderContext, severity: Severity): Html {
  return html`<span class="badge sev-${severity}">${ctx.tr.pack.vocabulary.severity[severity]}</span>`;
}

export function confidenceText(ctx: RenderContext, confidence: Confidence): string {
  return ctx.tr.t('found.confidence', { level: ctx.tr.pack.vocabulary.confidence[confidence] });
}

/** A UTC ISO time in the page's words, with the exact value for the analyst on hover. */
export function time(ctx: RenderContext, iso: string): Html {
  return html`<time datetime="${iso}" title="${iso}">${ctx.tr.dateTime(iso)}</time>`;
}

/**
 * Where a record sits, in words of the page's language around the table and row names:
 * isolated but not forced left-to-right, so an Arabic phrase keeps its own order.
 */
export function locatorText(ctx: RenderContext, locator: Locator): Html {
  return html`<bdi class="locator">${ctx.tr.locator(locator)}</bdi>`;
}

/** The artifact's title in the page's language, from its id and the English title. */
export function artifactTitle(ctx: RenderContext, id: string): Html {
  const english = ctx.model.coverage.find((entry) => entry.artifact === id)?.title ?? id;
  return piece(ctx, ctx.tr.artifact(id, english));
}

/** A table of label → value rows. */
export function facts(rows: ReadonlyArray<readonly [string, Html | string | null | undefined]>): Html {
  const shown = rows.filter((row): row is readonly [string, Html | string] => row[1] !== null && row[1] !== undefined && row[1] !== '');
  return html`<dl class="facts">${shown.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** A message whose placeholders are markup (a <time>, a value): the text around them is escaped. */
export function message(ctx: RenderContext, key: MessageKey, params: Readonly<Record<string, Content>>, count?: number): Html {
  const parts = ctx.tr.template(key, count).split(/\{([A-Za-z_.]+)\}/);
  return join(parts.map((part, i) => (i % 2 === 0 ? part : (params[part] ?? `{${part}}`))));
}
