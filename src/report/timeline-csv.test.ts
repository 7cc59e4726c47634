import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../artifacts/types.js';
import { TimelineCollector } from './timeline-csv.js';

const made: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-timeline-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function record(i: number, at: string[]): ArtifactRecord {
  return {
    artifact: i % 3 === 0 ? 'sms' : 'safari_history',
    times: at.map((time) => ({ at: time, meaning: i % 2 === 0 ? 'sent' : 'visited' })),
    // Quotes, commas, non-ASCII and a 4-byte character: what a spilled run must carry back intact.
    fields: { url: `https://example.org/${i % 7}?q="a,b"`, text: `émoji 😀 ${i % 5}` },
    origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d', sha256: 'ab', locator: { kind: 'sqlite', table: 'message', rowid: String(i % 11) } },
  };
}

function timeOf(i: number): string {
  // Many equal times and rows, out of order, so ties are broken by every column.
  const second = String((i * 7919) % 60).padStart(2, '0');
  return `2023-01-0${1 + (i % 3)}T10:00:${second}.000000Z`;
}

function collect(collector: TimelineCollector, count: number): void {
  for (let i = 0; i < count; i += 1) collector.add(record(i, i % 10 === 0 ? [] : i % 4 === 0 ? [timeOf(i), timeOf(i + 1)] : [timeOf(i)]));
}

describe('TimelineCollector', () => {
  it('writes the same bytes whether the rows spill to disk or not', () => {
    const dir = folder();
    const inMemory = new TimelineCollector();
    const spilled = new TimelineCollector(join(dir));
    collect(inMemory, 120_000);
    collect(spilled, 120_000);
    expect(readdirSync(dir).filter((name) => name.startsWith('timeline-run-'))).toHaveLength(2);
    inMemory.write(join(dir, 'memory.csv'));
    spilled.write(join(dir, 'spilled.csv'));
    const expected = readFileSync(join(dir, 'memory.csv'));
    expect(readFileSync(join(dir, 'spilled.csv')).equals(expected)).toBe(true);
    const lines = expected.toString('utf8').split('\n');
    expect(lines[0]).toBe('time_utc,artifact,event,summary,source_path,locator');
    // 108,000 records with a time, 24,000 of them with two; a header and the final newline.
    expect(lines).toHaveLength(1 + 108_000 + 24_000 + 1);
    expect(spilled.size).toBe(inMemory.size);
    const times = lines.slice(1, -1).map((line) => line.slice(0, 27));
    expect(spilled.range()).toEqual({ first: times[0], last: times.at(-1) });
    expect(spilled.range()).toEqual({ first: '2023-01-01T10:00:03.000000Z', last: '2023-01-03T10:00:58.000000Z' });
    expect(readdirSync(dir).filter((name) => name.startsWith('timeline-run-'))).toEqual([]);
  });

  it('has no range and only a header without timed records', () => {
    const dir = folder();
    const collector = new TimelineCollector(dir);
    collector.add(record(0, []));
    expect(collector.range()).toBeNull();
    collector.write(join(dir, 'empty.csv'));
    expect(readFileSync(join(dir, 'empty.csv'), 'utf8')).toBe('time_utc,artifact,event,summary,source_path,locator\n');
  });
});
