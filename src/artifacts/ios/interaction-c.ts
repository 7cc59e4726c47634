/**
 * CoreDuet's interactionC.db: the phone's record of who the user interacted with, when and
 * through which app (Messages, Mail, FaceTime, WhatsApp, the share sheet …). It outlives the
 * messages themselves, so an exploit sender whose messages were deleted can still show up
 * here, with the account, the sender's handle and the time.
 *
 * Four schema ages are read (iOS 9; iOS 10–11 with ZRECIPIENTCOUNT; iOS 12 with attachments
 * and recipients in join tables; iOS 13+ with group names and derived intents) by reading
 * every column by name. Core Data names the join tables after entity numbers that differ
 * between model versions, so they are found by their column names, never hard-coded.
 * One record per interaction: its recipients and attachments are folded into lists.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { jsonInteger, sqlBoolean, sqlBytes, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { distinct, macTime, selectColumn, tablesSeen } from './sql-select.js';
import { loadWhatsAppLidPhones, resolveLid, type LidPhones } from './whatsapp-lid.js';

export const INTERACTION_C_ARTIFACT = 'interaction_c';
export const INTERACTION_C_PATHS = ['HomeDomain/Library/CoreDuet/People/interactionC.db'] as const;
export const INTERACTION_C_FS_PATHS = [`${MOBILE_HOME}/Library/CoreDuet/People/interactionC.db`] as const;
export const INTERACTION_C_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': INTERACTION_C_PATHS, 'ios-fs': INTERACTION_C_FS_PATHS };

const INTERACTION_COLUMNS = [
  ['ZSTARTDATE', 'start_date'],
  ['ZENDDATE', 'end_date'],
  ['ZCREATIONDATE', 'creation_date'],
  ['ZBUNDLEID', 'bundle_id'],
  ['ZTARGETBUNDLEID', 'target_bundle_id'],
  ['ZACCOUNT', 'account'],
  ['ZDOMAINIDENTIFIER', 'domain_identifier'],
  ['ZDIRECTION', 'direction'],
  ['ZMECHANISM', 'mechanism'],
  ['ZISRESPONSE', 'is_response'],
  ['ZRECIPIENTCOUNT', 'recipient_count'],
  ['ZCONTENTURL', 'content_url'],
  ['ZLOCATIONUUID', 'location_uuid'],
  ['ZGROUPNAME', 'group_name'],
  ['ZDERIVEDINTENTIDENTIFIER', 'derived_intent_id'],
] as const;

const SENDER_COLUMNS = [
  ['ZDISPLAYNAME', 's_display_name'],
  ['ZIDENTIFIER', 's_identifier'],
  ['ZPERSONID', 's_person_id'],
  ['ZCUSTOMIDENTIFIER', 's_custom_id'],
  ['ZINCOMINGRECIPIENTCOUNT', 's_incoming_recipient_count'],
  ['ZINCOMINGSENDERCOUNT', 's_incoming_sender_count'],
  ['ZOUTGOINGRECIPIENTCOUNT', 's_outgoing_recipient_count'],
  ['ZCREATIONDATE', 's_created'],
  ['ZFIRSTINCOMINGSENDERDATE', 's_first_incoming_sender'],
  ['ZLASTINCOMINGSENDERDATE', 's_last_incoming_sender'],
  ['ZFIRSTINCOMINGRECIPIENTDATE', 's_first_incoming_recipient'],
  ['ZLASTINCOMINGRECIPIENTDATE', 's_last_incoming_recipient'],
  ['ZFIRSTOUTGOINGRECIPIENTDATE', 's_first_outgoing_recipient'],
  ['ZLASTOUTGOINGRECIPIENTDATE', 's_last_outgoing_recipient'],
] as const;

const RECIPIENT_COLUMNS = [
  ['Z_PK', 'r_pk'],
  ['ZDISPLAYNAME', 'r_display_name'],
  ['ZIDENTIFIER', 'r_identifier'],
  ['ZPERSONID', 'r_person_id'],
] as const;

const ATTACHMENT_COLUMNS = [
  ['Z_PK', 'a_pk'],
  ['ZCONTENTTEXT', 'a_content_text'],
  ['ZUTI', 'a_uti'],
  ['ZCONTENTURL', 'a_content_url'],
  ['ZSIZEINBYTES', 'a_size'],
  ['ZPHOTOLOCALIDENTIFIER', 'a_photo_local_id'],
  ['ZIDENTIFIER', 'a_identifier'],
  ['ZCLOUDIDENTIFIER', 'a_cloud_id'],
] as const;

interface JoinTable {
  table: string;
  /** Column holding the interaction's Z_PK. */
  interaction: string;
  /** Column holding the other side's Z_PK (attachment or recipient contact). */
  other: string;
}

/** A Core Data many-to-many table, found by the roles of its columns (`Z_<n>ATTACHMENTS` …). */
function findJoinTable(db: SqliteDatabase, other: RegExp, interaction: RegExp): JoinTable | null {
  for (const table of db.tables()) {
    if (!/^Z_\d+/i.test(table)) continue;
    const columns = db.columns(table);
    const otherColumn = columns.find((column) => other.test(column));
    const interactionColumn = columns.find((column) => interaction.test(column));
    if (otherColumn && interactionColumn) return { table, interaction: interactionColumn, other: otherColumn };
  }
  return null;
}

/** An e-mail address among contact handles (`mailto:` removed), for the e-mail indicator check. */
function emailOf(identifier: string | null): string | null {
  if (!identifier) return null;
  const value = identifier.replace(/^mailto:/i, '').trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

function directionOf(code: number | null): 'incoming' | 'outgoing' | null {
  if (code === 0) return 'incoming';
  if (code === 1) return 'outgoing';
  return null;
}

interface Folded {
  row: SqlRow;
  recipients: Map<string, SqlRow>;
  attachments: Map<string, SqlRow>;
}

function interactionRecord(folded: Folded, table: string, digest: FileDigest, lids: LidPhones): ArtifactRecord {
  const { row } = folded;
  const recipients = [...folded.recipients.values()];
  const attachments = [...folded.attachments.values()];
  const senderIdentifier = sqlText(row['s_identifier']);
  const recipientIdentifiers = distinct(recipients.map((r) => sqlText(r['r_identifier'])));
  const start = sqlNumber(row['start_date']);
  const created = sqlNumber(row['creation_date']);
  const sizes = attachments.map((a) => sqlNumber(a['a_size'])).filter((size): size is number => size !== null);
  const directionCode = sqlNumber(row['direction']);
  const pk = jsonInteger(row['pk']);
  const fields = {
    interaction_pk: pk,
    bundle_id: sqlText(row['bundle_id']),
    target_bundle_id: sqlText(row['target_bundle_id']),
    account: sqlText(row['account']),
    domain_identifier: sqlText(row['domain_identifier']),
    direction: directionOf(directionCode),
    direction_code: directionCode,
    mechanism: sqlNumber(row['mechanism']),
    is_response: sqlBoolean(row['is_response']),
    recipient_count: sqlNumber(row['recipient_count']),
    content_url: sqlText(row['content_url']),
    location_uuid: sqlText(row['location_uuid']),
    group_name: sqlText(row['group_name']),
    derived_intent_id: sqlText(row['derived_intent_id']),
    // How long after the interaction CoreDuet recorded it (MVT notes delays of an hour or more).
    recorded_after_start_seconds: start !== null && created !== null && start !== 0 && created !== 0 ? Math.round((created - start) * 1e6) / 1e6 : null,
    sender_display_name: sqlText(row['s_display_name']),
    sender_identifier: senderIdentifier,
    sender_person_id: sqlText(row['s_person_id']),
    sender_custom_id: sqlText(row['s_custom_id']),
    sender_whatsapp_phone: resolveLid(lids, senderIdentifier),
    sender_incoming_recipient_count: sqlNumber(row['s_incoming_recipient_count']),
    sender_incoming_sender_count: sqlNumber(row['s_incoming_sender_count']),
    sender_outgoing_recipient_count: sqlNumber(row['s_outgoing_recipient_count']),
    sender_created: macTime(row['s_created']),
    sender_first_incoming_sender: macTime(row['s_first_incoming_sender']),
    sender_last_incoming_sender: macTime(row['s_last_incoming_sender']),
    sender_first_incoming_recipient: macTime(row['s_first_incoming_recipient']),
    sender_last_incoming_recipient: macTime(row['s_last_incoming_recipient']),
    sender_first_outgoing_recipient: macTime(row['s_first_outgoing_recipient']),
    sender_last_outgoing_recipient: macTime(row['s_last_outgoing_recipient']),
    recipient_display_names: distinct(recipients.map((r) => sqlText(r['r_display_name']))),
    recipient_identifiers: recipientIdentifiers,
    recipient_person_ids: distinct(recipients.map((r) => sqlText(r['r_person_id']))),
    recipient_whatsapp_phones: distinct(recipientIdentifiers.map((identifier) => resolveLid(lids, identifier))),
    emails: distinct([senderIdentifier, ...recipientIdentifiers].map(emailOf)),
    attachment_count: attachments.length,
    attachment_utis: distinct(attachments.map((a) => sqlText(a['a_uti']))),
    attachment_content_urls: distinct(attachments.map((a) => sqlText(a['a_content_url']))),
    attachment_content_texts: distinct(attachments.map((a) => sqlText(a['a_content_text']))),
    attachment_ids: distinct(attachments.map((a) => sqlBytes(a['a_identifier'])?.toString('hex').toUpperCase())),
    attachment_cloud_ids: distinct(attachments.map((a) => sqlText(a['a_cloud_id']))),
    attachment_photo_local_ids: distinct(attachments.map((a) => sqlText(a['a_photo_local_id']))),
    attachment_bytes: sizes.length > 0 ? sizes.reduce((sum, size) => sum + size, 0) : null,
  };
  return makeRecord(INTERACTION_C_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(pk) }), [
    { at: macTime(row['start_date']), meaning: 'started' },
    { at: macTime(row['end_date']), meaning: 'ended' },
    { at: macTime(row['creation_date']), meaning: 'recorded' },
  ]);
}

/** Records of one interactionC.db, one per interaction, in Z_PK order. */
export function* readInteractionC(db: SqliteDatabase, digest: FileDigest, lids: LidPhones = new Map()): Generator<ArtifactRecord> {
  const interactions = findTable(db, 'ZINTERACTIONS');
  if (!interactions) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no ZINTERACTIONS table (tables: ${tablesSeen(db)})`);
  const columns = columnSet(db, interactions);
  const missing = ['Z_PK', 'ZSTARTDATE'].filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: ZINTERACTIONS lacks ${missing.join(', ')} (columns: ${db.columns(interactions).join(', ')})`,
    );
  }
  const select = ['i."Z_PK" AS "pk"'];
  for (const [column, as] of INTERACTION_COLUMNS) select.push(selectColumn('i', columns, column, as));
  const joins: string[] = [];
  const order = ['i."Z_PK"'];

  const contacts = findTable(db, 'ZCONTACTS');
  const contactColumns = contacts ? columnSet(db, contacts) : new Set<string>();
  const canJoinSender = contacts !== undefined && contactColumns.has('z_pk') && columns.has('zsender');
  if (canJoinSender) joins.push(`LEFT JOIN ${quoteIdent(contacts)} AS s ON s."Z_PK" = i."ZSENDER"`);
  for (const [column, as] of SENDER_COLUMNS) select.push(canJoinSender ? selectColumn('s', contactColumns, column, as) : `NULL AS ${quoteIdent(as)}`);

  const recipientJoin = contacts && contactColumns.has('z_pk') ? findJoinTable(db, /^Z_\d+RECIPIENTS$/i, /^Z_\d+INTERACTIONRECIPIENT$/i) : null;
  if (recipientJoin && contacts) {
    joins.push(
      `LEFT JOIN ${quoteIdent(recipientJoin.table)} AS jr ON jr.${quoteIdent(recipientJoin.interaction)} = i."Z_PK"`,
      `LEFT JOIN ${quoteIdent(contacts)} AS r ON r."Z_PK" = jr.${quoteIdent(recipientJoin.other)}`,
    );
    order.push('r."Z_PK"');
  }
  for (const [column, as] of RECIPIENT_COLUMNS) select.push(recipientJoin ? selectColumn('r', contactColumns, column, as) : `NULL AS ${quoteIdent(as)}`);

  const attachment = findTable(db, 'ZATTACHMENT');
  const attachmentColumns = attachment ? columnSet(db, attachment) : new Set<string>();
  const attachmentJoin = attachment && attachmentColumns.has('z_pk') ? findJoinTable(db, /^Z_\d+ATTACHMENTS$/i, /^Z_\d+INTERACTIONS$/i) : null;
  if (attachmentJoin && attachment) {
    joins.push(
      `LEFT JOIN ${quoteIdent(attachmentJoin.table)} AS ja ON ja.${quoteIdent(attachmentJoin.interaction)} = i."Z_PK"`,
      `LEFT JOIN ${quoteIdent(attachment)} AS a ON a."Z_PK" = ja.${quoteIdent(attachmentJoin.other)}`,
    );
    order.push('a."Z_PK"');
  }
  for (const [column, as] of ATTACHMENT_COLUMNS) select.push(attachmentJoin ? selectColumn('a', attachmentColumns, column, as) : `NULL AS ${quoteIdent(as)}`);

  // Recipients × attachments of one interaction arrive as consecutive rows; they are
  // folded into one record, each recipient and attachment kept once.
  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(interactions)} AS i ${joins.join(' ')} ORDER BY ${order.join(', ')}`;
  let current: Folded | null = null;
  for (const row of db.iterate(sql)) {
    const pk = sqlText(row['pk']);
    if (current && sqlText(current.row['pk']) !== pk) {
      yield interactionRecord(current, interactions, digest, lids);
      current = null;
    }
    if (!current) current = { row, recipients: new Map(), attachments: new Map() };
    const recipient = sqlText(row['r_pk']);
    if (recipient !== null && !current.recipients.has(recipient)) current.recipients.set(recipient, row);
    const attached = sqlText(row['a_pk']);
    if (attached !== null && !current.attachments.has(attached)) current.attachments.set(attached, row);
  }
  if (current) yield interactionRecord(current, interactions, digest, lids);
}

async function* extractInteractionC(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  const files = filesWithContent(source, pathsFor(INTERACTION_C_PATHS_BY_KIND, source), context);
  if (files.length === 0) return;
  // WhatsApp contacts appear under opaque LIDs; WhatsApp's own databases hold their numbers.
  const lids = await loadWhatsAppLidPhones(source);
  yield* eachDatabase(source, files, context, (db, digest) => readInteractionC(db, digest, lids));
}

export const interactionCExtractor: Extractor = {
  id: INTERACTION_C_ARTIFACT,
  title: 'Contact interactions (CoreDuet interactionC)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: INTERACTION_C_PATHS_BY_KIND,
  extract: extractInteractionC,
};
