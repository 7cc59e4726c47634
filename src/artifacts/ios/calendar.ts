/**
 * Calendar events (Calendar.sqlitedb): one record per CalendarItem with its organizer and
 * every participant. QuaDream's ENDOFDAYS exploit arrived as invisible, back-dated iCloud
 * calendar invitations, which left events titled "Meeting" with the note "Notes"
 * (Citizen Lab, Microsoft, April 2023); the invitations come from an organizer address, so
 * participant e-mail addresses are checked too, and links in the event are extracted.
 */
import type { FileDigest } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { jsonInteger, sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { extractUrls } from '../../formats/urls.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { distinct, macTime, selectColumn, tablesSeen } from './sql-select.js';

export const CALENDAR_ARTIFACT = 'calendar';
export const CALENDAR_PATHS = ['HomeDomain/Library/Calendar/Calendar.sqlitedb'] as const;
export const CALENDAR_FS_PATHS = [`${MOBILE_HOME}/Library/Calendar/Calendar.sqlitedb`] as const;
export const CALENDAR_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': CALENDAR_PATHS, 'ios-fs': CALENDAR_FS_PATHS };

const ITEM_COLUMNS = [
  ['description', 'description'],
  ['start_date', 'start_date'],
  ['end_date', 'end_date'],
  ['creation_date', 'creation_date'],
  ['last_modified', 'last_modified'],
  ['all_day', 'all_day'],
  ['calendar_id', 'calendar_id'],
  ['organizer_id', 'organizer_id'],
  ['location_id', 'location_id'],
  ['url', 'url'],
  ['external_id', 'external_id'],
  ['external_mod_tag', 'external_mod_tag'],
  ['unique_identifier', 'unique_identifier'],
  ['UUID', 'uuid'],
  ['hidden', 'hidden'],
  ['action', 'action'],
  ['created_by_id', 'created_by_id'],
  ['status', 'status'],
  ['invitation_status', 'invitation_status'],
] as const;

const PARTICIPANT_COLUMNS = [
  ['ROWID', 'rowid'],
  ['email', 'email'],
  ['phone_number', 'phone'],
  ['comment', 'comment'],
  ['UUID', 'uuid'],
  ['is_self', 'is_self'],
  ['status', 'status'],
  ['last_modified', 'last_modified'],
] as const;

function bareEmail(value: string | null): string | null {
  if (value === null) return null;
  const email = value.replace(/^mailto:/i, '').trim();
  return email === '' ? null : email;
}

interface Folded {
  row: SqlRow;
  participants: Map<string, SqlRow>;
}

function itemRecord(folded: Folded, table: string, digest: FileDigest): ArtifactRecord {
  const { row } = folded;
  const participants = [...folded.participants.values()];
  const summary = sqlText(row['summary']);
  const description = sqlText(row['description']);
  const url = sqlText(row['url']);
  const location = sqlText(row['location']);
  const start = sqlNumber(row['start_date']);
  const created = sqlNumber(row['creation_date']);
  const rowid = jsonInteger(row['item_rowid']);
  const fields = {
    item_rowid: rowid,
    summary,
    description,
    location,
    url,
    calendar_id: jsonInteger(row['calendar_id']),
    calendar_title: sqlText(row['calendar_title']),
    all_day: sqlBoolean(row['all_day']),
    hidden: sqlBoolean(row['hidden']),
    status: sqlNumber(row['status']),
    invitation_status: sqlNumber(row['invitation_status']),
    unique_identifier: sqlText(row['unique_identifier']),
    uuid: sqlText(row['uuid']),
    external_id: sqlText(row['external_id']),
    external_mod_tag: sqlText(row['external_mod_tag']),
    action: sqlText(row['action']),
    created_by_id: jsonInteger(row['created_by_id']),
    // Positive when the event was written after the time it claims to start (ENDOFDAYS's
    // invitations were back-dated so that they raised no notification).
    created_after_start_seconds: start !== null && created !== null && start !== 0 && created !== 0 ? Math.round((created - start) * 1e6) / 1e6 : null,
    organizer_id: jsonInteger(row['organizer_id']),
    organizer_email: bareEmail(sqlText(row['o_email'])),
    organizer_phone: sqlText(row['o_phone']),
    organizer_comment: sqlText(row['o_comment']),
    organizer_uuid: sqlText(row['o_uuid']),
    organizer_is_self: sqlBoolean(row['o_is_self']),
    participant_count: participants.length,
    participant_emails: distinct(participants.map((p) => bareEmail(sqlText(p['p_email'])))),
    participant_phones: distinct(participants.map((p) => sqlText(p['p_phone']))),
    links: distinct([url, summary, description, location].flatMap((text) => extractUrls(text))),
  };
  return makeRecord(CALENDAR_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(rowid) }), [
    { at: macTime(row['creation_date']), meaning: 'created' },
    { at: macTime(row['start_date']), meaning: 'starts' },
    { at: macTime(row['end_date']), meaning: 'ends' },
    { at: macTime(row['last_modified']), meaning: 'modified' },
    { at: macTime(row['o_last_modified']), meaning: 'organizer modified' },
  ]);
}

/** Records of one Calendar.sqlitedb, one per calendar item, participants folded in. */
export function* readCalendar(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const items = findTable(db, 'CalendarItem');
  if (!items) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no CalendarItem table (tables: ${tablesSeen(db)})`);
  const columns = columnSet(db, items);
  const missing = ['summary', 'start_date'].filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: CalendarItem lacks ${missing.join(', ')} (columns: ${db.columns(items).join(', ')})`,
    );
  }
  const select = ['ci.ROWID AS "item_rowid"', 'ci."summary" AS "summary"'];
  for (const [column, as] of ITEM_COLUMNS) select.push(selectColumn('ci', columns, column, as));
  const joins: string[] = [];
  const order = ['ci.ROWID'];

  const participant = findTable(db, 'Participant');
  const participantColumns = participant ? columnSet(db, participant) : new Set<string>();
  const organizer = participant !== undefined && columns.has('organizer_id');
  if (organizer) joins.push(`LEFT JOIN ${quoteIdent(participant)} AS o ON o.ROWID = ci."organizer_id"`);
  for (const [column, as] of PARTICIPANT_COLUMNS) select.push(organizer ? selectColumn('o', participantColumns, column, `o_${as}`) : `NULL AS ${quoteIdent(`o_${as}`)}`);
  // Attendees point at their event with owner_id; the organizer row usually does not.
  const attendees = participant !== undefined && participantColumns.has('owner_id');
  if (attendees) {
    joins.push(`LEFT JOIN ${quoteIdent(participant)} AS p ON p."owner_id" = ci.ROWID`);
    order.push('p.ROWID');
  }
  for (const [column, as] of PARTICIPANT_COLUMNS) select.push(attendees ? selectColumn('p', participantColumns, column, `p_${as}`) : `NULL AS ${quoteIdent(`p_${as}`)}`);

  const calendar = findTable(db, 'Calendar');
  if (calendar && columns.has('calendar_id') && columnSet(db, calendar).has('title')) {
    joins.push(`LEFT JOIN ${quoteIdent(calendar)} AS c ON c.ROWID = ci."calendar_id"`);
    select.push('c."title" AS "calendar_title"');
  } else {
    select.push('NULL AS "calendar_title"');
  }
  const location = findTable(db, 'Location');
  if (location && columns.has('location_id') && columnSet(db, location).has('title')) {
    joins.push(`LEFT JOIN ${quoteIdent(location)} AS l ON l.ROWID = ci."location_id"`);
    select.push('l."title" AS "location"');
  } else {
    select.push('NULL AS "location"');
  }

  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(items)} AS ci ${joins.join(' ')} ORDER BY ${order.join(', ')}`;
  let current: Folded | null = null;
  for (const row of db.iterate(sql)) {
    const rowid = sqlText(row['item_rowid']);
    if (current && sqlText(current.row['item_rowid']) !== rowid) {
      yield itemRecord(current, items, digest);
      current = null;
    }
    if (!current) current = { row, participants: new Map() };
    const attendee = sqlText(row['p_rowid']);
    if (attendee !== null) current.participants.set(attendee, row);
  }
  if (current) yield itemRecord(current, items, digest);
}

export const calendarExtractor: Extractor = {
  id: CALENDAR_ARTIFACT,
  title: 'Calendar events',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CALENDAR_PATHS_BY_KIND,
  extract(source, context) {
    return eachDatabase(source, filesWithContent(source, pathsFor(CALENDAR_PATHS_BY_KIND, source), context), context, readCalendar);
  },
};
