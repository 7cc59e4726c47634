/**
 * Writes AddressBook.sqlitedb (reference/artifacts.md §2.3.16): ABPerson, ABMultiValue with
 * its label table, and ABMultiValueEntry / ABMultiValueEntryKey for postal addresses.
 * Dates are raw Mac-absolute seconds.
 * - `ios14`: the recent column set of ABPerson and every multi-value table.
 * - `minimal`: only the columns MVT reads, labels stored without ABMultiValueLabel.
 */
import { sqliteBytes } from '../ios-backup.js';
import { insertRow } from './sql-insert.js';

export type AddressBookVariant = 'ios14' | 'minimal';

export interface AbPersonSpec {
  rowid: number;
  first?: string | null;
  middle?: string | null;
  last?: string | null;
  organization?: string | null;
  nickname?: string | null;
  jobTitle?: string | null;
  note?: string | null;
  creationDate?: number | null;
  modificationDate?: number | null;
}

export interface AbMultiValueSpec {
  uid: number;
  recordId: number;
  property: number;
  /** A built-in label like `_$!<Mobile>!$_` or a custom one. */
  label?: string | null;
  value?: string | null;
  /** Parts of a postal address: key name → value. */
  entries?: Record<string, string>;
}

export interface AddressBookSpec {
  variant?: AddressBookVariant;
  persons?: AbPersonSpec[];
  values?: AbMultiValueSpec[];
  /** Leave ABPerson out (a damaged or partial database). */
  omitPersonTable?: boolean;
}

const PERSON_IOS14 = `CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT,
  FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT, Note TEXT,
  Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT, FirstSort TEXT,
  LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER, CompositeNameFallback TEXT,
  ExternalIdentifier TEXT, ExternalModificationTag TEXT, ExternalUUID TEXT, StoreID INTEGER, DisplayName TEXT,
  ExternalRepresentation BLOB, FirstSortSection TEXT, LastSortSection TEXT, FirstSortLanguageIndex INTEGER DEFAULT 2147483647,
  LastSortLanguageIndex INTEGER DEFAULT 2147483647, PersonLink INTEGER DEFAULT -1, ImageURI TEXT,
  IsPreferredName INTEGER DEFAULT 1, guid TEXT DEFAULT (ab_generate_guid()), PhonemeData TEXT,
  AlternateBirthday TEXT, MapsData TEXT, FirstPronunciation TEXT, MiddlePronunciation TEXT, LastPronunciation TEXT,
  OrganizationPhonetic TEXT, OrganizationPronunciation TEXT, PreviousFamilyName TEXT, PreferredLikenessSource TEXT,
  PreferredPersonaIdentifier TEXT, DowntimeWhitelist TEXT, ImageType TEXT, ImageHash BLOB, MemojiMetadata BLOB,
  UNIQUE(guid))`;

const MULTI_VALUE_IOS14 = `
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER,
  label INTEGER, value TEXT, guid TEXT DEFAULT (ab_generate_guid()), UNIQUE(guid));
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key));
CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value));
CREATE INDEX ABMultiValueRecordIDIndex ON ABMultiValue(record_id);
`;

const MINIMAL = `
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT, Organization TEXT);
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER,
  label INTEGER, value TEXT);
`;

export function buildAddressBookDb(spec: AddressBookSpec): Buffer {
  const variant = spec.variant ?? 'ios14';
  const full = variant === 'ios14';
  return sqliteBytes((db) => {
    // The real schema's defaults call a function Contacts registers; tests supply a stand-in.
    db.function('ab_generate_guid', () => null);
    if (full) {
      if (!spec.omitPersonTable) db.exec(PERSON_IOS14);
      db.exec(MULTI_VALUE_IOS14);
    } else {
      db.exec(spec.omitPersonTable ? MINIMAL.replace(/CREATE TABLE ABPerson[^;]*;/, '') : MINIMAL);
    }
    if (!spec.omitPersonTable) {
      for (const p of spec.persons ?? []) {
        insertRow(db, 'ABPerson', {
          ROWID: p.rowid,
          First: p.first ?? null,
          Middle: p.middle ?? null,
          Last: p.last ?? null,
          Organization: p.organization ?? null,
          Nickname: full ? (p.nickname ?? null) : undefined,
          JobTitle: full ? (p.jobTitle ?? null) : undefined,
          Note: full ? (p.note ?? null) : undefined,
          CreationDate: full ? (p.creationDate ?? null) : undefined,
          ModificationDate: full ? (p.modificationDate ?? null) : undefined,
          guid: full ? `PERSON-${p.rowid}` : undefined,
        });
      }
    }
    const labelIds = new Map<string, number>();
    const keyIds = new Map<string, number>();
    const idOf = (table: string, ids: Map<string, number>, text: string): number => {
      const known = ids.get(text);
      if (known !== undefined) return known;
      const id = ids.size + 1;
      insertRow(db, table, { ROWID: id, value: text });
      ids.set(text, id);
      return id;
    };
    for (const v of spec.values ?? []) {
      const label = v.label === undefined || v.label === null ? null : full ? idOf('ABMultiValueLabel', labelIds, v.label) : v.label;
      insertRow(db, 'ABMultiValue', {
        UID: v.uid,
        record_id: v.recordId,
        property: v.property,
        identifier: 0,
        label,
        value: v.value ?? null,
        guid: full ? `VALUE-${v.uid}` : undefined,
      });
      if (!full) continue;
      for (const [key, value] of Object.entries(v.entries ?? {})) {
        insertRow(db, 'ABMultiValueEntry', { parent_id: v.uid, key: idOf('ABMultiValueEntryKey', keyIds, key), value });
      }
    }
  });
}
