import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildSafariFaviconsDb, type SafariFaviconsSpec } from '../../../test/builders/ios/safari-favicons-db.js';
import { safariFaviconExtractor } from './safari-favicon.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { safariFaviconRules } from '../../detection/rules/safari-favicon.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const SAFARI = 'AppDomain-com.apple.mobilesafari';
const FAVICONS = { domain: SAFARI, relativePath: 'Library/Image Cache/Favicons/Favicons.db' };
const T = 700_000_000; // 2023-03-08T20:26:40Z in Mac-absolute seconds
const INJECTED_ICON = 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/favicon.ico';
const SAFARI_CONTAINER = 'private/var/mobile/Containers/Data/Application/0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D';
/** A WebKit browser whose container lost its metadata plist: its owner is unknown. */
const NAMELESS_CONTAINER = 'private/var/mobile/Containers/Data/Application/9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A';
const FAVICONS_DB = 'Library/Image Cache/Favicons/Favicons.db';

/** A dump with Safari's favicons in its container, in the home folder (iOS 12) and in a container of unknown owner. */
function dumpTree() {
  const content = buildSafariFaviconsDb({ pages: [{ url: 'http://yahoo.fr/', uuid: 'A1' }], icons: [{ uuid: 'A1', url: INJECTED_ICON, timestamp: T }] });
  return fsDumpTree({
    nodes: [
      { path: `${SAFARI_CONTAINER}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'com.apple.mobilesafari' }) },
      { path: `${SAFARI_CONTAINER}/${FAVICONS_DB}`, content },
      { path: `private/var/mobile/${FAVICONS_DB}`, content },
      { path: `${NAMELESS_CONTAINER}/${FAVICONS_DB}`, content },
    ],
  });
}

const SPEC: SafariFaviconsSpec = {
  pages: [
    { url: 'http://yahoo.fr/', uuid: 'A1' },
    { url: 'https://news.example/', uuid: 'B2' },
    { url: 'https://notfree247downloads.com/', uuid: 'C3' },
    // Its icon row is gone.
    { url: 'https://shop.example/', uuid: 'Z9' },
  ],
  icons: [
    { uuid: 'A1', url: INJECTED_ICON, timestamp: T + 0.08, width: 16, height: 16 },
    { uuid: 'B2', url: 'https://news.example/favicon.ico', timestamp: T + 10 },
    { uuid: 'C3', url: 'https://notfree247downloads.com/favicon.ico', timestamp: T + 20 },
    // No page points to it any more.
    { uuid: 'D4', url: 'https://cdn.example/icon.png', timestamp: T + 30 },
  ],
  rejected: [{ pageUrl: 'https://baramije.net/Qw3rTy', iconUrl: 'https://baramije.net/favicon.ico', timestamp: T + 40 }],
};

describe('safari_favicon extractor', () => {
  it('reads pages with their icons, icons without pages, and rejected icons', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...FAVICONS, content: buildSafariFaviconsDb(SPEC) }] }, safariFaviconExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['kind'], r.fields['page_url'], r.fields['icon_url'], r.origin.locator])).toEqual([
      ['valid', 'http://yahoo.fr/', INJECTED_ICON, { kind: 'sqlite', table: 'page_url', rowid: '1' }],
      ['valid', 'https://news.example/', 'https://news.example/favicon.ico', { kind: 'sqlite', table: 'page_url', rowid: '2' }],
      ['valid', 'https://notfree247downloads.com/', 'https://notfree247downloads.com/favicon.ico', { kind: 'sqlite', table: 'page_url', rowid: '3' }],
      ['valid', 'https://shop.example/', null, { kind: 'sqlite', table: 'page_url', rowid: '4' }],
      ['valid', null, 'https://cdn.example/icon.png', { kind: 'sqlite', table: 'icon_info', rowid: '4' }],
      ['rejected', 'https://baramije.net/Qw3rTy', 'https://baramije.net/favicon.ico', { kind: 'sqlite', table: 'rejected_resources', rowid: '1' }],
    ]);
    expect(records[0]?.artifact).toBe('safari_favicon');
    expect(records[0]?.fields).toEqual({
      kind: 'valid',
      page_url: 'http://yahoo.fr/',
      icon_url: INJECTED_ICON,
      icon_uuid: 'A1',
      width: 16,
      height: 16,
      backup_domain: SAFARI,
      app_id: 'com.apple.mobilesafari',
      location: SAFARI,
    });
    expect(records[0]?.times).toEqual([{ at: '2023-03-08T20:26:40.080000Z', meaning: 'icon stored' }]);
    expect(records[3]?.times).toEqual([]);
    expect(records[5]?.fields).toMatchObject({ icon_uuid: null, width: null });
    expect(records[5]?.times).toEqual([{ at: '2023-03-08T20:27:20.000000Z', meaning: 'icon rejected' }]);
  });

  it('reads the pre-iOS 13 HomeDomain copy and the minimal schema without rejected_resources', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          {
            domain: 'HomeDomain',
            relativePath: 'Library/Image Cache/Favicons/Favicons.db',
            content: buildSafariFaviconsDb({ ...SPEC, variant: 'minimal' }),
          },
        ],
      },
      safariFaviconExtractor,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(5);
    expect(records[0]?.fields).toMatchObject({ width: null, height: null, backup_domain: 'HomeDomain', app_id: null, location: 'HomeDomain' });
  });

  it('names the container and its app in a file-system dump, and the home folder for the iOS 12 copy', async () => {
    const { records, issues } = await extractFromTree(dumpTree(), 'ios-fs', safariFaviconExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['backup_domain'], r.fields['app_id'], r.fields['location']])).toEqual([
      [`${SAFARI_CONTAINER}/${FAVICONS_DB}`, null, 'com.apple.mobilesafari', `/${SAFARI_CONTAINER}`],
      [`${NAMELESS_CONTAINER}/${FAVICONS_DB}`, null, null, `/${NAMELESS_CONTAINER}`],
      [`private/var/mobile/${FAVICONS_DB}`, null, null, '/private/var/mobile'],
    ]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noIcons = sqliteBytes((d) => d.exec('CREATE TABLE page_url (uuid TEXT, url TEXT)'));
    let result = await extractFromBackup({ files: [{ ...FAVICONS, content: noIcons }] }, safariFaviconExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `${SAFARI}/Library/Image Cache/Favicons/Favicons.db`,
        message: 'unsupported schema: expected page_url and icon_info (tables: page_url)',
      },
    ]);
    const oddRejected = sqliteBytes((d) => {
      d.exec('CREATE TABLE page_url (uuid TEXT, url TEXT)');
      d.exec('CREATE TABLE icon_info (uuid TEXT, url TEXT, timestamp REAL)');
      d.exec('CREATE TABLE rejected_resources (url TEXT)');
    });
    result = await extractFromBackup({ files: [{ ...FAVICONS, content: oddRejected }] }, safariFaviconExtractor);
    expect(result.issues.map((i) => i.message)).toEqual([
      'unsupported schema: missing rejected_resources.page_url, rejected_resources.icon_url, rejected_resources.timestamp',
    ]);
    result = await extractFromBackup({ files: [{ ...FAVICONS, content: 'garbage' }] }, safariFaviconExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });
});

describe('safari_favicon rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(safariFaviconRules, await loadIndicatorSet({}));
  });

  it("flags the injected exploit server's icon and the rejected validation page, not the near-miss", async () => {
    const { records } = await extractFromBackup({ files: [{ ...FAVICONS, content: buildSafariFaviconsDb(SPEC) }] }, safariFaviconExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['kind'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.value]),
    );
    // One finding per indicator and record, even when the page and the icon both match it.
    expect(findings).toEqual([
      ['valid', 'ios.safari-favicon.url-indicator', 'critical', 'icon_url', INJECTED_ICON, 'free247downloads.com'],
      ['rejected', 'ios.safari-favicon.url-indicator', 'critical', 'page_url', 'https://baramije.net/Qw3rTy', 'baramije.net'],
    ]);
    const injected = records[0];
    if (!injected) throw new Error('no record');
    expect(detector.inspect(injected)[0]?.explanation).toMatch(/^The Safari favicon cache of AppDomain-com\.apple\.mobilesafari \(valid icon\) links/);
  });

  it('says where the cache is in a file-system dump', async () => {
    const { records } = await extractFromTree(dumpTree(), 'ios-fs', safariFaviconExtractor);
    expect(records.flatMap((record) => detector.inspect(record)).map((f) => f.explanation.slice(0, f.explanation.indexOf(' links')))).toEqual([
      `The Safari favicon cache of /${SAFARI_CONTAINER} (valid icon)`,
      `The Safari favicon cache of /${NAMELESS_CONTAINER} (valid icon)`,
      'The Safari favicon cache of /private/var/mobile (valid icon)',
    ]);
  });
});
