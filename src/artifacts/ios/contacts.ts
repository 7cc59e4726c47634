/**
 * The address book (AddressBook.sqlitedb): one record per phone number, e-mail address,
 * URL, postal address … of each contact (ABMultiValue), with the person's name. MVT keeps
 * these for reference only; Exhibit also offers e-mail values to the e-mail indicator
 * check, because the published Pegasus and Triangulation indicators are the attackers'
 * iMessage accounts, and such an account saved in the address book is worth a look.
 */
import type { FileDigest } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { jsonInteger, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { macTime, selectColumn, tablesSeen } from './sql-select.js';

export const CONTACTS_ARTIFACT = 'contacts';
export const CONTACTS_PATHS = ['HomeDomain/Library/AddressBook/AddressBook.sqlitedb'] as const;
export const CONTACTS_FS_PATHS = [`${MOBILE_HOME}/Library/AddressBook/AddressBook.sqlitedb`] as const;
export const CONTACTS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': CONTACTS_PATHS, 'ios-fs': CONTACTS_FS_PATHS };

/** ABMultiValue.property codes of the AddressBook framework. */
const PROPERTY_NAMES: Record<number, string> = {
  3: 'phone',
  4: 'email',
  5: 'address',
  12: 'date',
  13: 'instant message',
  22: 'url',
  23: 'related name',
  46: 'social profile',
};

const PERSON_COLUMNS = [
  ['First', 'first'],
  ['Middle', 'middle'],
  ['Last', 'last'],
  ['Nickname', 'nickname'],
  ['Organization', 'organization'],
  ['JobTitle', 'job_title'],
  ['Note', 'note'],
  ['guid', 'person_guid'],
  ['CreationDate', 'created'],
  ['ModificationDate', 'modified'],
] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `_$!<Mobile>!$_` is how the framework stores its built-in labels. */
function cleanLabel(label: string | null): string | null {
  if (label === null) return null;
  const builtIn = /^_\$!<(.*)>!\$_$/.exec(label);
  return builtIn ? (builtIn[1] ?? label) : label;
}

/** Records of one AddressBook.sqlitedb, one per multi-value (phone, e-mail, URL …). */
export function* readContacts(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const values = findTable(db, 'ABMultiValue');
  if (!values) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no ABMultiValue table (tables: ${tablesSeen(db)})`);
  const valueColumns = columnSet(db, values);
  const missing = ['UID', 'record_id', 'property', 'value'].filter((column) => !valueColumns.has(column.toLowerCase()));
  if (missing.length > 0) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: ABMultiValue lacks ${missing.join(', ')} (columns: ${db.columns(values).join(', ')})`,
    );
  }
  const select = ['v."UID" AS "uid"', 'v."record_id" AS "record_id"', 'v."property" AS "property"', 'v."value" AS "value"'];
  select.push(selectColumn('v', valueColumns, 'identifier', 'identifier'), selectColumn('v', valueColumns, 'guid', 'value_guid'));
  const joins: string[] = [];

  // A multi-value whose person row is gone is still listed: a LEFT JOIN, never an inner one.
  const person = findTable(db, 'ABPerson');
  const personColumns = person ? columnSet(db, person) : new Set<string>();
  const joinPerson = person !== undefined && personColumns.has('rowid');
  if (joinPerson) joins.push(`LEFT JOIN ${quoteIdent(person)} AS p ON p.ROWID = v."record_id"`);
  for (const [column, as] of PERSON_COLUMNS) select.push(joinPerson ? selectColumn('p', personColumns, column, as) : `NULL AS ${quoteIdent(as)}`);

  // Labels are integers pointing at ABMultiValueLabel on every iOS this reads.
  const labels = findTable(db, 'ABMultiValueLabel');
  if (labels && valueColumns.has('label') && columnSet(db, labels).has('value')) {
    joins.push(`LEFT JOIN ${quoteIdent(labels)} AS l ON l.ROWID = v."label"`);
    select.push('l."value" AS "label"');
  } else {
    select.push(valueColumns.has('label') ? 'v."label" AS "label"' : 'NULL AS "label"');
  }

  // Postal addresses keep their parts in ABMultiValueEntry, not in ABMultiValue.value.
  const entries = findTable(db, 'ABMultiValueEntry');
  const entryKeys = findTable(db, 'ABMultiValueEntryKey');
  if (entries && entryKeys && ['parent_id', 'key', 'value'].every((c) => columnSet(db, entries).has(c)) && columnSet(db, entryKeys).has('value')) {
    joins.push(
      `LEFT JOIN (SELECT e."parent_id" AS parent, group_concat(COALESCE(k."value", e."key") || ': ' || e."value", '; ') AS parts ` +
        `FROM (SELECT * FROM ${quoteIdent(entries)} ORDER BY "parent_id", "key", ROWID) AS e ` +
        `LEFT JOIN ${quoteIdent(entryKeys)} AS k ON k.ROWID = e."key" GROUP BY e."parent_id") AS en ON en.parent = v."UID"`,
    );
    select.push('en.parts AS "entries"');
  } else {
    select.push('NULL AS "entries"');
  }

  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(values)} AS v ${joins.join(' ')} ORDER BY v."UID"`;
  for (const row of db.iterate(sql)) {
    const property = sqlNumber(row['property']);
    const value = sqlText(row['value']);
    const candidate = value?.replace(/^mailto:/i, '').trim() ?? null;
    const first = sqlText(row['first']);
    const middle = sqlText(row['middle']);
    const last = sqlText(row['last']);
    const organization = sqlText(row['organization']);
    const name = [first, middle, last].filter((part): part is string => part !== null && part !== '').join(' ');
    const uid = jsonInteger(row['uid']);
    const fields = {
      multivalue_uid: uid,
      person_rowid: jsonInteger(row['record_id']),
      display_name: name !== '' ? name : organization,
      first_name: first,
      middle_name: middle,
      last_name: last,
      nickname: sqlText(row['nickname']),
      organization,
      job_title: sqlText(row['job_title']),
      note: sqlText(row['note']),
      person_guid: sqlText(row['person_guid']),
      property,
      property_name: property === null ? null : (PROPERTY_NAMES[property] ?? null),
      label: cleanLabel(sqlText(row['label'])),
      value,
      entries: sqlText(row['entries']),
      email: candidate !== null && EMAIL.test(candidate) ? candidate : null,
      value_guid: sqlText(row['value_guid']),
    };
    yield makeRecord(CONTACTS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: values, rowid: String(uid) }), [
      { at: macTime(row['created']), meaning: 'contact created' },
      { at: macTime(row['modified']), meaning: 'contact modified' },
    ]);
  }
}

export const contactsExtractor: Extractor = {
  id: CONTACTS_ARTIFACT,
  title: 'Contacts (address book)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CONTACTS_PATHS_BY_KIND,
  extract(source, context) {
    return eachDatabase(source, filesWithContent(source, pathsFor(CONTACTS_PATHS_BY_KIND, source), context), context, readContacts);
  },
};
