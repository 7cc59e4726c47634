/**
 * The timeline as the page embeds it: one row per record time, sorted, stored as columns
 * of small integers (times as differences from the previous row, strings as indexes into
 * deduplicated tables) so 500,000 rows stay a few megabytes of JSON the page parses in
 * one go, instead of 500,000 objects.
 */
import type { ArtifactRecord, Locator } from '../../artifacts/types.js';

/** Where rows come from: a file and a locator whose row number (if any) is kept per row. */
export interface TimelineSource {
  path: string;
  /** The locator with its number taken out (rowid or line set to the placeholder `{n}`). */
  locator: Locator;
}

export interface TimelineColumns {
  /** Milliseconds since 1970 of the first row; `t` holds each row's difference from the previous one. */
  t0: number;
  t: number[];
  /** Index into `artifacts`. */
  a: number[];
  /** Index into `meanings`. */
  m: number[];
  /** Index into `strings` (the record summary). */
  s: number[];
  /** Index into `sources`. */
  p: number[];
  /** The locator's row or line number, or -1. */
  n: number[];
  artifacts: string[];
  meanings: string[];
  strings: string[];
  sources: TimelineSource[];
  /** [row, finding index] for every row of a record a finding rests on, in row order. */
  findingRows: Array<[number, number]>;
}

export const LOCATOR_NUMBER = '{n}';

class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

/** Splits a locator into its shared part and its per-row number. */
function splitLocator(locator: Locator): { shared: Locator; number: number } {
  if (locator.kind === 'sqlite' && /^\d{1,15}$/.test(locator.rowid)) {
    return { shared: { ...locator, rowid: LOCATOR_NUMBER }, number: Number(locator.rowid) };
  }
  if (locator.kind === 'line') return { shared: { kind: 'line', line: -1 }, number: locator.line };
  return { shared: locator, number: -1 };
}

export class TimelineBuilder {
  private readonly times: number[] = [];
  private readonly artifactCol: number[] = [];
  private readonly meaningCol: number[] = [];
  private readonly summaryCol: number[] = [];
  private readonly sourceCol: number[] = [];
  private readonly numberCol: number[] = [];
  private readonly artifacts = new Interner();
  private readonly meanings = new Interner();
  private readonly strings = new Interner();
  private readonly sourceKeys = new Interner();
  private readonly sources: TimelineSource[] = [];
  private readonly findingRows: Array<[number, number]> = [];
  private first: string | null = null;
  private last: string | null = null;

  get size(): number {
    return this.times.length;
  }

  /** Adds a row per time of the record; `findings` are the indexes of the findings resting on it. */
  add(record: ArtifactRecord, summary: string, findings: readonly number[] = []): void {
    if (record.times.length === 0) return;
    const { shared, number } = splitLocator(record.origin.locator);
    const key = `${record.origin.path}\u0000${JSON.stringify(shared)}`;
    const sourceId = this.sourceKeys.id(key);
    if (sourceId === this.sources.length) this.sources.push({ path: record.origin.path, locator: shared });
    const artifact = this.artifacts.id(record.artifact);
    const summaryId = this.strings.id(summary);
    for (const time of record.times) {
      const ms = Date.parse(time.at);
      if (Number.isNaN(ms)) continue;
      if (this.first === null || time.at < this.first) this.first = time.at;
      if (this.last === null || time.at > this.last) this.last = time.at;
      const row = this.times.length;
      this.times.push(ms);
      this.artifactCol.push(artifact);
      this.meaningCol.push(this.meanings.id(time.meaning));
      this.summaryCol.push(summaryId);
      this.sourceCol.push(sourceId);
      this.numberCol.push(number);
      for (const finding of findings) this.findingRows.push([row, finding]);
    }
  }

  /** The earliest and latest time, as written in the records. */
  range(): { first: string; last: string } | null {
    return this.first === null || this.last === null ? null : { first: this.first, last: this.last };
  }

  build(): TimelineColumns {
    const count = this.times.length;
    const order = Array.from({ length: count }, (_, i) => i);
    const strings = this.strings.values;
    const sourceKeys = this.sourceKeys.values;
    const artifacts = this.artifacts.values;
    const meanings = this.meanings.values;
    const text = (list: readonly string[], i: number): string => list[i] ?? '';
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    // The same order whatever the extraction order: time, then every other column.
    order.sort(
      (i, j) =>
        (this.times[i] ?? 0) - (this.times[j] ?? 0) ||
        cmp(text(artifacts, this.artifactCol[i] ?? 0), text(artifacts, this.artifactCol[j] ?? 0)) ||
        cmp(text(meanings, this.meaningCol[i] ?? 0), text(meanings, this.meaningCol[j] ?? 0)) ||
        cmp(text(strings, this.summaryCol[i] ?? 0), text(strings, this.summaryCol[j] ?? 0)) ||
        cmp(text(sourceKeys, this.sourceCol[i] ?? 0), text(sourceKeys, this.sourceCol[j] ?? 0)) ||
        (this.numberCol[i] ?? 0) - (this.numberCol[j] ?? 0) ||
        i - j,
    );
    const position = new Int32Array(count);
    order.forEach((original, sorted) => {
      position[original] = sorted;
    });
    const t: number[] = new Array<number>(count);
    const pick = (column: readonly number[]): number[] => order.map((i) => column[i] ?? 0);
    let previous = count > 0 ? (this.times[order[0] ?? 0] ?? 0) : 0;
    const t0 = previous;
    order.forEach((i, k) => {
      const ms = this.times[i] ?? 0;
      t[k] = ms - previous;
      previous = ms;
    });
    const findingRows = this.findingRows
      .map(([row, finding]): [number, number] => [position[row] ?? 0, finding])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return {
      t0,
      t,
      a: pick(this.artifactCol),
      m: pick(this.meaningCol),
      s: pick(this.summaryCol),
      p: pick(this.sourceCol),
      n: pick(this.numberCol),
      artifacts: [...artifacts],
      meanings: [...meanings],
      strings: [...strings],
      sources: [...this.sources],
      findingRows,
    };
  }
}
