/**
 * The data the page's script reads from <script type="application/json">: the timeline's
 * columns with every label already in the page's language, the findings to mark, and the
 * few messages the script writes itself. JSON rather than a script literal: browsers parse
 * it faster, and it can never run.
 */
import type { Locator } from '../../artifacts/types.js';
import type { Message } from '../i18n/types.js';
import type { MessageKey } from '../i18n/en.js';
import type { RenderContext } from './render-context.js';
import { findingWords } from './explanation.js';
import { LOCATOR_NUMBER, type TimelineColumns } from './timeline-data.js';

/** Messages the script uses, raw (the script picks plural forms and fills placeholders). */
const CLIENT_MESSAGES = [
  'timeline.rows',
  'timeline.period',
  'timeline.binTitle',
  'timeline.findingTitle',
  'timeline.empty',
  'timeline.chart',
  'timeline.finding',
  'checked.recordsCount',
] as const satisfies readonly MessageKey[];

export interface ClientData {
  lang: string;
  locale: string;
  dir: 'ltr' | 'rtl';
  ui: Record<string, Message>;
  severityNames: Record<string, string>;
  timeline: Omit<TimelineColumns, 'sources'> & {
    artifactIds: string[];
    /** Source label (locator in words, `{n}` standing for the row number). */
    sources: string[];
    paths: string[];
  };
  findings: Array<{ id: string; t: number | null; severity: string; title: string }>;
}

function sourceLabel(ctx: RenderContext, locator: Locator): string {
  // The line locator keeps its number per row too; the shared part says "line {n}".
  if (locator.kind === 'line') return ctx.tr.t('loc.line', { line: LOCATOR_NUMBER });
  return ctx.tr.locator(locator);
}

export function clientData(ctx: RenderContext): ClientData {
  const { model, tr } = ctx;
  const timeline = model.timeline;
  const ui: Record<string, Message> = {};
  for (const key of CLIENT_MESSAGES) ui[key] = tr.pack.messages[key];
  const titleOf = new Map(model.coverage.map((entry) => [entry.artifact, entry.title]));
  return {
    lang: tr.pack.lang,
    locale: tr.pack.locale,
    dir: tr.pack.dir,
    ui,
    severityNames: { ...tr.pack.vocabulary.severity },
    timeline: {
      t0: timeline.t0,
      t: timeline.t,
      a: timeline.a,
      m: timeline.m,
      s: timeline.s,
      p: timeline.p,
      n: timeline.n,
      artifacts: timeline.artifacts.map((id) => tr.artifact(id, titleOf.get(id) ?? id).text),
      artifactIds: timeline.artifacts,
      meanings: timeline.meanings.map((meaning) => tr.meaning(meaning).text),
      strings: timeline.strings,
      sources: timeline.sources.map((source) => sourceLabel(ctx, source.locator)),
      paths: timeline.sources.map((source) => source.path),
      findingRows: timeline.findingRows,
    },
    findings: model.findings.map((item) => {
      const time = item.finding.records[0]?.time ?? null;
      const ms = time === null ? Number.NaN : Date.parse(time);
      return {
        id: item.finding.id,
        t: Number.isNaN(ms) ? null : ms,
        severity: item.finding.severity,
        title: findingWords(ctx, item).title.text,
      };
    }),
  };
}
