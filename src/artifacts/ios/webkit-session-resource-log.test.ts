import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildSessionResourceLog, type ResourceLogEntrySpec } from '../../../test/builders/ios/session-resource-log.js';
import { readSessionResourceLog, webkitSessionResourceLogExtractor } from './webkit-session-resource-log.js';
import { CONTAINER_METADATA_FILE } from './app-containers.js';
import { webkitSessionResourceLogRules } from '../../detection/rules/webkit-session-resource-log.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const FILE = 'full_browsing_session_resourceLog.plist';
const SAFARI = { domain: 'AppDomain-com.apple.mobilesafari', relativePath: `Library/WebKit/WebsiteData/ResourceLoadStatistics/${FILE}` };
const WEBCLIP = { domain: 'HomeDomain', relativePath: `Library/WebClips/3F2A.webclip/Storage/${FILE}` };
const GMAIL_APP = 'private/var/mobile/Containers/Data/Application/5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B';

/** The log of an in-app browser and of a home-screen web app, as a dump holds them. */
function dumpTree() {
  const content = buildSessionResourceLog([{ domain: 'yahoo.fr', lastSeen: 1678307200, redirectsTo: ['free247downloads.com'] }]);
  return fsDumpTree({
    nodes: [
      { path: `${GMAIL_APP}/${CONTAINER_METADATA_FILE}`, content: binaryPlist({ MCMMetadataIdentifier: 'com.google.Gmail' }) },
      { path: `${GMAIL_APP}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/${FILE}`, content },
      { path: `private/var/mobile/${WEBCLIP.relativePath}`, content },
    ],
  });
}

const SAFARI_ENTRIES: ResourceLogEntrySpec[] = [
  { domain: 'yahoo.fr', lastSeen: 1678307200, hadUserInteraction: true, mostRecentUserInteraction: 1678307100.25, redirectsTo: ['free247downloads.com'] },
  { domain: 'free247downloads.com', lastSeen: 1678307205, redirectsFrom: ['yahoo.fr'], subresourceUnder: ['yahoo.fr'] },
  { domain: 'news.example', lastSeen: 1678307300, subframeUnder: ['urlpush.net'] },
  // Near-miss: looks like the Pegasus domain but is not under it.
  { domain: 'notfree247downloads.com', lastSeen: 1678307400, redirectsTo: ['example.com'] },
];

async function safariRecords() {
  return extractFromBackup(
    { files: [{ ...SAFARI, content: buildSessionResourceLog(SAFARI_ENTRIES) }] },
    webkitSessionResourceLogExtractor,
  );
}

describe('webkit_session_resource_log extractor', () => {
  it('reads the newer spelling with Unix-double times, one record per entry', async () => {
    const { records, issues } = await safariRecords();
    expect(issues).toEqual([]);
    expect(records).toHaveLength(4);
    expect(records[0]?.artifact).toBe('webkit_session_resource_log');
    expect(records[0]?.fields).toEqual({
      origin: 'yahoo.fr',
      redirects_to: ['free247downloads.com'],
      redirected_from: [],
      redirect_chain: 'yahoo.fr → free247downloads.com',
      subframe_under: [],
      subresource_under: [],
      had_user_interaction: true,
      grandfathered: false,
      is_prevalent: false,
      backup_domain: 'AppDomain-com.apple.mobilesafari',
      app_id: 'com.apple.mobilesafari',
      location: 'AppDomain-com.apple.mobilesafari',
    });
    expect(records[0]?.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'last seen' },
      { at: '2023-03-08T20:25:00.250000Z', meaning: 'last user interaction' },
    ]);
    expect(records[0]?.origin).toEqual({
      path: `AppDomain-com.apple.mobilesafari/${SAFARI.relativePath}`,
      stored: 'a5/a500ee38053454a02e990957be8a251935e28d3f',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      locator: { kind: 'plist', keyPath: ['browsingStatistics', '0'] },
    });
    expect(records[1]?.fields).toMatchObject({ origin: 'free247downloads.com', redirected_from: ['yahoo.fr'], subresource_under: ['yahoo.fr'] });
    // mostRecentUserInteraction 0 means never.
    expect(records[1]?.times).toEqual([{ at: '2023-03-08T20:26:45.000000Z', meaning: 'last seen' }]);
    expect(records[1]?.fields['redirect_chain']).toBe('yahoo.fr → free247downloads.com');
    expect(records[2]?.fields['subframe_under']).toEqual(['urlpush.net']);
    expect(records[2]?.fields['redirect_chain']).toBeNull();
  });

  it('reads the older spelling with plist dates, from a web clip, in XML', async () => {
    const content = buildSessionResourceLog(
      [{ domain: 'cnn.gr.com', lastSeen: 1600000000, redirectsTo: ['example.org'], subresourceUnder: ['news.example'] }],
      { spelling: 'origin', times: 'date', format: 'xml' },
    );
    const { records, issues } = await extractFromBackup({ files: [{ ...WEBCLIP, content }] }, webkitSessionResourceLogExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.fields).toMatchObject({
      origin: 'cnn.gr.com',
      redirects_to: ['example.org'],
      subresource_under: ['news.example'],
      backup_domain: 'HomeDomain',
      app_id: null,
      location: 'HomeDomain',
    });
    expect(records[0]?.times).toEqual([{ at: '2020-09-13T12:26:40.000000Z', meaning: 'last seen' }]);
  });

  it('names the container and its app, or the home folder, in a file-system dump', async () => {
    const { records, issues } = await extractFromTree(dumpTree(), 'ios-fs', webkitSessionResourceLogExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['backup_domain'], r.fields['app_id'], r.fields['location']])).toEqual([
      [null, 'com.google.Gmail', `/${GMAIL_APP}`],
      [null, null, '/private/var/mobile'],
    ]);
  });

  it('reports corrupt plists, other layouts and odd entries as issues', async () => {
    const odd = binaryPlist({ browsingStatistics: ['not a dict', { PrevalentResourceDomain: 'ok.example', lastSeen: 1678307200 }] });
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { ...SAFARI, content: 'bplist00 truncated' },
          { domain: 'AppDomain-com.example.a', relativePath: SAFARI.relativePath, content: binaryPlist({ version: 15 }) },
          { domain: 'AppDomain-com.example.b', relativePath: SAFARI.relativePath, content: odd },
        ],
      },
      webkitSessionResourceLogExtractor,
    );
    expect(records.map((r) => r.fields['origin'])).toEqual(['ok.example']);
    expect(records[0]?.origin.locator).toEqual({ kind: 'plist', keyPath: ['browsingStatistics', '1'] });
    // Files are read in path order.
    expect(issues).toEqual([
      {
        code: 'corrupt',
        path: `AppDomain-com.apple.mobilesafari/${SAFARI.relativePath}`,
        message: 'The binary property list is malformed: it is truncated.',
      },
      {
        code: 'unsupported-schema',
        path: `AppDomain-com.example.a/${SAFARI.relativePath}`,
        message: 'unsupported schema: no browsingStatistics array (keys: version)',
      },
      { code: 'skipped', path: `AppDomain-com.example.b/${SAFARI.relativePath}`, message: 'browsingStatistics[0] is not a dictionary' },
    ]);
  });

  it('rejects a root that is not a dictionary', () => {
    const digest = { path: 'x', stored: 'y', size: 0, sha256: 'z' };
    expect(() => [...readSessionResourceLog(['a'], digest)]).toThrow('unsupported schema: the resource log is not a dictionary');
  });
});

describe('webkit_session_resource_log rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(webkitSessionResourceLogRules, await loadIndicatorSet({}));
  });

  it('flags indicator domains in every list, and redirects involving them, not the near-miss', async () => {
    const { records } = await safariRecords();
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({
        origin: record.fields['origin'],
        rule: f.rule.id,
        field: f.matched.field,
        value: f.matched.value,
        severity: f.severity,
      })),
    );
    expect(findings).toEqual([
      { origin: 'yahoo.fr', rule: 'ios.webkit-session-resource-log.domain-indicator', field: 'redirects_to', value: 'free247downloads.com', severity: 'critical' },
      { origin: 'yahoo.fr', rule: 'ios.webkit-session-resource-log.redirect-indicator', field: 'redirects_to', value: 'free247downloads.com', severity: 'high' },
      { origin: 'free247downloads.com', rule: 'ios.webkit-session-resource-log.domain-indicator', field: 'origin', value: 'free247downloads.com', severity: 'critical' },
      { origin: 'free247downloads.com', rule: 'ios.webkit-session-resource-log.redirect-indicator', field: 'origin', value: 'free247downloads.com', severity: 'high' },
      { origin: 'news.example', rule: 'ios.webkit-session-resource-log.domain-indicator', field: 'subframe_under', value: 'urlpush.net', severity: 'critical' },
    ]);
    const redirect = records.flatMap((r) => detector.inspect(r)).find((f) => f.rule.id.endsWith('redirect-indicator'));
    expect(redirect?.explanation).toContain('WebKit logged the top-frame redirect chain yahoo.fr → free247downloads.com, in which free247downloads.com matches');
  });

  it('says whose log matched, by domain in a backup and by folder in a dump', async () => {
    const backup = await safariRecords();
    const first = backup.records.flatMap((record) => detector.inspect(record))[0];
    expect(first?.explanation).toMatch(/^The WebKit session log of AppDomain-com\.apple\.mobilesafari names free247downloads\.com/);
    const dump = await extractFromTree(dumpTree(), 'ios-fs', webkitSessionResourceLogExtractor);
    const named = dump.records
      .flatMap((record) => detector.inspect(record))
      .filter((f) => f.rule.id === 'ios.webkit-session-resource-log.domain-indicator')
      .map((f) => f.explanation.slice(0, f.explanation.indexOf(' names')));
    expect(named).toEqual([`The WebKit session log of /${GMAIL_APP}`, 'The WebKit session log of /private/var/mobile']);
  });
});
