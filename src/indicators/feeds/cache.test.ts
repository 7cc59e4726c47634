import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  emptyManifest,
  isPlainCacheFileName,
  parseManifest,
  readCacheManifest,
  writeCacheManifest,
  writeFileAtomically,
  type CachedBundleRecord,
} from './cache.js';

const work = mkdtempSync(path.join(tmpdir(), 'exhibit-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RECORD: CachedBundleRecord = {
  file: 'pegasus.stix2',
  url: 'https://raw.githubusercontent.com/AmnestyTech/investigations/master/2021-07-18_nso/pegasus.stix2',
  name: 'NSO Group Pegasus Indicators of Compromise',
  downloaded: '2026-05-01T10:00:00.000Z',
  sha256: 'df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586',
  bytes: 1138053,
};

describe('the cache manifest', () => {
  it('round-trips, sorted by file name', async () => {
    const folder = path.join(work, 'round-trip');
    mkdirSync(folder);
    expect(await readCacheManifest(folder)).toEqual({ state: 'absent' });
    expect(await readCacheManifest(path.join(work, 'no-such-folder'))).toEqual({ state: 'absent' });
    const other = { ...RECORD, file: 'candiru.stix2', name: null };
    await writeCacheManifest(folder, { ...emptyManifest(), index: 'https://mirror.example/indicators.yaml', updated: RECORD.downloaded, bundles: [RECORD, other] });
    expect(await readCacheManifest(folder)).toEqual({
      state: 'ok',
      manifest: {
        format: 'exhibit-indicator-cache/1',
        index: 'https://mirror.example/indicators.yaml',
        updated: RECORD.downloaded,
        bundles: [other, RECORD],
      },
    });
    expect(readdirSync(folder)).toEqual(['manifest.json']);
  });

  it('refuses a manifest Exhibit did not write, naming the first problem', () => {
    const wrap = (bundles: unknown[]): string => JSON.stringify({ format: 'exhibit-indicator-cache/1', index: null, updated: null, bundles });
    const cases = [
      '{"format": "exhibit-indicator-cache/1", "bundles": [',
      '[]',
      '{"format": "exhibit-indicator-cache/2", "index": null, "updated": null, "bundles": []}',
      '{"format": "exhibit-indicator-cache/1", "index": 5, "updated": null, "bundles": []}',
      wrap([{ ...RECORD, file: '../../.bashrc' }]),
      wrap([{ ...RECORD, file: 'manifest.json' }]),
      wrap([{ ...RECORD, sha256: RECORD.sha256.toUpperCase() }]),
      wrap([{ ...RECORD, downloaded: 'yesterday' }]),
      wrap([{ ...RECORD, bytes: -1 }]),
      wrap([RECORD, RECORD]),
    ];
    expect(cases.map((text) => parseManifest(text))).toEqual([
      expect.stringMatching(/^not valid JSON \(/),
      'expected a JSON object',
      "format: expected 'exhibit-indicator-cache/1'",
      'index: expected a URL or null',
      'bundles[0].file: expected a plain file name',
      'bundles[0].file: expected a plain file name',
      'bundles[0].sha256: expected 64 lower-case hex digits',
      'bundles[0].downloaded: expected a date',
      'bundles[0].bytes: expected a byte count',
      "bundles[1].file: 'pegasus.stix2' is listed twice",
    ]);
    expect(['pegasus.stix2', 'a', '.hidden', 'a/b', 'a\\b', '..', 'x.stix2.partial', 'MANIFEST.JSON'].map(isPlainCacheFileName)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('writeFileAtomically', () => {
  it('replaces the file whole and leaves no temporary file, even when the rename fails', async () => {
    const folder = path.join(work, 'atomic');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.stix2'), 'old');
    await writeFileAtomically(folder, 'a.stix2', Buffer.from('new'));
    expect(readFileSync(path.join(folder, 'a.stix2'), 'utf8')).toBe('new');
    // A folder in the way makes the final rename fail.
    mkdirSync(path.join(folder, 'b.stix2'));
    writeFileSync(path.join(folder, 'b.stix2', 'inside'), 'x');
    await expect(writeFileAtomically(folder, 'b.stix2', Buffer.from('new'))).rejects.toThrow();
    expect(readdirSync(folder).sort()).toEqual(['a.stix2', 'b.stix2']);
  });
});
