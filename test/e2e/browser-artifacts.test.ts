/**
 * End-to-end: the real CLI on a backup holding Chrome, Firefox and Safari favicon caches,
 * Shortcuts, locationd's clients and WebKit website-data stores, with real indicator values
 * planted beside near-misses. Every finding is stated exactly; the near-misses stay silent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIosBackup, fileIdFor, type BackupFileSpec } from '../builders/ios-backup.js';
import { buildChromeHistoryDb, chromeTime } from '../builders/ios/chrome-history-db.js';
import { buildChromeFaviconsDb } from '../builders/ios/chrome-favicons-db.js';
import { buildFirefoxBrowserDb } from '../builders/ios/firefox-browser-db.js';
import { buildShortcutsDb, shortcutAction, textTokenString } from '../builders/ios/shortcuts-db.js';
import { locationdClientsPlist } from '../builders/ios/locationd-clients.js';
import { buildSafariFaviconsDb } from '../builders/ios/safari-favicons-db.js';
import { hashedOriginFiles, hashedOriginName } from '../builders/ios/webkit-website-data.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();
const CHROME = 'AppDomain-com.google.chrome.ios';
const CHROME_DIR = 'Library/Application Support/Google/Chrome/Default';
const FIREFOX = 'AppDomainGroup-group.org.mozilla.ios.Firefox';
const SAFARI = 'AppDomain-com.apple.mobilesafari';
const PROFILE_STORE = 'Library/WebKit/WebsiteDataStore/6B7C2D1E-0F3A-4B5C-8D9E-A1B2C3D4E5F6/Origins';
const SALT = Buffer.from('8899aabbccddeeff0011223344556677', 'hex');
const T = 1_689_000_000; // 2023-07-10T14:40:00Z
const MAC_T = T - 978_307_200;

/** Each artifact with one trace (unless `clean`) and its near-misses. */
function files(clean: boolean): BackupFileSpec[] {
  const topSite = { scheme: 'https', host: 'example.com' };
  const profileOrigin = clean ? topSite : { scheme: 'https', host: 'cnn.gr.com' };
  return [
    {
      domain: CHROME,
      relativePath: `${CHROME_DIR}/History`,
      content: buildChromeHistoryDb({
        urls: [
          { id: 1, url: clean ? 'https://cnn.gr/article/1' : 'https://cnn.gr.com/article/1' },
          { id: 2, url: 'https://notcnn.gr.com/' },
        ],
        visits: [
          { id: 1, url: 1, time: chromeTime(T) },
          { id: 2, url: 2, time: chromeTime(T + 60) },
        ],
      }),
    },
    {
      domain: CHROME,
      relativePath: `${CHROME_DIR}/Favicons`,
      content: buildChromeFaviconsDb({
        icons: [
          { id: 1, url: clean ? 'https://news.example/favicon.ico' : 'https://timeupdate.xyz/favicon.ico' },
          { id: 2, url: 'https://nottimeupdate.xyz/favicon.ico' },
        ],
        bitmaps: [{ id: 1, iconId: 1, lastUpdated: chromeTime(T) }],
        mappings: [
          { id: 1, pageUrl: 'https://news.example/', iconId: 1 },
          { id: 2, pageUrl: 'https://blog.example/', iconId: 2 },
        ],
      }),
    },
    {
      domain: FIREFOX,
      relativePath: 'profile.profile/browser.db',
      content: buildFirefoxBrowserDb({
        history: [
          { id: 1, url: clean ? 'https://www.mozilla.org/' : 'https://backuprabbit.com/x' },
          { id: 2, url: 'https://notbackuprabbit.com/' },
        ],
        visits: [
          { id: 1, siteId: 1, date: T * 1e6 },
          { id: 2, siteId: 2, date: (T + 5) * 1e6 },
        ],
        favicons: [{ id: 1, url: clean ? 'https://www.mozilla.org/favicon.ico' : 'https://urlpush.net/favicon.ico', date: T }],
        faviconSites: [{ id: 1, siteId: 2, faviconId: 1 }],
      }),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Shortcuts/Shortcuts.sqlite',
      content: buildShortcutsDb({
        shortcuts: [
          {
            pk: 1,
            name: 'Morning',
            created: MAC_T,
            actions: {
              pk: 1,
              data: [
                shortcutAction('is.workflow.actions.openurl', { WFInput: textTokenString(clean ? 'https://news.example/' : 'https://playestore.net/x') }),
                shortcutAction('is.workflow.actions.gettext', { WFTextActionText: textTokenString('see https://notplayestore.net/x') }),
              ],
            },
          },
        ],
      }),
    },
    {
      domain: 'RootDomain',
      relativePath: 'Library/Caches/locationd/clients.plist',
      content: locationdClientsPlist(
        [
          clean
            ? { key: 'com.apple.Maps', bundleId: 'com.apple.Maps', times: { LocationTimeStopped: MAC_T } }
            : { key: 'com.apple.locationd.executable-/private/var/tmp/hooker', executable: '/private/var/tmp/hooker', times: { LocationTimeStopped: MAC_T } },
          { key: 'com.apple.locationd.executable-/private/var/tmp2/hooker', executable: '/private/var/tmp2/hooker' },
          { key: 'com.apple.locationd.executable-/usr/libexec/bhx', executable: '/usr/libexec/bhx' },
        ],
        { extra: { Version: 3 } },
      ),
    },
    {
      domain: SAFARI,
      relativePath: 'Library/Image Cache/Favicons/Favicons.db',
      content: buildSafariFaviconsDb({
        pages: [
          { url: 'http://yahoo.fr/', uuid: 'A1' },
          { url: 'https://notfree247downloads.com/', uuid: 'B2' },
        ],
        icons: [
          { uuid: 'A1', url: clean ? 'https://yahoo.fr/favicon.ico' : 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/favicon.ico', timestamp: MAC_T },
          { uuid: 'B2', url: 'https://notfree247downloads.com/favicon.ico', timestamp: MAC_T },
        ],
      }),
    },
    {
      domain: SAFARI,
      relativePath: `Library/WebKit/WebsiteData/LocalStorage/${clean ? 'https_example.org_0' : 'https_urlpush.net_0'}.localstorage`,
      content: 'db',
    },
    { domain: SAFARI, relativePath: 'Library/WebKit/WebsiteData/LocalStorage/https_notfree247downloads.com_0.localstorage', content: 'db' },
    ...hashedOriginFiles(SAFARI, PROFILE_STORE, SALT, topSite, profileOrigin, { 'LocalStorage/localstorage.sqlite3': Buffer.from('db') }),
  ];
}

interface FindingsFile {
  summary: Record<string, number>;
  findings: {
    id: string;
    rule: { id: string };
    severity: string;
    matched: { field: string; value: string };
    indicator?: { malware: string | null };
    records: { origin: { path: string; locator: unknown } }[];
  }[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const PROFILE_ORIGIN = `${PROFILE_STORE}/${hashedOriginName({ scheme: 'https', host: 'example.com' }, SALT)}/${hashedOriginName({ scheme: 'https', host: 'cnn.gr.com' }, SALT)}/origin`;

const EXPECTED = [
  ['ios.chrome-history.url-indicator', 'critical', 'url', 'https://cnn.gr.com/article/1', 'Predator', { kind: 'sqlite', table: 'visits', rowid: '1' }],
  ['ios.chrome-favicon.url-indicator', 'critical', 'icon_url', 'https://timeupdate.xyz/favicon.ico', 'Predator', { kind: 'sqlite', table: 'icon_mapping', rowid: '1' }],
  ['ios.firefox-history.url-indicator', 'critical', 'url', 'https://backuprabbit.com/x', 'OperationTriangulation', { kind: 'sqlite', table: 'visits', rowid: '1' }],
  ['ios.firefox-favicon.url-indicator', 'critical', 'icon_url', 'https://urlpush.net/favicon.ico', 'Pegasus', { kind: 'sqlite', table: 'favicon_sites', rowid: '1' }],
  [
    'ios.safari-favicon.url-indicator',
    'critical',
    'icon_url',
    'https://bun54l2b67.get1tn0w.free247downloads.com:30495/favicon.ico',
    'Pegasus',
    { kind: 'sqlite', table: 'page_url', rowid: '1' },
  ],
  [
    'ios.webkit-website-data.url-indicator',
    'critical',
    'url',
    'https://urlpush.net',
    'Pegasus',
    { kind: 'manifest', fileID: fileIdFor(SAFARI, 'Library/WebKit/WebsiteData/LocalStorage/https_urlpush.net_0.localstorage') },
  ],
  ['ios.webkit-website-data.url-indicator', 'critical', 'url', 'https://cnn.gr.com', 'Predator', { kind: 'file' }],
  ['ios.shortcuts.action-url-indicator', 'critical', 'action_urls', 'https://playestore.net/x', 'Predator', { kind: 'sqlite', table: 'ZSHORTCUT', rowid: '1' }],
  [
    'ios.locationd-clients.file-path-indicator',
    'high',
    'executable',
    '/private/var/tmp/hooker',
    'Predator',
    { kind: 'plist', keyPath: ['com.apple.locationd.executable-/private/var/tmp/hooker'] },
  ],
];

describe('exhibit check on browser, Shortcuts, locationd and WebKit artifacts', () => {
  it('finds exactly the planted traces, with their origins, and none of the near-misses', () => {
    const backup = buildIosBackup(newDir(), { files: files(false) });
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = readJson<FindingsFile>(join(out, 'findings.json'));
    const brief = findings.findings.map((f) => [f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.malware ?? null, f.records[0]?.origin.locator]);
    expect([...brief].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [...EXPECTED].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(findings.findings.find((f) => f.matched.value === 'https://cnn.gr.com')?.records[0]?.origin.path).toBe(`${SAFARI}/${PROFILE_ORIGIN}`);
    expect(findings.summary).toEqual({ critical: 8, high: 1, medium: 0, low: 0, informational: 0 });
    expect(findings.findings.map((f) => f.matched.value).join(' ')).not.toMatch(/notcnn|nottimeupdate|notbackuprabbit|notplayestore|tmp2|bhx|notfree247downloads/);

    const coverage = readJson<{ artifacts: { artifact: string; status: string; records: number }[] }>(join(out, 'coverage.json'));
    const mine = ['chrome_history', 'chrome_favicon', 'firefox_history', 'firefox_favicon', 'safari_favicon', 'webkit_website_data', 'shortcuts', 'locationd_clients'];
    const status = Object.fromEntries(coverage.artifacts.filter((a) => mine.includes(a.artifact)).map((a) => [a.artifact, `${a.status}:${a.records}`]));
    expect(status).toEqual({
      chrome_history: 'parsed:2',
      chrome_favicon: 'parsed:2',
      firefox_history: 'parsed:2',
      firefox_favicon: 'parsed:1',
      safari_favicon: 'parsed:2',
      webkit_website_data: 'parsed:3',
      shortcuts: 'parsed:1',
      locationd_clients: 'parsed:3',
    });

    // The stored records alone give the same findings.
    const again = join(newDir(), 'recheck');
    const recheck = runCli(['recheck', out, '--output', again, '--json']);
    expect(recheck.stderr).toBe('');
    expect(recheck.status).toBe(1);
    const ids = (file: string): string[] => readJson<{ findings: { id: string }[] }>(file).findings.map((f) => f.id);
    expect(ids(join(again, 'findings.json'))).toEqual(ids(join(out, 'findings.json')));
  });

  it('names a stored origin from the backup listing when the file itself is absent', () => {
    const relativePath = 'Library/WebKit/WebsiteData/LocalStorage/https_urlpush.net_0.localstorage';
    const backup = buildIosBackup(newDir(), { files: [{ domain: SAFARI, relativePath, content: 'db', omitBlob: true }] });
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = readJson<FindingsFile>(join(out, 'findings.json')).findings;
    expect(findings.map((f) => [f.rule.id, f.matched.value, f.records[0]?.origin.locator])).toEqual([
      ['ios.webkit-website-data.url-indicator', 'https://urlpush.net', { kind: 'manifest', fileID: fileIdFor(SAFARI, relativePath) }],
    ]);
    const coverage = readJson<{ artifacts: { artifact: string; status: string; records: number }[] }>(join(out, 'coverage.json'));
    expect(coverage.artifacts.find((a) => a.artifact === 'webkit_website_data')).toMatchObject({ status: 'parsed', records: 1 });
  });

  it('exits 0 when only the near-misses are present', () => {
    const backup = buildIosBackup(newDir(), { files: files(true) });
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(readJson<FindingsFile>(join(out, 'findings.json')).findings).toEqual([]);
    expect(run.status).toBe(0);
  });
});
