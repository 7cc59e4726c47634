/**
 * Translation completeness, checked against what the code holds right now: every rule in
 * RULES, every extractor in EXTRACTORS and every time meaning written in an extractor's
 * source has French and Arabic words, with the same placeholders as the English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RISKY_SETTINGS } from '../../artifacts/android/parsers/settings.js';
import { EXTRACTORS } from '../../artifacts/registry.js';
import { RULES } from '../../detection/rule-set.js';
import { cautionFor } from '../../indicators/indicator-value.js';
import { EN, type MessageKey } from './en.js';
import { PACKS } from './catalogue.js';
import { placeholders } from './translator.js';
import type { Message } from './types.js';

const TRANSLATED = [PACKS.fr, PACKS.ar];

function forms(message: Message): string[] {
  return typeof message === 'string' ? [message] : Object.values(message).filter((form): form is string => form !== undefined);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `meaning: '…'` literal in the extractors' source. */
function literalMeanings(): string[] {
  const dir = fileURLToPath(new URL('../../artifacts/', import.meta.url));
  const found = new Set<string>();
  for (const file of sourceFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/meaning: '([^'\\]+)'/g)) found.add(match[1] ?? '');
  }
  return [...found].sort();
}

describe.each(TRANSLATED.map((pack) => [pack.lang, pack] as const))('%s translations', (_lang, pack) => {
  it('cover every rule in RULES, with the same placeholders and as many harmless causes', () => {
    expect(RULES.length).toBeGreaterThan(0);
    const missing = RULES.filter((rule) => pack.rules?.[rule.id] === undefined).map((rule) => rule.id);
    expect(missing).toEqual([]);
    for (const rule of RULES) {
      const text = pack.rules?.[rule.id];
      expect.soft([rule.id, placeholders(text?.explanation ?? '')]).toEqual([rule.id, placeholders(rule.explanation)]);
      expect.soft([rule.id, placeholders(text?.title ?? '')]).toEqual([rule.id, []]);
      expect.soft([rule.id, text?.harmless.length]).toEqual([rule.id, rule.harmless.length]);
      expect.soft([rule.id, text?.explanation === rule.explanation]).toEqual([rule.id, false]);
    }
  });

  it('hold no rule that RULES no longer has', () => {
    const ids = new Set(RULES.map((rule) => rule.id));
    expect(Object.keys(pack.rules ?? {}).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('use in each message only the placeholders of the English message', () => {
    for (const key of Object.keys(EN) as MessageKey[]) {
      const allowed = new Set(forms(EN[key]).flatMap(placeholders));
      for (const form of forms(pack.messages[key])) {
        expect.soft([key, placeholders(form).filter((name) => !allowed.has(name))]).toEqual([key, []]);
      }
      // A plain message keeps every placeholder; a plural form may leave out {count}.
      if (typeof EN[key] === 'string') {
        expect.soft([key, placeholders(forms(pack.messages[key])[0] ?? '')]).toEqual([key, placeholders(EN[key])]);
      }
    }
  });

  it('say what each kind of acquisition cannot show in as many sentences as English', () => {
    for (const [kind, sentences] of Object.entries(PACKS.en.limits)) {
      expect.soft([kind, pack.limits[kind as keyof typeof pack.limits].length]).toEqual([kind, sentences.length]);
    }
  });

  it('name every artifact of the registry', () => {
    expect(EXTRACTORS.filter((extractor) => pack.terms?.artifacts[extractor.id] === undefined).map((e) => e.id)).toEqual([]);
  });

  it('translate every time meaning an extractor writes', () => {
    expect(literalMeanings().filter((meaning) => pack.terms?.meanings[meaning] === undefined)).toEqual([]);
  });

  it('translate every risky Android setting the settings records can name', () => {
    const risks = [...RISKY_SETTINGS.values()].map((setting) => setting.meaning);
    expect(risks.filter((risk) => pack.terms?.fieldValues['risk']?.[risk] === undefined)).toEqual([]);
  });

  it('translate every indicator caution the engine can append', () => {
    const cautions = [
      cautionFor('process', 'gatekeeperd'),
      cautionFor('process', 'payload'),
      cautionFor('process', 'bh'),
      cautionFor('file-name', 'com.apple.photolibraryd.plist'),
      cautionFor('file-path', 'Library/Preferences/com.apple.photolibraryd.plist'),
    ].map((caution) => caution?.text ?? 'missing caution');
    expect(Object.keys(pack.terms?.cautions ?? {}).sort()).toEqual([...cautions].sort());
  });
});
