import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildChromeFaviconsDb, type ChromeFaviconsSpec } from '../../../test/builders/ios/chrome-favicons-db.js';
import { chromeTime } from '../../../test/builders/ios/chrome-history-db.js';
import { chromeFaviconExtractor } from './chrome-favicon.js';
import { chromeFaviconRules } from '../../detection/rules/chrome-favicon.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const DOMAIN = 'AppDomain-com.google.chrome.ios';
const FAVICONS = { domain: DOMAIN, relativePath: 'Library/Application Support/Google/Chrome/Default/Favicons' };
const T = 1_689_000_000; // 2023-07-10T14:40:00Z

const SPEC: ChromeFaviconsSpec = {
  icons: [
    { id: 1, url: 'https://static.example/icon.png' },
    { id: 2, url: 'https://timeupdate.xyz/favicon.ico', iconType: 2 },
    { id: 3, url: 'https://cdn.example/unused.ico' },
    { id: 4, url: 'https://nottimeupdate.xyz/favicon.ico' },
  ],
  bitmaps: [
    { id: 1, iconId: 1, lastUpdated: chromeTime(T), lastRequested: chromeTime(T + 10), width: 16 },
    { id: 2, iconId: 1, lastUpdated: chromeTime(T + 5), lastRequested: 0n, width: 32 },
    { id: 3, iconId: 2, lastUpdated: chromeTime(T + 60), width: 180 },
    { id: 4, iconId: 4, lastUpdated: 0n },
  ],
  mappings: [
    { id: 1, pageUrl: 'https://weathear.live/today', iconId: 1 },
    { id: 2, pageUrl: 'https://news.example/', iconId: 2 },
    { id: 3, pageUrl: 'https://blog.example/', iconId: 4 },
    // Points to an icon row that is gone: kept, with a null icon URL.
    { id: 4, pageUrl: 'https://shop.example/', iconId: 77 },
  ],
};

describe('chrome_favicon extractor', () => {
  it('reads one record per page mapping with its bitmaps summed up, then unmapped icons', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...FAVICONS, content: buildChromeFaviconsDb(SPEC) }] }, chromeFaviconExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      {
        mapping_id: 1,
        page_url: 'https://weathear.live/today',
        icon_id: 1,
        icon_url: 'https://static.example/icon.png',
        icon_type: 'favicon',
        bitmap_count: 2,
        max_width: 32,
        profile: 'Default',
      },
      {
        mapping_id: 2,
        page_url: 'https://news.example/',
        icon_id: 2,
        icon_url: 'https://timeupdate.xyz/favicon.ico',
        icon_type: 'touch_icon',
        bitmap_count: 1,
        max_width: 180,
        profile: 'Default',
      },
      {
        mapping_id: 3,
        page_url: 'https://blog.example/',
        icon_id: 4,
        icon_url: 'https://nottimeupdate.xyz/favicon.ico',
        icon_type: 'favicon',
        bitmap_count: 1,
        max_width: 16,
        profile: 'Default',
      },
      {
        mapping_id: 4,
        page_url: 'https://shop.example/',
        icon_id: 77,
        icon_url: null,
        icon_type: null,
        bitmap_count: 0,
        max_width: null,
        profile: 'Default',
      },
      {
        mapping_id: null,
        page_url: null,
        icon_id: 3,
        icon_url: 'https://cdn.example/unused.ico',
        icon_type: 'favicon',
        bitmap_count: 0,
        max_width: null,
        profile: 'Default',
      },
    ]);
    expect(records[0]?.times).toEqual([
      { at: '2023-07-10T14:40:05.000000Z', meaning: 'icon updated' },
      { at: '2023-07-10T14:40:10.000000Z', meaning: 'icon requested' },
    ]);
    // A bitmap never updated (0) gives no time rather than 1601.
    expect(records[2]?.times).toEqual([]);
    expect(records[0]?.origin).toMatchObject({
      stored: '55/55680ab883d0fdcffd94f959b1632e5fbbb18c5b',
      locator: { kind: 'sqlite', table: 'icon_mapping', rowid: '1' },
    });
    expect(records[4]?.origin.locator).toEqual({ kind: 'sqlite', table: 'favicons', rowid: '3' });
  });

  it('reads the legacy schema without last_requested', async () => {
    const { records, issues } = await extractFromBackup(
      { files: [{ ...FAVICONS, content: buildChromeFaviconsDb({ ...SPEC, variant: 'legacy' }) }] },
      chromeFaviconExtractor,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(5);
    expect(records[0]?.times).toEqual([{ at: '2023-07-10T14:40:05.000000Z', meaning: 'icon updated' }]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noBitmaps = sqliteBytes((d) => {
      d.exec('CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE icon_mapping (id INTEGER PRIMARY KEY, page_url TEXT, icon_id INTEGER)');
    });
    let result = await extractFromBackup({ files: [{ ...FAVICONS, content: noBitmaps }] }, chromeFaviconExtractor);
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['unsupported-schema', 'unsupported schema: expected icon_mapping, favicons and favicon_bitmaps (tables: favicons, icon_mapping)'],
    ]);
    const noPage = sqliteBytes((d) => {
      d.exec('CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE favicon_bitmaps (id INTEGER PRIMARY KEY, icon_id INTEGER, last_updated INTEGER)');
      d.exec('CREATE TABLE icon_mapping (id INTEGER PRIMARY KEY, icon_id INTEGER)');
    });
    result = await extractFromBackup({ files: [{ ...FAVICONS, content: noPage }] }, chromeFaviconExtractor);
    expect(result.issues.map((i) => i.message)).toEqual(['unsupported schema: missing icon_mapping.page_url']);
    result = await extractFromBackup({ files: [{ ...FAVICONS, content: Buffer.alloc(2048, 7) }] }, chromeFaviconExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });
});

describe('chrome_favicon rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(chromeFaviconRules, await loadIndicatorSet({}));
  });

  it('flags a Predator page and a Predator icon, not the near-miss', async () => {
    const { records } = await extractFromBackup({ files: [{ ...FAVICONS, content: buildChromeFaviconsDb(SPEC) }] }, chromeFaviconExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['mapping_id'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.value]),
    );
    expect(findings).toEqual([
      [1, 'ios.chrome-favicon.url-indicator', 'critical', 'page_url', 'https://weathear.live/today', 'weathear.live'],
      [2, 'ios.chrome-favicon.url-indicator', 'critical', 'icon_url', 'https://timeupdate.xyz/favicon.ico', 'timeupdate.xyz'],
    ]);
    expect(detector.inspect(records[1]!)[0]?.explanation).toBe(
      'The Chrome favicon cache links the page https://news.example/ to the icon https://timeupdate.xyz/favicon.ico; https://timeupdate.xyz/favicon.ico matches the Predator indicator "timeupdate.xyz" (predator.stix2).',
    );
  });
});
