import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { domainPattern, stixBundle } from '../../test/builders/stix2.js';
import { IndicatorError } from '../errors.js';
import { sha256Hex } from './bundle-bytes.js';
import { emptyManifest, writeCacheManifest, type CachedBundleRecord } from './feeds/cache.js';
import { loadIndicatorSet } from './load.js';

const PEGASUS_SHIPPED_SHA = 'df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586';
const NEWER_PEGASUS = stixBundle('Pegasus', [domainPattern('newer-pegasus.example'), domainPattern('free247downloads.com')]);
const EXTRA = stixBundle('Extra', [domainPattern('extra.example')]);

const work = mkdtempSync(path.join(tmpdir(), 'exhibit-load-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function record(file: string, text: string, url: string): CachedBundleRecord {
  return { file, url, name: null, downloaded: '2026-05-01T10:00:00.000Z', sha256: sha256Hex(Buffer.from(text)), bytes: Buffer.byteLength(text) };
}

async function makeCache(name: string, files: Record<string, string>): Promise<string> {
  const folder = path.join(work, name, 'indicators');
  mkdirSync(folder, { recursive: true });
  const records = Object.entries(files).map(([file, text]) => {
    writeFileSync(path.join(folder, file), text);
    return record(file, text, `https://mirror.example/${file}`);
  });
  await writeCacheManifest(folder, { ...emptyManifest(), index: 'https://mirror.example/indicators.yaml', updated: '2026-05-01T10:00:00.000Z', bundles: records });
  return folder;
}

async function loadError(cacheFolder: string): Promise<IndicatorError> {
  try {
    await loadIndicatorSet({ cacheFolder });
  } catch (error) {
    if (error instanceof IndicatorError) return error;
    throw error;
  }
  throw new Error('loaded without error');
}

describe('loading the indicator cache', () => {
  let cache: string;
  beforeAll(async () => {
    cache = await makeCache('good', { 'pegasus.stix2': NEWER_PEGASUS, 'extra.stix2': EXTRA });
    // Not in the manifest: ignored, like anything else a user drops in the folder.
    writeFileSync(path.join(cache, 'stray.stix2'), stixBundle('Stray', [domainPattern('stray.example')]));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('loads the cached bundles, each superseding the shipped bundle of the same file name', async () => {
    const index = await loadIndicatorSet({ cacheFolder: cache });
    const bundles = index.bundles();
    expect(bundles.map((bundle) => `${bundle.origin}:${bundle.file}`)).toEqual([
      'shipped:android_campaign_2023.stix2',
      'shipped:candiru.stix2',
      'shipped:cellebrite.stix2',
      'shipped:coruna.stix2',
      'shipped:darksword.stix2',
      'shipped:eaglemsgspy.stix2',
      'shipped:kingspawn.stix2',
      'shipped:novispy.stix2',
      'shipped:operation_triangulation.stix2',
      'shipped:predator.stix2',
      'shipped:rcs.stix2',
      'shipped:residentbat.stix2',
      'shipped:wintego_helios.stix2',
      'shipped:wyrmspy_dragonegg.stix2',
      'cache:extra.stix2',
      'cache:pegasus.stix2',
    ]);
    const pegasus = bundles.find((bundle) => bundle.file === 'pegasus.stix2');
    expect(pegasus).toEqual({
      file: 'pegasus.stix2',
      path: path.join(cache, 'pegasus.stix2'),
      sha256: sha256Hex(Buffer.from(NEWER_PEGASUS)),
      origin: 'cache',
      malware: ['Pegasus'],
      counts: { domain: 2 },
      total: 2,
      skipped: [],
      cache: {
        url: 'https://mirror.example/pegasus.stix2',
        downloaded: '2026-05-01T10:00:00.000Z',
        supersedes: { file: 'pegasus.stix2', sha256: PEGASUS_SHIPPED_SHA },
      },
    });
    expect(bundles.find((bundle) => bundle.file === 'extra.stix2')?.cache).toEqual({
      url: 'https://mirror.example/extra.stix2',
      downloaded: '2026-05-01T10:00:00.000Z',
    });
    // The shipped Pegasus domains are gone with the shipped bundle; the cached ones match.
    expect(index.matchDomain('baramije.net')).toEqual([]);
    expect(index.matchDomain('newer-pegasus.example').map((match) => match.indicator.bundle.sha256)).toEqual([
      sha256Hex(Buffer.from(NEWER_PEGASUS)),
    ]);
    expect(index.matchDomain('stray.example')).toEqual([]);
  });

  it('loads no cache with cacheFolder null, and the user cache from EXHIBIT_DATA_DIR by default', async () => {
    const none = await loadIndicatorSet({ cacheFolder: null });
    expect(none.bundles().some((bundle) => bundle.origin === 'cache')).toBe(false);
    expect(none.bundles()).toHaveLength(15);
    vi.stubEnv('EXHIBIT_DATA_DIR', path.dirname(cache));
    const byDefault = await loadIndicatorSet({ includeShipped: false });
    expect(byDefault.bundles().map((bundle) => `${bundle.origin}:${bundle.file}`)).toEqual(['cache:extra.stix2', 'cache:pegasus.stix2']);
  });

  it('treats a cache folder that does not exist as empty: nothing was ever downloaded', async () => {
    const index = await loadIndicatorSet({ cacheFolder: path.join(work, 'never-updated', 'indicators') });
    expect(index.bundles().map((bundle) => bundle.origin)).toEqual(Array(15).fill('shipped'));
  });

  it('loads bytes that --iocs names again only once, as the cached bundle', async () => {
    const index = await loadIndicatorSet({ cacheFolder: cache, files: [path.join(cache, 'extra.stix2')], includeShipped: false });
    expect(index.bundles().map((bundle) => `${bundle.origin}:${bundle.file}`)).toEqual(['cache:extra.stix2', 'cache:pegasus.stix2']);
  });

  it('stops with one sentence when a cached file was changed, removed, or the manifest is damaged', async () => {
    const changed = await makeCache('changed', { 'extra.stix2': EXTRA });
    writeFileSync(path.join(changed, 'extra.stix2'), stixBundle('Extra', [domainPattern('edited.example')]));
    const changedError = await loadError(changed);
    expect([changedError.code, changedError.message]).toEqual([
      'INDICATOR_CACHE_INVALID',
      `The cached indicator file ${path.join(changed, 'extra.stix2')} no longer matches the SHA-256 recorded when it was downloaded; run \`exhibit iocs update\` again to replace it.`,
    ]);

    const removed = await makeCache('removed', { 'extra.stix2': EXTRA });
    rmSync(path.join(removed, 'extra.stix2'));
    const removedError = await loadError(removed);
    expect([removedError.code, removedError.message]).toEqual([
      'INDICATOR_FILE_UNREADABLE',
      `The indicator file ${path.join(removed, 'extra.stix2')} does not exist; check the indicator cache (run \`exhibit iocs update\` again to repair it).`,
    ]);

    const damaged = await makeCache('damaged', { 'extra.stix2': EXTRA });
    writeFileSync(path.join(damaged, 'manifest.json'), readFileSync(path.join(damaged, 'manifest.json'), 'utf8').slice(0, 50));
    const damagedError = await loadError(damaged);
    expect(damagedError.code).toBe('INDICATOR_CACHE_INVALID');
    expect(damagedError.message).toMatch(
      /^The indicator cache manifest .*manifest\.json is damaged \(not valid JSON \(.*\)\); run `exhibit iocs update` again, or delete the folder .* to use the shipped indicators only\.$/,
    );
  });
});
