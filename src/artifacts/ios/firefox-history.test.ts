import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildFirefoxBrowserDb, type FirefoxBrowserSpec } from '../../../test/builders/ios/firefox-browser-db.js';
import { firefoxHistoryExtractor } from './firefox-history.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { firefoxHistoryRules } from '../../detection/rules/firefox-history.js';
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

const FIREFOX_SPEC: FirefoxBrowserSpec = {
  history: [
    { id: 1, url: 'https://www.mozilla.org/', title: 'Mozilla' },
    { id: 2, url: 'https://backuprabbit.com/x', title: '' },
    { id: 3, url: 'https://notbackuprabbit.com/', title: 'Near miss' },
    { id: 4, url: null, isDeleted: true },
    { id: 5, url: 'https://unlimitedteacup.com/', title: 'Synced only' },
  ],
  visits: [
    { id: 1, siteId: 1, date: T * 1e6, type: 2 },
    { id: 2, siteId: 2, date: (T + 30) * 1e6 + 250, type: 1 },
    { id: 3, siteId: 3, date: (T + 60) * 1e6, type: 6, isLocal: false },
    // A visit whose history row is gone: kept, with a null URL.
    { id: 4, siteId: 42, date: (T + 90) * 1e6 },
  ],
};

describe('firefox_history extractor', () => {
  it('reads visits, then history rows without visits', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb(FIREFOX_SPEC) }] }, firefoxHistoryExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['visit_id'], r.fields['history_id'], r.fields['url']])).toEqual([
      [1, 1, 'https://www.mozilla.org/'],
      [2, 2, 'https://backuprabbit.com/x'],
      [3, 3, 'https://notbackuprabbit.com/'],
      [4, 42, null],
      [null, 4, null],
      [null, 5, 'https://unlimitedteacup.com/'],
    ]);
    expect(records[1]?.artifact).toBe('firefox_history');
    expect(records[1]?.times).toEqual([{ at: '2023-07-10T14:40:30.000250Z', meaning: 'visited' }]);
    expect(records[1]?.fields).toEqual({
      visit_id: 2,
      history_id: 2,
      guid: 'guid-2',
      url: 'https://backuprabbit.com/x',
      title: '',
      visit_type: 'link',
      is_local: true,
      is_deleted: false,
      backup_domain: DOMAIN,
      location: DOMAIN,
    });
    expect(records[1]?.origin).toMatchObject({
      path: `${DOMAIN}/profile.profile/browser.db`,
      stored: '2e/2e57c396a35b0d1bcbc624725002d98bd61d142b',
      locator: { kind: 'sqlite', table: 'visits', rowid: '2' },
    });
    expect(records[2]?.fields).toMatchObject({ visit_type: 'temporary_redirect', is_local: false });
    expect(records[3]?.fields).toMatchObject({ guid: null, title: null, visit_type: 'link', is_deleted: null });
    expect(records[4]?.fields).toMatchObject({ is_deleted: true, visit_type: null, is_local: null });
    expect(records[5]?.times).toEqual([]);
    expect(records[5]?.origin.locator).toEqual({ kind: 'sqlite', table: 'history', rowid: '5' });
  });

  it('reads the early schema without is_local, and other Firefox channels', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { ...BROWSER_DB, content: buildFirefoxBrowserDb({ ...FIREFOX_SPEC, variant: 'v5' }) },
          {
            domain: 'AppDomainGroup-group.org.mozilla.ios.FirefoxBeta',
            relativePath: 'profile.profile/browser.db',
            content: buildFirefoxBrowserDb({ history: [{ id: 1, url: 'https://example.net/' }], visits: [{ id: 1, siteId: 1, date: T * 1e6 }] }),
          },
        ],
      },
      firefoxHistoryExtractor,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records[2]?.fields).toMatchObject({ visit_type: 'temporary_redirect', is_local: null });
    expect(records[6]?.fields).toMatchObject({ url: 'https://example.net/', backup_domain: 'AppDomainGroup-group.org.mozilla.ios.FirefoxBeta' });
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const places = sqliteBytes((d) => d.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)'));
    let result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: places }] }, firefoxHistoryExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `${DOMAIN}/profile.profile/browser.db`,
        message: 'unsupported schema: expected history and visits (tables: moz_places)',
      },
    ]);
    const noDate = sqliteBytes((d) => {
      d.exec('CREATE TABLE history (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, siteID INTEGER)');
    });
    result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: noDate }] }, firefoxHistoryExtractor);
    expect(result.issues.map((i) => i.message)).toEqual(['unsupported schema: missing visits.date']);
    result = await extractFromBackup({ files: [{ ...BROWSER_DB, content: 'SQLite format 3\u0000 but not really' }] }, firefoxHistoryExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });
});

describe('firefox_history in a file-system dump', () => {
  it('names the app group folder, or the home folder, where a backup names the domain', async () => {
    const { records, issues } = await extractFromTree(dumpTree(buildFirefoxBrowserDb(FIREFOX_SPEC)), 'ios-fs', firefoxHistoryExtractor);
    expect(issues).toEqual([]);
    const byPlace = records.filter((r) => r.fields['visit_id'] === 2).map((r) => [r.origin.path, r.fields['backup_domain'], r.fields['location']]);
    expect(byPlace).toEqual([
      [`${FIREFOX_GROUP}/profile.profile/browser.db`, null, `/${FIREFOX_GROUP}`],
      ['private/var/mobile/profile.profile/browser.db', null, '/private/var/mobile'],
    ]);
    // Firefox records name no app, in a backup or a dump: the metadata plist adds none.
    expect(records.filter((r) => 'app_id' in r.fields)).toEqual([]);
  });
});

describe('firefox_history rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(firefoxHistoryRules, await loadIndicatorSet({}));
  });

  it('flags the Triangulation visit and the synced-only page, not the near-miss', async () => {
    const { records } = await extractFromBackup({ files: [{ ...BROWSER_DB, content: buildFirefoxBrowserDb(FIREFOX_SPEC) }] }, firefoxHistoryExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['history_id'], f.rule.id, f.severity, f.matched.value, f.indicator?.value, f.indicator?.malware]),
    );
    expect(findings).toEqual([
      [2, 'ios.firefox-history.url-indicator', 'critical', 'https://backuprabbit.com/x', 'backuprabbit.com', 'OperationTriangulation'],
      [5, 'ios.firefox-history.url-indicator', 'critical', 'https://unlimitedteacup.com/', 'unlimitedteacup.com', 'OperationTriangulation'],
    ]);
    expect(records.flatMap((record) => detector.inspect(record))[0]?.explanation).toMatch(/^Firefox history \(AppDomainGroup-group\.org\.mozilla\.ios\.Firefox\) records/);
  });

  it('says where the history is in a file-system dump', async () => {
    const { records } = await extractFromTree(dumpTree(buildFirefoxBrowserDb(FIREFOX_SPEC)), 'ios-fs', firefoxHistoryExtractor);
    const explanations = records.filter((r) => r.fields['visit_id'] === 2).flatMap((record) => detector.inspect(record).map((f) => f.explanation));
    expect(explanations).toEqual([
      `Firefox history (/${FIREFOX_GROUP}) records https://backuprabbit.com/x, which matches the OperationTriangulation indicator "backuprabbit.com" (operation_triangulation.stix2).`,
      'Firefox history (/private/var/mobile) records https://backuprabbit.com/x, which matches the OperationTriangulation indicator "backuprabbit.com" (operation_triangulation.stix2).',
    ]);
  });
});
