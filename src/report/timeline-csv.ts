/**
 * timeline.csv (every timestamped record) and timeline-findings.csv (every finding, with
 * or without a time: a finding without a time is still a finding). All times are UTC.
 */
import { closeSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ArtifactRecord } from '../artifacts/types.js';
import type { Finding } from '../detection/finding.js';
import { csvRow } from './csv.js';
import { locatorText } from './locator-text.js';
import { summarizeRecord } from './record-summary.js';
import { ByteSink } from './records-jsonl.js';

type Row = [time: string, artifact: string, meaning: string, summary: string, path: string, locator: string];

export const TIMELINE_HEADER = ['time_utc', 'artifact', 'event', 'summary', 'source_path', 'locator'] as const;
export const FINDINGS_TIMELINE_HEADER = [
  'time_utc', 'severity', 'confidence', 'artifact', 'rule', 'matched_field', 'matched_value', 'malware',
  'indicator_bundle', 'explanation', 'source_path', 'locator', 'finding_id',
] as const;

function compareRows(a: Row, b: Row): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Rows sorted in memory before they are spilled as one sorted run: tens of megabytes at most. */
const ROWS_PER_RUN = 50_000;
const READ_CHUNK_BYTES = 1 << 16;

/** Reads a spilled run back one row at a time, holding one chunk of it. */
class RunReader {
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  /** Joins a multi-byte character split between two chunks. */
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private lines: string[] = [];
  private next = 0;
  private ended = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next row, or undefined at the end of the run. */
  read(): Row | undefined {
    while (this.next >= this.lines.length) {
      if (this.ended) return undefined;
      const read = readSync(this.fd, this.chunk, 0, READ_CHUNK_BYTES, null);
      if (read === 0) {
        this.ended = true;
        closeSync(this.fd);
        const tail = this.rest + this.decoder.end();
        this.lines = tail === '' ? [] : [tail];
        this.rest = '';
      } else {
        const text = this.decoder.write(this.chunk.subarray(0, read));
        const parts = (this.rest + text).split('\n');
        this.rest = parts.pop() ?? '';
        this.lines = parts;
      }
      this.next = 0;
    }
    return JSON.parse(this.lines[this.next++] as string) as Row;
  }
}

/** Rows from sorted runs, merged into one sorted sequence by a binary heap over each run's head. */
function* mergeRuns(readers: RunReader[]): Generator<Row> {
  const heap: { row: Row; reader: RunReader }[] = [];
  const less = (i: number, j: number): boolean => compareRows((heap[i] as { row: Row }).row, (heap[j] as { row: Row }).row) < 0;
  const swap = (i: number, j: number): void => {
    const item = heap[i] as { row: Row; reader: RunReader };
    heap[i] = heap[j] as { row: Row; reader: RunReader };
    heap[j] = item;
  };
  const down = (start: number): void => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      let least = i;
      if (left < heap.length && less(left, least)) least = left;
      if (left + 1 < heap.length && less(left + 1, least)) least = left + 1;
      if (least === i) return;
      swap(i, least);
      i = least;
    }
  };
  for (const reader of readers) {
    const row = reader.read();
    if (row !== undefined) heap.push({ row, reader });
  }
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i -= 1) down(i);
  while (heap.length > 0) {
    const top = heap[0] as { row: Row; reader: RunReader };
    yield top.row;
    const row = top.reader.read();
    if (row !== undefined) {
      top.row = row;
    } else {
      const last = heap.pop() as { row: Row; reader: RunReader };
      if (heap.length === 0) return;
      heap[0] = last;
    }
    down(0);
  }
}

/**
 * Collects timeline rows and writes them sorted. Given a spill folder (in the private
 * working folder), it holds at most ROWS_PER_RUN rows: each full batch is sorted and
 * written there as a run, and write() merges the runs, so a timeline of millions of
 * records costs disk, not memory. Equal rows are identical, so the merge gives the same
 * bytes as one sort in memory.
 */
export class TimelineCollector {
  private rows: Row[] = [];
  private readonly runs: string[] = [];
  private count = 0;
  private first: string | undefined;
  private last: string | undefined;

  constructor(private readonly spillDir?: string) {}

  add(record: ArtifactRecord): void {
    if (record.times.length === 0) return;
    const summary = summarizeRecord(record);
    const locator = locatorText(record.origin.locator);
    const { artifact, times } = record;
    const path = record.origin.path;
    for (let i = 0; i < times.length; i += 1) {
      const time = times[i] as ArtifactRecord['times'][number];
      const at = time.at;
      this.rows.push([at, artifact, time.meaning, summary, path, locator]);
      if (this.first === undefined || at < this.first) this.first = at;
      if (this.last === undefined || at > this.last) this.last = at;
    }
    this.count += times.length;
    if (this.spillDir !== undefined && this.rows.length >= ROWS_PER_RUN) this.spill(this.spillDir);
  }

  private spill(dir: string): void {
    this.rows.sort(compareRows);
    const path = join(dir, `timeline-run-${this.runs.length}.jsonl`);
    const file = new ByteSink(path);
    for (const row of this.rows) file.writeLine(JSON.stringify(row));
    file.close();
    this.runs.push(path);
    this.rows = [];
  }

  get size(): number {
    return this.count;
  }

  /** The earliest and latest time on the timeline, for "what period this covers". */
  range(): { first: string; last: string } | null {
    if (this.first === undefined || this.last === undefined) return null;
    return { first: this.first, last: this.last };
  }

  write(path: string): void {
    const file = new ByteSink(path);
    file.write(csvRow([...TIMELINE_HEADER]));
    if (this.runs.length === 0) {
      this.rows.sort(compareRows);
      for (const row of this.rows) file.write(csvRow(row));
    } else {
      if (this.rows.length > 0 && this.spillDir !== undefined) this.spill(this.spillDir);
      for (const row of mergeRuns(this.runs.map((run) => new RunReader(run)))) file.write(csvRow(row));
      for (const run of this.runs) rmSync(run, { force: true });
      this.runs.length = 0;
    }
    file.close();
  }
}

export function writeFindingsTimeline(path: string, findings: readonly Finding[]): void {
  const rows = findings.map((finding) => {
    const record = finding.records[0];
    return [
      record?.time ?? '',
      finding.severity,
      finding.confidence,
      finding.artifact,
      finding.rule.id,
      finding.matched.field,
      finding.matched.value,
      finding.indicator?.malware ?? '',
      finding.indicator?.bundle.file ?? '',
      finding.explanation,
      record?.origin.path ?? '',
      record ? locatorText(record.origin.locator) : '',
      finding.id,
    ];
  });
  // Timed findings in time order first; untimed ones after them, in findings.json order.
  const timed = rows.filter((row) => row[0] !== '').sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const untimed = rows.filter((row) => row[0] === '');
  writeFileSync(path, [csvRow([...FINDINGS_TIMELINE_HEADER]), ...[...timed, ...untimed].map(csvRow)].join(''), { mode: 0o600 });
}
