/**
 * Writes sms.db files with the real schema (reference/artifacts.md §2.3.4): the iOS 14
 * `message` table with all its columns, `handle`, `attachment`, `message_attachment_join`
 * and the chat tables, or an older variant. Values are stored as given: dates are raw
 * Mac-absolute numbers (nanoseconds on iOS 11+, seconds before), so tests control units.
 */
import { sqliteBytes, type SqliteDb } from '../ios-backup.js';

/**
 * - `ios14`: the full column set of an iOS 14 device (dates in nanoseconds).
 * - `ios10`: before Messages in iCloud and threads: no ck_/sr_ck_ columns, no
 *   destination_caller_id, reply/thread columns or is_spam (dates in seconds).
 * - `mvt-fixture`: only `message` and `handle`, like MVT's test database.
 */
export type SmsDbVariant = 'ios14' | 'ios10' | 'mvt-fixture';

export interface SmsHandleSpec {
  rowid: number;
  id: string;
  service?: string;
  country?: string;
}

export interface SmsMessageSpec {
  rowid: number;
  guid?: string;
  text?: string | null;
  /** 0 (the default) is "no handle", as for outgoing group messages. */
  handleId?: number;
  subject?: string | null;
  service?: string;
  account?: string;
  date?: bigint | number;
  dateRead?: bigint | number;
  dateDelivered?: bigint | number;
  isFromMe?: boolean;
  isRead?: boolean;
  attributedBody?: Buffer | null;
  cacheHasAttachments?: boolean;
  destinationCallerId?: string;
}

export interface SmsAttachmentSpec {
  rowid: number;
  guid?: string;
  filename?: string | null;
  transferName?: string;
  mimeType?: string;
  uti?: string;
  totalBytes?: number;
  isOutgoing?: boolean;
  createdDate?: number;
  startDate?: number;
  userInfo?: Buffer;
  isSticker?: boolean;
  transferState?: number;
}

export interface SmsDbSpec {
  variant?: SmsDbVariant;
  handles?: SmsHandleSpec[];
  messages?: SmsMessageSpec[];
  attachments?: SmsAttachmentSpec[];
  /** message_attachment_join rows. */
  joins?: { messageId: number; attachmentId: number }[];
}

const MESSAGE_IOS14 = `CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
  replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT,
  attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT,
  account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER,
  is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0,
  is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0,
  is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0,
  is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0,
  is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0,
  is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT,
  was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0,
  is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0,
  group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0,
  share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0,
  message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT,
  associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB,
  expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0,
  associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER,
  message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT, ck_record_change_tag TEXT,
  destination_caller_id TEXT, sr_ck_sync_state INTEGER DEFAULT 0, sr_ck_record_id TEXT,
  sr_ck_record_change_tag TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT, sort_id INTEGER,
  is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT,
  thread_originator_part TEXT)`;

const MESSAGE_IOS10 = `CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
  replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT,
  attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT,
  account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER,
  is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0,
  is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0,
  is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0,
  is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0,
  is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0,
  is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT,
  was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0,
  is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0,
  group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0,
  share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0,
  message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT,
  associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB,
  expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0,
  associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER,
  message_summary_info BLOB)`;

const HANDLE = `CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT,
  service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service))`;

const ATTACHMENT_IOS14 = `CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT,
  transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT,
  total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB, attribution_info BLOB,
  hide_attachment INTEGER DEFAULT 0, ck_sync_state INTEGER DEFAULT 0, ck_server_change_token_blob BLOB,
  ck_record_id TEXT, original_guid TEXT UNIQUE NOT NULL, sr_ck_sync_state INTEGER DEFAULT 0,
  sr_ck_server_change_token_blob BLOB, sr_ck_record_id TEXT, is_commsafety_sensitive INTEGER DEFAULT 0)`;

const ATTACHMENT_IOS10 = `CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT,
  transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT,
  total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB, attribution_info BLOB,
  hide_attachment INTEGER DEFAULT 0)`;

const JOINS_AND_CHATS = `
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
  attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER,
  account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT,
  is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT,
  is_filtered INTEGER DEFAULT 0, successful_query INTEGER);
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0,
  PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE INDEX message_idx_handle ON message(handle_id, date);
CREATE INDEX message_attachment_join_idx_message_id ON message_attachment_join(message_id);
`;

type SqlParam = string | number | bigint | Buffer | null;

function insert(db: SqliteDb, table: string, values: Record<string, SqlParam | undefined>): void {
  const entries = Object.entries(values).filter((entry): entry is [string, SqlParam] => entry[1] !== undefined);
  const columns = entries.map(([name]) => `"${name}"`).join(', ');
  const marks = entries.map(() => '?').join(', ');
  db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${marks})`).run(...entries.map(([, value]) => value));
}

function flag(value: boolean | undefined): number | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

export function buildSmsDb(spec: SmsDbSpec): Buffer {
  const variant = spec.variant ?? 'ios14';
  return sqliteBytes((db) => {
    db.exec(variant === 'ios14' ? MESSAGE_IOS14 : MESSAGE_IOS10);
    db.exec(HANDLE);
    if (variant !== 'mvt-fixture') {
      db.exec(variant === 'ios14' ? ATTACHMENT_IOS14 : ATTACHMENT_IOS10);
      db.exec(JOINS_AND_CHATS);
    }
    for (const handle of spec.handles ?? []) {
      insert(db, 'handle', { ROWID: handle.rowid, id: handle.id, service: handle.service ?? 'iMessage', country: handle.country ?? 'us' });
    }
    for (const m of spec.messages ?? []) {
      insert(db, 'message', {
        ROWID: m.rowid,
        guid: m.guid ?? `MSG-GUID-${String(m.rowid).padStart(4, '0')}`,
        text: m.text,
        handle_id: m.handleId ?? 0,
        subject: m.subject,
        service: m.service ?? 'iMessage',
        account: m.account ?? 'E:person@example.org',
        date: m.date,
        date_read: m.dateRead,
        date_delivered: m.dateDelivered,
        is_from_me: flag(m.isFromMe),
        is_read: flag(m.isRead),
        attributedBody: m.attributedBody,
        cache_has_attachments: flag(m.cacheHasAttachments),
        destination_caller_id: variant === 'ios14' ? m.destinationCallerId : undefined,
      });
    }
    if (variant === 'mvt-fixture') return;
    for (const a of spec.attachments ?? []) {
      const guid = a.guid ?? `ATT-GUID-${String(a.rowid).padStart(4, '0')}`;
      insert(db, 'attachment', {
        ROWID: a.rowid,
        guid,
        filename: a.filename,
        transfer_name: a.transferName,
        mime_type: a.mimeType,
        uti: a.uti,
        total_bytes: a.totalBytes,
        is_outgoing: flag(a.isOutgoing),
        created_date: a.createdDate,
        start_date: a.startDate,
        user_info: a.userInfo,
        is_sticker: flag(a.isSticker),
        transfer_state: a.transferState,
        original_guid: variant === 'ios14' ? guid : undefined,
      });
    }
    for (const join of spec.joins ?? []) {
      insert(db, 'message_attachment_join', { message_id: join.messageId, attachment_id: join.attachmentId });
    }
  });
}

/**
 * An `attributedBody` blob as Messages writes it: an NSAttributedString archived with
 * NSArchiver ("typedstream"), whose string sits after the NSString class entry.
 */
export function attributedBodyBlob(text: string): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  let length: Buffer;
  if (utf8.length < 0x80) length = Buffer.from([utf8.length]);
  else if (utf8.length <= 0xffff) {
    length = Buffer.alloc(3);
    length[0] = 0x81;
    length.writeUInt16LE(utf8.length, 1);
  } else {
    length = Buffer.alloc(5);
    length[0] = 0x82;
    length.writeUInt32LE(utf8.length, 1);
  }
  const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
  return Buffer.concat([
    Buffer.from([0x04, 0x0b]),
    ascii('streamtyped'),
    Buffer.from([0x81, 0xe8, 0x03, 0x84, 0x01, 0x40, 0x84, 0x84, 0x84, 0x12]),
    ascii('NSAttributedString'),
    Buffer.from([0x00, 0x84, 0x84, 0x08]),
    ascii('NSObject'),
    Buffer.from([0x00, 0x85, 0x92, 0x84, 0x84, 0x84, 0x08]),
    ascii('NSString'),
    Buffer.from([0x01, 0x94, 0x84, 0x01, 0x2b]),
    length,
    utf8,
    Buffer.from([0x86, 0x84, 0x02, 0x69, 0x49, 0x01, 0x01, 0x92, 0x84, 0x84, 0x84, 0x0c]),
    ascii('NSDictionary'),
    Buffer.from([0x00, 0x94, 0x84, 0x01, 0x69, 0x00, 0x86, 0x86]),
  ]);
}
