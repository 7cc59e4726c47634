import { beforeAll, describe, expect, it } from 'vitest';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildCacheDb } from '../../../test/builders/ios/cache-db.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { cacheFilesExtractor, isoFromCacheTimeStamp } from './cache-files.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { cacheFilesRules } from '../../detection/rules/cache-files.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const APP = 'private/var/mobile/Containers/Data/Application/1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9';
const APP_CACHE = `${APP}/Library/Caches/com.example.reader/Cache.db`;
const DAEMON_CACHE = 'private/var/mobile/Library/Caches/com.apple.nsurlsessiond/Cache.db';
const BODY_FILE = '6E1F0C2A-0B7D-4C1E-9F3A-2D4B5C6D7E8F';

const READER_DB = buildCacheDb({
  responses: [
    {
      entryId: 1,
      url: 'https://urlpush.net/8s2f/index.html',
      timeStamp: '2021-07-14 10:11:12',
      partition: 'https://news.example',
      version: 0,
      hashValue: -123456,
      storagePolicy: 0,
      body: 'secret page body',
    },
    { entryId: 2, url: 'https://notfree247downloads.com/a.js', timeStamp: '2021-07-14 10:12:00', partition: null, body: BODY_FILE, bodyOnDisk: true },
    { entryId: 3, url: 'https://cdn.example/app.json', timeStamp: '2021-07-14 10:13:00', partition: 'free247downloads.com' },
  ],
});

function tree(extra: { path: string; content: Buffer | string }[] = []) {
  return fsDumpTree({
    nodes: [
      { path: `${APP}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'com.example.reader' }) },
      { path: APP_CACHE, content: READER_DB },
      { path: `${APP}/Library/Caches/com.example.reader/fsCachedData/${BODY_FILE}`, content: Buffer.alloc(2048, 1) },
      {
        path: DAEMON_CACHE,
        content: buildCacheDb({ variant: 'reordered', responses: [{ entryId: 7, url: 'https://mesu.apple.com/assets/x.xml', timeStamp: '2021-07-15 08:00:00.250' }] }),
      },
      ...extra,
    ],
  });
}

let index: IndicatorIndex;
beforeAll(async () => {
  index = await loadIndicatorSet({ includeShipped: true });
});

describe('cache_files extractor', () => {
  it('reads every Cache.db by column name, with the owning app, and never the response body', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-fs', cacheFilesExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['url'], r.times])).toEqual([
      [APP_CACHE, 'https://urlpush.net/8s2f/index.html', [{ at: '2021-07-14T10:11:12.000000Z', meaning: 'cached' }]],
      [APP_CACHE, 'https://notfree247downloads.com/a.js', [{ at: '2021-07-14T10:12:00.000000Z', meaning: 'cached' }]],
      [APP_CACHE, 'https://cdn.example/app.json', [{ at: '2021-07-14T10:13:00.000000Z', meaning: 'cached' }]],
      [DAEMON_CACHE, 'https://mesu.apple.com/assets/x.xml', [{ at: '2021-07-15T08:00:00.250000Z', meaning: 'cached' }]],
    ]);
    expect(records[0]?.fields).toEqual({
      db_path: `/${APP_CACHE}`,
      cache_owner: 'com.example.reader',
      app_id: 'com.example.reader',
      container: `/${APP}`,
      entry_id: 1,
      version: 0,
      hash_value: -123456,
      storage_policy: 0,
      url: 'https://urlpush.net/8s2f/index.html',
      time_stamp: '2021-07-14 10:11:12',
      partition: 'https://news.example',
      partition_site: 'https://news.example',
      has_body: true,
      body_on_disk: false,
      body_file: null,
      body_size: 16,
    });
    expect(JSON.stringify(records)).not.toContain('secret page body');
    expect(records[0]?.origin).toMatchObject({ stored: APP_CACHE, locator: { kind: 'sqlite', table: 'cfurl_cache_response', rowid: '1' } });
    expect(records[0]?.origin.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(records[1]?.fields).toMatchObject({
      partition: null,
      partition_site: null,
      has_body: true,
      body_on_disk: true,
      body_file: `/${APP}/Library/Caches/com.example.reader/fsCachedData/${BODY_FILE}`,
      body_size: 2048,
    });
    expect(records[2]?.fields).toMatchObject({ partition_site: 'free247downloads.com', has_body: false, body_on_disk: null, body_size: null });
    expect(records[3]?.fields).toMatchObject({ db_path: `/${DAEMON_CACHE}`, cache_owner: 'com.apple.nsurlsessiond', app_id: null, container: null, entry_id: 7 });
  });

  it('fires on Pegasus URLs in the request and in the partition, and not on look-alike domains', async () => {
    const { records } = await extractFromTree(tree(), 'ios-fs', cacheFilesExtractor);
    const detector = new Detector(cacheFilesRules, index);
    const fired = records.flatMap((record) =>
      detector.inspect(record).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.indicator?.value ?? null, f.indicator?.malware ?? null]),
    );
    expect(fired).toEqual([
      ['ios.cache-files.url-indicator', 'url', 'https://urlpush.net/8s2f/index.html', 'critical', 'urlpush.net', 'Pegasus'],
      ['ios.cache-files.url-indicator', 'partition_site', 'free247downloads.com', 'critical', 'free247downloads.com', 'Pegasus'],
    ]);
  });

  it('reports an unknown schema and an unreadable file, and reads the other caches', async () => {
    const other = 'private/var/mobile/Library/Caches/com.apple.other/Cache.db';
    const broken = 'private/var/mobile/Library/Caches/com.apple.broken/Cache.db';
    const { records, issues } = await extractFromTree(
      tree([
        { path: other, content: sqliteBytes((db) => db.exec('CREATE TABLE cfurl_cache_v2 (id INTEGER)')) },
        { path: broken, content: 'this is not a database' },
      ]),
      'ios-fs',
      cacheFilesExtractor,
    );
    expect(records).toHaveLength(4);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['corrupt', broken],
      ['unsupported-schema', other],
    ]);
    expect(issues[1]?.message).toBe('unsupported schema: no cfurl_cache_response table (tables: cfurl_cache_v2)');
  });

  it('reads the time stamp as UTC and refuses other shapes', () => {
    expect(isoFromCacheTimeStamp('2021-07-14 10:11:12')).toBe('2021-07-14T10:11:12.000000Z');
    expect(isoFromCacheTimeStamp('2021-07-14 10:11:12.5')).toBe('2021-07-14T10:11:12.500000Z');
    expect(isoFromCacheTimeStamp('14/07/2021 10:11')).toBeNull();
    expect(isoFromCacheTimeStamp(1626257472)).toBeNull();
    expect(isoFromCacheTimeStamp(null)).toBeNull();
  });
});
