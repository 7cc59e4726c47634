import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { AbFormatError, AbPasswordError, abPayloadTransforms, isAndroidBackup, javaCharBytes, parseAbHeader, unlockAbBackup } from './ab-backup.js';
import { buildAb, telephonyMembers } from '../../../../test/builders/android/ab-backup.js';
import { inflateTelephonyBackup, readTelephonyMessage, telephonyKindOf } from './telephony-backup.js';

const members = telephonyMembers([{ address: '+39333', body: 'https://cnn.gr.com/x', date: 1_709_650_000_000 }]);

async function payload(bytes: Buffer, password?: string): Promise<Buffer> {
  const header = parseAbHeader(bytes);
  const keys = header.encryption ? unlockAbBackup(header, password ?? '') : null;
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline([Readable.from([bytes.subarray(header.payloadOffset)]), ...abPayloadTransforms(header, keys), sink]);
  return Buffer.concat(chunks);
}

describe('Android backup format', () => {
  it('encodes bytes >= 0x80 as the UTF-8 of sign-extended Java chars', () => {
    expect(javaCharBytes(Buffer.from([0x41, 0x80, 0xff]))).toEqual(Buffer.concat([Buffer.from([0x41]), Buffer.from('\uff80\uffff', 'utf8')]));
  });

  it('reads plain, compressed and encrypted headers', () => {
    const plain = parseAbHeader(buildAb({ version: 1, compressed: false, members }));
    expect(plain).toEqual({ version: 1, compressed: false, encryption: null, payloadOffset: 'ANDROID BACKUP\n1\n0\nnone\n'.length });
    const encrypted = parseAbHeader(buildAb({ version: 5, compressed: true, password: 'pw', rounds: 500, members }));
    expect(encrypted.version).toBe(5);
    expect(encrypted.encryption?.rounds).toBe(500);
    expect(encrypted.encryption?.userSalt.length).toBe(64);
    expect(encrypted.encryption?.masterKeyBlob.length).toBe(96);
  });

  it('gives the tar back for every variant', async () => {
    const tarPlain = await payload(buildAb({ version: 1, compressed: false, members }));
    const tarCompressed = await payload(buildAb({ version: 5, compressed: true, members }));
    const tarEncrypted = await payload(buildAb({ version: 5, compressed: true, password: 'pw', rounds: 500, members }), 'pw');
    expect(tarCompressed).toEqual(tarPlain);
    expect(tarEncrypted).toEqual(tarPlain);
    expect(tarPlain.subarray(0, 37).toString('latin1')).toBe('apps/com.android.providers.telephony/');
  });

  it('refuses a wrong password, and the checksum needs the Java-char quirk from version 2', () => {
    const v5 = parseAbHeader(buildAb({ version: 5, password: 'pw', rounds: 200, members }));
    expect(() => unlockAbBackup(v5, 'wrong')).toThrow(AbPasswordError);
    // The same file read as version 1 (raw key bytes in the checksum) is refused.
    expect(() => unlockAbBackup({ ...v5, version: 1 }, 'pw')).toThrow(/checksum/);
    const v1 = parseAbHeader(buildAb({ version: 1, password: 'pw', rounds: 200, members }));
    expect(unlockAbBackup(v1, 'pw').masterKey.length).toBe(32);
  });

  it('says what is wrong with a damaged header', () => {
    expect(isAndroidBackup(Buffer.from('ANDROID BACKUP\n5'))).toBe(true);
    expect(isAndroidBackup(Buffer.from('PK\u0003\u0004'))).toBe(false);
    expect(() => parseAbHeader(Buffer.from('ANDROID BACKUP\n5\n1\n'))).toThrow(new AbFormatError('it ends before its encryption line'));
    expect(() => parseAbHeader(Buffer.from('ANDROID BACKUP\nx\n1\nnone\n'))).toThrow(/version "x"/);
    expect(() => parseAbHeader(Buffer.from('ANDROID BACKUP\n5\n1\nAES-128\n'))).toThrow(/neither none nor AES-256/);
    expect(() => parseAbHeader(Buffer.from(`ANDROID BACKUP\n5\n1\nAES-256\nAA\nBB\n99999999\n${'00'.repeat(16)}\n${'00'.repeat(16)}\n`))).toThrow(/far more than Android uses/);
  });
});

describe('telephony provider backup files', () => {
  it('reads SMS dates in milliseconds and MMS dates in seconds, with all addresses', () => {
    expect(telephonyKindOf('apps/x/d_f/000000_sms_backup')).toBe('sms');
    expect(telephonyKindOf('apps/x/d_f/000000_mms_backup')).toBe('mms');
    expect(telephonyKindOf('apps/x/d_f/other')).toBeNull();
    const sms = readTelephonyMessage('sms', { address: '+39', body: 'hi', date: '1709650000000', date_sent: '0', type: '1', read: '1' }, 0);
    expect(sms).toEqual({ kind: 'sms', index: 0, address: '+39', addresses: ['+39'], body: 'hi', date: '1709650000000', dateSent: '0', box: 'received', read: true, subject: null });
    const mms = readTelephonyMessage('mms', { date: '1709670000', msg_box: '2', mms_addresses: [{ address: 'insert-address-token' }, { address: '+41' }], mms_body: 'yo', recipients: ['+42'] }, 3);
    expect(mms).toMatchObject({ kind: 'mms', address: '+41', addresses: ['+41', '+42'], body: 'yo', box: 'sent', date: '1709670000' });
    expect(JSON.parse(inflateTelephonyBackup(members[1]!.content!, 1 << 20).toString())[0].body).toBe('https://cnn.gr.com/x');
    expect(() => inflateTelephonyBackup(members[1]!.content!, 10)).toThrow();
  });
});
