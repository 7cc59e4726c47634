/**
 * WhatsApp's ChatStorage.sqlite (and LID.sqlite) in the app-group container: messages with
 * every link they carry, chat sessions, and the LID ↔ phone-number pairs. Exploit links
 * (Pegasus, Predator) have been delivered over WhatsApp as over SMS; a link can sit in the
 * text, in a media caption, or only in the link-preview ("data item") of the message.
 * WhatsApp's own media-CDN links (mmg.whatsapp.net …) are kept in the record but not
 * checked: they are on every media message and only say that media was exchanged.
 *
 * Three kinds of records share the artifact, told apart by the `kind` field:
 * `message`, `chat_session` and `lid_phone_pair`.
 */
import type { FileDigest, Source, SourceEntry } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { jsonInteger, sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { extractUrls } from '../../formats/urls.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { distinct, macTime, selectColumn, tablesSeen } from './sql-select.js';
import { addLidPair, foldersOf, resolveLid, whatsappFilePaths, type LidPhones } from './whatsapp-lid.js';

export const WHATSAPP_ARTIFACT = 'whatsapp';
export const WHATSAPP_PATHS_BY_KIND = whatsappFilePaths(['ChatStorage.sqlite', 'LID.sqlite']);
export const WHATSAPP_PATHS = WHATSAPP_PATHS_BY_KIND['ios-backup'];
export const WHATSAPP_FS_PATHS = WHATSAPP_PATHS_BY_KIND['ios-fs'];

/**
 * Whether a link points at WhatsApp's media CDN: `mmg.whatsapp.net`, `mmg-fna.whatsapp.net`
 * and the regional `media-<pop>.cdn.whatsapp.net` / `media.<pop>.fna.whatsapp.net` hosts
 * (plus `pps.whatsapp.net`, profile pictures). Only https links on exactly those hosts
 * count; `mmg.whatsapp.net.example.org` does not.
 */
export function isWhatsAppMediaUrl(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return false;
    host = parsed.hostname.toLowerCase();
  } catch {
    return false;
  }
  if (!host.endsWith('.whatsapp.net')) return false;
  const label = host.slice(0, -'.whatsapp.net'.length).split('.')[0] ?? '';
  return /^(mmg|media|pps)(-[a-z0-9]+)*$/.test(label);
}

export interface WhatsAppReadOptions {
  /** LID → phone pairs already read from LID.sqlite; filled further from ChatStorage. */
  lids?: LidPhones;
  /** Reports a table that is present but unreadable, while the rest of the file goes on. */
  problem?: (message: string) => void;
}

/** Message columns read when present (WhatsApp adds and drops columns between versions). */
const MESSAGE_COLUMNS = [
  ['ZCHATSESSION', 'chat_session'],
  ['ZFROMJID', 'from_jid'],
  ['ZTOJID', 'to_jid'],
  ['ZPUSHNAME', 'push_name'],
  ['ZISFROMME', 'is_from_me'],
  ['ZMESSAGETYPE', 'message_type'],
  ['ZMESSAGESTATUS', 'message_status'],
  ['ZSTANZAID', 'stanza_id'],
  ['ZSTARRED', 'starred'],
  ['ZSENTDATE', 'sent_date'],
] as const;

const MEDIA_COLUMNS = [
  ['ZMEDIAURL', 'media_url'],
  ['ZTITLE', 'media_caption'],
  ['ZAUTHORNAME', 'media_author_name'],
  ['ZMEDIALOCALPATH', 'media_local_path'],
] as const;

const DATA_ITEM_COLUMNS = [
  ['ZMATCHEDTEXT', 'matched_text'],
  ['ZCONTENT1', 'content1'],
  ['ZCONTENT2', 'content2'],
  ['ZTITLE', 'data_title'],
  ['ZSUMMARY', 'data_summary'],
] as const;

/** Columns whose text is searched for links, in the order links are listed. */
const LINK_SOURCES = ['text', 'media_caption', 'media_url', 'matched_text', 'content1', 'content2', 'data_title', 'data_summary'] as const;

function unsupported(message: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${message}`);
}

/** Pair records of a ZWAPHONENUMBERLIDPAIR table; the pairs also go into `lids`. */
function* readLidPairTable(db: SqliteDatabase, table: string, digest: FileDigest, lids: LidPhones): Generator<ArtifactRecord> {
  const columns = columnSet(db, table);
  const missing = ['Z_PK', 'ZLID', 'ZPHONENUMBER'].filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) throw unsupported(`${table} lacks ${missing.join(', ')} (columns: ${db.columns(table).join(', ')})`);
  const sql =
    `SELECT p."Z_PK" AS pk, p."ZLID" AS lid, p."ZPHONENUMBER" AS phone, ${selectColumn('p', columns, 'ZTIMESTAMP', 'timestamp')} ` +
    `FROM ${quoteIdent(table)} AS p ORDER BY p."Z_PK"`;
  for (const row of db.iterate(sql)) {
    const lid = sqlText(row['lid']);
    const phone = sqlText(row['phone']);
    addLidPair(lids, lid, phone);
    const pk = jsonInteger(row['pk']);
    yield makeRecord(
      WHATSAPP_ARTIFACT,
      { kind: 'lid_phone_pair', pair_pk: pk, lid, phone_number: phone },
      originOf(digest, { kind: 'sqlite', table, rowid: String(pk) }),
      [{ at: macTime(row['timestamp']), meaning: 'LID pair recorded' }],
    );
  }
}

/** Records of a LID.sqlite: one per LID ↔ phone pair. */
export function* readWhatsAppLids(db: SqliteDatabase, digest: FileDigest, lids: LidPhones = new Map()): Generator<ArtifactRecord> {
  const table = findTable(db, 'ZWAPHONENUMBERLIDPAIR');
  if (!table) throw unsupported(`no ZWAPHONENUMBERLIDPAIR table (tables: ${tablesSeen(db)})`);
  yield* readLidPairTable(db, table, digest, lids);
}

interface MessageAccumulator {
  row: SqlRow;
  values: Map<string, Set<string>>;
}

function accumulate(into: MessageAccumulator, row: SqlRow): void {
  for (const [, name] of [...MEDIA_COLUMNS, ...DATA_ITEM_COLUMNS]) {
    const text = sqlText(row[name]);
    if (text === null || text === '') continue;
    const set = into.values.get(name) ?? new Set<string>();
    set.add(text);
    into.values.set(name, set);
  }
}

function messageRecord(acc: MessageAccumulator, table: string, digest: FileDigest, lids: LidPhones): ArtifactRecord {
  const { row } = acc;
  const list = (name: string): string[] => [...(acc.values.get(name) ?? [])];
  const text = sqlText(row['text']);
  const found: string[] = [];
  for (const source of LINK_SOURCES) {
    const texts = source === 'text' ? [text] : list(source);
    for (const value of texts) found.push(...extractUrls(value));
  }
  const all = distinct(found);
  const isFromMe = sqlBoolean(row['is_from_me']);
  const direction = isFromMe === null ? null : isFromMe ? 'sent' : 'received';
  const fromJid = sqlText(row['from_jid']);
  const toJid = sqlText(row['to_jid']);
  const pk = jsonInteger(row['pk']);
  const fields = {
    kind: 'message',
    message_pk: pk,
    chat_session_pk: jsonInteger(row['chat_session']),
    direction,
    from_jid: fromJid,
    from_resolved_phone: resolveLid(lids, fromJid),
    to_jid: toJid,
    to_resolved_phone: resolveLid(lids, toJid),
    push_name: sqlText(row['push_name']),
    message_type: sqlNumber(row['message_type']),
    message_status: sqlNumber(row['message_status']),
    stanza_id: sqlText(row['stanza_id']),
    starred: sqlBoolean(row['starred']),
    text,
    media_urls: list('media_url'),
    media_captions: list('media_caption'),
    media_author_names: list('media_author_name'),
    media_local_paths: list('media_local_path'),
    matched_texts: list('matched_text'),
    data_content1: list('content1'),
    data_content2: list('content2'),
    data_titles: list('data_title'),
    data_summaries: list('data_summary'),
    links: all.filter((url) => !isWhatsAppMediaUrl(url)),
    media_links: all.filter((url) => isWhatsAppMediaUrl(url)),
  };
  return makeRecord(WHATSAPP_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(pk) }), [
    { at: macTime(row['message_date']), meaning: direction ?? 'message date' },
    { at: macTime(row['sent_date']), meaning: 'sent by sender' },
  ]);
}

/** How a side table (media items, data items) links to its message, or null when it cannot. */
function sideJoin(db: SqliteDatabase, name: string, alias: string, messageColumns: Set<string>, backPointer: string | null): string | null {
  const table = findTable(db, name);
  if (!table) return null;
  const columns = columnSet(db, table);
  if (columns.has('zmessage')) return `LEFT JOIN ${quoteIdent(table)} AS ${alias} ON ${alias}."ZMESSAGE" = m."Z_PK"`;
  // Older layouts point from the message to its media item instead.
  if (backPointer && messageColumns.has(backPointer.toLowerCase()) && columns.has('z_pk')) {
    return `LEFT JOIN ${quoteIdent(table)} AS ${alias} ON ${alias}."Z_PK" = m.${quoteIdent(backPointer)}`;
  }
  return null;
}

function* readMessages(db: SqliteDatabase, message: string, digest: FileDigest, lids: LidPhones, problem: (m: string) => void): Generator<ArtifactRecord> {
  const columns = columnSet(db, message);
  const select = ['m."Z_PK" AS "pk"', 'm."ZTEXT" AS "text"', 'm."ZMESSAGEDATE" AS "message_date"'];
  for (const [column, as] of MESSAGE_COLUMNS) select.push(selectColumn('m', columns, column, as));
  const joins: string[] = [];
  const media = sideJoin(db, 'ZWAMEDIAITEM', 'mi', columns, 'ZMEDIAITEM');
  const mediaTable = findTable(db, 'ZWAMEDIAITEM');
  if (media && mediaTable) {
    joins.push(media);
    const mediaColumns = columnSet(db, mediaTable);
    for (const [column, as] of MEDIA_COLUMNS) select.push(selectColumn('mi', mediaColumns, column, as));
  } else {
    if (mediaTable) problem(`unsupported schema: ZWAMEDIAITEM has no link to its message (columns: ${db.columns(mediaTable).join(', ')})`);
    for (const [, as] of MEDIA_COLUMNS) select.push(`NULL AS ${quoteIdent(as)}`);
  }
  const dataTable = findTable(db, 'ZWAMESSAGEDATAITEM');
  const data = sideJoin(db, 'ZWAMESSAGEDATAITEM', 'di', columns, null);
  if (data && dataTable) {
    joins.push(data);
    const dataColumns = columnSet(db, dataTable);
    for (const [column, as] of DATA_ITEM_COLUMNS) select.push(selectColumn('di', dataColumns, column, as));
  } else {
    if (dataTable) problem(`unsupported schema: ZWAMESSAGEDATAITEM has no ZMESSAGE column (columns: ${db.columns(dataTable).join(', ')})`);
    for (const [, as] of DATA_ITEM_COLUMNS) select.push(`NULL AS ${quoteIdent(as)}`);
  }
  // A message may have several data items (several link previews); the rows of one message
  // arrive together and are folded into one record.
  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(message)} AS m ${joins.join(' ')} ORDER BY m."Z_PK"`;
  let current: MessageAccumulator | null = null;
  for (const row of db.iterate(sql)) {
    if (current && sqlText(current.row['pk']) !== sqlText(row['pk'])) {
      yield messageRecord(current, message, digest, lids);
      current = null;
    }
    if (!current) current = { row, values: new Map() };
    accumulate(current, row);
  }
  if (current) yield messageRecord(current, message, digest, lids);
}

const SESSION_COLUMNS = [
  ['ZCONTACTJID', 'contact_jid'],
  ['ZCONTACTIDENTIFIER', 'contact_identifier'],
  ['ZPARTNERNAME', 'partner_name'],
  ['ZSESSIONTYPE', 'session_type'],
  ['ZARCHIVED', 'archived'],
  ['ZREMOVED', 'removed'],
  ['ZHIDDEN', 'hidden'],
  ['ZMESSAGECOUNTER', 'message_counter'],
  ['ZUNREADCOUNT', 'unread_count'],
  ['ZLASTMESSAGETEXT', 'last_message_text'],
  ['ZLASTMESSAGEDATE', 'last_message_date'],
] as const;

function* readSessions(db: SqliteDatabase, message: string, digest: FileDigest, lids: LidPhones, problem: (m: string) => void): Generator<ArtifactRecord> {
  const session = findTable(db, 'ZWACHATSESSION');
  if (!session) return;
  const columns = columnSet(db, session);
  if (!columns.has('z_pk')) {
    problem(`unsupported schema: ZWACHATSESSION lacks Z_PK (columns: ${db.columns(session).join(', ')})`);
    return;
  }
  const select = ['s."Z_PK" AS "pk"'];
  for (const [column, as] of SESSION_COLUMNS) select.push(selectColumn('s', columns, column, as));
  const joins: string[] = [];
  const group = findTable(db, 'ZWAGROUPINFO');
  const groupColumns = group ? columnSet(db, group) : new Set<string>();
  let groupOn: string | null = null;
  if (group && groupColumns.has('z_pk') && columns.has('zgroupinfo')) groupOn = 'g."Z_PK" = s."ZGROUPINFO"';
  else if (group && groupColumns.has('zchatsession')) groupOn = 'g."ZCHATSESSION" = s."Z_PK"';
  if (group && groupOn) {
    joins.push(`LEFT JOIN ${quoteIdent(group)} AS g ON ${groupOn}`);
    select.push(selectColumn('g', groupColumns, 'ZCREATIONDATE', 'group_creation_date'));
    select.push(selectColumn('g', groupColumns, 'ZCREATORJID', 'group_creator_jid'));
  } else {
    select.push('NULL AS "group_creation_date"', 'NULL AS "group_creator_jid"');
  }
  if (columnSet(db, message).has('zchatsession')) {
    joins.push(
      `LEFT JOIN (SELECT "ZCHATSESSION" AS session, MIN("ZMESSAGEDATE") AS first, MAX("ZMESSAGEDATE") AS last, COUNT(*) AS n ` +
        `FROM ${quoteIdent(message)} GROUP BY "ZCHATSESSION") AS st ON st.session = s."Z_PK"`,
    );
    select.push('st.first AS "first_stored"', 'st.last AS "last_stored"', 'COALESCE(st.n, 0) AS "stored_count"');
  } else {
    select.push('NULL AS "first_stored"', 'NULL AS "last_stored"', 'NULL AS "stored_count"');
  }
  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(session)} AS s ${joins.join(' ')} ORDER BY s."Z_PK"`;
  for (const row of db.iterate(sql)) {
    const jid = sqlText(row['contact_jid']);
    const identifier = sqlText(row['contact_identifier']);
    // Newer versions keep the other identity of a LID chat in ZCONTACTIDENTIFIER.
    const phoneFromIdentifier = jid?.endsWith('@lid') && identifier?.endsWith('@s.whatsapp.net') ? `+${identifier.split('@')[0] ?? ''}` : null;
    const creation = macTime(row['group_creation_date']);
    const pk = jsonInteger(row['pk']);
    const fields = {
      kind: 'chat_session',
      session_pk: pk,
      contact_jid: jid,
      contact_identifier: identifier,
      partner_name: sqlText(row['partner_name']),
      partner_resolved_phone: resolveLid(lids, jid) ?? phoneFromIdentifier,
      is_group: (jid?.endsWith('@g.us') ?? false) || creation !== null,
      session_type: sqlNumber(row['session_type']),
      archived: sqlBoolean(row['archived']),
      removed: sqlBoolean(row['removed']),
      hidden: sqlBoolean(row['hidden']),
      message_counter: sqlNumber(row['message_counter']),
      unread_count: sqlNumber(row['unread_count']),
      stored_message_count: sqlNumber(row['stored_count']),
      last_message_text: sqlText(row['last_message_text']),
      group_creator_jid: sqlText(row['group_creator_jid']),
    };
    yield makeRecord(WHATSAPP_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: session, rowid: String(pk) }), [
      // The session's own date is kept even when the newest stored message was deleted.
      { at: macTime(row['last_message_date']), meaning: 'last message' },
      { at: creation, meaning: 'group created' },
      { at: macTime(row['first_stored']), meaning: 'first stored message' },
      { at: macTime(row['last_stored']), meaning: 'last stored message' },
    ]);
  }
}

/**
 * Records of one ChatStorage.sqlite: LID pairs kept there (some versions), then messages,
 * then chat sessions.
 */
export function* readChatStorage(db: SqliteDatabase, digest: FileDigest, options: WhatsAppReadOptions = {}): Generator<ArtifactRecord> {
  const lids = options.lids ?? new Map<string, string>();
  const problem = options.problem ?? (() => undefined);
  const message = findTable(db, 'ZWAMESSAGE');
  if (!message) throw unsupported(`no ZWAMESSAGE table (tables: ${tablesSeen(db)})`);
  const columns = columnSet(db, message);
  const missing = ['Z_PK', 'ZTEXT', 'ZMESSAGEDATE'].filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) throw unsupported(`ZWAMESSAGE lacks ${missing.join(', ')} (columns: ${db.columns(message).join(', ')})`);

  const pairs = findTable(db, 'ZWAPHONENUMBERLIDPAIR');
  if (pairs) {
    try {
      yield* readLidPairTable(db, pairs, digest, lids);
    } catch (error) {
      if (!(error instanceof ArtifactError)) throw error;
      problem(error.message);
    }
  }
  yield* readMessages(db, message, digest, lids, problem);
  yield* readSessions(db, message, digest, lids, problem);
}

async function* extractWhatsApp(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const files = filesWithContent(source, pathsFor(WHATSAPP_PATHS_BY_KIND, source), context);
  const named = (path: string): SourceEntry[] => files.filter((file) => file.path === path);
  // One folder per app (WhatsApp, WhatsApp Business): a LID pair resolves only its own app's chats.
  for (const folder of foldersOf(files.map((file) => file.path))) {
    // LID.sqlite first, so chat sessions and messages filed under a LID get a phone number.
    const lids: LidPhones = new Map();
    yield* eachDatabase(source, named(`${folder}/LID.sqlite`), context, (db, digest) => readWhatsAppLids(db, digest, lids));
    const chat = `${folder}/ChatStorage.sqlite`;
    yield* eachDatabase(source, named(chat), context, (db, digest) =>
      readChatStorage(db, digest, { lids, problem: (message) => context.issue({ code: 'unsupported-schema', path: chat, message }) }),
    );
  }
}

export const whatsappExtractor: Extractor = {
  id: WHATSAPP_ARTIFACT,
  title: 'WhatsApp messages, chats and LID pairs',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: WHATSAPP_PATHS_BY_KIND,
  extract: extractWhatsApp,
};
