import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildFirefoxBrowserDb, type FirefoxBrowserSpec } from '../../../test/builders/ios/firefox-browser-db.js';
import { firefoxFaviconExtractor } from './firefox-favicon.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { firefoxFaviconRules } from '../../detection/rules/firefox-favicon.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const DOMAIN = 'AppDomainGroup-group.org.mozilla.ios.Firefox';
const BROWSER_DB = { domain: DOMAIN, relativePath: 'profile.profile/browser.db' };
const T = 1_689_000_000; // 2023-07-10T14:40:00Z
const FIREFOX_GROUP = 'private/var/mobile/Containers/Shared/AppGroup/1D2C3B4A-5F6E-4D7C-8B9A-0F1E2D3C4B5A';

/** Firefox's database in its app group, and at the home-folder path MVT reads. */
function dumpTree(content: Buffer) {
  return fsDumpTree({
    nodes: [
      { path: `${FIREFOX_GROUP}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'group.org.mozilla.ios.Firefox' }) },
      { path: `${FIREFOX_GROUP}/profile.profile/browser.db`, content },
      { path: 'private/var/mobile/profile.profile/browser.db', content },
    ],
  });
}

const SPEC: FirefoxBrowserSpec = {
  history: [
    { id: 1, url: 'https://www.mozilla.org/' },
    { id: 3, url: 'https://blog.example/' },
    { id: 5, url: 'https://unlimitedteacup.com/' },
  ],
  favicons: [
    // Stored as the app binds a Date (seconds); other writers used milliseconds or microseconds.
    { id: 1, url: 'https://www.mozilla.org/favicon.ico', width: 32, height: 32, type: 1, date: T },
    { id: 2, url: 'https://urlpush.net/favicon.ico', width: null, height: null, date: (T + 10) * 1000 },
    { id: 3, url: 'https://cdn.example/unused.ico', date: (T + 20) * 1e6 },
    { id: 4, url: 'https://noturlpush.net/favicon.ico', date: T },
  ],
  faviconSites: [
    { id: 1, siteId: 1, faviconId: 1 },
    { id: 2, siteId: 5, faviconId: 1 },
    { id: 3, siteId: 3, faviconId: 2 },
    { id: 4, siteId: 1, faviconId: 4 },
    // Both ends gone.
    { id: 5, siteId: 99, faviconId: 77 },
  ],
};

describe('firefox_favicon extractor', () => {
  it('reads one record per page-icon link, then icons no page links to', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb(SPEC) }] }, firefoxFaviconExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['link_id'], r.fields['icon_url'], r.fields['page_url']])).toEqual([
      [1, 'https://www.mozilla.org/favicon.ico', 'https://www.mozilla.org/'],
      [2, 'https://www.mozilla.org/favicon.ico', 'https://unlimitedteacup.com/'],
      [3, 'https://urlpush.net/favicon.ico', 'https://blog.example/'],
      [4, 'https://noturlpush.net/favicon.ico', 'https://www.mozilla.org/'],
      [5, null, null],
      [null, 'https://cdn.example/unused.ico', null],
    ]);
    expect(records[0]?.artifact).toBe('firefox_favicon');
    expect(records[0]?.fields).toEqual({
      link_id: 1,
      icon_id: 1,
      icon_url: 'https://www.mozilla.org/favicon.ico',
      width: 32,
      height: 32,
      icon_type: 1,
      history_id: 1,
      page_url: 'https://www.mozilla.org/',
      backup_domain: DOMAIN,
      location: DOMAIN,
    });
    expect(records[0]?.origin).toMatchObject({ locator: { kind: 'sqlite', table: 'favicon_sites', rowid: '1' } });
    expect(records.map((r) => r.times)).toEqual([
      [{ at: '2023-07-10T14:40:00.000000Z', meaning: 'icon stored' }],
      [{ at: '2023-07-10T14:40:00.000000Z', meaning: 'icon stored' }],
      [{ at: '2023-07-10T14:40:10.000000Z', meaning: 'icon stored' }],
      [{ at: '2023-07-10T14:40:00.000000Z', meaning: 'icon stored' }],
      [],
      [{ at: '2023-07-10T14:40:20.000000Z', meaning: 'icon stored' }],
    ]);
    expect(records[4]?.fields).toMatchObject({ icon_id: 77, history_id: 99, width: null });
    expect(records[5]?.fields).toMatchObject({ link_id: null, icon_id: 3, history_id: null });
    expect(records[5]?.origin.locator).toEqual({ kind: 'sqlite', table: 'favicons', rowid: '3' });
  });

  it('reads the early schema, and icons of a database without a history table', async () => {
    let result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb({ ...SPEC, variant: 'v5' }) }] }, firefoxFaviconExtractor);
    expect(result.issues).toEqual([]);
    expect(result.records).toHaveLength(6);
    const noHistory = sqliteBytes((d) => {
      d.exec('CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE favicon_sites (id INTEGER PRIMARY KEY, siteID INTEGER, faviconID INTEGER)');
      d.exec(`INSERT INTO favicons VALUES (1, 'https://example.com/a.ico')`);
      d.exec('INSERT INTO favicon_sites VALUES (1, 4, 1)');
    });
    result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: noHistory }] }, firefoxFaviconExtractor);
    expect(result.issues).toEqual([]);
    expect(result.records.map((r) => r.fields)).toEqual([
      {
        link_id: 1,
        icon_id: 1,
        icon_url: 'https://example.com/a.ico',
        width: null,
        height: null,
        icon_type: null,
        history_id: 4,
        page_url: null,
        backup_domain: DOMAIN,
        location: DOMAIN,
      },
    ]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noLinks = sqliteBytes((d) => d.exec('CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT)'));
    let result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: noLinks }] }, firefoxFaviconExtractor);
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['unsupported-schema', 'unsupported schema: expected favicons and favicon_sites (tables: favicons)'],
    ]);
    const oldLinks = sqliteBytes((d) => {
      d.exec('CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE favicon_sites (faviconGuid TEXT NOT NULL, siteGuid TEXT NOT NULL)');
    });
    result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: oldLinks }] }, firefoxFaviconExtractor);
    expect(result.issues.map((i) => i.message)).toEqual(['unsupported schema: missing favicon_sites.id, favicon_sites.siteid, favicon_sites.faviconid']);
    result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb(SPEC).subarray(0, 2500) }] }, firefoxFaviconExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });
});

describe('firefox_favicon in a file-system dump', () => {
  it('names the app group folder, or the home folder, where a backup names the domain', async () => {
    const { records, issues } = await extractFromTree(dumpTree(buildFirefoxBrowserDb(SPEC)), 'ios-fs', firefoxFaviconExtractor);
    expect(issues).toEqual([]);
    const byPlace = records.filter((r) => r.fields['link_id'] === 3).map((r) => [r.origin.path, r.fields['backup_domain'], r.fields['location']]);
    expect(byPlace).toEqual([
      [`${FIREFOX_GROUP}/profile.profile/browser.db`, null, `/${FIREFOX_GROUP}`],
      ['private/var/mobile/profile.profile/browser.db', null, '/private/var/mobile'],
    ]);
    // Firefox records name no app, in a backup or a dump: the metadata plist adds none.
    expect(records.filter((r) => 'app_id' in r.fields)).toEqual([]);
  });
});

describe('firefox_favicon rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(firefoxFaviconRules, await loadIndicatorSet({}));
  });

  it('flags the Pegasus icon and the Triangulation page, not the near-miss', async () => {
    const { records } = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb(SPEC) }] }, firefoxFaviconExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['link_id'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.value]),
    );
    expect(findings).toEqual([
      [2, 'ios.firefox-favicon.url-indicator', 'critical', 'page_url', 'https://unlimitedteacup.com/', 'unlimitedteacup.com'],
      [3, 'ios.firefox-favicon.url-indicator', 'critical', 'icon_url', 'https://urlpush.net/favicon.ico', 'urlpush.net'],
    ]);
    expect(records.flatMap((record) => detector.inspect(record))[0]?.explanation).toMatch(
      /^The Firefox favicon table \(AppDomainGroup-group\.org\.mozilla\.ios\.Firefox\) links/,
    );
  });

  it('says where the table is in a file-system dump', async () => {
    const { records } = await extractFromTree(dumpTree(buildFirefoxBrowserDb(SPEC)), 'ios-fs', firefoxFaviconExtractor);
    const explanations = records.filter((r) => r.fields['link_id'] === 3).flatMap((record) => detector.inspect(record).map((f) => f.explanation));
    expect(explanations).toEqual([
      `The Firefox favicon table (/${FIREFOX_GROUP}) links the icon https://urlpush.net/favicon.ico to the page https://blog.example/; https://urlpush.net/favicon.ico matches the Pegasus indicator "urlpush.net" (pegasus.stix2).`,
      'The Firefox favicon table (/private/var/mobile) links the icon https://urlpush.net/favicon.ico to the page https://blog.example/; https://urlpush.net/favicon.ico matches the Pegasus indicator "urlpush.net" (pegasus.stix2).',
    ]);
  });
});
