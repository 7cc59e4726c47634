import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes, type BackupFileSpec } from '../../../test/builders/ios-backup.js';
import { buildChatStorageDb, buildLidDb, type ChatStorageSpec } from '../../../test/builders/ios/whatsapp-db.js';
import { isWhatsAppMediaUrl, whatsappExtractor } from './whatsapp.js';
import { whatsappRules } from '../../detection/rules/whatsapp.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord } from '../types.js';

const DOMAIN = 'AppDomainGroup-group.net.whatsapp.WhatsApp.shared';
const CHAT = { domain: DOMAIN, relativePath: 'ChatStorage.sqlite' };
const LID = { domain: DOMAIN, relativePath: 'LID.sqlite' };

const ALICE = '41791234567@s.whatsapp.net';
const GROUP = '120363025246125888@g.us';
const HIDDEN = '987654321012345@lid';

const MODERN: ChatStorageSpec = {
  sessions: [
    { pk: 1, contactJid: ALICE, partnerName: 'Alice', messageCounter: 5, lastMessageDate: 700_000_500, lastMessageText: 'bye' },
    { pk: 2, contactJid: GROUP, partnerName: 'Press group', groupInfo: 1, lastMessageDate: 700_000_180 },
    { pk: 3, contactJid: HIDDEN, partnerName: null },
    { pk: 4, contactJid: '555000111222333@lid', contactIdentifier: '41790000999@s.whatsapp.net' },
  ],
  groups: [{ pk: 1, chatSession: 2, creationDate: 690_000_000, creatorJid: '41790000001@s.whatsapp.net' }],
  messages: [
    // Predator domain in the text (artifacts.md §5.2).
    { pk: 1, chatSession: 1, fromJid: ALICE, text: 'Breaking: https://cnn.gr.com/article/2021/greece-news', date: 700_000_000, pushName: 'Alice' },
    // Near-miss: CNN Greece's real domain.
    { pk: 2, chatSession: 1, toJid: ALICE, isFromMe: true, text: 'thanks, see https://cnn.gr/article', date: 700_000_060, sentDate: 700_000_059 },
    // A photo: WhatsApp's CDN link, and a Predator link only in the caption.
    { pk: 3, chatSession: 1, fromJid: ALICE, text: null, date: 700_000_120, messageType: 1 },
    // A group message whose link (Pegasus) is only in the link preview's summary.
    { pk: 4, chatSession: 2, fromJid: GROUP, text: 'Read this', date: 700_000_180 },
    // Filed under a LID.
    { pk: 5, chatSession: 3, fromJid: HIDDEN, text: 'hi', date: 700_000_240 },
    // A regional media host (excluded) beside a look-alike host (kept).
    { pk: 6, chatSession: 1, fromJid: ALICE, text: 'https://media-mad1-1.cdn.whatsapp.net/x.jpg and https://mmg.whatsapp.net.evil.example/x', date: 700_000_300 },
    // Two link previews on one message, no chat session.
    { pk: 7, chatSession: null, fromJid: ALICE, text: 'two links', date: 700_000_360 },
  ],
  mediaItems: [
    {
      pk: 1,
      message: 3,
      mediaUrl: 'https://mmg.whatsapp.net/v/t62.7118-24/abc.enc?ccb=11-4',
      title: 'look at this https://playestore.net/x',
      authorName: 'Alice',
      localPath: 'Media/41791234567@s.whatsapp.net/a/b/photo.jpg',
    },
  ],
  dataItems: [
    { pk: 1, message: 4, title: 'Article', summary: 'Full story at https://free247downloads.com/a', content1: 'https://mmg-fna.whatsapp.net/d/f/thumb.enc' },
    { pk: 2, message: 7, matchedText: 'https://cnn.gr/one' },
    { pk: 3, message: 7, matchedText: 'https://cnn.gr/two' },
  ],
};

const LID_PAIRS = [
  { pk: 1, lid: '987654321012345', phoneNumber: '41795550199', timestamp: 699_999_000 },
  { pk: 2, lid: '111222333444555@lid', phoneNumber: '+41795550100@s.whatsapp.net', timestamp: null },
];

function backup(files: { file: typeof CHAT; content: Buffer | string; omitBlob?: boolean }[]): { files: BackupFileSpec[] } {
  return { files: files.map(({ file, content, omitBlob }) => ({ ...file, content, omitBlob })) };
}

function find(records: ArtifactRecord[], kind: string, key: string, value: number): ArtifactRecord {
  const record = records.find((r) => r.fields['kind'] === kind && r.fields[key] === value);
  if (!record) throw new Error(`no ${kind} ${value}`);
  return record;
}

describe('whatsapp extractor', () => {
  it('reads LID pairs, every message with links from every column, and chat sessions', async () => {
    const { records, issues } = await extractFromBackup(
      backup([
        { file: CHAT, content: buildChatStorageDb(MODERN) },
        { file: LID, content: buildLidDb(LID_PAIRS) },
      ]),
      whatsappExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['kind'], r.origin.locator])).toEqual([
      ['lid_phone_pair', { kind: 'sqlite', table: 'ZWAPHONENUMBERLIDPAIR', rowid: '1' }],
      ['lid_phone_pair', { kind: 'sqlite', table: 'ZWAPHONENUMBERLIDPAIR', rowid: '2' }],
      ...[1, 2, 3, 4, 5, 6, 7].map((pk) => ['message', { kind: 'sqlite', table: 'ZWAMESSAGE', rowid: String(pk) }]),
      ...[1, 2, 3, 4].map((pk) => ['chat_session', { kind: 'sqlite', table: 'ZWACHATSESSION', rowid: String(pk) }]),
    ]);

    const pair = records[0] as ArtifactRecord;
    expect(pair.artifact).toBe('whatsapp');
    expect(pair.origin.path).toBe(`${DOMAIN}/LID.sqlite`);
    expect(pair.origin.stored).toBe('e7/e794f6ffcc3c222535f47684a63d5178da3c4500');
    expect(pair.fields).toEqual({ kind: 'lid_phone_pair', pair_pk: 1, lid: '987654321012345', phone_number: '41795550199' });
    expect(pair.times).toEqual([{ at: '2023-03-08T20:10:00.000000Z', meaning: 'LID pair recorded' }]);
    expect(records[1]?.times).toEqual([]);

    const first = find(records, 'message', 'message_pk', 1);
    expect(first.origin.path).toBe(`${DOMAIN}/ChatStorage.sqlite`);
    expect(first.origin.stored).toBe('7c/7c7fba66680ef796b916b067077cc246adacf01d');
    expect(first.times).toEqual([{ at: '2023-03-08T20:26:40.000000Z', meaning: 'received' }]);
    expect(first.fields).toEqual({
      kind: 'message',
      message_pk: 1,
      chat_session_pk: 1,
      direction: 'received',
      from_jid: ALICE,
      from_resolved_phone: null,
      to_jid: null,
      to_resolved_phone: null,
      push_name: 'Alice',
      message_type: 0,
      message_status: 8,
      stanza_id: '3EB00000000000000001',
      starred: false,
      text: 'Breaking: https://cnn.gr.com/article/2021/greece-news',
      media_urls: [],
      media_captions: [],
      media_author_names: [],
      media_local_paths: [],
      matched_texts: [],
      data_content1: [],
      data_content2: [],
      data_titles: [],
      data_summaries: [],
      links: ['https://cnn.gr.com/article/2021/greece-news'],
      media_links: [],
    });

    expect(find(records, 'message', 'message_pk', 2).times).toEqual([
      { at: '2023-03-08T20:27:40.000000Z', meaning: 'sent' },
      { at: '2023-03-08T20:27:39.000000Z', meaning: 'sent by sender' },
    ]);

    const photo = find(records, 'message', 'message_pk', 3).fields;
    expect(photo['text']).toBeNull();
    expect(photo['media_urls']).toEqual(['https://mmg.whatsapp.net/v/t62.7118-24/abc.enc?ccb=11-4']);
    expect(photo['media_captions']).toEqual(['look at this https://playestore.net/x']);
    expect(photo['media_author_names']).toEqual(['Alice']);
    expect(photo['media_local_paths']).toEqual(['Media/41791234567@s.whatsapp.net/a/b/photo.jpg']);
    expect(photo['links']).toEqual(['https://playestore.net/x']);
    expect(photo['media_links']).toEqual(['https://mmg.whatsapp.net/v/t62.7118-24/abc.enc?ccb=11-4']);

    const preview = find(records, 'message', 'message_pk', 4).fields;
    expect(preview['data_titles']).toEqual(['Article']);
    expect(preview['data_summaries']).toEqual(['Full story at https://free247downloads.com/a']);
    expect(preview['links']).toEqual(['https://free247downloads.com/a']);
    expect(preview['media_links']).toEqual(['https://mmg-fna.whatsapp.net/d/f/thumb.enc']);

    expect(find(records, 'message', 'message_pk', 5).fields['from_resolved_phone']).toBe('+41795550199');
    const lookalike = find(records, 'message', 'message_pk', 6).fields;
    expect(lookalike['links']).toEqual(['https://mmg.whatsapp.net.evil.example/x']);
    expect(lookalike['media_links']).toEqual(['https://media-mad1-1.cdn.whatsapp.net/x.jpg']);
    const twoPreviews = find(records, 'message', 'message_pk', 7).fields;
    expect(twoPreviews['chat_session_pk']).toBeNull();
    expect(twoPreviews['matched_texts']).toEqual(['https://cnn.gr/one', 'https://cnn.gr/two']);
    expect(twoPreviews['links']).toEqual(['https://cnn.gr/one', 'https://cnn.gr/two']);

    const alice = find(records, 'chat_session', 'session_pk', 1);
    expect(alice.fields).toEqual({
      kind: 'chat_session',
      session_pk: 1,
      contact_jid: ALICE,
      contact_identifier: null,
      partner_name: 'Alice',
      partner_resolved_phone: null,
      is_group: false,
      session_type: 0,
      archived: false,
      removed: false,
      hidden: false,
      message_counter: 5,
      unread_count: 0,
      stored_message_count: 4,
      last_message_text: 'bye',
      group_creator_jid: null,
    });
    expect(alice.times).toEqual([
      { at: '2023-03-08T20:35:00.000000Z', meaning: 'last message' },
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'first stored message' },
      { at: '2023-03-08T20:31:40.000000Z', meaning: 'last stored message' },
    ]);
    const group = find(records, 'chat_session', 'session_pk', 2);
    expect(group.fields).toMatchObject({ is_group: true, partner_name: 'Press group', stored_message_count: 1, group_creator_jid: '41790000001@s.whatsapp.net' });
    expect(group.times[1]).toEqual({ at: '2022-11-13T02:40:00.000000Z', meaning: 'group created' });
    expect(find(records, 'chat_session', 'session_pk', 3).fields).toMatchObject({
      partner_resolved_phone: '+41795550199',
      stored_message_count: 1,
    });
    expect(find(records, 'chat_session', 'session_pk', 4).fields).toMatchObject({ partner_resolved_phone: '+41790000999', stored_message_count: 0 });
    expect(find(records, 'chat_session', 'session_pk', 4).times).toEqual([]);
  });

  it('reads LID pairs kept in ChatStorage.sqlite when there is no LID.sqlite', async () => {
    const db = buildChatStorageDb({
      lidPairs: [{ pk: 7, lid: '987654321012345@lid', phoneNumber: '41795550199', timestamp: 699_999_000 }],
      sessions: [{ pk: 1, contactJid: HIDDEN }],
      messages: [{ pk: 1, chatSession: 1, fromJid: HIDDEN, text: 'x', date: 700_000_000 }],
    });
    const { records, issues } = await extractFromBackup(backup([{ file: CHAT, content: db }]), whatsappExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['kind'], r.origin.path])).toEqual([
      ['lid_phone_pair', `${DOMAIN}/ChatStorage.sqlite`],
      ['message', `${DOMAIN}/ChatStorage.sqlite`],
      ['chat_session', `${DOMAIN}/ChatStorage.sqlite`],
    ]);
    expect(records[0]?.fields).toEqual({ kind: 'lid_phone_pair', pair_pk: 7, lid: '987654321012345@lid', phone_number: '41795550199' });
    expect(records[1]?.fields['from_resolved_phone']).toBe('+41795550199');
    expect(records[2]?.fields['partner_resolved_phone']).toBe('+41795550199');
  });

  it("reads MVT's minimal fixture layout", async () => {
    const db = buildChatStorageDb({
      variant: 'mvt-fixture',
      sessions: [{ pk: 1, contactJid: GROUP, groupInfo: 1, lastMessageDate: 700_000_500 }],
      groups: [{ pk: 1, chatSession: 1, creationDate: 690_000_000 }],
      messages: [{ pk: 1, chatSession: 1, fromJid: ALICE, text: 'https://cnn.gr.com/x', date: 700_000_000 }],
      mediaItems: [{ pk: 1, message: 1, mediaUrl: 'https://mmg.whatsapp.net/d/f/x.enc', authorName: 'Alice' }],
      dataItems: [{ pk: 1, message: 1, content2: 'https://playestore.net/y', title: 'T', summary: 'S' }],
    });
    const { records, issues } = await extractFromBackup(backup([{ file: CHAT, content: db }]), whatsappExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]?.fields).toMatchObject({
      kind: 'message',
      push_name: null,
      stanza_id: null,
      media_captions: [],
      media_author_names: ['Alice'],
      data_titles: ['T'],
      data_summaries: ['S'],
      links: ['https://cnn.gr.com/x', 'https://playestore.net/y'],
      media_links: ['https://mmg.whatsapp.net/d/f/x.enc'],
    });
    expect(records[1]?.fields).toMatchObject({ kind: 'chat_session', is_group: true, contact_identifier: null, last_message_text: null, group_creator_jid: null });
    expect(records[1]?.times.map((t) => t.meaning)).toEqual(['last message', 'group created', 'first stored message', 'last stored message']);
  });

  it('reads link previews without ZSUMMARY and ZTITLE', async () => {
    const db = buildChatStorageDb({
      variant: 'no-preview-titles',
      messages: [{ pk: 1, text: null, date: 700_000_000 }],
      dataItems: [{ pk: 1, message: 1, matchedText: 'https://cnn.gr.com/z', content1: 'Title https://example.org/' }],
    });
    const { records, issues } = await extractFromBackup(backup([{ file: CHAT, content: db }]), whatsappExtractor);
    expect(issues).toEqual([]);
    expect(records[0]?.fields).toMatchObject({
      direction: 'received',
      data_titles: [],
      data_summaries: [],
      links: ['https://cnn.gr.com/z', 'https://example.org/'],
    });
  });

  it('links media items through ZWAMESSAGE.ZMEDIAITEM when they have no ZMESSAGE column', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZWAMESSAGE (Z_PK INTEGER PRIMARY KEY, ZTEXT VARCHAR, ZMESSAGEDATE REAL, ZMEDIAITEM INTEGER)');
      d.exec('CREATE TABLE ZWAMEDIAITEM (Z_PK INTEGER PRIMARY KEY, ZMEDIAURL VARCHAR, ZTITLE VARCHAR)');
      d.exec("INSERT INTO ZWAMEDIAITEM VALUES (5, 'https://mmg.whatsapp.net/d/f/x.enc', 'see https://cnn.gr.com/c')");
      d.exec('INSERT INTO ZWAMESSAGE VALUES (1, NULL, 700000000, 5), (2, NULL, 700000060, NULL)');
    });
    const { records, issues } = await extractFromBackup(backup([{ file: CHAT, content: db }]), whatsappExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['links'], r.fields['media_links']])).toEqual([
      [['https://cnn.gr.com/c'], ['https://mmg.whatsapp.net/d/f/x.enc']],
      [[], []],
    ]);
  });

  it('reports unknown layouts, unreadable side tables, corrupt files and missing blobs as issues', async () => {
    const noMessages = sqliteBytes((d) => d.exec('CREATE TABLE ZWACHATSESSION (Z_PK INTEGER PRIMARY KEY)'));
    let result = await extractFromBackup(backup([{ file: CHAT, content: noMessages }]), whatsappExtractor);
    expect(result).toEqual({
      records: [],
      issues: [{ code: 'unsupported-schema', path: `${DOMAIN}/ChatStorage.sqlite`, message: 'unsupported schema: no ZWAMESSAGE table (tables: ZWACHATSESSION)' }],
    });

    const noDate = sqliteBytes((d) => d.exec('CREATE TABLE ZWAMESSAGE (Z_PK INTEGER PRIMARY KEY, ZTEXT VARCHAR)'));
    result = await extractFromBackup(backup([{ file: CHAT, content: noDate }]), whatsappExtractor);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/ChatStorage.sqlite`, message: 'unsupported schema: ZWAMESSAGE lacks ZMESSAGEDATE (columns: Z_PK, ZTEXT)' },
    ]);

    // Messages still come when a side table cannot be linked or the pair table is odd.
    const oddSides = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZWAMESSAGE (Z_PK INTEGER PRIMARY KEY, ZTEXT VARCHAR, ZMESSAGEDATE REAL)');
      d.exec('CREATE TABLE ZWAMESSAGEDATAITEM (Z_PK INTEGER PRIMARY KEY, ZCONTENT1 VARCHAR)');
      d.exec('CREATE TABLE ZWAPHONENUMBERLIDPAIR (Z_PK INTEGER PRIMARY KEY, ZLID VARCHAR)');
      d.exec("INSERT INTO ZWAMESSAGE VALUES (1, 'https://cnn.gr.com/q', 700000000)");
    });
    result = await extractFromBackup(backup([{ file: CHAT, content: oddSides }]), whatsappExtractor);
    expect(result.records.map((r) => r.fields['links'])).toEqual([['https://cnn.gr.com/q']]);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `${DOMAIN}/ChatStorage.sqlite`,
        message: 'unsupported schema: ZWAPHONENUMBERLIDPAIR lacks ZPHONENUMBER (columns: Z_PK, ZLID)',
      },
      {
        code: 'unsupported-schema',
        path: `${DOMAIN}/ChatStorage.sqlite`,
        message: 'unsupported schema: ZWAMESSAGEDATAITEM has no ZMESSAGE column (columns: Z_PK, ZCONTENT1)',
      },
    ]);

    const lidWithoutTable = sqliteBytes((d) => d.exec('CREATE TABLE ZOTHER (Z_PK INTEGER PRIMARY KEY)'));
    result = await extractFromBackup(
      backup([
        { file: LID, content: lidWithoutTable },
        { file: CHAT, content: buildChatStorageDb({ messages: [{ pk: 1, text: 'x', date: 700_000_000 }] }) },
      ]),
      whatsappExtractor,
    );
    expect(result.records.map((r) => r.fields['kind'])).toEqual(['message']);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/LID.sqlite`, message: 'unsupported schema: no ZWAPHONENUMBERLIDPAIR table (tables: ZOTHER)' },
    ]);

    result = await extractFromBackup(backup([{ file: CHAT, content: 'not a database at all' }]), whatsappExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', `${DOMAIN}/ChatStorage.sqlite`]]);

    const full = buildChatStorageDb(MODERN);
    result = await extractFromBackup(backup([{ file: CHAT, content: full.subarray(0, 4096) }]), whatsappExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);

    result = await extractFromBackup(backup([{ file: CHAT, content: full, omitBlob: true }]), whatsappExtractor);
    expect(result).toEqual({
      records: [],
      issues: [{ code: 'missing-file', path: `${DOMAIN}/ChatStorage.sqlite`, message: `${DOMAIN}/ChatStorage.sqlite is listed in the acquisition but its content is absent` }],
    });
  });

  it('reads WhatsApp Business beside WhatsApp, and nothing when neither is there', async () => {
    const business = { domain: 'AppDomainGroup-group.net.whatsapp.WhatsAppSMB.shared', relativePath: 'ChatStorage.sqlite' };
    const db = buildChatStorageDb({ messages: [{ pk: 1, text: 'x', date: 700_000_000 }] });
    const { records } = await extractFromBackup(backup([{ file: business, content: db }]), whatsappExtractor);
    expect(records.map((r) => r.origin.path)).toEqual(['AppDomainGroup-group.net.whatsapp.WhatsAppSMB.shared/ChatStorage.sqlite']);
    expect(await extractFromBackup({ files: [] }, whatsappExtractor)).toEqual({ records: [], issues: [] });
  });
});

describe('isWhatsAppMediaUrl', () => {
  it('recognises the media CDN hosts and nothing that merely resembles them', () => {
    expect(isWhatsAppMediaUrl('https://mmg.whatsapp.net/d/f/a.enc')).toBe(true);
    expect(isWhatsAppMediaUrl('https://mmg-fna.whatsapp.net/d/f/a.enc')).toBe(true);
    expect(isWhatsAppMediaUrl('https://media-frt3-2.cdn.whatsapp.net/v/x')).toBe(true);
    expect(isWhatsAppMediaUrl('https://media.fmad3-1.fna.whatsapp.net/v/x')).toBe(true);
    expect(isWhatsAppMediaUrl('https://pps.whatsapp.net/v/t61/pic.jpg')).toBe(true);
    expect(isWhatsAppMediaUrl('http://mmg.whatsapp.net/d/f/a.enc')).toBe(false);
    expect(isWhatsAppMediaUrl('https://mmg.whatsapp.net.evil.example/x')).toBe(false);
    expect(isWhatsAppMediaUrl('https://evilmmg.whatsapp.net/x')).toBe(false);
    expect(isWhatsAppMediaUrl('https://web.whatsapp.net/x')).toBe(false);
    expect(isWhatsAppMediaUrl('https://whatsapp-app.com/x')).toBe(false);
    expect(isWhatsAppMediaUrl('not a url')).toBe(false);
  });
});

describe('whatsapp rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(whatsappRules, await loadIndicatorSet({}));
  });

  it('flags indicator links in text, caption and link preview, and nothing else', async () => {
    const { records } = await extractFromBackup(
      backup([
        { file: CHAT, content: buildChatStorageDb(MODERN) },
        { file: LID, content: buildLidDb(LID_PAIRS) },
      ]),
      whatsappExtractor,
    );
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['message_pk'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.malware]),
    );
    expect(findings).toEqual([
      [1, 'ios.whatsapp.link-indicator', 'critical', 'links', 'https://cnn.gr.com/article/2021/greece-news', 'Predator'],
      [3, 'ios.whatsapp.link-indicator', 'critical', 'links', 'https://playestore.net/x', 'Predator'],
      [4, 'ios.whatsapp.link-indicator', 'critical', 'links', 'https://free247downloads.com/a', 'Pegasus'],
    ]);
  });

  it('never checks the media-link field, even on a stored record', () => {
    const record: ArtifactRecord = {
      artifact: 'whatsapp',
      times: [],
      fields: { kind: 'message', links: [], media_links: ['https://cnn.gr.com/x'], text: 'https://cnn.gr.com/x' },
      origin: { path: `${DOMAIN}/ChatStorage.sqlite`, stored: 'x', sha256: 'y', locator: { kind: 'sqlite', table: 'ZWAMESSAGE', rowid: '1' } },
    };
    expect(detector.inspect(record)).toEqual([]);
  });
});
