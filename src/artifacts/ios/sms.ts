/**
 * Messages of sms.db (SMS, MMS and iMessage): who, when, which direction, the text and the
 * links it carries. Zero-click and one-click exploits (Pegasus, Predator) arrived as links
 * in such messages, and Apple sends its threat notifications through iMessage.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { findTable, columnSet, type SqliteDatabase, quoteIdent } from '../../formats/sqlite.js';
import { sqlBoolean, sqlBytes, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSecondsOrNanos } from '../../formats/time.js';
import { extractUrls } from '../../formats/urls.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { APPLE_THREAT_NOTIFICATION_PREFIXES } from './apple-threat-notification.js';

export const SMS_ARTIFACT = 'sms';
export const SMS_PATHS = ['HomeDomain/Library/SMS/sms.db'] as const;
export const SMS_FS_PATHS = [`${MOBILE_HOME}/Library/SMS/sms.db`] as const;
export const SMS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': SMS_PATHS, 'ios-fs': SMS_FS_PATHS };

/** message columns read when present; older iOS lacks some of them. */
const OPTIONAL_MESSAGE_COLUMNS = [
  'guid',
  'service',
  'account',
  'handle_id',
  'subject',
  'attributedBody',
  'is_from_me',
  'is_read',
  'cache_has_attachments',
  'destination_caller_id',
  'date_read',
  'date_delivered',
] as const;

/**
 * The plain text of an `attributedBody` blob (an NSAttributedString in NSArchiver's
 * "typedstream" form). Recent iOS leaves `message.text` empty and keeps the words only
 * here, so without this a link in such a message would never be checked. Returns null
 * when the blob does not have the expected shape rather than guessing.
 */
export function textFromAttributedBody(blob: Buffer | null): string | null {
  if (!blob || blob.length < 16) return null;
  if (blob.indexOf('streamtyped', 0, 'latin1') < 0) return null;
  const marker = blob.indexOf('NSString', 0, 'latin1');
  if (marker < 0) return null;
  // After the class name come a version byte and a type tag; the string itself is
  // introduced by the '+' (C string) type code.
  const window = blob.subarray(marker + 8, marker + 8 + 12);
  const plus = window.indexOf(0x2b);
  if (plus < 0) return null;
  let at = marker + 8 + plus + 1;
  const first = blob[at];
  if (first === undefined) return null;
  let length: number;
  if (first === 0x81) {
    if (at + 3 > blob.length) return null;
    length = blob.readUInt16LE(at + 1);
    at += 3;
  } else if (first === 0x82) {
    if (at + 5 > blob.length) return null;
    length = blob.readUInt32LE(at + 1);
    at += 5;
  } else if (first < 0x80) {
    length = first;
    at += 1;
  } else {
    return null;
  }
  if (length === 0 || at + length > blob.length) return null;
  return blob.subarray(at, at + length).toString('utf8');
}

function normalisedStart(text: string): string {
  // Notifications have been seen with typographic apostrophes and leading line breaks.
  return text.trimStart().replace(/[\u2018\u2019]/g, "'").toLowerCase();
}

/** Whether a message begins with the wording of one of Apple's threat notifications. */
export function isThreatNotification(text: string | null): boolean {
  if (!text) return false;
  const start = normalisedStart(text);
  return APPLE_THREAT_NOTIFICATION_PREFIXES.some((prefix) => start.startsWith(normalisedStart(prefix)));
}

function directionOf(isFromMe: boolean | null): 'sent' | 'received' | null {
  if (isFromMe === null) return null;
  return isFromMe ? 'sent' : 'received';
}

/** Records of one sms.db, one per message row, whether or not its handle is known. */
export function* readSms(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const message = findTable(db, 'message');
  if (!message) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no message table (tables: ${db.tables().join(', ') || 'none'})`);
  }
  const columns = columnSet(db, message);
  const missing = ['text', 'date'].filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: message table lacks ${missing.join(', ')}`);
  }
  const select = [`m.ROWID AS "rowid"`, `m."text" AS "text"`, `m."date" AS "date"`];
  for (const column of OPTIONAL_MESSAGE_COLUMNS) {
    select.push(columns.has(column.toLowerCase()) ? `m.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`);
  }
  const handle = findTable(db, 'handle');
  // A LEFT JOIN keeps messages whose handle_id is 0 (outgoing group messages, some
  // system messages) that an inner join would silently drop.
  const joinHandle = handle !== undefined && columns.has('handle_id') && columnSet(db, handle).has('id');
  select.push(joinHandle ? 'h."id" AS "handle"' : 'NULL AS "handle"');
  const sql =
    `SELECT ${select.join(', ')} FROM ${quoteIdent(message)} AS m` +
    (joinHandle ? ` LEFT JOIN ${quoteIdent(handle)} AS h ON h.ROWID = m."handle_id"` : '') +
    ' ORDER BY m.ROWID';

  for (const row of db.iterate(sql)) {
    const rowid = sqlText(row['rowid']) ?? '';
    const storedText = sqlText(row['text']);
    let text = storedText;
    let textSource: 'text' | 'attributedBody' | null = storedText ? 'text' : null;
    if (!storedText) {
      const decoded = textFromAttributedBody(sqlBytes(row['attributedBody']));
      if (decoded !== null) {
        text = decoded;
        textSource = 'attributedBody';
      }
    }
    const subject = sqlText(row['subject']);
    const links = [...new Set([...extractUrls(text), ...extractUrls(subject)])];
    const isFromMe = sqlBoolean(row['is_from_me']);
    const direction = directionOf(isFromMe);
    const handleId = sqlNumber(row['handle_id']);
    const fields = {
      rowid: Number(rowid),
      guid: sqlText(row['guid']),
      service: sqlText(row['service']),
      account: sqlText(row['account']),
      direction,
      handle_id: handleId,
      handle: sqlText(row['handle']),
      destination_caller_id: sqlText(row['destination_caller_id']),
      text,
      text_source: textSource,
      subject,
      links,
      is_threat_notification: isThreatNotification(text),
      is_read: sqlBoolean(row['is_read']),
      has_attachments: sqlBoolean(row['cache_has_attachments']),
    };
    yield makeRecord(SMS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: message, rowid }), [
      { at: isoFromMacSecondsOrNanos(sqlNumberOrBig(row['date'])), meaning: direction ?? 'message date' },
      { at: isoFromMacSecondsOrNanos(sqlNumberOrBig(row['date_delivered'])), meaning: 'delivered' },
      { at: isoFromMacSecondsOrNanos(sqlNumberOrBig(row['date_read'])), meaning: 'read' },
    ]);
  }
}

/** Keeps INTEGER dates as bigint so nanoseconds are converted without rounding. */
function sqlNumberOrBig(value: unknown): number | bigint | null {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  return null;
}

export const smsExtractor: Extractor = {
  id: SMS_ARTIFACT,
  title: 'Messages (SMS, MMS, iMessage)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SMS_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(SMS_PATHS_BY_KIND, source), context), context, readSms);
  },
};
