import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildCalendarDb, type CalendarDbSpec } from '../../../test/builders/ios/calendar-db.js';
import { calendarExtractor } from './calendar.js';
import { calendarRules } from '../../detection/rules/calendar.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import { IndicatorIndex } from '../../indicators/indicator-index.js';
import type { ArtifactRecord } from '../types.js';

const PATH = 'HomeDomain/Library/Calendar/Calendar.sqlitedb';

function backup(content: Buffer | string) {
  return { files: [{ domain: 'HomeDomain', relativePath: 'Library/Calendar/Calendar.sqlitedb', content }] };
}

const CALENDAR: CalendarDbSpec = {
  calendars: [
    { rowid: 1, title: 'Home' },
    { rowid: 2, title: 'Invitations' },
  ],
  locations: [{ rowid: 1, title: 'Café, see https://cnn.gr/' }],
  items: [
    // MVT's fixture event.
    { rowid: 1, summary: 'Super interesting meeting', description: null, startDate: 700_000_000, endDate: 700_003_600, creationDate: 699_999_000, organizerId: 1 },
    // QuaDream ENDOFDAYS (artifacts.md §5.4): "Meeting"/"Notes", back-dated; organizer a Triangulation account (§5.3).
    { rowid: 2, summary: 'Meeting', description: 'Notes', startDate: 650_000_000, endDate: 650_003_600, creationDate: 700_000_000, calendarId: 2, organizerId: 3 },
    // Near-misses of the heuristic.
    { rowid: 3, summary: 'Meeting', description: 'Notes ', startDate: 700_000_000 },
    { rowid: 4, summary: 'meeting', description: 'Notes', startDate: 700_000_000 },
    // A Pegasus domain in the event URL, a near-miss address and a benign link in the location.
    { rowid: 5, summary: 'Webinar', url: 'https://weather4free.com/event', locationId: 1, startDate: 700_000_060 },
    // Two attendees, one a Triangulation account in capitals.
    { rowid: 6, summary: 'Call', startDate: 700_000_120, lastModified: 700_000_180, allDay: true },
  ],
  participants: [
    { rowid: 1, email: 'user@example.org', lastModified: 699_999_000 },
    { rowid: 2, ownerId: 1, email: 'mailto:me@example.org', isSelf: true },
    { rowid: 3, email: 'mailto:travislong544@yahoo.com', comment: '' },
    { rowid: 4, ownerId: 5, email: 'Bergers.O79@gmail.com.evil', phone: '+41790000009' },
    { rowid: 5, ownerId: 6, email: 'colleague@example.org' },
    { rowid: 6, ownerId: 6, email: 'SASQUATCHDREAMS@OUTLOOK.COM' },
  ],
};

function byRowid(records: ArtifactRecord[], rowid: number): ArtifactRecord {
  const record = records.find((r) => r.fields['item_rowid'] === rowid);
  if (!record) throw new Error(`no item ${rowid}`);
  return record;
}

describe('calendar extractor', () => {
  it('reads every event with its organizer and attendees', async () => {
    const { records, issues } = await extractFromBackup(backup(buildCalendarDb(CALENDAR)), calendarExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['item_rowid'])).toEqual([1, 2, 3, 4, 5, 6]);
    const first = byRowid(records, 1);
    expect(first.artifact).toBe('calendar');
    expect(first.origin.path).toBe(PATH);
    expect(first.origin.stored).toBe('20/2041457d5fe04d39d0ab481178355df6781e6858');
    expect(first.origin.locator).toEqual({ kind: 'sqlite', table: 'CalendarItem', rowid: '1' });
    expect(first.times).toEqual([
      { at: '2023-03-08T20:10:00.000000Z', meaning: 'created' },
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'starts' },
      { at: '2023-03-08T21:26:40.000000Z', meaning: 'ends' },
      { at: '2023-03-08T20:10:00.000000Z', meaning: 'organizer modified' },
    ]);
    expect(first.fields).toEqual({
      item_rowid: 1,
      summary: 'Super interesting meeting',
      description: null,
      location: null,
      url: null,
      calendar_id: 1,
      calendar_title: 'Home',
      all_day: false,
      hidden: false,
      status: 0,
      invitation_status: 1,
      unique_identifier: 'EVENT-1@example.org',
      uuid: '00000000-0000-4000-8000-000000000001',
      external_id: '1.ics',
      external_mod_tag: null,
      action: null,
      created_by_id: -1,
      created_after_start_seconds: -1000,
      organizer_id: 1,
      organizer_email: 'user@example.org',
      organizer_phone: null,
      organizer_comment: null,
      organizer_uuid: 'PART-1',
      organizer_is_self: false,
      participant_count: 1,
      participant_emails: ['me@example.org'],
      participant_phones: [],
      links: [],
    });
    expect(byRowid(records, 2).fields).toMatchObject({
      summary: 'Meeting',
      description: 'Notes',
      calendar_title: 'Invitations',
      organizer_email: 'travislong544@yahoo.com',
      organizer_comment: '',
      created_after_start_seconds: 50_000_000,
      participant_count: 0,
      participant_emails: [],
    });
    expect(byRowid(records, 2).times.map((t) => t.meaning)).toEqual(['created', 'starts', 'ends']);
    expect(byRowid(records, 5).fields).toMatchObject({
      location: 'Café, see https://cnn.gr/',
      organizer_email: null,
      participant_emails: ['Bergers.O79@gmail.com.evil'],
      participant_phones: ['+41790000009'],
      links: ['https://weather4free.com/event', 'https://cnn.gr/'],
    });
    expect(byRowid(records, 6).fields).toMatchObject({
      all_day: true,
      participant_count: 2,
      participant_emails: ['colleague@example.org', 'SASQUATCHDREAMS@OUTLOOK.COM'],
    });
    expect(byRowid(records, 6).times).toEqual([
      { at: '2023-03-08T20:28:40.000000Z', meaning: 'starts' },
      { at: '2023-03-08T20:29:40.000000Z', meaning: 'modified' },
    ]);
  });

  it('reads the older schema without UUIDs, comments or actions', async () => {
    const { records, issues } = await extractFromBackup(backup(buildCalendarDb({ ...CALENDAR, variant: 'ios10' })), calendarExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(6);
    expect(byRowid(records, 2).fields).toMatchObject({ uuid: null, action: null, created_by_id: null, organizer_uuid: null, organizer_comment: null, organizer_email: 'travislong544@yahoo.com' });
  });

  it('reads events when Participant, Calendar and Location are missing', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE CalendarItem (ROWID INTEGER PRIMARY KEY, summary TEXT, description TEXT, start_date REAL, organizer_id INTEGER)');
      d.exec("INSERT INTO CalendarItem VALUES (1, 'Meeting', 'Notes', 650000000, 4)");
    });
    const { records, issues } = await extractFromBackup(backup(db), calendarExtractor);
    expect(issues).toEqual([]);
    expect(records[0]?.fields).toMatchObject({ summary: 'Meeting', description: 'Notes', organizer_id: 4, organizer_email: null, participant_emails: [], calendar_title: null });
  });

  it('reports an unknown layout and a corrupt file as issues', async () => {
    let result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE Event (ROWID INTEGER PRIMARY KEY)'))), calendarExtractor);
    expect(result).toEqual({ records: [], issues: [{ code: 'unsupported-schema', path: PATH, message: 'unsupported schema: no CalendarItem table (tables: Event)' }] });
    result = await extractFromBackup(backup(sqliteBytes((d) => d.exec('CREATE TABLE CalendarItem (ROWID INTEGER PRIMARY KEY, title TEXT)'))), calendarExtractor);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: PATH, message: 'unsupported schema: CalendarItem lacks summary, start_date (columns: ROWID, title)' },
    ]);
    result = await extractFromBackup(backup(buildCalendarDb(CALENDAR).subarray(0, 4096)), calendarExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', PATH]]);
  });
});

describe('calendar rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(calendarRules, await loadIndicatorSet({}));
  });

  it('flags indicator participants and links and the ENDOFDAYS pattern, and none of the near-misses', async () => {
    const { records } = await extractFromBackup(backup(buildCalendarDb(CALENDAR)), calendarExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['item_rowid'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.malware ?? null]),
    );
    expect(findings).toEqual([
      [2, 'ios.calendar.participant-email', 'critical', 'organizer_email', 'travislong544@yahoo.com', 'OperationTriangulation'],
      [2, 'ios.calendar.quadream-meeting-notes', 'high', 'summary', 'Meeting', null],
      [5, 'ios.calendar.link-indicator', 'critical', 'links', 'https://weather4free.com/event', 'Pegasus'],
      [6, 'ios.calendar.participant-email', 'critical', 'participant_emails', 'SASQUATCHDREAMS@OUTLOOK.COM', 'OperationTriangulation'],
    ]);
    const heuristic = detector.inspect(byRowid(records, 2)).find((f) => f.rule.id === 'ios.calendar.quadream-meeting-notes');
    expect(heuristic?.explanation).toBe(
      'The calendar event "Meeting" with the note "Notes" (organizer travislong544@yahoo.com, created 50000000 s after its start) has exactly the title and note of the invisible invitations QuaDream\'s ENDOFDAYS exploit sent to iPhones in 2021.',
    );
  });

  it('fires the ENDOFDAYS heuristic without any indicator loaded', () => {
    const bare = new Detector(calendarRules, new IndicatorIndex([], []));
    const record: ArtifactRecord = {
      artifact: 'calendar',
      times: [],
      fields: { summary: 'Meeting', description: 'Notes', organizer_email: null, participant_emails: [], links: [] },
      origin: { path: PATH, stored: 'x', sha256: 'y', locator: { kind: 'sqlite', table: 'CalendarItem', rowid: '1' } },
    };
    expect(bare.inspect(record).map((f) => f.rule.id)).toEqual(['ios.calendar.quadream-meeting-notes']);
  });
});
