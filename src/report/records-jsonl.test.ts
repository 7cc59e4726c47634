import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../artifacts/types.js';
import { ByteSink, RecordsWriter } from './records-jsonl.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-records-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ByteSink', () => {
  it('writes the same bytes as one UTF-8 string, across flushes and strings larger than its buffer', () => {
    const path = join(tempDir(), 'out.txt');
    const sink = new ByteSink(path);
    const pieces = ['é€😀\n', 'x'.repeat(700_000), 'ü'.repeat(400_000), '😀'.repeat(300_000), 'tail'];
    for (const piece of pieces) sink.write(piece);
    for (let i = 0; i < 3; i += 1) sink.writeLine(`line ${i}`);
    sink.close();
    expect(readFileSync(path).equals(Buffer.from(`${pieces.join('')}line 0\nline 1\nline 2\n`, 'utf8'))).toBe(true);
  });
});

describe('RecordsWriter', () => {
  it('writes many megabytes in order, with lines longer than its buffer among them', async () => {
    const dir = tempDir();
    const writer = new RecordsWriter(dir);
    const expected: string[] = [];
    for (let i = 0; i < 40_000; i += 1) {
      const text = i % 9_999 === 0 ? 'é😀'.repeat(300_000) : `row ${i} ${'ü'.repeat(i % 200)}`;
      const item: ArtifactRecord = { artifact: 'big', times: [], fields: { i, text }, origin: { path: 'p', stored: 's', sha256: 'h', locator: { kind: 'file' } } };
      writer.write(item);
      expected.push(`${JSON.stringify(item)}\n`);
      if (i % 5_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.close();
    expect(readFileSync(join(dir, 'big.jsonl')).equals(Buffer.from(expected.join(''), 'utf8'))).toBe(true);
  });


  it('writes one JSON line a record into its artifact file, interleaved artifacts included', async () => {
    const dir = tempDir();
    const writer = new RecordsWriter(dir);
    const record = (artifact: string, n: number): ArtifactRecord => ({
      artifact,
      times: [{ at: '2021-07-14T10:11:12.000000Z', meaning: 'sent' }],
      fields: { n, text: 'ß' },
      origin: { path: 'p', stored: 's', sha256: 'h', locator: { kind: 'file' } },
    });
    writer.write(record('sms', 1));
    writer.write(record('safari_history', 2));
    writer.write(record('sms', 3));
    await writer.close();
    expect(readFileSync(join(dir, 'sms.jsonl'), 'utf8')).toBe(
      `${JSON.stringify(record('sms', 1))}\n${JSON.stringify(record('sms', 3))}\n`,
    );
    expect(readFileSync(join(dir, 'safari_history.jsonl'), 'utf8')).toBe(`${JSON.stringify(record('safari_history', 2))}\n`);
  });

  it('refuses an artifact id that is not a plain file name', () => {
    const writer = new RecordsWriter(tempDir());
    const bad: ArtifactRecord = { artifact: '../x', times: [], fields: {}, origin: { path: 'p', stored: 's', sha256: 'h', locator: { kind: 'file' } } };
    expect(() => writer.write(bad)).toThrow(
      'invalid artifact id ../x',
    );
  });
});
