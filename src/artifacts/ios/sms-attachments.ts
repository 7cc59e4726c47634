/**
 * Attachments of sms.db, with the message, service and handle they came with. An exploit
 * delivered over iMessage can leave an attachment row whose file sits in a temporary
 * folder instead of the Messages attachment store.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { findTable, columnSet, type SqliteDatabase, quoteIdent } from '../../formats/sqlite.js';
import { sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSecondsOrNanos } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { ArtifactError } from '../../errors.js';
import { SMS_PATHS_BY_KIND } from './sms.js';

export const SMS_ATTACHMENTS_ARTIFACT = 'sms_attachments';

const OPTIONAL_ATTACHMENT_COLUMNS = [
  'guid',
  'created_date',
  'start_date',
  'filename',
  'uti',
  'mime_type',
  'transfer_state',
  'is_outgoing',
  'user_info',
  'transfer_name',
  'total_bytes',
  'is_sticker',
] as const;

/**
 * The attachment's file name as an absolute device path, for path indicators: `~` (the
 * mobile user's home) becomes `/private/var/mobile`. Other names are kept as they are; the
 * indicator index resolves `/var` and `/tmp` itself.
 */
export function attachmentDevicePath(filename: string | null): string | null {
  if (!filename) return null;
  return filename.startsWith('~/') ? `/private/var/mobile/${filename.slice(2)}` : filename;
}

function numberOrBig(value: unknown): number | bigint | null {
  return typeof value === 'bigint' || typeof value === 'number' ? value : null;
}

/** One record per attachment and message it is joined to; unjoined attachments are kept. */
export function* readSmsAttachments(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const attachment = findTable(db, 'attachment');
  if (!attachment) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no attachment table (tables: ${db.tables().join(', ') || 'none'})`);
  }
  const columns = columnSet(db, attachment);
  if (!columns.has('filename')) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: attachment table lacks filename');
  }
  const select = ['a.ROWID AS "rowid"'];
  for (const column of OPTIONAL_ATTACHMENT_COLUMNS) {
    select.push(columns.has(column) ? `a.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`);
  }

  const join = findTable(db, 'message_attachment_join');
  const joinColumns = join ? columnSet(db, join) : new Set<string>();
  const message = findTable(db, 'message');
  const messageColumns = message ? columnSet(db, message) : new Set<string>();
  const handle = findTable(db, 'handle');
  const handleColumns = handle ? columnSet(db, handle) : new Set<string>();
  const canJoinMessage = join !== undefined && message !== undefined && joinColumns.has('message_id') && joinColumns.has('attachment_id');
  const canJoinHandle = canJoinMessage && handle !== undefined && messageColumns.has('handle_id') && handleColumns.has('id');
  const messageColumn = (name: string, alias: string): string =>
    canJoinMessage && messageColumns.has(name) ? `m.${quoteIdent(name)} AS ${quoteIdent(alias)}` : `NULL AS ${quoteIdent(alias)}`;
  select.push(
    canJoinMessage ? 'j."message_id" AS "message_rowid"' : 'NULL AS "message_rowid"',
    messageColumn('guid', 'message_guid'),
    messageColumn('service', 'service'),
    messageColumn('is_from_me', 'message_is_from_me'),
    canJoinHandle ? 'h."id" AS "handle"' : 'NULL AS "handle"',
  );
  let from = `${quoteIdent(attachment)} AS a`;
  if (canJoinMessage) {
    from += ` LEFT JOIN ${quoteIdent(join)} AS j ON j."attachment_id" = a.ROWID`;
    from += ` LEFT JOIN ${quoteIdent(message)} AS m ON m.ROWID = j."message_id"`;
  }
  if (canJoinHandle) from += ` LEFT JOIN ${quoteIdent(handle)} AS h ON h.ROWID = m."handle_id"`;
  const order = canJoinMessage ? 'a.ROWID, j."message_id"' : 'a.ROWID';

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${from} ORDER BY ${order}`)) {
    const rowid = sqlText(row['rowid']) ?? '';
    const filename = sqlText(row['filename']);
    const isOutgoing = sqlBoolean(row['is_outgoing']);
    // is_outgoing is the attachment's own flag; the message's is_from_me covers schemas
    // and rows where it is absent.
    const fromMe = isOutgoing ?? sqlBoolean(row['message_is_from_me']);
    const fields = {
      rowid: Number(rowid),
      guid: sqlText(row['guid']),
      filename,
      device_path: attachmentDevicePath(filename),
      transfer_name: sqlText(row['transfer_name']),
      mime_type: sqlText(row['mime_type']),
      uti: sqlText(row['uti']),
      total_bytes: sqlNumber(row['total_bytes']),
      transfer_state: sqlNumber(row['transfer_state']),
      is_outgoing: isOutgoing,
      is_sticker: sqlBoolean(row['is_sticker']),
      has_user_info: row['user_info'] !== null && row['user_info'] !== undefined,
      direction: fromMe === null ? null : fromMe ? 'sent' : 'received',
      message_rowid: sqlNumber(row['message_rowid']),
      message_guid: sqlText(row['message_guid']),
      service: sqlText(row['service']),
      handle: sqlText(row['handle']),
    };
    // created_date and start_date are Mac seconds, but accept nanoseconds like message.date
    // in case a later schema switches them too.
    yield makeRecord(SMS_ATTACHMENTS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: attachment, rowid }), [
      { at: isoFromMacSecondsOrNanos(numberOrBig(row['created_date'])), meaning: 'created' },
      { at: isoFromMacSecondsOrNanos(numberOrBig(row['start_date'])), meaning: 'transfer started' },
    ]);
  }
}

export const smsAttachmentsExtractor: Extractor = {
  id: SMS_ATTACHMENTS_ARTIFACT,
  title: 'Message attachments',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SMS_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(SMS_PATHS_BY_KIND, source), context), context, readSmsAttachments);
  },
};
