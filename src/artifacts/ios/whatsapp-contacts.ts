/**
 * WhatsApp's address book (ContactsV2.sqlite, ZWAADDRESSBOOKCONTACT): who the user's
 * WhatsApp contacts are, the LID beside each phone number, their "About" text, and the
 * per-contact disappearing-messages timer, which ChatStorage.sqlite does not record for
 * one-to-one chats. WhatsApp renames and adds columns between versions, so the columns
 * read are chosen from the table's own column list.
 */
import type { FileDigest } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { jsonInteger, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { extractUrls } from '../../formats/urls.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { distinct, macTime, tablesSeen } from './sql-select.js';
import { whatsappFilePaths } from './whatsapp-lid.js';

export const WHATSAPP_CONTACTS_ARTIFACT = 'whatsapp_contacts';
export const WHATSAPP_CONTACTS_PATHS_BY_KIND = whatsappFilePaths(['ContactsV2.sqlite']);
export const WHATSAPP_CONTACTS_PATHS = WHATSAPP_CONTACTS_PATHS_BY_KIND['ios-backup'];
export const WHATSAPP_CONTACTS_FS_PATHS = WHATSAPP_CONTACTS_PATHS_BY_KIND['ios-fs'];

type Kind = 'text' | 'number' | 'time';

/** Record field → candidate columns (first present wins) and how the value is read. */
const FIELDS: readonly (readonly [string, readonly string[], Kind])[] = [
  ['whatsapp_id', ['ZWHATSAPPID'], 'text'],
  ['lid', ['ZLID'], 'text'],
  ['phone_number', ['ZPHONENUMBER'], 'text'],
  ['localized_phone_number', ['ZLOCALIZEDPHONENUMBER'], 'text'],
  ['full_name', ['ZFULLNAME'], 'text'],
  ['given_name', ['ZGIVENNAME'], 'text'],
  ['last_name', ['ZLASTNAME'], 'text'],
  ['user_name', ['ZUSERNAME'], 'text'],
  ['business_name', ['ZBUSINESSNAME'], 'text'],
  ['about_text', ['ZABOUTTEXT'], 'text'],
  ['about_emoji', ['ZABOUTEMOJI'], 'text'],
  ['notes', ['ZNOTES'], 'text'],
  ['disappearing_mode_duration', ['ZDISAPPEARINGMODEDURATION'], 'number'],
  ['phone_status', ['ZPHONESTATUS', 'ZPHONENUMBERSTATUS'], 'number'],
  ['sync_policy', ['ZSYNCPOLICY'], 'number'],
  ['last_updated', ['ZLASTUPDATED'], 'time'],
  ['about_timestamp', ['ZABOUTTIMESTAMP'], 'time'],
  ['disappearing_mode_timestamp', ['ZDISAPPEARINGMODETIMESTAMP'], 'time'],
  ['about_expiration_timestamp', ['ZABOUTEXPIRATIONTIMESTAMP'], 'time'],
];

const TIME_MEANINGS: Record<string, string> = {
  last_updated: 'contact updated',
  about_timestamp: 'about text changed',
  disappearing_mode_timestamp: 'disappearing messages set',
  about_expiration_timestamp: 'about text expires',
};

/** WhatsApp's standard disappearing-message timers, in seconds. */
const DURATION_LABELS: Record<number, string> = {
  86_400: '24 hours',
  604_800: '7 days',
  1_209_600: '14 days',
  2_592_000: '30 days',
  7_776_000: '90 days',
};

function durationLabel(seconds: number | null): string {
  if (!seconds) return 'off';
  return DURATION_LABELS[seconds] ?? `${seconds} seconds`;
}

/** Records of one ContactsV2.sqlite, one per address-book contact. */
export function* readWhatsAppContacts(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const table = findTable(db, 'ZWAADDRESSBOOKCONTACT');
  if (!table) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no ZWAADDRESSBOOKCONTACT table (tables: ${tablesSeen(db)})`);
  }
  const columns = columnSet(db, table);
  const identity = ['zwhatsappid', 'zlid', 'zphonenumber'].some((column) => columns.has(column));
  if (!columns.has('z_pk') || !identity) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: ZWAADDRESSBOOKCONTACT has no Z_PK or no identity column (columns: ${db.columns(table).join(', ')})`,
    );
  }
  const chosen = FIELDS.map(([field, candidates, kind]) => ({ field, kind, column: candidates.find((c) => columns.has(c.toLowerCase())) ?? null }));
  const select = ['c."Z_PK" AS "pk"', ...chosen.map(({ field, column }) => (column ? `c.${quoteIdent(column)} AS ${quoteIdent(field)}` : `NULL AS ${quoteIdent(field)}`))];
  // Without the duration column the timer state is unknown, not "off".
  const hasDuration = columns.has('zdisappearingmodeduration');

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${quoteIdent(table)} AS c ORDER BY c."Z_PK"`)) {
    const pk = jsonInteger(row['pk']);
    const fields: RecordFields = { row_pk: pk };
    const times: { at: string | null; meaning: string }[] = [];
    for (const { field, kind } of chosen) {
      // Some WhatsApp versions store strings as UTF-8 blobs; sqlText decodes both.
      if (kind === 'text') fields[field] = sqlText(row[field]);
      else if (kind === 'number') fields[field] = sqlNumber(row[field]);
      else {
        const at = macTime(row[field]);
        fields[field] = at;
        times.push({ at, meaning: TIME_MEANINGS[field] ?? field });
      }
    }
    const duration = sqlNumber(row['disappearing_mode_duration']);
    fields['disappearing_mode_is_on'] = hasDuration ? Boolean(duration) : null;
    fields['disappearing_mode_label'] = hasDuration ? durationLabel(duration) : null;
    // The About text is written by the contact, not the user: a link there is the contact's.
    fields['links'] = distinct([...extractUrls(sqlText(row['about_text'])), ...extractUrls(sqlText(row['notes']))]);
    yield makeRecord(WHATSAPP_CONTACTS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(pk) }), times);
  }
}

export const whatsappContactsExtractor: Extractor = {
  id: WHATSAPP_CONTACTS_ARTIFACT,
  title: 'WhatsApp contacts',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: WHATSAPP_CONTACTS_PATHS_BY_KIND,
  extract(source, context) {
    return eachDatabase(source, filesWithContent(source, pathsFor(WHATSAPP_CONTACTS_PATHS_BY_KIND, source), context), context, readWhatsAppContacts);
  },
};
