import { beforeAll, describe, expect, it } from 'vitest';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildKeychainAnalyticsDb } from '../../../test/builders/ios/keychain-analytics-db.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { analyticsTime, keychainAnalyticsExtractor, webValues } from './keychain-analytics.js';
import { keychainAnalyticsRules } from '../../detection/rules/keychain-analytics.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const DIR = 'private/var/Keychains/Analytics';
/** 2021-07-14T10:00:00Z in Unix seconds. */
const T0 = 1_626_256_800;

const KEYCHAIN_DB = buildKeychainAnalyticsDb({
  events: [
    { table: 'hard_failures', timestamp: T0 + 0.5, data: { build: '18F72', eventType: 'SecItemAdd', process: 'roleaccountd', errorDomain: 'NSOSStatusErrorDomain', errorCode: -25300 } },
    { table: 'soft_failures', timestamp: T0 + 60, data: { build: '18F72', process: 'bhx', attributes: { peer: 'https://urlpush.net/x', hosts: ['notfree247downloads.com', 'com.apple.securityd'] } } },
    { table: 'all_events', timestamp: T0 + 120, data: { build: '18G69', note: 'could not reach free247downloads.com in time' } },
    { table: 'all_events', timestamp: T0 + 180, data: Buffer.from('not a plist') },
  ],
});

function tree(extra: { path: string; content: Buffer | string }[] = []) {
  return fsDumpTree({ nodes: [{ path: `${DIR}/keychain.db`, content: KEYCHAIN_DB }, ...extra] });
}

let index: IndicatorIndex;
beforeAll(async () => {
  index = await loadIndicatorSet({ includeShipped: true });
});

describe('keychain_analytics extractor', () => {
  it('gives one record per row with every string attribute and where it sits', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-fs', keychainAnalyticsExtractor);
    expect(records.map((r) => [r.fields['table'], r.times])).toEqual([
      ['hard_failures', [{ at: '2021-07-14T10:00:00.500000Z', meaning: 'recorded' }]],
      ['soft_failures', [{ at: '2021-07-14T10:01:00.000000Z', meaning: 'recorded' }]],
      ['all_events', [{ at: '2021-07-14T10:02:00.000000Z', meaning: 'recorded' }]],
      ['all_events', [{ at: '2021-07-14T10:03:00.000000Z', meaning: 'recorded' }]],
    ]);
    expect(records[0]?.fields).toEqual({
      db_name: 'keychain.db',
      table: 'hard_failures',
      values: ['18F72', 'SecItemAdd', 'roleaccountd', 'NSOSStatusErrorDomain'],
      keys: ['build', 'eventType', 'process', 'errorDomain'],
      web_values: [],
      timestamp_raw: T0 + 0.5,
      time_base: 'unix-seconds',
      data_problem: null,
    });
    expect(records[0]?.origin).toMatchObject({ path: `${DIR}/keychain.db`, locator: { kind: 'sqlite', table: 'hard_failures', rowid: '1' } });
    expect(records[1]?.fields).toMatchObject({
      values: ['18F72', 'bhx', 'https://urlpush.net/x', 'notfree247downloads.com', 'com.apple.securityd'],
      keys: ['build', 'process', 'attributes.peer', 'attributes.hosts[0]', 'attributes.hosts[1]'],
      web_values: ['https://urlpush.net/x', 'notfree247downloads.com'],
    });
    // Free text is kept for the process check but never fed to the URL matcher.
    expect(records[2]?.fields).toMatchObject({ values: ['18G69', 'could not reach free247downloads.com in time'], web_values: [] });
    expect(records[3]?.fields).toMatchObject({ values: [], keys: [], data_problem: 'The file is neither a binary nor an XML property list.' });
    expect(records[3]?.origin.locator).toEqual({ kind: 'sqlite', table: 'all_events', rowid: '2' });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['corrupt', `${DIR}/keychain.db`]]);
    expect(issues[0]?.message).toBe(
      '1 analytics row(s) have data that is not an attribute dictionary (first: all_events row 2: The file is neither a binary nor an XML property list.); their times were kept',
    );
  });

  it('fires on a Pegasus process and a Pegasus URL, and not on near misses', async () => {
    const { records } = await extractFromTree(tree(), 'ios-fs', keychainAnalyticsExtractor);
    const detector = new Detector(keychainAnalyticsRules, index);
    const fired = records.flatMap((record) =>
      detector.inspect(record).map((f) => [f.rule.id, f.matched.value, f.severity, f.confidence, f.indicator?.value ?? null, f.indicator?.malware ?? null]),
    );
    expect(fired).toEqual([
      ['ios.keychain-analytics.process', 'roleaccountd', 'critical', 'medium', 'roleaccountd', 'Pegasus'],
      ['ios.keychain-analytics.url-indicator', 'https://urlpush.net/x', 'critical', 'high', 'urlpush.net', 'Pegasus'],
    ]);
  });

  it('reports a store without the analytics tables as an unknown schema, and reads the others', async () => {
    const { records, issues } = await extractFromTree(
      tree([
        { path: `${DIR}/other.db`, content: sqliteBytes((db) => db.exec('CREATE TABLE events_v9 (id INTEGER, payload BLOB)')) },
        { path: `${DIR}/partial.db`, content: sqliteBytes((db) => db.exec('CREATE TABLE hard_failures (id INTEGER PRIMARY KEY, payload BLOB)')) },
      ]),
      'ios-fs',
      keychainAnalyticsExtractor,
    );
    expect(records).toHaveLength(4);
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['corrupt', `${DIR}/keychain.db`, '1 analytics row(s) have data that is not an attribute dictionary (first: all_events row 2: The file is neither a binary nor an XML property list.); their times were kept'],
      ['unsupported-schema', `${DIR}/other.db`, 'unsupported schema: no hard_failures, soft_failures or all_events table (tables: events_v9)'],
      ['unsupported-schema', `${DIR}/partial.db`, 'unsupported schema: hard_failures lacks timestamp or data (columns: id, payload)'],
    ]);
  });

  it('reads the timestamp in the one base that gives a phone-era date', () => {
    expect(analyticsTime(T0)).toEqual({ at: '2021-07-14T10:00:00.000000Z', base: 'unix-seconds' });
    expect(analyticsTime(T0 - 978_307_200)).toEqual({ at: '2021-07-14T10:00:00.000000Z', base: 'mac-seconds' });
    expect(analyticsTime(T0 * 1000 + 250)).toEqual({ at: '2021-07-14T10:00:00.250000Z', base: 'unix-milliseconds' });
    expect(analyticsTime(12_345)).toEqual({ at: null, base: null });
    expect(analyticsTime(0)).toEqual({ at: null, base: null });
    expect(analyticsTime(null)).toEqual({ at: null, base: null });
  });

  it('keeps only URLs and host names for the URL look-up', () => {
    expect(
      webValues(['https://a.example/x?y', 'b.example', 'b.example:8443/p', 'com.apple.securityd', 'group.com.example', 'fr.example.org', 'a sentence with c.example', 'localhost', '18F72']),
    ).toEqual(['https://a.example/x?y', 'b.example', 'b.example:8443/p', 'fr.example.org']);
  });
});
