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
  t: Float64Array;
  /** Index into `artifacts`. */
  a: Int32Array;
  /** Index into `meanings`. */
  m: Int32Array;
  /** Index into `strings` (the record summary). */
  s: Int32Array;
  /** Index into `sources`. */
  p: Int32Array;
  /** The locator's row or line number (up to 15 digits, so not an int32), or -1. */
  n: Float64Array;
  artifacts: string[];
  meanings: string[];
  strings: string[];
  sources: TimelineSource[];
  /** [row, finding index] for every row of a record a finding rests on, in row order. */
  findingRows: Array<[number, number]>;
}

export const LOCATOR_NUMBER = '{n}';

/**
 * A column of numbers in a typed array that doubles when full: a million rows cost 4 or 8
 * bytes each instead of a slot in a JavaScript array (and the objects sorting would make).
 */
class Column<T extends Int32Array | Float64Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    this.length += 1;
  }

  at(index: number): number {
    return this.data[index] ?? 0;
  }

  /** The values in the given order of row indexes. */
  pick(order: Int32Array): T {
    const out = this.make(order.length);
    for (let k = 0; k < order.length; k += 1) out[k] = this.data[order[k] ?? 0] ?? 0;
    return out;
  }
}

const int32 = (size: number): Int32Array => new Int32Array(size);
const float64 = (size: number): Float64Array => new Float64Array(size);

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
  private readonly times = new Column(float64);
  private readonly artifactCol = new Column(int32);
  private readonly meaningCol = new Column(int32);
  private readonly summaryCol = new Column(int32);
  private readonly sourceCol = new Column(int32);
  private readonly numberCol = new Column(float64);
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
    const order = new Int32Array(count);
    for (let i = 0; i < count; i += 1) order[i] = i;
    const strings = this.strings.values;
    const sourceKeys = this.sourceKeys.values;
    const artifacts = this.artifacts.values;
    const meanings = this.meanings.values;
    const text = (list: readonly string[], i: number): string => list[i] ?? '';
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    const { times, artifactCol, meaningCol, summaryCol, sourceCol, numberCol } = this;
    // The same order whatever the extraction order: time, then every other column.
    order.sort(
      (i, j) =>
        times.at(i) - times.at(j) ||
        cmp(text(artifacts, artifactCol.at(i)), text(artifacts, artifactCol.at(j))) ||
        cmp(text(meanings, meaningCol.at(i)), text(meanings, meaningCol.at(j))) ||
        cmp(text(strings, summaryCol.at(i)), text(strings, summaryCol.at(j))) ||
        cmp(text(sourceKeys, sourceCol.at(i)), text(sourceKeys, sourceCol.at(j))) ||
        numberCol.at(i) - numberCol.at(j) ||
        i - j,
    );
    const position = new Int32Array(count);
    order.forEach((original, sorted) => {
      position[original] = sorted;
    });
    const t = new Float64Array(count);
    let previous = count > 0 ? times.at(order[0] ?? 0) : 0;
    const t0 = previous;
    order.forEach((i, k) => {
      const ms = times.at(i);
      t[k] = ms - previous;
      previous = ms;
    });
    const findingRows = this.findingRows
      .map(([row, finding]): [number, number] => [position[row] ?? 0, finding])
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return {
      t0,
      t,
      a: artifactCol.pick(order),
      m: meaningCol.pick(order),
      s: summaryCol.pick(order),
      p: sourceCol.pick(order),
      n: numberCol.pick(order),
      artifacts: [...artifacts],
      meanings: [...meanings],
      strings: [...strings],
      sources: [...this.sources],
      findingRows,
    };
  }
}
