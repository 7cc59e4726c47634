/**
 * Words and formats of one report language: messages with {placeholders} and plurals,
 * numbers, dates (always UTC), lists, and the translation of what records and rules say
 * in English. A piece with no translation comes back with `lang: 'en'` so the page can
 * mark it, rather than silently mixing languages.
 */
import type { Locator } from '../../artifacts/types.js';
import type { Rule } from '../../detection/rule-types.js';
import type { MessageKey } from './en.js';
import type { LanguagePack } from './catalogue.js';
import type { PluralMessage, RuleText } from './types.js';

export type Params = Readonly<Record<string, string | number>>;

/** A piece of text and the language it is actually in. */
export interface Piece {
  text: string;
  lang: string;
}

export class Translator {
  private readonly numbers: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;
  private readonly dateTimes: Intl.DateTimeFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly lists: Intl.ListFormat;

  constructor(readonly pack: LanguagePack) {
    this.numbers = new Intl.NumberFormat(pack.locale);
    this.plurals = new Intl.PluralRules(pack.locale);
    this.dateTimes = new Intl.DateTimeFormat(pack.locale, {
      dateStyle: 'long',
      timeStyle: 'medium',
      timeZone: 'UTC',
      hourCycle: 'h23',
    });
    this.dates = new Intl.DateTimeFormat(pack.locale, { dateStyle: 'long', timeZone: 'UTC' });
    this.lists = new Intl.ListFormat(pack.locale, { type: 'conjunction' });
  }

  get lang(): string {
    return this.pack.lang;
  }

  t(key: MessageKey, params: Params = {}): string {
    return fill(this.template(key, params['count']), params, (value) => (typeof value === 'number' ? this.number(value) : value));
  }

  /** The message's template, with the plural form for `count` chosen. */
  template(key: MessageKey, count?: string | number): string {
    const message = this.pack.messages[key];
    return typeof message === 'string' ? message : this.pluralForm(message, count);
  }

  private pluralForm(message: PluralMessage, count: string | number | undefined): string {
    const n = typeof count === 'number' ? count : Number(count ?? 0);
    const category = this.plurals.select(n);
    return message[category] ?? message.other;
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** A UTC ISO time in words; an unparsable time is shown as it is. */
  dateTime(iso: string): string {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : this.dateTimes.format(ms);
  }

  date(iso: string): string {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : this.dates.format(ms);
  }

  list(items: readonly string[]): string {
    return this.lists.format(items);
  }

  /** A rule's words in this language, or its English words marked as such. */
  rule(rule: Pick<Rule, 'id' | 'title' | 'explanation' | 'harmless'>): RuleText & { lang: string } {
    const translated = this.pack.rules?.[rule.id];
    if (this.pack.rules === null || translated === undefined) {
      return { title: rule.title, explanation: rule.explanation, harmless: rule.harmless, lang: 'en' };
    }
    return { ...translated, lang: this.pack.lang };
  }

  artifact(id: string, englishTitle: string): Piece {
    return this.term(this.pack.terms?.artifacts[id], englishTitle);
  }

  /** What a record's time means; the manifest joins several meanings with ', '. */
  meaning(meaning: string): Piece {
    const terms = this.pack.terms;
    if (terms === null) return { text: meaning, lang: 'en' };
    const whole = terms.meanings[meaning];
    if (whole !== undefined) return { text: whole, lang: this.pack.lang };
    const parts = meaning.split(', ').map((part) => terms.meanings[part]);
    if (parts.every((part): part is string => part !== undefined)) return { text: this.list(parts), lang: this.pack.lang };
    return { text: meaning, lang: 'en' };
  }

  /** An enumerated field value (a message's direction) as it reads inside a sentence. */
  fieldValue(field: string, value: string): string {
    return this.pack.terms?.fieldValues[field]?.[value] ?? value;
  }

  caution(text: string): Piece {
    return this.term(this.pack.terms?.cautions[text], text);
  }

  locator(locator: Locator): string {
    switch (locator.kind) {
      case 'sqlite':
        return this.t('loc.sqlite', { table: locator.table, rowid: locator.rowid });
      case 'plist':
        return locator.keyPath.length === 0 ? this.t('loc.plistRoot') : this.t('loc.plist', { path: locator.keyPath.join(' › ') });
      case 'line':
        return this.t('loc.line', { line: String(locator.line) });
      case 'json': {
        const path = locator.path.length === 0 ? '$' : locator.path.join(' › ');
        return locator.line === undefined ? this.t('loc.json', { path }) : this.t('loc.jsonLine', { path, line: String(locator.line) });
      }
      case 'manifest':
        return this.t('loc.manifest', { id: locator.fileID });
      case 'file':
        return this.t('loc.file');
      case 'listing':
        return this.t('loc.listing');
      default: {
        const exhaustive: never = locator;
        return String(exhaustive);
      }
    }
  }

  private term(translated: string | undefined, english: string): Piece {
    if (this.pack.terms === null) return { text: english, lang: 'en' };
    return translated === undefined ? { text: english, lang: 'en' } : { text: translated, lang: this.pack.lang };
  }
}

/** Replaces {name} placeholders; unknown ones stay visible so a test can see them. */
export function fill(template: string, params: Params, show: (value: string | number) => string = String): string {
  return template.replace(/\{([A-Za-z_.]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : show(value);
  });
}

/** The {placeholders} of a template, sorted and unique. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z_.]+)\}/g)].map((match) => match[1] ?? ''))].sort();
}
