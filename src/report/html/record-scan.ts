/**
 * One pass over records/*.jsonl: it feeds the timeline, finds the record each finding
 * rests on and keeps the records just before and after it in the same artifact (file
 * order), so the analyst sees a finding in its context. Memory stays bounded: a few
 * records per finding, plus the timeline's columns.
 */
import type { ArtifactRecord, Locator } from '../../artifacts/types.js';
import { canonicalJson, type Finding } from '../../detection/finding.js';
import { readRecords } from '../records-read.js';
import { summarizeRecord } from '../record-summary.js';
import type { Redactor } from './redact.js';
import { TimelineBuilder, type TimelineColumns } from './timeline-data.js';

/** A record near a finding's record, as the annex shows it. */
export interface NeighbourRow {
  /** Position relative to the finding's record: -2, -1, +1… */
  offset: number;
  time: string | null;
  meaning: string | null;
  summary: string;
  path: string;
  locator: Locator;
}

export interface FindingContext {
  /** The record the finding rests on, with redaction applied; null when records/ lacks it. */
  record: ArtifactRecord | null;
  before: NeighbourRow[];
  after: NeighbourRow[];
}

export interface ScanResult {
  records: number;
  range: { first: string; last: string } | null;
  timeline: TimelineColumns;
  contexts: FindingContext[];
}

export const NEIGHBOURS = 3;

function recordKey(artifact: string, path: string, locator: Locator): string {
  return `${artifact}\u0000${path}\u0000${canonicalJson(locator)}`;
}

function neighbour(record: ArtifactRecord, summary: string, offset: number): NeighbourRow {
  return {
    offset,
    time: record.times[0]?.at ?? null,
    meaning: record.times[0]?.meaning ?? null,
    summary,
    path: record.origin.path,
    locator: record.origin.locator,
  };
}

function holdsValue(record: ArtifactRecord, finding: Finding): boolean {
  const value = record.fields[finding.matched.field];
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.includes(finding.matched.value) || value.join(', ') === finding.matched.value;
  return String(value) === finding.matched.value;
}

interface Pending {
  finding: number;
  remaining: number;
}

export async function scanRecords(resultsDir: string, findings: readonly Finding[], redactor: Redactor): Promise<ScanResult> {
  const targets = new Map<string, number[]>();
  const paths = new Set<string>();
  findings.forEach((finding, index) => {
    const ref = finding.records[0];
    if (!ref) return;
    const key = recordKey(ref.artifact, ref.origin.path, ref.origin.locator);
    targets.set(key, [...(targets.get(key) ?? []), index]);
    paths.add(`${ref.artifact}\u0000${ref.origin.path}`);
  });

  const contexts: FindingContext[] = findings.map(() => ({ record: null, before: [], after: [] }));
  const timeline = new TimelineBuilder();
  let recent: Array<{ record: ArtifactRecord; summary: string }> = [];
  let pending: Pending[] = [];
  let artifact: string | null = null;
  let count = 0;

  for await (const stored of readRecords(resultsDir)) {
    count += 1;
    if (stored.artifact !== artifact) {
      artifact = stored.artifact;
      recent = [];
      pending = [];
    }
    const record: ArtifactRecord = { ...stored, fields: redactor.fields(stored.fields) };
    const summary = summarizeRecord(record);

    let matched: number[] = [];
    if (paths.has(`${stored.artifact}\u0000${stored.origin.path}`)) {
      const candidates = targets.get(recordKey(stored.artifact, stored.origin.path, stored.origin.locator)) ?? [];
      // Two records can share a locator (a plist entry read twice); the one holding the
      // matched value is the finding's.
      matched = candidates.filter((index) => {
        const finding = findings[index];
        return finding !== undefined && contexts[index]?.record === null && holdsValue(stored, finding);
      });
    }

    for (const entry of pending) {
      const context = contexts[entry.finding];
      if (context) context.after.push(neighbour(record, summary, context.after.length + 1));
      entry.remaining -= 1;
    }
    pending = pending.filter((entry) => entry.remaining > 0);

    for (const index of matched) {
      const context = contexts[index];
      if (!context) continue;
      context.record = record;
      context.before = recent.map((item, i) => neighbour(item.record, item.summary, i - recent.length));
      pending.push({ finding: index, remaining: NEIGHBOURS });
    }

    timeline.add(record, summary, matched);
    recent.push({ record, summary });
    if (recent.length > NEIGHBOURS) recent.shift();
  }
  return { records: count, range: timeline.range(), timeline: timeline.build(), contexts };
}
