import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildAddressBookDb, type AddressBookSpec } from '../../../test/builders/ios/address-book-db.js';
import { contactsExtractor } from './contacts.js';
import { contactsRules } from '../../detection/rules/contacts.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const PATH = 'HomeDomain/Library/AddressBook/AddressBook.sqlitedb';

function backup(content: Buffer | string) {
  return { files: [{ domain: 'HomeDomain', relativePath: 'Library/AddressBook/AddressBook.sqlitedb', content }] };
}

const BOOK: AddressBookSpec = {
  persons: [
    { rowid: 1, first: 'Alice', last: 'Example', organization: 'Newsroom', jobTitle: 'Editor', creationDate: 650_000_000, modificationDate: 700_000_000 },
    { rowid: 2, first: 'Lisa', middle: 'B.', last: 'Bogaard', note: 'met online' },
    { rowid: 3, organization: 'Support Desk' },
  ],
  values: [
    { uid: 1, recordId: 1, property: 3, label: '_$!<Mobile>!$_', value: '+41 79 123 45 67' },
    { uid: 2, recordId: 1, property: 4, label: '_$!<Work>!$_', value: 'alice@newsroom.example' },
    // Pegasus account (artifacts.md §5.1).
    { uid: 3, recordId: 2, property: 4, label: '_$!<Home>!$_', value: 'bogaardlisa803@gmail.com' },
    // Near-miss from artifacts.md §5.7, saved as a URL-like custom field.
    { uid: 4, recordId: 2, property: 4, label: 'old', value: 'Bergers.O79@gmail.com.evil' },
    { uid: 5, recordId: 1, property: 5, label: '_$!<Work>!$_', value: null, entries: { Street: 'Main St 1', City: 'Zurich', Country: 'Switzerland' } },
    { uid: 6, recordId: 3, property: 22, label: '_$!<HomePage>!$_', value: 'https://support.example.org/' },
    // Triangulation account (artifacts.md §5.3) as an iMessage handle, person row deleted.
    { uid: 7, recordId: 99, property: 13, label: 'iMessage', value: 'mailto:travislong544@yahoo.com' },
  ],
};

describe('contacts extractor', () => {
  it('reads one record per multi-value, with labels, address parts and orphans', async () => {
    const { records, issues } = await extractFromBackup(backup(buildAddressBookDb(BOOK)), contactsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['multivalue_uid'])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const first = records[0];
    expect(first?.artifact).toBe('contacts');
    expect(first?.origin.path).toBe(PATH);
    expect(first?.origin.stored).toBe('31/31bb7ba8914766d4ba40d6dfb6113c8b614be442');
    expect(first?.origin.locator).toEqual({ kind: 'sqlite', table: 'ABMultiValue', rowid: '1' });
    expect(first?.times).toEqual([
      { at: '2021-08-07T03:33:20.000000Z', meaning: 'contact created' },
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'contact modified' },
    ]);
    expect(first?.fields).toEqual({
      multivalue_uid: 1,
      person_rowid: 1,
      display_name: 'Alice Example',
      first_name: 'Alice',
      middle_name: null,
      last_name: 'Example',
      nickname: null,
      organization: 'Newsroom',
      job_title: 'Editor',
      note: null,
      person_guid: 'PERSON-1',
      property: 3,
      property_name: 'phone',
      label: 'Mobile',
      value: '+41 79 123 45 67',
      entries: null,
      email: null,
      value_guid: 'VALUE-1',
    });
    expect(records[2]?.fields).toMatchObject({ display_name: 'Lisa B. Bogaard', property_name: 'email', label: 'Home', email: 'bogaardlisa803@gmail.com' });
    expect(records[3]?.fields).toMatchObject({ label: 'old', email: 'Bergers.O79@gmail.com.evil' });
    expect(records[4]?.fields).toMatchObject({ property_name: 'address', value: null, entries: 'Street: Main St 1; City: Zurich; Country: Switzerland' });
    expect(records[5]?.fields).toMatchObject({ display_name: 'Support Desk', property_name: 'url', label: 'HomePage', email: null });
    expect(records[6]?.fields).toMatchObject({
      person_rowid: 99,
      display_name: null,
      property_name: 'instant message',
      value: 'mailto:travislong544@yahoo.com',
      email: 'travislong544@yahoo.com',
    });
    expect(records[6]?.times).toEqual([]);
  });

  it("reads MVT's minimal layout and a database without ABPerson", async () => {
    let result = await extractFromBackup(backup(buildAddressBookDb({ ...BOOK, variant: 'minimal' })), contactsExtractor);
    expect(result.issues).toEqual([]);
    expect(result.records).toHaveLength(7);
    expect(result.records[1]?.fields).toMatchObject({ display_name: 'Alice Example', job_title: null, label: 'Work', email: 'alice@newsroom.example' });
    expect(result.records[4]?.fields).toMatchObject({ entries: null });

    result = await extractFromBackup(backup(buildAddressBookDb({ ...BOOK, omitPersonTable: true })), contactsExtractor);
    expect(result.issues).toEqual([]);
    expect(result.records[2]?.fields).toMatchObject({ display_name: null, first_name: null, email: 'bogaardlisa803@gmail.com' });
  });

  it('reports an unknown layout and a corrupt file as issues', async () => {
    let result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE ZCONTACT (Z_PK INTEGER PRIMARY KEY)'))), contactsExtractor);
    expect(result).toEqual({ records: [], issues: [{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: no ABMultiValue table (tables: ZCONTACT)' }] });
    result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, value TEXT)'))), contactsExtractor);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: PATH, message: 'unsupported schema: ABMultiValue lacks record_id, property (columns: UID, value)' },
    ]);
    result = await extractFromBackup(backup(buildAddressBookDb(BOOK).subarray(0, 1024)), contactsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', PATH]]);
  });
});

describe('contacts rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(contactsRules, await loadIndicatorSet({}));
  });

  it('flags saved Pegasus and Triangulation accounts at high severity, not the look-alike', async () => {
    const { records } = await extractFromBackup(backup(buildAddressBookDb(BOOK)), contactsExtractor);
    const findings = records.flatMap((record) => detector.inspect(record).map((f) => [record.fields['multivalue_uid'], f.rule.id, f.severity, f.matched.value, f.indicator?.malware]));
    expect(findings).toEqual([
      [3, 'ios.contacts.email-indicator', 'high', 'bogaardlisa803@gmail.com', 'Pegasus'],
      [7, 'ios.contacts.email-indicator', 'high', 'travislong544@yahoo.com', 'OperationTriangulation'],
    ]);
  });
});
