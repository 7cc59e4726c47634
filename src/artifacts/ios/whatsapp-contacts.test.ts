import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildContactsV2Db, type WaAddressBookContactSpec } from '../../../test/builders/ios/whatsapp-db.js';
import { whatsappContactsExtractor } from './whatsapp-contacts.js';
import { whatsappContactsRules } from '../../detection/rules/whatsapp-contacts.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const DOMAIN = 'AppDomainGroup-group.net.whatsapp.WhatsApp.shared';
const PATH = `${DOMAIN}/ContactsV2.sqlite`;

function backup(content: Buffer | string) {
  return { files: [{ domain: DOMAIN, relativePath: 'ContactsV2.sqlite', content }] };
}

const CONTACTS: WaAddressBookContactSpec[] = [
  {
    pk: 1,
    whatsappId: '41791234567@s.whatsapp.net',
    lid: '987654321012345@lid',
    phoneNumber: '+41 79 123 45 67',
    localizedPhoneNumber: '079 123 45 67',
    fullName: 'Alice Example',
    givenName: 'Alice',
    lastName: 'Example',
    userName: 'alice',
    aboutText: 'Latest news: https://cnn.gr.com/story',
    aboutEmoji: '📰',
    notes: 'met at conference, site https://cnn.gr/',
    disappearingModeDuration: 604_800,
    disappearingModeTimestamp: 700_000_060,
    aboutTimestamp: 700_000_000,
    aboutExpirationTimestamp: 700_000_500,
    lastUpdated: 700_000_120,
    phoneStatus: 1,
    syncPolicy: 0,
  },
  { pk: 2, whatsappId: '41790000002@s.whatsapp.net', fullName: 'Bob', disappearingModeDuration: 0, aboutText: 'Available' },
  { pk: 3, whatsappId: '41790000003@s.whatsapp.net', disappearingModeDuration: 3_600 },
];

describe('whatsapp_contacts extractor', () => {
  it('reads every contact with the columns this version has', async () => {
    const { records, issues } = await extractFromBackup(backup(buildContactsV2Db(CONTACTS)), whatsappContactsExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(3);
    const alice = records[0];
    expect(alice?.artifact).toBe('whatsapp_contacts');
    expect(alice?.origin.path).toBe(PATH);
    expect(alice?.origin.stored).toBe('b8/b8548dc30aa1030df0ce18ef08b882cf7ab5212f');
    expect(alice?.origin.locator).toEqual({ kind: 'sqlite', table: 'ZWAADDRESSBOOKCONTACT', rowid: '1' });
    expect(alice?.fields).toEqual({
      row_pk: 1,
      whatsapp_id: '41791234567@s.whatsapp.net',
      lid: '987654321012345@lid',
      phone_number: '+41 79 123 45 67',
      localized_phone_number: '079 123 45 67',
      full_name: 'Alice Example',
      given_name: 'Alice',
      last_name: 'Example',
      user_name: 'alice',
      business_name: null,
      about_text: 'Latest news: https://cnn.gr.com/story',
      about_emoji: '📰',
      notes: 'met at conference, site https://cnn.gr/',
      disappearing_mode_duration: 604_800,
      phone_status: 1,
      sync_policy: 0,
      last_updated: '2023-03-08T20:28:40.000000Z',
      about_timestamp: '2023-03-08T20:26:40.000000Z',
      disappearing_mode_timestamp: '2023-03-08T20:27:40.000000Z',
      about_expiration_timestamp: '2023-03-08T20:35:00.000000Z',
      disappearing_mode_is_on: true,
      disappearing_mode_label: '7 days',
      links: ['https://cnn.gr.com/story', 'https://cnn.gr/'],
    });
    expect(alice?.times).toEqual([
      { at: '2023-03-08T20:28:40.000000Z', meaning: 'contact updated' },
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'about text changed' },
      { at: '2023-03-08T20:27:40.000000Z', meaning: 'disappearing messages set' },
      { at: '2023-03-08T20:35:00.000000Z', meaning: 'about text expires' },
    ]);
    expect(records[1]?.fields).toMatchObject({ disappearing_mode_is_on: false, disappearing_mode_label: 'off', links: [] });
    expect(records[1]?.times).toEqual([]);
    expect(records[2]?.fields).toMatchObject({ disappearing_mode_is_on: true, disappearing_mode_label: '3600 seconds' });
  });

  it('reads an older table without LID, About or timer columns, and the older status column name', async () => {
    const db = buildContactsV2Db([{ pk: 4, whatsappId: '41790000004@s.whatsapp.net', fullName: 'Old', phoneStatus: 2, lastUpdated: 650_000_000 }], 'older');
    const { records, issues } = await extractFromBackup(backup(db), whatsappContactsExtractor);
    expect(issues).toEqual([]);
    expect(records[0]?.fields).toMatchObject({
      row_pk: 4,
      whatsapp_id: '41790000004@s.whatsapp.net',
      lid: null,
      about_text: null,
      phone_status: 2,
      sync_policy: null,
      disappearing_mode_duration: null,
      disappearing_mode_is_on: null,
      disappearing_mode_label: null,
      links: [],
    });
    expect(records[0]?.times).toEqual([{ at: '2021-08-07T03:33:20.000000Z', meaning: 'contact updated' }]);
  });

  it('decodes strings stored as UTF-8 blobs', async () => {
    const db = buildContactsV2Db([{ pk: 1, whatsappId: '41790000005@s.whatsapp.net', fullName: 'Zoë', aboutText: 'see https://playestore.net/x' }], 'blob-strings');
    const { records } = await extractFromBackup(backup(db), whatsappContactsExtractor);
    expect(records[0]?.fields).toMatchObject({ whatsapp_id: '41790000005@s.whatsapp.net', full_name: 'Zoë', links: ['https://playestore.net/x'] });
  });

  it('reports an unknown layout and a corrupt file as issues', async () => {
    let result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE ZWACONTACT (Z_PK INTEGER PRIMARY KEY)'))), whatsappContactsExtractor);
    expect(result).toEqual({
      records: [],
      issues: [{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: no ZWAADDRESSBOOKCONTACT table (tables: ZWACONTACT)' }],
    });
    const noIdentity = sqliteBytes((d) => d.exec('CREATE TABLE ZWAADDRESSBOOKCONTACT (Z_PK INTEGER PRIMARY KEY, ZFULLNAME VARCHAR)'));
    result = await extractFromBackup(backup(noIdentity), whatsappContactsExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: PATH,
        message: 'unsupported schema: ZWAADDRESSBOOKCONTACT has no Z_PK or no identity column (columns: Z_PK, ZFULLNAME)',
      },
    ]);
    result = await extractFromBackup(backup(buildContactsV2Db(CONTACTS).subarray(0, 2048)), whatsappContactsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', PATH]]);
  });
});

describe('whatsapp_contacts rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(whatsappContactsRules, await loadIndicatorSet({}));
  });

  it('flags an indicator link in an About text at medium severity, and not its near-miss', async () => {
    const { records } = await extractFromBackup(backup(buildContactsV2Db(CONTACTS)), whatsappContactsExtractor);
    const findings = records.flatMap((record) => detector.inspect(record));
    expect(findings.map((f) => [f.rule.id, f.severity, f.confidence, f.matched.value, f.indicator?.malware])).toEqual([
      ['ios.whatsapp_contacts.link-indicator', 'medium', 'medium', 'https://cnn.gr.com/story', 'Predator'],
    ]);
    expect(findings[0]?.explanation).toMatch(
      /^The WhatsApp contact 41791234567@s\.whatsapp\.net \(Alice Example\) has the link https:\/\/cnn\.gr\.com\/story in its About text or notes, which matches the Predator indicator/,
    );
  });
});
