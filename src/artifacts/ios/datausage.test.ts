import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildDataUsageDb, type DataUsageDbSpec } from '../../../test/builders/ios/datausage-db.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { datausageExtractor } from './datausage.js';
import { splitProcName } from './process-name.js';
import { datausageRules } from '../../detection/rules/datausage.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';
import type { ArtifactRecord } from '../types.js';

const DOMAIN = 'WirelessDomain';
const PATH = 'Library/Databases/DataUsage.sqlite';

/** Mac-absolute seconds of 2021-07-14T10:00:00Z, and minutes after it. */
const T0 = 1_626_256_800 - 978_307_200;
const at = (minutes: number): number => T0 + minutes * 60;
const iso = (minutes: number): string => new Date((1_626_256_800 + minutes * 60) * 1000).toISOString().replace('.000Z', '.000000Z');

const APP_UUID = 'a1b2c3d4-1111-4222-8333-444455556666';

/** Amnesty's Pegasus traces (artifacts.md §5.1) beside ordinary rows and near misses. */
const PEGASUS: DataUsageDbSpec = {
  processes: [
    { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: at(0), timestamp: at(50) },
    { pk: 2, procName: `${APP_UUID}/com.example.reader`, bundleName: 'com.example.reader', firstTimestamp: at(1), timestamp: at(2) },
    { pk: 3, procName: 'bh', bundleName: null, firstTimestamp: at(10), timestamp: at(11) },
    { pk: 4, procName: 'CommsCenterRootH', bundleName: null, firstTimestamp: at(12), timestamp: at(13) },
    // Z_PK 5 was deleted, but its live-usage row 3 stays.
    { pk: 6, procName: 'roleaccountd', bundleName: null, firstTimestamp: at(14), timestamp: at(15) },
    { pk: 7, procName: 'bhx', bundleName: null, firstTimestamp: at(16), timestamp: at(17) },
  ],
  live: [
    { pk: 1, processPk: 1, timestamp: at(50), wifiIn: 1000, wifiOut: 200, wwanIn: 30, wwanOut: 4 },
    { pk: 2, processPk: 3, timestamp: at(11), wifiIn: 0, wifiOut: 0, wwanIn: 1234, wwanOut: 567 },
    { pk: 3, processPk: 5, timestamp: at(13.5), wifiIn: 0, wifiOut: 0, wwanIn: 4096, wwanOut: 2048 },
    { pk: 4, processPk: null, timestamp: at(20), wwanIn: 1, wwanOut: 1 },
    { pk: 5, processPk: 3, timestamp: at(11.5), wifiIn: 10, wifiOut: 20, wwanIn: 1, wwanOut: 3 },
  ],
  // Rows 8 and 9 were also handed out and deleted after the last surviving row.
  processMax: 9,
};

/**
 * Process rows without a bundle id whose binary a dump holds or lacks: a 16-character name
 * cut from a longer binary's, a folder (not a binary) named like a process, and a
 * 15-character name that must not match by prefix.
 */
const DUMP_ROWS: DataUsageDbSpec = {
  processes: [
    { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: at(0) },
    { pk: 2, procName: `${APP_UUID}/com.example.reader`, bundleName: 'com.example.reader', firstTimestamp: at(1) },
    { pk: 3, procName: 'bh', bundleName: null, firstTimestamp: at(10) },
    { pk: 4, procName: 'locationd', bundleName: null, firstTimestamp: at(11) },
    { pk: 5, procName: 'CommCenterMobile', bundleName: null, firstTimestamp: at(12) },
    { pk: 6, procName: 'bhx', bundleName: null, firstTimestamp: at(13) },
    { pk: 7, procName: 'CommCenterMobil', bundleName: null, firstTimestamp: at(14) },
  ],
};

const DUMP_BINARIES = [
  { path: 'usr/libexec/locationd', content: 'binary' },
  { path: 'System/Library/PrivateFrameworks/CoreTelephony.framework/Support/CommCenterMobileHelper', content: 'binary' },
  { path: 'private/var/mobile/Library/bhx', directory: true as const },
];

function backup(content: Buffer | string, omitBlob = false) {
  return { files: [{ domain: DOMAIN, relativePath: PATH, content, omitBlob }] };
}

function kinds(records: ArtifactRecord[]): unknown[] {
  return records.map((r) => [r.fields['kind'], r.fields['process_pk'] ?? r.fields['missing_pk'] ?? r.fields['live_pk']]);
}

describe('splitProcName', () => {
  it('splits process and bundle, recognises app containers and keeps bare names', () => {
    expect(splitProcName('mDNSResponder/com.apple.datausage.dns')).toEqual({
      process: 'mDNSResponder',
      proc_bundle: 'com.apple.datausage.dns',
      container_uuid: null,
    });
    expect(splitProcName(`${APP_UUID}/com.example.reader`)).toEqual({
      process: null,
      proc_bundle: 'com.example.reader',
      container_uuid: APP_UUID.toUpperCase(),
    });
    expect(splitProcName('bh')).toEqual({ process: 'bh', proc_bundle: null, container_uuid: null });
    expect(splitProcName('powerd/')).toEqual({ process: 'powerd', proc_bundle: null, container_uuid: null });
    expect(splitProcName('')).toEqual({ process: null, proc_bundle: null, container_uuid: null });
  });
});

describe('datausage extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  it('yields one record per process, per gap and per orphaned live-usage row', async () => {
    const { records, issues } = await extractFromBackup(backup(buildDataUsageDb(PEGASUS)), datausageExtractor);
    expect(issues).toEqual([]);
    expect(kinds(records)).toEqual([
      ['process', 1],
      ['process', 2],
      ['process', 3],
      ['process', 4],
      ['missing-process', 5],
      ['process', 6],
      ['process', 7],
      ['missing-process', 8],
      ['live-usage-without-process', 3],
      ['live-usage-unlinked', 4],
    ]);

    const mdns = records[0]!;
    expect(mdns.artifact).toBe('datausage');
    expect(mdns.fields).toEqual({
      kind: 'process',
      process_pk: 1,
      proc_name_raw: 'mDNSResponder/com.apple.datausage.dns',
      process: 'mDNSResponder',
      proc_bundle: 'com.apple.datausage.dns',
      container_uuid: null,
      bundle_id: 'com.apple.datausage.dns',
      first_used: iso(0),
      last_used: iso(50),
      live_rows: 1,
      wifi_in: 1000,
      wifi_out: 200,
      wwan_in: 30,
      wwan_out: 4,
      live_updated: iso(50),
      binary_in_acquisition: null,
    });
    expect(mdns.times).toEqual([
      { at: iso(0), meaning: 'first used' },
      { at: iso(50), meaning: 'last used' },
      { at: iso(50), meaning: 'live usage updated' },
    ]);
    expect(mdns.origin.path).toBe(`${DOMAIN}/${PATH}`);
    expect(mdns.origin.stored).toBe('0d/0d609c54856a9bb2d56729df1d68f2958a88426b');
    expect(mdns.origin.locator).toEqual({ kind: 'sqlite', table: 'ZPROCESS', rowid: '1' });
    expect(mdns.origin.sha256).toMatch(/^[0-9a-f]{64}$/);

    const app = records[1]!;
    expect(app.fields['process']).toBeNull();
    expect(app.fields['proc_bundle']).toBe('com.example.reader');
    expect(app.fields['container_uuid']).toBe(APP_UUID.toUpperCase());
    expect(app.fields['live_rows']).toBe(0);
    expect(app.fields['wwan_in']).toBeNull();

    // Two live rows of `bh` are summed.
    const bh = records[2]!;
    expect(bh.fields).toMatchObject({ process: 'bh', bundle_id: null, live_rows: 2, wifi_in: 10, wifi_out: 20, wwan_in: 1235, wwan_out: 570, live_updated: iso(11.5) });

    expect(records[4]!.fields).toEqual({
      kind: 'missing-process',
      missing_pk: 5,
      missing_last_pk: 5,
      missing_count: 1,
      after_last_row: false,
      previous_process_pk: 4,
      previous_proc_name: 'CommsCenterRootH',
      next_process_pk: 6,
      next_proc_name: 'roleaccountd',
    });
    expect(records[4]!.times).toEqual([
      { at: iso(12), meaning: 'previous process first used' },
      { at: iso(14), meaning: 'next process first used' },
    ]);
    expect(records[4]!.origin.locator).toEqual({ kind: 'sqlite', table: 'ZPROCESS', rowid: '6' });

    expect(records[7]!.fields).toEqual({
      kind: 'missing-process',
      missing_pk: 8,
      missing_last_pk: 9,
      missing_count: 2,
      after_last_row: true,
      previous_process_pk: 7,
      previous_proc_name: 'bhx',
      next_process_pk: null,
      next_proc_name: null,
    });
    expect(records[7]!.origin.locator).toEqual({ kind: 'sqlite', table: 'Z_PRIMARYKEY', rowid: '7' });

    expect(records[8]!.fields).toEqual({
      kind: 'live-usage-without-process',
      live_pk: 3,
      orphan_process_pk: 5,
      wifi_in: 0,
      wifi_out: 0,
      wwan_in: 4096,
      wwan_out: 2048,
      live_updated: iso(13.5),
    });
    expect(records[8]!.origin.locator).toEqual({ kind: 'sqlite', table: 'ZLIVEUSAGE', rowid: '3' });
    expect(records[9]!.fields).toMatchObject({ kind: 'live-usage-unlinked', live_pk: 4, orphan_process_pk: null });
  });

  it('raises the process indicator, the 16-character prefix and the manipulation heuristics, and nothing on near misses', async () => {
    const { records } = await extractFromBackup(backup(buildDataUsageDb(PEGASUS)), datausageExtractor);
    const detector = new Detector(datausageRules, index);
    const fired = records.flatMap((record) =>
      detector.inspect(record).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.indicator?.value ?? null]),
    );
    expect(fired).toEqual([
      ['ios.datausage.process', 'process', 'bh', 'critical', 'bh'],
      ['ios.datausage.process', 'process', 'CommsCenterRootH', 'critical', 'CommsCenterRootHelper'],
      ['ios.datausage.missing-process', 'missing_pk', '5', 'low', null],
      ['ios.datausage.process', 'process', 'roleaccountd', 'critical', 'roleaccountd'],
      ['ios.datausage.missing-process', 'missing_pk', '8', 'low', null],
      ['ios.datausage.manipulated-process-entry', 'orphan_process_pk', '5', 'high', null],
      ['ios.datausage.unlinked-live-usage', 'live_pk', '4', 'medium', null],
    ]);
  });

  it('checks the part after the slash as MVT does, and the bundle name as an app id', async () => {
    const db = buildDataUsageDb({
      processes: [
        { pk: 1, procName: 'mediaserverd/com.apple.avcapture', bundleName: 'com.apple.avcapture', firstTimestamp: at(0) },
        { pk: 2, procName: 'BackupAgent', bundleName: null, firstTimestamp: at(1) },
        { pk: 3, procName: `${APP_UUID}/com.serv.services`, bundleName: 'com.serv.services', firstTimestamp: at(2) },
      ],
    });
    const { records } = await extractFromBackup(backup(db), datausageExtractor);
    const detector = new Detector(datausageRules, index);
    const fired = records.flatMap((record) => detector.inspect(record).map((f) => [f.rule.id, f.matched.value, f.indicator?.malware ?? null]));
    expect(fired).toEqual([
      ['ios.datausage.process', 'com.apple.avcapture', 'KingSpawn'],
      ['ios.datausage.process', 'BackupAgent', 'OperationTriangulation'],
      ['ios.datausage.app-id', 'com.serv.services', 'NoviSpy'],
    ]);
  });

  it('reads the newer schema without ZWIFIIN/ZWIFIOUT', async () => {
    const db = buildDataUsageDb({
      variant: 'no-wifi',
      processes: [{ pk: 1, procName: 'bh', firstTimestamp: at(0), timestamp: at(1) }],
      live: [{ pk: 1, processPk: 1, timestamp: at(1), wwanIn: 5, wwanOut: 6 }],
    });
    const { records, issues } = await extractFromBackup(backup(db), datausageExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.fields).toMatchObject({ live_rows: 1, wifi_in: null, wifi_out: null, wwan_in: 5, wwan_out: 6 });
  });

  it('works without Z_PRIMARYKEY and without ZLIVEUSAGE', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFIRSTTIMESTAMP TIMESTAMP, ZTIMESTAMP TIMESTAMP, ZBUNDLENAME VARCHAR, ZPROCNAME VARCHAR)');
      d.prepare('INSERT INTO ZPROCESS (Z_PK, ZPROCNAME, ZFIRSTTIMESTAMP) VALUES (?, ?, ?)').run(2, 'msgacntd', at(3));
      d.prepare('INSERT INTO ZPROCESS (Z_PK, ZPROCNAME, ZFIRSTTIMESTAMP) VALUES (?, ?, ?)').run(4, 'locationd', at(4));
    });
    const { records, issues } = await extractFromBackup(backup(db), datausageExtractor);
    expect(issues).toEqual([]);
    expect(kinds(records)).toEqual([
      ['process', 2],
      ['missing-process', 3],
      ['process', 4],
    ]);
    expect(records[0]!.fields).toMatchObject({ live_rows: 0, wifi_in: null, live_updated: null });
  });

  it('keeps process rows and reports an issue when ZLIVEUSAGE cannot be linked', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, ZPROCNAME VARCHAR)');
      d.exec('CREATE TABLE ZLIVEUSAGE (Z_PK INTEGER PRIMARY KEY, ZWWANIN FLOAT)');
      d.prepare('INSERT INTO ZPROCESS (Z_PK, ZPROCNAME) VALUES (1, ?)').run('bh');
    });
    const { records, issues } = await extractFromBackup(backup(db), datausageExtractor);
    expect(records.map((r) => r.fields['process'])).toEqual(['bh']);
    expect(issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `${DOMAIN}/${PATH}`,
        message: 'unsupported schema: ZLIVEUSAGE lacks Z_PK or ZHASPROCESS (columns: Z_PK, ZWWANIN)',
      },
    ]);
  });

  it('reports an unknown layout as an unsupported schema', async () => {
    const db = sqliteBytes((d) => d.exec('CREATE TABLE ZUSAGE (Z_PK INTEGER PRIMARY KEY, ZNAME TEXT)'));
    const { records, issues } = await extractFromBackup(backup(db), datausageExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: no ZPROCESS table (tables: ZUSAGE)' },
    ]);
  });

  it('reports a ZPROCESS without ZPROCNAME as an unsupported schema', async () => {
    const db = sqliteBytes((d) => d.exec('CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, ZNAME TEXT)'));
    const { issues } = await extractFromBackup(backup(db), datausageExtractor);
    expect(issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: ZPROCESS lacks ZPROCNAME (columns: Z_PK, ZNAME)' },
    ]);
  });

  it('turns a non-SQLite or truncated file into an issue, not a throw', async () => {
    const garbage = await extractFromBackup(backup('this is not a database'), datausageExtractor);
    expect(garbage.records).toEqual([]);
    expect(garbage.issues).toHaveLength(1);
    expect(garbage.issues[0]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${PATH}` });

    const full = buildDataUsageDb(PEGASUS);
    const truncated = await extractFromBackup(backup(full.subarray(0, 1536)), datausageExtractor);
    expect(truncated.issues).toHaveLength(1);
    expect(truncated.issues[0]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${PATH}` });
  });

  it('reports a database listed in the backup without its content', async () => {
    const { records, issues } = await extractFromBackup(backup(buildDataUsageDb(PEGASUS), true), datausageExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { code: 'missing-file', path: `${DOMAIN}/${PATH}`, message: `${DOMAIN}/${PATH} is listed in the acquisition but its content is absent` },
    ]);
  });

  it('looks for the binary of each process without a bundle id among the dump\'s file names', async () => {
    const tree = fsDumpTree({
      nodes: [{ path: 'private/var/wireless/Library/Databases/DataUsage.sqlite', content: buildDataUsageDb(DUMP_ROWS) }, ...DUMP_BINARIES],
    });
    const { records, issues } = await extractFromTree(tree, 'ios-fs', datausageExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.artifact, r.fields['proc_name_raw'], r.fields['binary_in_acquisition']])).toEqual([
      ['datausage', 'mDNSResponder/com.apple.datausage.dns', null],
      ['datausage', `${APP_UUID}/com.example.reader`, null],
      ['datausage', 'bh', false],
      ['datausage', 'locationd', true],
      ['datausage', 'CommCenterMobile', true],
      ['datausage', 'bhx', false],
      ['datausage', 'CommCenterMobil', false],
    ]);
    expect(records[0]!.origin.path).toBe('private/var/wireless/Library/Databases/DataUsage.sqlite');

    const detector = new Detector(datausageRules, index);
    const fired = records.flatMap((record) => detector.inspect(record).map((f) => [f.rule.id, f.matched.value, f.severity, f.confidence]));
    expect(fired).toEqual([
      ['ios.datausage.process', 'bh', 'critical', 'high'],
      ['ios.datausage.binary-not-found', 'bh', 'medium', 'low'],
      ['ios.datausage.binary-not-found', 'bhx', 'medium', 'low'],
      ['ios.datausage.binary-not-found', 'CommCenterMobil', 'medium', 'low'],
    ]);
  });

  it('leaves the binary check to dumps: a backup row without a bundle id has no answer', async () => {
    const { records } = await extractFromBackup(backup(buildDataUsageDb(DUMP_ROWS)), datausageExtractor);
    expect(records.map((r) => r.fields['binary_in_acquisition'])).toEqual([null, null, null, null, null, null, null]);
  });

  it('yields nothing when the backup has no DataUsage.sqlite', async () => {
    const { records, issues } = await extractFromBackup({ files: [] }, datausageExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([]);
  });
});
