import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildCallHistoryDb, type CallSpec } from '../../../test/builders/ios/call-history-db.js';
import { callsExtractor } from './calls.js';
import { callsRules } from '../../detection/rules/calls.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const PATH = 'HomeDomain/Library/CallHistoryDB/CallHistory.storedata';

function backup(content: Buffer | string) {
  return { files: [{ domain: 'HomeDomain', relativePath: 'Library/CallHistoryDB/CallHistory.storedata', content }] };
}

const CALLS: CallSpec[] = [
  { pk: 1, address: '+41791234567', date: 700_000_000, duration: 62.5, name: 'Alice', location: 'Switzerland', originated: true },
  // Pegasus account (artifacts.md §5.1), upper-cased: e-mail matching ignores case.
  { pk: 2, address: 'BERGERS.O79@GMAIL.COM', date: 700_000_060, callType: 16, serviceProvider: 'com.apple.FaceTime', answered: false },
  { pk: 3, address: 'travislong544@yahoo.com', date: 700_000_120, duration: 3, callType: 8, serviceProvider: 'com.apple.FaceTime', originated: true },
  // Near-miss from artifacts.md §5.7.
  { pk: 4, address: 'Bergers.O79@gmail.com.evil', date: 700_000_180, callType: 16, serviceProvider: 'com.apple.FaceTime' },
  { pk: 5, address: 'Alice WhatsApp', date: 700_000_240, duration: 10, callType: 0, serviceProvider: 'net.whatsapp.WhatsApp' },
  { pk: 6, address: null, date: 700_000_300 },
];

describe('calls extractor', () => {
  it('reads every call of the iOS 14 schema, with BLOB addresses', async () => {
    const { records, issues } = await extractFromBackup(backup(buildCallHistoryDb(CALLS)), callsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['call_pk'])).toEqual([1, 2, 3, 4, 5, 6]);
    const first = records[0];
    expect(first?.artifact).toBe('calls');
    expect(first?.origin.path).toBe(PATH);
    expect(first?.origin.stored).toBe('5a/5a4935c78a5255723f707230a451d79c540d2741');
    expect(first?.origin.locator).toEqual({ kind: 'sqlite', table: 'ZCALLRECORD', rowid: '1' });
    expect(first?.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'call started' },
      { at: '2023-03-08T20:27:42.500000Z', meaning: 'call ended' },
    ]);
    expect(first?.fields).toEqual({
      call_pk: 1,
      address: '+41791234567',
      address_kind: 'phone',
      email: null,
      name: 'Alice',
      direction: 'outgoing',
      answered: true,
      duration_seconds: 62.5,
      call_type: 1,
      call_type_name: 'phone',
      service_provider: 'com.apple.Telephony',
      location: 'Switzerland',
      iso_country_code: 'ch',
      disconnected_cause: 0,
      handle_type: 2,
      read: true,
      unique_id: '00000000-0000-4000-8000-000000000001',
      device_id: null,
    });
    expect(records[1]?.fields).toMatchObject({
      address: 'BERGERS.O79@GMAIL.COM',
      address_kind: 'email',
      email: 'BERGERS.O79@GMAIL.COM',
      direction: 'incoming',
      answered: false,
      call_type_name: 'FaceTime audio',
    });
    expect(records[1]?.times).toEqual([{ at: '2023-03-08T20:27:40.000000Z', meaning: 'call started' }]);
    expect(records[2]?.fields).toMatchObject({ email: 'travislong544@yahoo.com', call_type_name: 'FaceTime video', direction: 'outgoing' });
    expect(records[4]?.fields).toMatchObject({ address_kind: 'other', email: null, call_type_name: 'third-party app', service_provider: 'net.whatsapp.WhatsApp' });
    expect(records[5]?.fields).toMatchObject({ address: null, address_kind: null, email: null });
  });

  it('reads the iOS 10 schema with TEXT addresses', async () => {
    const { records, issues } = await extractFromBackup(backup(buildCallHistoryDb(CALLS.slice(0, 2), 'ios10')), callsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['address'], r.fields['handle_type']])).toEqual([
      ['+41791234567', null],
      ['BERGERS.O79@GMAIL.COM', null],
    ]);
  });

  it("reads MVT's five columns", async () => {
    const { records, issues } = await extractFromBackup(backup(buildCallHistoryDb([CALLS[0] as CallSpec], 'mvt-fixture')), callsExtractor);
    expect(issues).toEqual([]);
    expect(records[0]?.fields).toMatchObject({
      address: '+41791234567',
      duration_seconds: 62.5,
      location: 'Switzerland',
      service_provider: 'com.apple.Telephony',
      direction: null,
      call_type: null,
      call_type_name: null,
      name: null,
    });
  });

  it('reports an unknown layout and a corrupt file as issues', async () => {
    let result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE call (ROWID INTEGER PRIMARY KEY, address TEXT)'))), callsExtractor);
    expect(result).toEqual({ records: [], issues: [{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: no ZCALLRECORD table (tables: call)' }] });
    result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZADDRESS TEXT)'))), callsExtractor);
    expect(result.issues).toEqual([{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: ZCALLRECORD lacks ZDATE (columns: Z_PK, ZADDRESS)' }]);
    result = await extractFromBackup(backup('SQLite format 3\u0000 but nothing else'), callsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', PATH]]);
  });
});

describe('calls rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(callsRules, await loadIndicatorSet({}));
  });

  it('flags FaceTime calls with Pegasus and Triangulation accounts, whatever the case, and not the look-alike', async () => {
    const { records } = await extractFromBackup(backup(buildCallHistoryDb(CALLS)), callsExtractor);
    const findings = records.flatMap((record) => detector.inspect(record).map((f) => [record.fields['call_pk'], f.rule.id, f.severity, f.matched.value, f.indicator?.malware]));
    expect(findings).toEqual([
      [2, 'ios.calls.email-indicator', 'critical', 'BERGERS.O79@GMAIL.COM', 'Pegasus'],
      [3, 'ios.calls.email-indicator', 'critical', 'travislong544@yahoo.com', 'OperationTriangulation'],
    ]);
    const explanation = detector.inspect(records[1] as (typeof records)[number])[0]?.explanation;
    expect(explanation).toMatch(/^The call history holds a call \(incoming, FaceTime audio\) with BERGERS\.O79@GMAIL\.COM, which matches the Pegasus e-mail indicator/);
  });
});
