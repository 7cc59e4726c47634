/**
 * End-to-end: the real CLI on a backup holding WhatsApp, its contacts, interactionC, call
 * history, the address book and the calendar, with real indicator values planted beside
 * near-misses. Every finding is stated exactly; the near-misses must stay silent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIosBackup, type BackupFileSpec } from '../builders/ios-backup.js';
import { buildChatStorageDb, buildContactsV2Db, buildLidDb } from '../builders/ios/whatsapp-db.js';
import { buildInteractionCDb } from '../builders/ios/interactionc-db.js';
import { buildCallHistoryDb } from '../builders/ios/call-history-db.js';
import { buildAddressBookDb } from '../builders/ios/address-book-db.js';
import { buildCalendarDb } from '../builders/ios/calendar-db.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();
const WA = 'AppDomainGroup-group.net.whatsapp.WhatsApp.shared';
const NEAR_MISS_EMAIL = 'Bergers.O79@gmail.com.evil';

/** Each artifact with one trace (unless `clean`) and its near-misses. */
function files(clean: boolean): BackupFileSpec[] {
  return [
    {
      domain: WA,
      relativePath: 'ChatStorage.sqlite',
      content: buildChatStorageDb({
        sessions: [{ pk: 1, contactJid: '987654321012345@lid', partnerName: 'Unknown', lastMessageDate: 700_000_300 }],
        messages: [
          ...(clean ? [] : [{ pk: 1, chatSession: 1, fromJid: '987654321012345@lid', text: 'Breaking: https://cnn.gr.com/article/42', date: 700_000_000 }]),
          { pk: 2, chatSession: 1, isFromMe: true, text: 'the real one is https://cnn.gr/article/42', date: 700_000_060 },
          { pk: 3, chatSession: 1, fromJid: '987654321012345@lid', text: null, date: 700_000_120 },
        ],
        mediaItems: [{ pk: 1, message: 3, mediaUrl: 'https://mmg.whatsapp.net/v/t62/abc.enc' }],
      }),
    },
    { domain: WA, relativePath: 'LID.sqlite', content: buildLidDb([{ pk: 1, lid: '987654321012345', phoneNumber: '41795550199', timestamp: 699_999_000 }]) },
    {
      domain: WA,
      relativePath: 'ContactsV2.sqlite',
      content: buildContactsV2Db([
        { pk: 1, whatsappId: '41795550199@s.whatsapp.net', lid: '987654321012345@lid', fullName: 'Unknown', aboutText: clean ? 'Hello' : 'Updates: https://playestore.net/x' },
        { pk: 2, whatsappId: '41790000002@s.whatsapp.net', fullName: 'Bob', aboutText: 'https://notfree247downloads.com/' },
      ]),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/CoreDuet/People/interactionC.db',
      content: buildInteractionCDb({
        contacts: [
          { pk: 1, identifier: clean ? 'friend@example.org' : 'bergers.o79@gmail.com' },
          { pk: 2, identifier: NEAR_MISS_EMAIL },
          { pk: 3, identifier: '987654321012345@lid' },
        ],
        interactions: [
          { pk: 1, sender: 1, bundleId: 'com.apple.MobileSMS', direction: 0, startDate: 700_000_000, recipients: [] },
          { pk: 2, sender: 2, bundleId: 'com.apple.MobileSMS', direction: 0, startDate: 700_000_060 },
          { pk: 3, bundleId: 'net.whatsapp.WhatsApp', direction: 1, startDate: 700_000_120, recipients: [3] },
        ],
      }),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/CallHistoryDB/CallHistory.storedata',
      content: buildCallHistoryDb([
        { pk: 1, address: '+41791234567', date: 700_000_000, duration: 60 },
        { pk: 2, address: clean ? 'friend@example.org' : 'linakeller2203@gmail.com', date: 700_000_060, callType: 16, serviceProvider: 'com.apple.FaceTime' },
        { pk: 3, address: NEAR_MISS_EMAIL, date: 700_000_120, callType: 8, serviceProvider: 'com.apple.FaceTime' },
      ]),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/AddressBook/AddressBook.sqlitedb',
      content: buildAddressBookDb({
        persons: [{ rowid: 1, first: 'Lisa', last: 'Bogaard' }],
        values: [
          { uid: 1, recordId: 1, property: 4, label: '_$!<Home>!$_', value: clean ? 'lisa@example.org' : 'bogaardlisa803@gmail.com' },
          { uid: 2, recordId: 1, property: 4, label: 'old', value: NEAR_MISS_EMAIL },
        ],
      }),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Calendar/Calendar.sqlitedb',
      content: buildCalendarDb({
        calendars: [{ rowid: 1, title: 'Calendar' }],
        items: [
          clean
            ? { rowid: 1, summary: 'Meeting', description: 'Agenda', startDate: 650_000_000, organizerId: 1 }
            : { rowid: 1, summary: 'Meeting', description: 'Notes', startDate: 650_000_000, creationDate: 700_000_000, organizerId: 1 },
          { rowid: 2, summary: 'Meeting', description: 'Notes ', startDate: 700_000_000 },
        ],
        participants: [
          { rowid: 1, email: clean ? 'mailto:boss@example.org' : 'mailto:travislong544@yahoo.com' },
          { rowid: 2, ownerId: 2, email: NEAR_MISS_EMAIL },
        ],
      }),
    },
  ];
}

interface FindingsFile {
  summary: Record<string, number>;
  findings: {
    rule: { id: string };
    artifact: string;
    severity: string;
    matched: { field: string; value: string };
    indicator?: { malware: string | null };
    records: { origin: { path: string; locator: unknown } }[];
  }[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const EXPECTED: [string, string, string, string, string | null, unknown][] = [
  ['ios.calendar.participant-email', 'critical', 'organizer_email', 'travislong544@yahoo.com', 'OperationTriangulation', { kind: 'sqlite', table: 'CalendarItem', rowid: '1' }],
  ['ios.calls.email-indicator', 'critical', 'email', 'linakeller2203@gmail.com', 'Pegasus', { kind: 'sqlite', table: 'ZCALLRECORD', rowid: '2' }],
  ['ios.interaction_c.email-indicator', 'critical', 'emails', 'bergers.o79@gmail.com', 'Pegasus', { kind: 'sqlite', table: 'ZINTERACTIONS', rowid: '1' }],
  ['ios.whatsapp.link-indicator', 'critical', 'links', 'https://cnn.gr.com/article/42', 'Predator', { kind: 'sqlite', table: 'ZWAMESSAGE', rowid: '1' }],
  ['ios.calendar.quadream-meeting-notes', 'high', 'summary', 'Meeting', null, { kind: 'sqlite', table: 'CalendarItem', rowid: '1' }],
  ['ios.contacts.email-indicator', 'high', 'email', 'bogaardlisa803@gmail.com', 'Pegasus', { kind: 'sqlite', table: 'ABMultiValue', rowid: '1' }],
  ['ios.whatsapp_contacts.link-indicator', 'medium', 'links', 'https://playestore.net/x', 'Predator', { kind: 'sqlite', table: 'ZWAADDRESSBOOKCONTACT', rowid: '1' }],
];

describe('exhibit check on a backup with WhatsApp, calls, contacts, calendar and interactionC', () => {
  it('finds exactly the planted traces, with their origins, and none of the near-misses', () => {
    const backup = buildIosBackup(newDir(), { files: files(false) });
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = readJson<FindingsFile>(join(out, 'findings.json'));
    expect(findings.findings.map((f) => [f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.malware ?? null, f.records[0]?.origin.locator])).toEqual(EXPECTED);
    expect(findings.summary).toEqual({ critical: 4, high: 2, medium: 1, low: 0, informational: 0 });
    expect(JSON.stringify(findings)).not.toMatch(/gmail\.com\.evil|notfree247downloads|cnn\.gr\/article|mmg\.whatsapp\.net/);

    const coverage = readJson<{ artifacts: { artifact: string; status: string; records: number; files: string[] }[] }>(join(out, 'coverage.json'));
    const mine = ['whatsapp', 'whatsapp_contacts', 'interaction_c', 'calls', 'contacts', 'calendar'];
    const status = Object.fromEntries(coverage.artifacts.filter((a) => mine.includes(a.artifact)).map((a) => [a.artifact, `${a.status}:${a.records}`]));
    // whatsapp: 1 LID pair + 3 messages + 1 chat session.
    expect(status).toEqual({
      whatsapp: 'parsed:5',
      whatsapp_contacts: 'parsed:2',
      interaction_c: 'parsed:3',
      calls: 'parsed:3',
      contacts: 'parsed:2',
      calendar: 'parsed:2',
    });
    // interactionC read WhatsApp's LID table to name the LID recipient.
    expect(coverage.artifacts.find((a) => a.artifact === 'interaction_c')?.files).toEqual(
      expect.arrayContaining(['HomeDomain/Library/CoreDuet/People/interactionC.db', `${WA}/LID.sqlite`]),
    );
    const interactions = readFileSync(join(out, 'records', 'interaction_c.jsonl'), 'utf8').trim().split('\n');
    expect((JSON.parse(interactions[2] ?? '{}') as { fields: Record<string, unknown> }).fields['recipient_whatsapp_phones']).toEqual(['+41795550199']);
    const whatsapp = readFileSync(join(out, 'records', 'whatsapp.jsonl'), 'utf8').trim().split('\n');
    const session = JSON.parse(whatsapp[4] ?? '{}') as { fields: Record<string, unknown> };
    expect(session.fields).toMatchObject({ kind: 'chat_session', partner_resolved_phone: '+41795550199', stored_message_count: 3 });

    // The stored records alone give the same findings: nothing a rule needs lives outside them.
    const again = join(newDir(), 'recheck');
    const recheck = runCli(['recheck', out, '--output', again, '--json']);
    expect(recheck.stderr).toBe('');
    expect(recheck.status).toBe(1);
    const ids = (file: string): string[] => readJson<{ findings: { id: string }[] }>(file).findings.map((f) => f.id);
    expect(ids(join(again, 'findings.json'))).toEqual(ids(join(out, 'findings.json')));
  });

  it('exits 0 when only the near-misses are present', () => {
    const backup = buildIosBackup(newDir(), { files: files(true) });
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(readJson<FindingsFile>(join(out, 'findings.json')).findings).toEqual([]);
    expect(run.status).toBe(0);
  });
});
