import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildObservationsDb, type ObservationsSpec } from '../../../test/builders/ios/observations-db.js';
import { appIdOf, backupDomainOf, webkitResourceLoadStatisticsExtractor } from './webkit-resource-load-statistics.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { webkitResourceLoadStatisticsRules } from '../../detection/rules/webkit-resource-load-statistics.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const RELATIVE = 'Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db';
const SAFARI = { domain: 'AppDomain-com.apple.mobilesafari', relativePath: RELATIVE };
const CHROME = { domain: 'AppDomain-com.google.chrome.ios', relativePath: RELATIVE };
const GMAIL_APP = 'private/var/mobile/Containers/Data/Application/5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B';
const WIDGET = 'private/var/mobile/Containers/Data/PluginKitPlugin/2B3C4D5E-6F7A-4B8C-9D0E-1F2A3B4C5D6E';
/** Its metadata plist is damaged: the container is named, its app is not. */
const DAMAGED_APP = 'private/var/mobile/Containers/Data/Application/9F8E7D6C-5B4A-4392-8170-6F5E4D3C2B1A';

/** One observed Pegasus domain in an in-app browser, an extension, a container of unknown owner and the home folder. */
function dumpTree() {
  const content = buildObservationsDb({ domains: [{ id: 1, domain: 'free247downloads.com', lastSeen: 1678307205 }] });
  return fsDumpTree({
    nodes: [
      { path: `${GMAIL_APP}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'com.google.Gmail' }) },
      { path: `${GMAIL_APP}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/observations.db`, content },
      { path: `${WIDGET}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'com.example.reader.widget' }) },
      { path: `${WIDGET}/${RELATIVE}`, content },
      { path: `${DAMAGED_APP}/${CONTAINER_METADATA_FILE}`, content: 'not a plist' },
      { path: `${DAMAGED_APP}/${RELATIVE}`, content },
      { path: `private/var/mobile/${RELATIVE}`, content },
    ],
  });
}

const SAFARI_SPEC: ObservationsSpec = {
  domains: [
    // MVT's fixture rows.
    { id: 1, domain: 'google.com', lastSeen: 1634560250.0, hadUserInteraction: true, mostRecentUserInteractionTime: 1634560030.76862 },
    { id: 2, domain: 'gstatic.com', lastSeen: 1634560250.0 },
    // Pegasus infrastructure reached by a redirect (artifacts.md §5.1).
    { id: 3, domain: 'yahoo.fr', lastSeen: 1678307200, hadUserInteraction: true, mostRecentUserInteractionTime: 1678307200 },
    { id: 4, domain: 'free247downloads.com', lastSeen: 1678307205 },
    { id: 5, domain: 'notfree247downloads.com', lastSeen: 1678307300 },
  ],
  redirectsTo: [{ source: 3, to: 4 }],
  redirectsFrom: [
    { target: 4, from: 3 },
    // A dangling id (its domain row was removed) is left out, not invented.
    { target: 4, from: 99 },
  ],
};

describe('webkit_resource_load_statistics extractor', () => {
  it('reads every observed domain with its redirects and the app it belongs to', async () => {
    const { records, issues } = await extractFromBackup(
      { files: [{ ...SAFARI, content: buildObservationsDb(SAFARI_SPEC) }] },
      webkitResourceLoadStatisticsExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['registrable_domain'])).toEqual([
      'google.com',
      'gstatic.com',
      'yahoo.fr',
      'free247downloads.com',
      'notfree247downloads.com',
    ]);
    expect(records[0]?.artifact).toBe('webkit_resource_load_statistics');
    expect(records[0]?.fields).toEqual({
      domain_id: 1,
      registrable_domain: 'google.com',
      had_user_interaction: true,
      grandfathered: false,
      is_prevalent: false,
      is_very_prevalent: false,
      redirects_to: [],
      redirected_from: [],
      backup_domain: 'AppDomain-com.apple.mobilesafari',
      app_id: 'com.apple.mobilesafari',
      location: 'AppDomain-com.apple.mobilesafari',
    });
    expect(records[0]?.times).toEqual([
      { at: '2021-10-18T12:30:50.000000Z', meaning: 'last seen' },
      { at: '2021-10-18T12:27:10.768620Z', meaning: 'last user interaction' },
    ]);
    expect(records[0]?.origin).toMatchObject({
      path: `AppDomain-com.apple.mobilesafari/${RELATIVE}`,
      stored: 'f6/f653134757c17c495b1f2790714a4a41ce366883',
      locator: { kind: 'sqlite', table: 'ObservedDomains', rowid: '1' },
    });
    // -1 means never: no interaction time.
    expect(records[1]?.times).toEqual([{ at: '2021-10-18T12:30:50.000000Z', meaning: 'last seen' }]);
    expect(records[2]?.fields).toMatchObject({ redirects_to: ['free247downloads.com'], redirected_from: [] });
    expect(records[3]?.fields).toMatchObject({ redirects_to: [], redirected_from: ['yahoo.fr'] });
  });

  it('reads the minimal schema MVT accepts and the iOS 17 web-push column, across apps', async () => {
    const minimal = buildObservationsDb({ variant: 'minimal', domains: [{ id: 7, domain: 'example.com', lastSeen: 1678307200 }] });
    const ios17 = buildObservationsDb({
      variant: 'ios17',
      domains: [{ id: 1, domain: 'example.net', lastSeen: 1678307200, mostRecentWebPushInteractionTime: 1678307100 }],
    });
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { ...CHROME, content: minimal },
          { domain: 'AppDomain-com.google.Gmail', relativePath: 'SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/observations.db', content: ios17 },
        ],
      },
      webkitResourceLoadStatisticsExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['app_id'], r.fields['registrable_domain']])).toEqual([
      ['com.google.Gmail', 'example.net'],
      ['com.google.chrome.ios', 'example.com'],
    ]);
    expect(records[0]?.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'last seen' },
      { at: '2023-03-08T20:25:00.000000Z', meaning: 'last web push interaction' },
    ]);
    expect(records[1]?.fields).toEqual({
      domain_id: 7,
      registrable_domain: 'example.com',
      had_user_interaction: false,
      grandfathered: null,
      is_prevalent: null,
      is_very_prevalent: null,
      redirects_to: null,
      redirected_from: null,
      backup_domain: 'AppDomain-com.google.chrome.ios',
      app_id: 'com.google.chrome.ios',
      location: 'AppDomain-com.google.chrome.ios',
    });
  });

  it('names the container, its app from the container metadata, or the home folder, in a file-system dump', async () => {
    const { records, issues } = await extractFromTree(dumpTree(), 'ios-fs', webkitResourceLoadStatisticsExtractor);
    expect(records.map((r) => [r.fields['backup_domain'], r.fields['app_id'], r.fields['location']])).toEqual([
      [null, 'com.google.Gmail', `/${GMAIL_APP}`],
      [null, null, `/${DAMAGED_APP}`],
      [null, 'com.example.reader.widget', `/${WIDGET}`],
      [null, null, '/private/var/mobile'],
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['corrupt', `${DAMAGED_APP}/${CONTAINER_METADATA_FILE}`]]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const lacking = sqliteBytes((d) => d.exec('CREATE TABLE ObservedDomains (domainID INTEGER PRIMARY KEY, registrableDomain TEXT)'));
    let result = await extractFromBackup({ files: [{ ...SAFARI, content: lacking }] }, webkitResourceLoadStatisticsExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `AppDomain-com.apple.mobilesafari/${RELATIVE}`,
        message: 'unsupported schema: ObservedDomains lacks lastSeen, hadUserInteraction',
      },
    ]);
    const other = sqliteBytes((d) => d.exec('CREATE TABLE OperatingDates (year INTEGER)'));
    result = await extractFromBackup({ files: [{ ...SAFARI, content: other }] }, webkitResourceLoadStatisticsExtractor);
    expect(result.issues[0]?.message).toBe('unsupported schema: no ObservedDomains table (tables: OperatingDates)');

    result = await extractFromBackup({ files: [{ ...SAFARI, content: Buffer.alloc(100) }] }, webkitResourceLoadStatisticsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);

    result = await extractFromBackup(
      { files: [{ ...SAFARI, content: buildObservationsDb(SAFARI_SPEC).subarray(0, 4096) }] },
      webkitResourceLoadStatisticsExtractor,
    );
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('names backup domains and apps', () => {
    expect(backupDomainOf('AppDomainGroup-group.com.x/Library/a.db')).toBe('AppDomainGroup-group.com.x');
    expect(appIdOf('AppDomainGroup-group.com.x')).toBe('group.com.x');
    expect(appIdOf('AppDomainPlugin-com.x.widget')).toBe('com.x.widget');
    expect(appIdOf('HomeDomain')).toBeNull();
  });
});

describe('webkit_resource_load_statistics rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(webkitResourceLoadStatisticsRules, await loadIndicatorSet({}));
  });

  it('flags the indicator domain and the site that redirected to it, not the near-miss', async () => {
    const { records } = await extractFromBackup(
      { files: [{ ...SAFARI, content: buildObservationsDb(SAFARI_SPEC) }] },
      webkitResourceLoadStatisticsExtractor,
    );
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({
        domain: record.fields['registrable_domain'],
        field: f.matched.field,
        value: f.matched.value,
        severity: f.severity,
        malware: f.indicator?.malware ?? null,
      })),
    );
    expect(findings).toEqual([
      { domain: 'yahoo.fr', field: 'redirects_to', value: 'free247downloads.com', severity: 'critical', malware: 'Pegasus' },
      { domain: 'free247downloads.com', field: 'registrable_domain', value: 'free247downloads.com', severity: 'critical', malware: 'Pegasus' },
    ]);
  });

  it('says whose statistics matched, by domain in a backup and by folder in a dump', async () => {
    const backup = await extractFromBackup({ files: [{ ...SAFARI, content: buildObservationsDb(SAFARI_SPEC) }] }, webkitResourceLoadStatisticsExtractor);
    expect(backup.records.flatMap((record) => detector.inspect(record))[0]?.explanation).toMatch(/^The WebKit statistics of AppDomain-com\.apple\.mobilesafari record the site yahoo\.fr/);
    const dump = await extractFromTree(dumpTree(), 'ios-fs', webkitResourceLoadStatisticsExtractor);
    const places = dump.records.flatMap((record) => detector.inspect(record)).map((f) => f.explanation.slice(0, f.explanation.indexOf(' record the site')));
    expect(places).toEqual([
      `The WebKit statistics of /${GMAIL_APP}`,
      `The WebKit statistics of /${DAMAGED_APP}`,
      `The WebKit statistics of /${WIDGET}`,
      'The WebKit statistics of /private/var/mobile',
    ]);
  });
});
