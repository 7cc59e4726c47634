/**
 * Writes Calendar.sqlitedb (reference/artifacts.md §2.3.15): CalendarItem with the full
 * column set, Participant (organizer and attendees), Calendar and Location. Dates are raw
 * Mac-absolute seconds.
 * - `ios14`: the recent column set (UUID, created_by_id, action, conference columns …).
 * - `ios10`: an older CalendarItem and Participant without those columns.
 */
import { sqliteBytes } from '../ios-backup.js';
import { insertRow } from './sql-insert.js';

export type CalendarVariant = 'ios14' | 'ios10';

export interface CalParticipantSpec {
  rowid: number;
  /** The event this attendee belongs to; the organizer row usually has none. */
  ownerId?: number | null;
  email?: string | null;
  phone?: string | null;
  comment?: string | null;
  isSelf?: boolean;
  lastModified?: number | null;
}

export interface CalItemSpec {
  rowid: number;
  summary?: string | null;
  description?: string | null;
  startDate?: number | null;
  endDate?: number | null;
  creationDate?: number | null;
  lastModified?: number | null;
  allDay?: boolean;
  calendarId?: number;
  organizerId?: number | null;
  locationId?: number | null;
  url?: string | null;
  hidden?: boolean;
  uniqueIdentifier?: string;
}

export interface CalendarDbSpec {
  variant?: CalendarVariant;
  calendars?: { rowid: number; title: string }[];
  locations?: { rowid: number; title: string }[];
  items?: CalItemSpec[];
  participants?: CalParticipantSpec[];
}

function itemTable(variant: CalendarVariant): string {
  const recent =
    variant === 'ios14'
      ? `, UUID TEXT, created_by_id INTEGER, modified_by_id INTEGER, shared_item_created_date REAL, shared_item_created_tz TEXT,
  shared_item_modified_date REAL, shared_item_modified_tz TEXT, invitation_changed_properties INTEGER,
  default_alarm_removed INTEGER, phantom_master INTEGER, participation_status_modified_date REAL, calendar_scale TEXT,
  travel_time REAL, travel_advisory_behavior INTEGER, start_location_id INTEGER, allday_notification_date REAL,
  suppress_notifications INTEGER, action TEXT, app_link_id INTEGER, junk_status INTEGER, disallow_proposals INTEGER,
  conference_url TEXT, conference_url_detected TEXT, conference TEXT, display_order INTEGER`
      : '';
  return `CREATE TABLE CalendarItem (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, summary TEXT, location_id INTEGER,
  description TEXT, start_date REAL, start_tz TEXT, end_date REAL, all_day INTEGER, calendar_id INTEGER,
  orig_item_id INTEGER, orig_date REAL, organizer_id INTEGER, self_attendee_id INTEGER, status INTEGER,
  invitation_status INTEGER, availability INTEGER, privacy_level INTEGER, url TEXT, last_modified REAL,
  sequence_num INTEGER, birthday_id INTEGER, modified_properties INTEGER, external_tracking_status INTEGER,
  external_id TEXT, external_mod_tag TEXT, unique_identifier TEXT, external_schedule_id TEXT, external_rep BLOB,
  response_comment TEXT, hidden INTEGER, has_recurrences INTEGER, has_attendees INTEGER, entity_type INTEGER,
  priority INTEGER, due_date REAL, due_tz TEXT, due_all_day INTEGER, completion_date REAL, creation_date REAL${recent})`;
}

function participantTable(variant: CalendarVariant): string {
  const recent = variant === 'ios14' ? ', UUID TEXT, comment TEXT, proposed_start_date REAL, scheduling_force_send INTEGER' : '';
  return `CREATE TABLE Participant (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, entity_type INTEGER, type INTEGER, status INTEGER,
  pending_status INTEGER, role INTEGER, identity_id INTEGER, owner_id INTEGER, external_rep BLOB, email TEXT,
  phone_number TEXT, is_self INTEGER, flags INTEGER, import_status INTEGER, last_modified REAL${recent})`;
}

const CALENDAR = `CREATE TABLE Calendar (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, store_id INTEGER, title TEXT, flags INTEGER,
  color TEXT, symbolic_color_name TEXT, external_id TEXT, external_mod_tag TEXT, external_id_tag TEXT, external_rep BLOB,
  display_order INTEGER, UUID TEXT, shared_owner_name TEXT, shared_owner_address TEXT, sharing_status INTEGER)`;

const LOCATION = `CREATE TABLE Location (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT, address TEXT, latitude REAL,
  longitude REAL, reference_frame INTEGER, radius REAL, routing TEXT, map_kit_handle BLOB, item_owner_id INTEGER)`;

export function buildCalendarDb(spec: CalendarDbSpec): Buffer {
  const variant = spec.variant ?? 'ios14';
  const recent = variant === 'ios14';
  return sqliteBytes((db) => {
    db.exec([itemTable(variant), participantTable(variant), CALENDAR, LOCATION].join(';\n'));
    for (const c of spec.calendars ?? []) insertRow(db, 'Calendar', { ROWID: c.rowid, store_id: 1, title: c.title, UUID: `CAL-${c.rowid}` });
    for (const l of spec.locations ?? []) insertRow(db, 'Location', { ROWID: l.rowid, title: l.title });
    for (const i of spec.items ?? []) {
      insertRow(db, 'CalendarItem', {
        ROWID: i.rowid,
        summary: i.summary ?? null,
        description: i.description ?? null,
        start_date: i.startDate ?? null,
        end_date: i.endDate ?? null,
        creation_date: i.creationDate ?? null,
        last_modified: i.lastModified ?? null,
        all_day: i.allDay ?? false,
        calendar_id: i.calendarId ?? 1,
        organizer_id: i.organizerId ?? null,
        location_id: i.locationId ?? null,
        url: i.url ?? null,
        hidden: i.hidden ?? false,
        status: 0,
        invitation_status: i.organizerId ? 1 : 0,
        unique_identifier: i.uniqueIdentifier ?? `EVENT-${i.rowid}@example.org`,
        external_id: `${i.rowid}.ics`,
        entity_type: 2,
        UUID: recent ? `00000000-0000-4000-8000-${String(i.rowid).padStart(12, '0')}` : undefined,
        created_by_id: recent ? -1 : undefined,
        action: recent ? null : undefined,
      });
    }
    for (const p of spec.participants ?? []) {
      insertRow(db, 'Participant', {
        ROWID: p.rowid,
        entity_type: p.ownerId ? 7 : 8,
        owner_id: p.ownerId ?? null,
        email: p.email ?? null,
        phone_number: p.phone ?? null,
        is_self: p.isSelf ?? false,
        last_modified: p.lastModified ?? null,
        comment: recent ? (p.comment ?? null) : undefined,
        UUID: recent ? `PART-${p.rowid}` : undefined,
      });
    }
  });
}
