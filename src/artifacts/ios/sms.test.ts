import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { attributedBodyBlob, buildSmsDb, type SmsDbSpec } from '../../../test/builders/ios/sms-db.js';
import { isThreatNotification, smsExtractor, textFromAttributedBody } from './sms.js';
import { smsRules } from '../../detection/rules/sms.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord } from '../types.js';

const SMS = { domain: 'HomeDomain', relativePath: 'Library/SMS/sms.db' };
const NS = 1_000_000_000n;

function backupWith(content: Buffer | string, omitBlob = false) {
  return { files: [{ ...SMS, content, omitBlob }] };
}

const MODERN: SmsDbSpec = {
  handles: [
    { rowid: 1, id: '+41795550123', service: 'SMS' },
    { rowid: 2, id: 'threat-notifications@apple.com', service: 'iMessage' },
    { rowid: 3, id: 'friend@example.org', service: 'iMessage' },
  ],
  messages: [
    // MVT's fixture message, with its exact nanosecond date.
    { rowid: 1, guid: 'G1', text: 'Please click here https://badbadbad.example.org/', handleId: 1, service: 'SMS', date: 588813210539788032n, isRead: true },
    // Pegasus SMS-validation domain (artifacts.md §5.1).
    {
      rowid: 2,
      guid: 'G2',
      text: 'Your parcel is waiting: https://baramije.net/Qw3rTy',
      handleId: 1,
      service: 'SMS',
      date: 700_000_000n * NS + 123_456_789n,
      dateRead: 700_000_060n * NS,
      dateDelivered: 700_000_001n * NS,
    },
    {
      rowid: 3,
      guid: 'G3',
      text: 'ALERT: Apple detected a targeted mercenary spyware attack against your iPhone. Apple believes you are being targeted…',
      handleId: 2,
      date: 700_000_100n * NS,
    },
    // Outgoing group message: handle_id 0, dropped by MVT's inner join.
    { rowid: 4, guid: 'G4', text: 'see https://cnn.gr.com/article/123.', handleId: 0, isFromMe: true, date: 700_000_200n * NS },
    // iOS 16+: text only in attributedBody.
    { rowid: 5, guid: 'G5', text: null, attributedBody: attributedBodyBlob('Update here: https://playestore.net/x'), handleId: 3, date: 700_000_300n * NS },
    // Link only in the MMS subject; near-miss domain in the text.
    { rowid: 6, guid: 'G6', text: 'look http://notfree247downloads.com/a', subject: 'fwd https://free247downloads.com/b', handleId: 3, date: 700_000_400n * NS },
    // The older wording, after a line break; and a message merely quoting it.
    { rowid: 7, guid: 'G7', text: '\nALERT: State-sponsored attackers may be targeting your iPhone', handleId: 2, date: 700_000_500n * NS },
    { rowid: 8, guid: 'G8', text: 'Did you also get "ALERT: State-sponsored attackers may be targeting your iPhone"?', handleId: 3, date: 700_000_600n * NS },
  ],
};

function byRowid(records: ArtifactRecord[], rowid: number): ArtifactRecord {
  const record = records.find((r) => r.fields['rowid'] === rowid);
  if (!record) throw new Error(`no record ${rowid}`);
  return record;
}

describe('sms extractor', () => {
  it('reads every message, keeps handle-less ones and converts nanosecond dates exactly', async () => {
    const { records, issues } = await extractFromBackup(backupWith(buildSmsDb(MODERN)), smsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['rowid'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const first = byRowid(records, 1);
    expect(first.artifact).toBe('sms');
    expect(first.times).toEqual([{ at: '2019-08-29T23:13:30.539788Z', meaning: 'received' }]);
    expect(first.fields).toEqual({
      rowid: 1,
      guid: 'G1',
      service: 'SMS',
      account: 'E:person@example.org',
      direction: 'received',
      handle_id: 1,
      handle: '+41795550123',
      destination_caller_id: null,
      text: 'Please click here https://badbadbad.example.org/',
      text_source: 'text',
      subject: null,
      links: ['https://badbadbad.example.org/'],
      is_threat_notification: false,
      is_read: true,
      has_attachments: false,
    });
    expect(first.origin.path).toBe('HomeDomain/Library/SMS/sms.db');
    expect(first.origin.stored).toBe('3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28');
    expect(first.origin.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.origin.locator).toEqual({ kind: 'sqlite', table: 'message', rowid: '1' });

    expect(byRowid(records, 2).times).toEqual([
      { at: '2023-03-08T20:26:40.123456Z', meaning: 'received' },
      { at: '2023-03-08T20:26:41.000000Z', meaning: 'delivered' },
      { at: '2023-03-08T20:27:40.000000Z', meaning: 'read' },
    ]);
    expect(byRowid(records, 2).fields['links']).toEqual(['https://baramije.net/Qw3rTy']);

    const outgoing = byRowid(records, 4);
    expect(outgoing.fields['handle_id']).toBe(0);
    expect(outgoing.fields['handle']).toBeNull();
    expect(outgoing.fields['direction']).toBe('sent');
    expect(outgoing.fields['links']).toEqual(['https://cnn.gr.com/article/123']);
    expect(outgoing.times[0]).toEqual({ at: '2023-03-08T20:30:00.000000Z', meaning: 'sent' });

    const attributed = byRowid(records, 5);
    expect(attributed.fields['text']).toBe('Update here: https://playestore.net/x');
    expect(attributed.fields['text_source']).toBe('attributedBody');
    expect(attributed.fields['links']).toEqual(['https://playestore.net/x']);

    expect(byRowid(records, 6).fields['links']).toEqual(['http://notfree247downloads.com/a', 'https://free247downloads.com/b']);
    expect(records.filter((r) => r.fields['is_threat_notification'] === true).map((r) => r.fields['rowid'])).toEqual([3, 7]);
  });

  it('reads the iOS 10 schema with dates in seconds and without newer columns', async () => {
    const db = buildSmsDb({
      variant: 'ios10',
      handles: [{ rowid: 1, id: '+15550100', service: 'SMS' }],
      messages: [{ rowid: 1, text: 'hello', handleId: 1, date: 500_000_000, dateRead: 500_000_030 }],
    });
    const { records, issues } = await extractFromBackup(backupWith(db), smsExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.times).toEqual([
      { at: '2016-11-05T00:53:20.000000Z', meaning: 'received' },
      { at: '2016-11-05T00:53:50.000000Z', meaning: 'read' },
    ]);
    expect(records[0]?.fields['destination_caller_id']).toBeNull();
    expect(records[0]?.fields['handle']).toBe('+15550100');
  });

  it('reads a database with only message and handle (MVT fixture layout)', async () => {
    const db = buildSmsDb({
      variant: 'mvt-fixture',
      handles: [{ rowid: 1, id: '+15550100', service: 'SMS' }],
      messages: [{ rowid: 1, text: 'Please click here https://badbadbad.example.org/', handleId: 1, date: 588813210539788032n }],
    });
    const { records, issues } = await extractFromBackup(backupWith(db), smsExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('falls back to no handle when the handle table is absent', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER, handle_id INTEGER)');
      d.exec("INSERT INTO message VALUES (7, 'x https://a.example/', 500000000, 3)");
    });
    const { records, issues } = await extractFromBackup(backupWith(db), smsExtractor);
    expect(issues).toEqual([]);
    expect(records[0]?.fields).toMatchObject({ rowid: 7, handle_id: 3, handle: null, guid: null, direction: null });
    expect(records[0]?.times).toEqual([{ at: '2016-11-05T00:53:20.000000Z', meaning: 'message date' }]);
  });

  it('reports an unknown layout, a corrupt file, a truncated file and a missing blob as issues', async () => {
    const noMessage = sqliteBytes((d) => d.exec('CREATE TABLE chat (ROWID INTEGER PRIMARY KEY)'));
    let result = await extractFromBackup(backupWith(noMessage), smsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: 'HomeDomain/Library/SMS/sms.db', message: 'unsupported schema: no message table (tables: chat)' },
    ]);

    const noDate = sqliteBytes((d) => d.exec('CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT)'));
    result = await extractFromBackup(backupWith(noDate), smsExtractor);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: 'HomeDomain/Library/SMS/sms.db', message: 'unsupported schema: message table lacks date' },
    ]);

    result = await extractFromBackup(backupWith('this is not a database'), smsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.code).toBe('corrupt');

    const full = buildSmsDb(MODERN);
    result = await extractFromBackup(backupWith(full.subarray(0, 3000)), smsExtractor);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.code).toBe('corrupt');

    result = await extractFromBackup(backupWith(full, true), smsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['missing-file']);
  });

  it('yields nothing and no issue when the backup has no sms.db', async () => {
    const result = await extractFromBackup({ files: [] }, smsExtractor);
    expect(result).toEqual({ records: [], issues: [] });
  });
});

describe('sms helpers', () => {
  it('decodes attributedBody strings of every length encoding and rejects other blobs', () => {
    expect(textFromAttributedBody(attributedBodyBlob('hi'))).toBe('hi');
    const long = `https://example.org/${'a'.repeat(300)}`;
    expect(textFromAttributedBody(attributedBodyBlob(long))).toBe(long);
    const huge = 'b'.repeat(70_000);
    expect(textFromAttributedBody(attributedBodyBlob(huge))).toBe(huge);
    expect(textFromAttributedBody(Buffer.from('bplist00 NSString + nothing'))).toBeNull();
    const blob = attributedBodyBlob('hello');
    expect(textFromAttributedBody(blob.subarray(0, blob.indexOf('hello') + 3))).toBeNull();
    expect(textFromAttributedBody(null)).toBeNull();
  });

  it('recognises both notification wordings but not a quotation of them', () => {
    expect(isThreatNotification('ALERT: State-sponsored attackers may be targeting your iPhone')).toBe(true);
    expect(isThreatNotification('  alert: apple detected a targeted mercenary spyware attack against your iphone')).toBe(true);
    expect(isThreatNotification('FYI ALERT: State-sponsored attackers may be targeting your iPhone')).toBe(false);
    expect(isThreatNotification(null)).toBe(false);
  });
});

describe('sms rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(smsRules, await loadIndicatorSet({}));
  });

  it('flags indicator links (text, attributedBody, subject) and the threat notifications, nothing else', async () => {
    const { records } = await extractFromBackup(backupWith(buildSmsDb(MODERN)), smsExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({ rowid: record.fields['rowid'], rule: f.rule.id, severity: f.severity, value: f.matched.value })),
    );
    expect(findings).toEqual([
      { rowid: 2, rule: 'ios.sms.link-indicator', severity: 'critical', value: 'https://baramije.net/Qw3rTy' },
      {
        rowid: 3,
        rule: 'ios.sms.apple-threat-notification',
        severity: 'high',
        value: 'ALERT: Apple detected a targeted mercenary spyware attack against your iPhone. Apple believes you are being targeted…',
      },
      { rowid: 4, rule: 'ios.sms.link-indicator', severity: 'critical', value: 'https://cnn.gr.com/article/123' },
      { rowid: 5, rule: 'ios.sms.link-indicator', severity: 'critical', value: 'https://playestore.net/x' },
      { rowid: 6, rule: 'ios.sms.link-indicator', severity: 'critical', value: 'https://free247downloads.com/b' },
      { rowid: 7, rule: 'ios.sms.apple-threat-notification', severity: 'high', value: '\nALERT: State-sponsored attackers may be targeting your iPhone' },
    ]);
  });

  it('re-checks stored text against the wording list, whatever the stored flag says', () => {
    const record: ArtifactRecord = {
      artifact: 'sms',
      times: [],
      fields: { text: 'ALERT: Apple detected a targeted mercenary spyware attack against your iPhone', is_threat_notification: false, links: [] },
      origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: 'x', sha256: 'y', locator: { kind: 'sqlite', table: 'message', rowid: '1' } },
    };
    expect(detector.inspect(record).map((f) => f.rule.id)).toEqual(['ios.sms.apple-threat-notification']);
  });
});
