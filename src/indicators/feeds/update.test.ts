import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { domainPattern, stixBundle } from '../../../test/builders/stix2.js';
import { startFeedServer, type FeedServer } from '../../../test/support/feed-server.js';
import { IndicatorError } from '../../errors.js';
import { sha256Hex } from '../bundle-bytes.js';
import { MANIFEST_NAME, parseManifest, type CacheManifest } from './cache.js';
import { updateHadFailures, updateIndicatorCache, type UpdateOptions, type UpdateReport } from './update.js';
import { formatUpdateReport } from './update-text.js';

const IOCS = fileURLToPath(new URL('../../../iocs/', import.meta.url));
const shipped = (file: string): Buffer => readFileSync(path.join(IOCS, file));
const RCS = shipped('rcs.stix2');
const CELLEBRITE = shipped('cellebrite.stix2');
const KINGSPAWN = shipped('kingspawn.stix2');
const CELLEBRITE_V2 = Buffer.from(
  stixBundle('Cellebrite', ["[app:id='com.client.appB']", domainPattern('evil.example'), "[app:id='com.client.appC']"]),
);
const NO_INDICATORS = stixBundle('Nothing', ["[x-unknown:value = 'a']"]);

const INDEX_ALL = [
  'indicators:',
  '  - {type: download, name: RCS Lab, download_url: bundles/rcs.stix2}',
  '  - {name: Cellebrite, download_url: bundles/cellebrite.stix2}',
  '  - {name: Missing, download_url: bundles/missing.stix2}',
  '  - {name: KingSpawn, download_url: bundles/kingspawn.stix2}',
  '  - {name: Broken, download_url: bundles/broken.stix2}',
  '  - {name: Nothing usable, download_url: bundles/nothing.stix2}',
  '  - {type: github, name: No block}',
].join('\n');

const T1 = new Date('2026-05-01T10:00:00.000Z');
const T2 = new Date('2026-05-02T10:00:00.000Z');
const T3 = new Date('2026-05-03T10:00:00.000Z');

describe('updateIndicatorCache against a loopback mirror', () => {
  let server: FeedServer;
  let work: string;
  let cache: string;
  const options = (now: Date): UpdateOptions => ({
    indexUrl: server.url('/feed/indicators.yaml'),
    cacheFolder: cache,
    timeoutMs: 10_000,
    now: () => now,
  });
  const text = (report: UpdateReport): string => formatUpdateReport(report).replaceAll(server.base, 'http://mirror');
  const manifest = (): CacheManifest => {
    const parsed = parseManifest(readFileSync(path.join(cache, MANIFEST_NAME), 'utf8'));
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  };
  const fileHash = (name: string): string => sha256Hex(readFileSync(path.join(cache, name)));

  beforeAll(async () => {
    server = await startFeedServer();
    work = mkdtempSync(path.join(tmpdir(), 'exhibit-feeds-'));
    cache = path.join(work, 'data', 'indicators');
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('first update: caches the good bundles and says why each other one failed', async () => {
    server.serve({
      '/feed/indicators.yaml': { body: INDEX_ALL },
      '/feed/bundles/rcs.stix2': { body: RCS },
      '/feed/bundles/cellebrite.stix2': { body: CELLEBRITE },
      '/feed/bundles/kingspawn.stix2': { truncated: KINGSPAWN, after: 1000 },
      '/feed/bundles/broken.stix2': { body: '{"type": "bundle", "id": "bundle--x"}' },
      '/feed/bundles/nothing.stix2': { body: NO_INDICATORS },
    });
    const report = await updateIndicatorCache(options(T1));
    expect(text(report)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 7 bundles listed',
        '  rcs.stix2: new, 40 indicators',
        '  cellebrite.stix2: new, 1 indicator',
        '  missing.stix2: failed, HTTP 404 Not Found; nothing is cached for it',
        '  kingspawn.stix2: failed, the download broke off after 1000 of 170104 bytes; nothing is cached for it',
        '  broken.stix2: failed, not a STIX2 bundle (objects: expected a list); nothing is cached for it',
        '  nothing.stix2: failed, holds no indicator Exhibit can use (1 entry skipped); nothing is cached for it',
        "  entry 7 (No block): failed, type github without a 'github' mapping",
        '2 new, 0 updated, 0 unchanged, 5 failed.',
        '',
      ].join('\n'),
    );
    expect(updateHadFailures(report)).toBe(true);
    expect(readdirSync(cache).sort()).toEqual(['cellebrite.stix2', 'manifest.json', 'rcs.stix2']);
    expect(fileHash('rcs.stix2')).toBe(sha256Hex(RCS));
    expect(manifest()).toEqual({
      format: 'exhibit-indicator-cache/1',
      index: server.url('/feed/indicators.yaml'),
      updated: '2026-05-01T10:00:00.000Z',
      bundles: [
        {
          file: 'cellebrite.stix2',
          url: server.url('/feed/bundles/cellebrite.stix2'),
          name: 'Cellebrite',
          downloaded: '2026-05-01T10:00:00.000Z',
          sha256: sha256Hex(CELLEBRITE),
          bytes: 1488,
        },
        {
          file: 'rcs.stix2',
          url: server.url('/feed/bundles/rcs.stix2'),
          name: 'RCS Lab',
          downloaded: '2026-05-01T10:00:00.000Z',
          sha256: sha256Hex(RCS),
          bytes: 41531,
        },
      ],
    });
  });

  it('second update: says what changed per bundle, indicator by indicator', async () => {
    server.serve({
      '/feed/indicators.yaml': { body: INDEX_ALL.split('\n').slice(0, 5).join('\n') },
      '/feed/bundles/rcs.stix2': { body: RCS },
      '/feed/bundles/cellebrite.stix2': { body: CELLEBRITE_V2 },
      '/feed/bundles/kingspawn.stix2': { body: KINGSPAWN },
    });
    const report = await updateIndicatorCache(options(T2));
    expect(text(report)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 4 bundles listed',
        '  rcs.stix2: unchanged, 40 indicators',
        '  cellebrite.stix2: updated, 3 added, 1 removed (1 indicator before, 3 now)',
        '    + app-id com.client.appb',
        '    + app-id com.client.appc',
        '    + domain evil.example',
        '    - app-id com.client.appa',
        '  missing.stix2: failed, HTTP 404 Not Found; nothing is cached for it',
        '  kingspawn.stix2: new, 167 indicators',
        '1 new, 1 updated, 1 unchanged, 1 failed.',
        '',
      ].join('\n'),
    );
    expect(report.bundles[1]).toMatchObject({
      status: 'updated',
      sha256: sha256Hex(CELLEBRITE_V2),
      previous: { sha256: sha256Hex(CELLEBRITE), indicators: 1, url: server.url('/feed/bundles/cellebrite.stix2') },
    });
    expect(fileHash('cellebrite.stix2')).toBe(sha256Hex(CELLEBRITE_V2));
    expect(manifest().bundles.map((record) => `${record.file} ${record.downloaded}`)).toEqual([
      'cellebrite.stix2 2026-05-02T10:00:00.000Z',
      'kingspawn.stix2 2026-05-02T10:00:00.000Z',
      'rcs.stix2 2026-05-02T10:00:00.000Z',
    ]);
  });

  it('a failed, cut or invalid download leaves the good cached bundle byte for byte', async () => {
    const before = { rcs: fileHash('rcs.stix2'), cellebrite: fileHash('cellebrite.stix2'), kingspawn: fileHash('kingspawn.stix2') };
    const recordsBefore = manifest().bundles;
    server.serve({
      '/feed/indicators.yaml': { body: INDEX_ALL.split('\n').slice(0, 3).join('\n') + '\n  - {name: Gone, download_url: bundles/kingspawn.stix2}\n' },
      '/feed/bundles/rcs.stix2': { body: '{"type": "bundle", "objects": [' },
      '/feed/bundles/cellebrite.stix2': { truncated: CELLEBRITE_V2, after: 40 },
    });
    const report = await updateIndicatorCache(options(T3));
    expect(text(report)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 3 bundles listed',
        '  rcs.stix2: failed, not valid JSON (Unexpected end of JSON input); the cached copy is kept',
        `  cellebrite.stix2: failed, the download broke off after 40 of ${CELLEBRITE_V2.length} bytes; the cached copy is kept`,
        '  kingspawn.stix2: failed, HTTP 404 Not Found; the cached copy is kept',
        '0 new, 0 updated, 0 unchanged, 3 failed.',
        '',
      ].join('\n'),
    );
    expect({ rcs: fileHash('rcs.stix2'), cellebrite: fileHash('cellebrite.stix2'), kingspawn: fileHash('kingspawn.stix2') }).toEqual(before);
    expect(manifest().bundles).toEqual(recordsBefore);
    expect(manifest().updated).toBe('2026-05-03T10:00:00.000Z');
    expect(readdirSync(cache).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('keeps a cached bundle the index no longer lists, and says so', async () => {
    server.serve({
      '/feed/indicators.yaml': { body: 'indicators:\n  - {download_url: bundles/rcs.stix2}\n' },
      '/feed/bundles/rcs.stix2': { body: RCS },
    });
    const report = await updateIndicatorCache(options(T3));
    expect(text(report)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 1 bundle listed',
        '  rcs.stix2: unchanged, 40 indicators',
        '  cellebrite.stix2: kept, not listed in this index (from http://mirror/feed/bundles/cellebrite.stix2)',
        '  kingspawn.stix2: kept, not listed in this index (from http://mirror/feed/bundles/kingspawn.stix2)',
        '0 new, 0 updated, 1 unchanged, 0 failed.',
        '',
      ].join('\n'),
    );
    expect(updateHadFailures(report)).toBe(false);
    expect(manifest().bundles.map((record) => record.file)).toEqual(['cellebrite.stix2', 'kingspawn.stix2', 'rcs.stix2']);
  });
});

describe('updateIndicatorCache when the index itself is unusable', () => {
  let server: FeedServer;
  let work: string;
  beforeAll(async () => {
    server = await startFeedServer({
      '/not-yaml.yaml': { body: 'indicators: [unclosed\n' },
      '/html.yaml': { body: '<html><body>Sign in to the hotel Wi-Fi</body></html>' },
      '/big.yaml': { body: `indicators:\n${'  - {download_url: a.stix2}\n'.repeat(100)}` },
    });
    work = mkdtempSync(path.join(tmpdir(), 'exhibit-feeds-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function failure(options: UpdateOptions): Promise<IndicatorError> {
    try {
      await updateIndicatorCache(options);
    } catch (error) {
      if (error instanceof IndicatorError) return error;
      throw error;
    }
    throw new Error('the update went through');
  }

  it('stops with one sentence, and creates nothing', async () => {
    const cache = path.join(work, 'never', 'indicators');
    const cases: [string, string, string][] = [
      [
        '/missing.yaml',
        'FEED_INDEX_UNAVAILABLE',
        `The indicator index ${server.url('/missing.yaml')} could not be downloaded (HTTP 404 Not Found); check the network connection or the --index URL and try again.`,
      ],
      [
        '/not-yaml.yaml',
        'FEED_INDEX_INVALID',
        `The indicator index ${server.url('/not-yaml.yaml')} is not a usable indicators.yaml (not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1); check the --index URL.`,
      ],
      [
        '/html.yaml',
        'FEED_INDEX_INVALID',
        `The indicator index ${server.url('/html.yaml')} is not a usable indicators.yaml (expected a mapping with an 'indicators' list at the top); check the --index URL.`,
      ],
    ];
    for (const [file, code, message] of cases) {
      const error = await failure({ indexUrl: server.url(file), cacheFolder: cache });
      expect([error.code, error.message]).toEqual([code, message]);
    }
    const tooBig = await failure({ indexUrl: server.url('/big.yaml'), cacheFolder: cache, maxIndexBytes: 1000 });
    expect(tooBig.message).toBe(
      `The indicator index ${server.url('/big.yaml')} could not be downloaded (larger than the 1000 bytes limit); check the network connection or the --index URL and try again.`,
    );
    expect(existsSync(path.join(work, 'never'))).toBe(false);
  });

  it('rebuilds a damaged manifest instead of trusting it', async () => {
    const cache = path.join(work, 'damaged');
    mkdirSync(cache);
    writeFileSync(path.join(cache, MANIFEST_NAME), '{"format": "something else"}');
    writeFileSync(path.join(cache, '.rcs.stix2.123.abcdef.partial'), 'left by an interrupted update');
    server.serve({
      '/index.yaml': { body: 'indicators:\n  - {download_url: a/malware.stix2}\n  - {download_url: b/malware.stix2}\n' },
      '/a/malware.stix2': { body: stixBundle('A', [domainPattern('a.example')]) },
      '/b/malware.stix2': { body: stixBundle('B', [domainPattern('b.example')]) },
    });
    const report = await updateIndicatorCache({ indexUrl: server.url('/index.yaml'), cacheFolder: cache, now: () => T1 });
    expect(formatUpdateReport(report).replaceAll(server.base, 'http://mirror')).toBe(
      [
        'Indicator index http://mirror/index.yaml: 2 bundles listed',
        "  the cache manifest could not be read (format: expected 'exhibit-indicator-cache/1') and was started afresh",
        '  malware.stix2: new, 1 indicator',
        '  malware-2.stix2: new, 1 indicator',
        '2 new, 0 updated, 0 unchanged, 0 failed.',
        '',
      ].join('\n'),
    );
    expect(readdirSync(cache).sort()).toEqual(['malware-2.stix2', 'malware.stix2', 'manifest.json']);
  });
});
