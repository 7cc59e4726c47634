/**
 * A finding in one sentence, in the page's language: the rule's explanation template in
 * that language, filled by the engine's own renderExplanation from the finding and the
 * record it rests on (so the placeholders mean exactly what they mean in findings.json,
 * whose explanation stays English). Record times read as dates of the page's language;
 * enumerated values (a message's direction) are translated.
 */
import type { ArtifactRecord, FieldValue, RecordFields } from '../../artifacts/types.js';
import { renderExplanation } from '../../detection/engine.js';
import type { Finding } from '../../detection/finding.js';
import { TERMS_FR } from '../i18n/terms.fr.js';
import type { Piece } from '../i18n/translator.js';
import type { RenderContext } from './render-context.js';
import type { ReportFinding } from './model.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** English caution sentences the engine appends to an explanation (the catalogue's keys). */
const CAUTIONS = Object.keys(TERMS_FR.cautions);

export interface FindingWords {
  title: Piece;
  sentence: Piece;
  caution: Piece | null;
  harmless: Piece[];
}

/**
 * In a right-to-left sentence a URL or a path is isolated (FSI … PDI), so its slashes and
 * dots do not reorder the Arabic words around it.
 */
function isolate(ctx: RenderContext, text: string): string {
  return ctx.tr.pack.dir === 'rtl' ? `\u2068${text}\u2069` : text;
}

function shownValue(ctx: RenderContext, field: string, value: FieldValue): FieldValue {
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return isolate(ctx, ctx.tr.dateTime(value));
    const translated = ctx.tr.fieldValue(field, value);
    return translated === value ? isolate(ctx, value) : translated;
  }
  if (Array.isArray(value)) return isolate(ctx, value.map((item: string) => ctx.tr.fieldValue(field, item)).join(', '));
  return value;
}

function shownRecord(ctx: RenderContext, record: ArtifactRecord): ArtifactRecord {
  const fields: RecordFields = {};
  for (const [name, value] of Object.entries(record.fields)) fields[name] = shownValue(ctx, name, value);
  return { ...record, fields };
}

function cautionOf(finding: Finding): string | null {
  return CAUTIONS.find((caution) => finding.explanation.endsWith(` ${caution}`)) ?? null;
}

export function findingWords(ctx: RenderContext, item: ReportFinding): FindingWords {
  const { finding } = item;
  const rule = ctx.rules.get(finding.rule.id);
  const lang = ctx.tr.lang;
  const englishCaution = cautionOf(finding);
  const caution = englishCaution === null ? null : ctx.tr.caution(englishCaution);
  if (rule === undefined) {
    // A finding from a rule this version no longer has: its recorded English words.
    return {
      title: { text: finding.rule.title, lang: 'en' },
      sentence: { text: finding.explanation, lang: 'en' },
      caution: null,
      harmless: finding.harmless.map((text) => ({ text, lang: 'en' })),
    };
  }
  const words = ctx.tr.rule(rule);
  const indicator = finding.indicator;
  const values: Record<string, string> = {
    value: finding.matched.value,
    field: finding.matched.field,
    artifact: finding.artifact,
  };
  if (indicator) {
    values['indicator'] = indicator.value;
    values['malware'] = indicator.malware ?? ctx.tr.t('f.unnamedThreat');
    values['bundle'] = indicator.bundle.file;
  }
  for (const key of Object.keys(values)) values[key] = isolate(ctx, values[key] ?? '');
  let sentence: string;
  if (item.record !== null) {
    sentence = renderExplanation(words.explanation, values, shownRecord(ctx, item.record));
  } else if (lang === 'en' && !ctx.model.redacted) {
    sentence = englishCaution === null ? finding.explanation : finding.explanation.slice(0, -(englishCaution.length + 1));
  } else {
    // Without its record, record placeholders cannot be filled: they read as an ellipsis.
    const empty: ArtifactRecord = { artifact: finding.artifact, times: [], fields: {}, origin: finding.records[0]?.origin ?? { path: '', stored: '', sha256: '', locator: { kind: 'file' } } };
    sentence = renderExplanation(words.explanation, values, empty).replace(/\{record\.[a-z_]+\}/gi, '…');
  }
  return {
    title: { text: words.title, lang: words.lang },
    sentence: { text: sentence, lang: words.lang },
    caution,
    harmless: words.harmless.map((text) => ({ text, lang: words.lang })),
  };
}
