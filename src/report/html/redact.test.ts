import { describe, expect, it } from 'vitest';
import { createRedactor, deviceIdentifiers, isRedactedField, MASK, NO_REDACTION } from './redact.js';

const DEVICE = {
  udid: '00008030-000DE30000000001',
  deviceName: 'Phone of Leila',
  productType: 'iPhone12,1',
  productName: 'iPhone 11',
  productVersion: '14.6',
  buildVersion: '18F72',
  serialNumber: 'F00DEMO00001',
  imei: '350000000000001',
  phoneNumber: '+33 6 00 00 00 01',
};

const redactor = createRedactor({
  known: deviceIdentifiers(DEVICE),
  keep: ['bergers.o79@gmail.com', 'https://baramije.net/Qw3rTy', 'ALERT: State-sponsored attackers may be targeting your iPhone.'],
});

describe('redaction', () => {
  it('lists the identifying values of a device, with compact phone numbers', () => {
    expect(deviceIdentifiers(DEVICE)).toEqual([
      '00008030-000DE30000000001',
      'Phone of Leila',
      'F00DEMO00001',
      '350000000000001',
      '+33 6 00 00 00 01',
      '+33600000001',
    ]);
  });

  it('masks identifying device fields and keeps the model and system', () => {
    expect(redactor.device(DEVICE)).toEqual({
      udid: MASK,
      deviceName: MASK,
      productType: 'iPhone12,1',
      productName: 'iPhone 11',
      productVersion: '14.6',
      buildVersion: '18F72',
      serialNumber: MASK,
      imei: MASK,
      phoneNumber: MASK,
    });
  });

  it('masks message text and identifiers by field name, keeping matched values', () => {
    expect(
      redactor.fields({
        text: 'Call me on +33 6 12 34 56 78 tonight',
        subject: 'hello',
        handle: '+33600000002',
        handle_id: 1,
        account: 'E:person@example.org',
        uri: 'mailto:bergers.o79@gmail.com',
        destination_caller_id: null,
        links: ['https://baramije.net/Qw3rTy', 'https://example.org/?to=someone@example.org'],
        service: 'SMS',
        is_read: false,
        rowid: 7,
      }),
    ).toEqual({
      text: MASK,
      subject: MASK,
      handle: MASK,
      handle_id: 1,
      account: MASK,
      uri: 'mailto:bergers.o79@gmail.com',
      destination_caller_id: null,
      links: ['https://baramije.net/Qw3rTy', `https://example.org/?to=${MASK}`],
      service: 'SMS',
      is_read: false,
      rowid: 7,
    });
  });

  it('keeps a message text that is itself the matched value of a finding', () => {
    expect(redactor.fields({ text: 'ALERT: State-sponsored attackers may be targeting your iPhone.' })).toEqual({
      text: 'ALERT: State-sponsored attackers may be targeting your iPhone.',
    });
  });

  it('masks patterns inside any other text', () => {
    expect(redactor.text('looked up mailto:friend@example.com and tel:+33612345678')).toBe(`looked up mailto:${MASK} and tel:${MASK}`);
    expect(redactor.text('sms:0612345678 from +1 (202) 555-0143')).toBe(`sms:${MASK} from ${MASK}`);
    expect(redactor.text('IMEI 490154203237518 and ICCID 8933150319000000001')).toBe(`IMEI ${MASK} and ICCID ${MASK}`);
    expect(redactor.text('backup 00008030-000DE30000000001 of F00DEMO00001, Phone of Leila')).toBe(`backup ${MASK} of ${MASK}, ${MASK}`);
    expect(redactor.text('other UDID 00008101-000A1B2C3D4E5F6A')).toBe(`other UDID ${MASK}`);
    expect(redactor.text('the attacker bergers.o79@gmail.com wrote')).toBe('the attacker bergers.o79@gmail.com wrote');
  });

  it('leaves near-misses alone: hashes, times, numbers that are not identifiers', () => {
    const untouched = [
      '3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28',
      'aaf17eaf60e0822acb491feb1f43d0dd9c7d9eb7071c16d4899c61be024d704f',
      '2021-07-14T10:02:10.000000Z +02:00',
      'rowid 123456789012345',
      'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
      'version 16.5 (20F66)',
      'CommsCenterRootHelper',
    ];
    for (const text of untouched) expect(redactor.text(text)).toBe(text);
  });

  it('names the fields it masks whole', () => {
    expect(['text', 'handle', 'remote_handle', 'sender_phone', 'imei', 'jid'].map(isRedactedField)).toEqual([
      'text', 'identifier', 'identifier', 'identifier', 'identifier', 'identifier',
    ]);
    expect(['handle_id', 'phone_count', 'url', 'process', 'title'].map(isRedactedField)).toEqual([null, null, null, null, null]);
  });

  it('changes nothing when redaction is off', () => {
    expect(NO_REDACTION.text('+33 6 00 00 00 01')).toBe('+33 6 00 00 00 01');
    expect(NO_REDACTION.fields({ text: 'hello' })).toEqual({ text: 'hello' });
  });
});
