import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildSmsDb, type SmsDbSpec } from '../../../test/builders/ios/sms-db.js';
import { attachmentDevicePath, smsAttachmentsExtractor } from './sms-attachments.js';
import { smsAttachmentsRules } from '../../detection/rules/sms-attachments.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord } from '../types.js';

const SMS = { domain: 'HomeDomain', relativePath: 'Library/SMS/sms.db' };
const NS = 1_000_000_000n;

function backupWith(content: Buffer | string) {
  return { files: [{ ...SMS, content }] };
}

const SPEC: SmsDbSpec = {
  handles: [
    { rowid: 1, id: 'attacker@icloud.example', service: 'iMessage' },
    { rowid: 2, id: '+41795550123', service: 'SMS' },
  ],
  messages: [
    { rowid: 10, text: null, handleId: 1, date: 700_000_000n * NS, cacheHasAttachments: true },
    { rowid: 11, text: 'photo', handleId: 2, service: 'SMS', date: 700_000_100n * NS, cacheHasAttachments: true },
    { rowid: 12, text: null, handleId: 0, isFromMe: true, date: 700_000_200n * NS, cacheHasAttachments: true },
  ],
  attachments: [
    // The iMessage exploit pattern of artifacts.md §5.7.
    { rowid: 1, filename: '/var/tmp/com.apple.messages/XYZ-1', transferName: 'XYZ-1', mimeType: 'image/gif', uti: 'com.compuserve.gif', totalBytes: 748, isOutgoing: false, createdDate: 700_000_000, startDate: 700_000_001 },
    { rowid: 2, filename: '~/Library/SMS/Attachments/4f/07/A1B2/IMG_0001.jpeg', transferName: 'IMG_0001.jpeg', mimeType: 'image/jpeg', uti: 'public.jpeg', totalBytes: 123456, isOutgoing: false, createdDate: 700_000_100 },
    // Predator file path (artifacts.md §5.2).
    { rowid: 3, filename: '/private/var/tmp/hooker', transferName: 'hooker', totalBytes: 10, isOutgoing: false, createdDate: 700_000_100 },
    // Near-miss: the same temporary pattern, but sent by the owner.
    { rowid: 4, filename: '/var/tmp/com.apple.messages/ABC-1', transferName: 'ABC-1', isOutgoing: true, createdDate: 700_000_200 },
    // Near-miss path, joined to no message.
    { rowid: 5, filename: '/private/var/tmp2/hooker', isOutgoing: false, createdDate: 0 },
    // DarkSword file name (darksword.stix2) in the normal attachment store.
    { rowid: 6, filename: '~/Library/SMS/Attachments/aa/10/C3D4/rce_loader.js', transferName: 'rce_loader.js', mimeType: 'text/javascript', isOutgoing: false, createdDate: 700_000_100, userInfo: Buffer.from('bplist00') },
  ],
  joins: [
    { messageId: 10, attachmentId: 1 },
    { messageId: 11, attachmentId: 2 },
    { messageId: 11, attachmentId: 3 },
    { messageId: 12, attachmentId: 4 },
    { messageId: 11, attachmentId: 6 },
    // One attachment forwarded in two messages gives two records.
    { messageId: 12, attachmentId: 6 },
  ],
};

describe('sms_attachments extractor', () => {
  it('reads every attachment with its message, service and handle, keeping unjoined ones', async () => {
    const { records, issues } = await extractFromBackup(backupWith(buildSmsDb(SPEC)), smsAttachmentsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['rowid'], r.fields['message_rowid']])).toEqual([
      [1, 10],
      [2, 11],
      [3, 11],
      [4, 12],
      [5, null],
      [6, 11],
      [6, 12],
    ]);
    const first = records[0];
    expect(first?.artifact).toBe('sms_attachments');
    expect(first?.fields).toEqual({
      rowid: 1,
      guid: 'ATT-GUID-0001',
      filename: '/var/tmp/com.apple.messages/XYZ-1',
      device_path: '/var/tmp/com.apple.messages/XYZ-1',
      transfer_name: 'XYZ-1',
      mime_type: 'image/gif',
      uti: 'com.compuserve.gif',
      total_bytes: 748,
      transfer_state: 0,
      is_outgoing: false,
      is_sticker: false,
      has_user_info: false,
      direction: 'received',
      message_rowid: 10,
      message_guid: 'MSG-GUID-0010',
      service: 'iMessage',
      handle: 'attacker@icloud.example',
    });
    expect(first?.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'created' },
      { at: '2023-03-08T20:26:41.000000Z', meaning: 'transfer started' },
    ]);
    expect(first?.origin.locator).toEqual({ kind: 'sqlite', table: 'attachment', rowid: '1' });
    expect(records[1]?.fields['device_path']).toBe('/private/var/mobile/Library/SMS/Attachments/4f/07/A1B2/IMG_0001.jpeg');
    expect(records[3]?.fields).toMatchObject({ direction: 'sent', handle: null, service: 'iMessage' });
    expect(records[4]?.fields).toMatchObject({ direction: 'received', message_rowid: null, service: null, handle: null });
    expect(records[4]?.times).toEqual([]);
    expect(records[5]?.fields['has_user_info']).toBe(true);
  });

  it('reads the iOS 10 attachment table', async () => {
    const db = buildSmsDb({
      variant: 'ios10',
      messages: [{ rowid: 1, text: null, date: 500_000_000 }],
      attachments: [{ rowid: 1, filename: '~/Library/SMS/Attachments/x.jpg', isOutgoing: false, createdDate: 500_000_000 }],
      joins: [{ messageId: 1, attachmentId: 1 }],
    });
    const { records, issues } = await extractFromBackup(backupWith(db), smsAttachmentsExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.times).toEqual([{ at: '2016-11-05T00:53:20.000000Z', meaning: 'created' }]);
  });

  it('falls back to the message direction when the attachment has no is_outgoing column', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY, filename TEXT, created_date INTEGER)');
      d.exec('CREATE TABLE message (ROWID INTEGER PRIMARY KEY, is_from_me INTEGER, service TEXT)');
      d.exec('CREATE TABLE message_attachment_join (message_id INTEGER, attachment_id INTEGER)');
      d.exec("INSERT INTO attachment VALUES (1, '/var/tmp/a-1', 0), (2, '/var/tmp/b-1', 0)");
      d.exec("INSERT INTO message VALUES (5, 1, 'iMessage'), (6, 0, 'iMessage')");
      d.exec('INSERT INTO message_attachment_join VALUES (5, 1), (6, 2)');
    });
    const { records, issues } = await extractFromBackup(backupWith(db), smsAttachmentsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['direction'])).toEqual(['sent', 'received']);
    expect(records.map((r) => r.fields['handle'])).toEqual([null, null]);
  });

  it('reports a database without an attachment table, and corrupt files, as issues', async () => {
    const fixture = buildSmsDb({ variant: 'mvt-fixture', messages: [{ rowid: 1, text: 'x', date: 1 }] });
    let result = await extractFromBackup(backupWith(fixture), smsAttachmentsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: 'HomeDomain/Library/SMS/sms.db', message: 'unsupported schema: no attachment table (tables: handle, message, sqlite_sequence)' },
    ]);

    result = await extractFromBackup(backupWith(Buffer.alloc(4096, 0x41)), smsAttachmentsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);

    result = await extractFromBackup(backupWith(buildSmsDb(SPEC).subarray(0, 2048)), smsAttachmentsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('expands only ~ in device paths', () => {
    expect(attachmentDevicePath('~/Library/SMS/x')).toBe('/private/var/mobile/Library/SMS/x');
    expect(attachmentDevicePath('/var/tmp/x-1')).toBe('/var/tmp/x-1');
    expect(attachmentDevicePath(null)).toBeNull();
  });
});

describe('sms_attachments rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(smsAttachmentsRules, await loadIndicatorSet({}));
  });

  it('flags the Predator path, the DarkSword file name and the received temporary attachment only', async () => {
    const { records } = await extractFromBackup(backupWith(buildSmsDb(SPEC)), smsAttachmentsExtractor);
    const findings = records.flatMap((record: ArtifactRecord) =>
      detector.inspect(record).map((f) => ({
        rowid: record.fields['rowid'],
        message: record.fields['message_rowid'],
        rule: f.rule.id,
        severity: f.severity,
        value: f.matched.value,
        indicator: f.indicator?.value ?? null,
      })),
    );
    expect(findings).toEqual([
      { rowid: 1, message: 10, rule: 'ios.sms-attachments.temporary-received-attachment', severity: 'medium', value: '/var/tmp/com.apple.messages/XYZ-1', indicator: null },
      { rowid: 3, message: 11, rule: 'ios.sms-attachments.file-path', severity: 'high', value: '/private/var/tmp/hooker', indicator: '/private/var/tmp/hooker' },
      {
        rowid: 6,
        message: 11,
        rule: 'ios.sms-attachments.file-path',
        severity: 'high',
        value: '/private/var/mobile/Library/SMS/Attachments/aa/10/C3D4/rce_loader.js',
        indicator: 'rce_loader.js',
      },
      {
        rowid: 6,
        message: 12,
        rule: 'ios.sms-attachments.file-path',
        severity: 'high',
        value: '/private/var/mobile/Library/SMS/Attachments/aa/10/C3D4/rce_loader.js',
        indicator: 'rce_loader.js',
      },
    ]);
  });
});
