/**
 * timeline.csv (every timestamped record) and timeline-findings.csv (every finding, with
 * or without a time: a finding without a time is still a finding). All times are UTC.
 */
import { writeFileSync } from 'node:fs';
import type { ArtifactRecord } from '../artifacts/types.js';
import type { Finding } from '../detection/finding.js';
import { csvRow } from './csv.js';
import { locatorText } from './locator-text.js';
import { summarizeRecord } from './record-summary.js';
import { BufferedFile } from './buffered-file.js';

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

export class TimelineCollector {
  private readonly rows: Row[] = [];

  add(record: ArtifactRecord): void {
    if (record.times.length === 0) return;
    const summary = summarizeRecord(record);
    const locator = locatorText(record.origin.locator);
    for (const time of record.times) {
      this.rows.push([time.at, record.artifact, time.meaning, summary, record.origin.path, locator]);
    }
  }

  get size(): number {
    return this.rows.length;
  }

  /** The earliest and latest time on the timeline, for "what period this covers". */
  range(): { first: string; last: string } | null {
    if (this.rows.length === 0) return null;
    let first = this.rows[0]?.[0] ?? '';
    let last = first;
    for (const row of this.rows) {
      if (row[0] < first) first = row[0];
      if (row[0] > last) last = row[0];
    }
    return { first, last };
  }

  write(path: string): void {
    this.rows.sort(compareRows);
    const file = new BufferedFile(path);
    file.write(csvRow([...TIMELINE_HEADER]));
    for (const row of this.rows) file.write(csvRow(row));
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
