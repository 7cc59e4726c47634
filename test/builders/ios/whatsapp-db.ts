/**
 * Writes WhatsApp's app-group databases (reference/artifacts.md §2.3.5): ChatStorage.sqlite
 * with the Core Data tables messages, media items, link-preview data items, chat sessions
 * and group info; LID.sqlite with ZWAPHONENUMBERLIDPAIR; ContactsV2.sqlite with
 * ZWAADDRESSBOOKCONTACT. Dates are raw Mac-absolute seconds, so tests control them.
 *
 * ChatStorage variants:
 * - `current`: the column set of a recent WhatsApp (2024+), Core Data bookkeeping included.
 * - `mvt-fixture`: the minimal hand-written tables of MVT's test database.
 * - `no-preview-titles`: data items without ZSUMMARY / ZTITLE (older link previews).
 */
import { sqliteBytes, type SqliteDb } from '../ios-backup.js';
import { insertRow, writePrimaryKeys } from './sql-insert.js';

export type ChatStorageVariant = 'current' | 'mvt-fixture' | 'no-preview-titles';

export interface WaMessageSpec {
  pk: number;
  chatSession?: number | null;
  fromJid?: string | null;
  toJid?: string | null;
  text?: string | null;
  date?: number | null;
  sentDate?: number | null;
  isFromMe?: boolean;
  messageType?: number;
  pushName?: string;
  stanzaId?: string;
}

export interface WaMediaItemSpec {
  pk: number;
  message: number;
  mediaUrl?: string | null;
  authorName?: string | null;
  /** The caption of a photo or video. */
  title?: string | null;
  localPath?: string | null;
}

export interface WaDataItemSpec {
  pk: number;
  message: number;
  matchedText?: string | null;
  content1?: string | null;
  content2?: string | null;
  summary?: string | null;
  title?: string | null;
}

export interface WaChatSessionSpec {
  pk: number;
  contactJid: string;
  contactIdentifier?: string | null;
  partnerName?: string | null;
  sessionType?: number;
  archived?: boolean;
  removed?: boolean;
  messageCounter?: number;
  lastMessageDate?: number | null;
  lastMessageText?: string | null;
  groupInfo?: number | null;
}

export interface WaGroupInfoSpec {
  pk: number;
  chatSession: number;
  creationDate?: number | null;
  creatorJid?: string | null;
}

export interface WaLidPairSpec {
  pk: number;
  lid: string | null;
  phoneNumber: string | null;
  timestamp?: number | null;
}

export interface ChatStorageSpec {
  variant?: ChatStorageVariant;
  messages?: WaMessageSpec[];
  mediaItems?: WaMediaItemSpec[];
  dataItems?: WaDataItemSpec[];
  sessions?: WaChatSessionSpec[];
  groups?: WaGroupInfoSpec[];
  /** Some WhatsApp versions keep ZWAPHONENUMBERLIDPAIR in ChatStorage.sqlite itself. */
  lidPairs?: WaLidPairSpec[];
}

const MESSAGE_CURRENT = `CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZCHILDMESSAGESDELIVEREDCOUNT INTEGER, ZCHILDMESSAGESPLAYEDCOUNT INTEGER, ZCHILDMESSAGESREADCOUNT INTEGER,
  ZDATAITEMVERSION INTEGER, ZDOCID INTEGER, ZENCRETRYCOUNT INTEGER, ZFILTEREDRECIPIENTCOUNT INTEGER, ZFLAGS INTEGER,
  ZGROUPEVENTTYPE INTEGER, ZISFROMME INTEGER, ZMESSAGEERRORSTATUS INTEGER, ZMESSAGESTATUS INTEGER, ZMESSAGETYPE INTEGER,
  ZSORT INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZSTARRED INTEGER, ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER,
  ZLASTSESSION INTEGER, ZMEDIAITEM INTEGER, ZMESSAGEINFO INTEGER, ZPARENTMESSAGE INTEGER, ZMESSAGEDATE TIMESTAMP,
  ZSENTDATE TIMESTAMP, ZFROMJID VARCHAR, ZMEDIASECTIONID VARCHAR, ZPHASH VARCHAR, ZPUSHNAME VARCHAR, ZSTANZAID VARCHAR,
  ZTEXT VARCHAR, ZTOJID VARCHAR )`;

const MEDIA_CURRENT = `CREATE TABLE ZWAMEDIAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCLOUDSTATUS INTEGER,
  ZFILESIZE INTEGER, ZMEDIAORIGIN INTEGER, ZMOVIEDURATION INTEGER, ZMESSAGE INTEGER, ZASPECTRATIO FLOAT,
  ZHACCURACY FLOAT, ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZMEDIAURLDATE TIMESTAMP, ZAUTHORNAME VARCHAR,
  ZCOLLECTIONNAME VARCHAR, ZMEDIALOCALPATH VARCHAR, ZMEDIAURL VARCHAR, ZTHUMBNAILLOCALPATH VARCHAR, ZTITLE VARCHAR,
  ZVCARDNAME VARCHAR, ZVCARDSTRING VARCHAR, ZXMPPTHUMBPATH VARCHAR, ZMEDIAKEY BLOB, ZMETADATA BLOB )`;

function dataItemTable(withTitles: boolean): string {
  return `CREATE TABLE ZWAMESSAGEDATAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZINDEX INTEGER,
  ZMESSAGE INTEGER, ZDATE TIMESTAMP, ZCONTENT1 VARCHAR, ZCONTENT2 VARCHAR, ZMATCHEDTEXT VARCHAR, ZSECTIONID VARCHAR,
  ZSENDERJID VARCHAR${withTitles ? ', ZSUMMARY VARCHAR, ZTITLE VARCHAR' : ''}, ZTHUMBNAILDATA BLOB )`;
}

const SESSION_CURRENT = `CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZARCHIVED INTEGER,
  ZCONTACTABID INTEGER, ZFLAGS INTEGER, ZHIDDEN INTEGER, ZIDENTITYVERIFICATIONEPOCH INTEGER,
  ZIDENTITYVERIFICATIONSTATE INTEGER, ZMESSAGECOUNTER INTEGER, ZREMOVED INTEGER, ZSESSIONTYPE INTEGER,
  ZSPOTLIGHTSTATUS INTEGER, ZUNREADCOUNT INTEGER, ZGROUPINFO INTEGER, ZLASTMESSAGE INTEGER, ZPROPERTIES INTEGER,
  ZLASTMESSAGEDATE TIMESTAMP, ZLOCATIONSHARINGENDDATE TIMESTAMP, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTJID VARCHAR,
  ZETAG VARCHAR, ZLASTMESSAGETEXT VARCHAR, ZPARTNERNAME VARCHAR, ZSAVEDINPUT VARCHAR )`;

const GROUP_CURRENT = `CREATE TABLE ZWAGROUPINFO ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSTATE INTEGER,
  ZCHATSESSION INTEGER, ZLASTMESSAGEOWNER INTEGER, ZPRIMARYADMIN INTEGER, ZPARTICIPANTSHASH VARCHAR,
  ZCREATIONDATE TIMESTAMP, ZSUBJECTTIMESTAMP TIMESTAMP, ZCREATORJID VARCHAR, ZOWNERJID VARCHAR, ZPICTUREID VARCHAR,
  ZPICTUREPATH VARCHAR, ZSOURCEJID VARCHAR, ZSUBJECTOWNERJID VARCHAR )`;

const LID_PAIR = `CREATE TABLE ZWAPHONENUMBERLIDPAIR ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZTIMESTAMP TIMESTAMP, ZLID VARCHAR, ZPHONENUMBER VARCHAR )`;

const MVT_FIXTURE = `
CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, ZCHATSESSION INTEGER, ZFROMJID VARCHAR, ZTOJID VARCHAR, ZTEXT VARCHAR,
  ZMESSAGEDATE REAL, ZMESSAGETYPE INTEGER, ZISFROMME INTEGER );
CREATE TABLE ZWAMEDIAITEM ( Z_PK INTEGER PRIMARY KEY, ZMESSAGE INTEGER, ZAUTHORNAME VARCHAR, ZMEDIAURL VARCHAR );
CREATE TABLE ZWAMESSAGEDATAITEM ( Z_PK INTEGER PRIMARY KEY, ZMESSAGE INTEGER, ZCONTENT1 VARCHAR, ZCONTENT2 VARCHAR,
  ZMATCHEDTEXT VARCHAR, ZSUMMARY VARCHAR, ZTITLE VARCHAR );
CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, ZCONTACTJID VARCHAR, ZPARTNERNAME VARCHAR, ZSESSIONTYPE INTEGER,
  ZARCHIVED INTEGER, ZREMOVED INTEGER, ZMESSAGECOUNTER INTEGER, ZLASTMESSAGEDATE REAL, ZGROUPINFO INTEGER );
CREATE TABLE ZWAGROUPINFO ( Z_PK INTEGER PRIMARY KEY, ZCREATIONDATE REAL );
`;

const ENT = { chatSession: 1, dataItem: 5, groupInfo: 6, mediaItem: 9, message: 10, lidPair: 14 } as const;

export function buildChatStorageDb(spec: ChatStorageSpec): Buffer {
  const variant = spec.variant ?? 'current';
  const full = variant !== 'mvt-fixture';
  return sqliteBytes((db) => {
    if (full) {
      db.exec([MESSAGE_CURRENT, MEDIA_CURRENT, dataItemTable(variant === 'current'), SESSION_CURRENT, GROUP_CURRENT].join(';\n'));
      const max = (rows: readonly { pk: number }[] | undefined): number => Math.max(0, ...(rows ?? []).map((row) => row.pk));
      writePrimaryKeys(db, [
        { ent: ENT.chatSession, name: 'WAChatSession', max: max(spec.sessions) },
        { ent: ENT.dataItem, name: 'WAMessageDataItem', max: max(spec.dataItems) },
        { ent: ENT.groupInfo, name: 'WAGroupInfo', max: max(spec.groups) },
        { ent: ENT.mediaItem, name: 'WAMediaItem', max: max(spec.mediaItems) },
        { ent: ENT.message, name: 'WAMessage', max: max(spec.messages) },
      ]);
    } else {
      db.exec(MVT_FIXTURE);
    }
    if (spec.lidPairs) {
      db.exec(LID_PAIR);
      writeLidPairs(db, spec.lidPairs);
    }
    for (const m of spec.messages ?? []) {
      insertRow(db, 'ZWAMESSAGE', {
        Z_PK: m.pk,
        Z_ENT: full ? ENT.message : undefined,
        Z_OPT: full ? 1 : undefined,
        ZCHATSESSION: m.chatSession ?? null,
        ZFROMJID: m.fromJid ?? null,
        ZTOJID: m.toJid ?? null,
        ZTEXT: m.text ?? null,
        ZMESSAGEDATE: m.date ?? null,
        ZMESSAGETYPE: m.messageType ?? 0,
        ZISFROMME: m.isFromMe ?? false,
        ZSENTDATE: full ? (m.sentDate ?? null) : undefined,
        ZPUSHNAME: full ? (m.pushName ?? null) : undefined,
        ZSTANZAID: full ? (m.stanzaId ?? `3EB0${String(m.pk).padStart(16, '0')}`) : undefined,
        ZMESSAGESTATUS: full ? 8 : undefined,
        ZSTARRED: full ? 0 : undefined,
        ZMEDIAITEM: full ? ((spec.mediaItems ?? []).find((item) => item.message === m.pk)?.pk ?? null) : undefined,
      });
    }
    for (const item of spec.mediaItems ?? []) {
      insertRow(db, 'ZWAMEDIAITEM', {
        Z_PK: item.pk,
        Z_ENT: full ? ENT.mediaItem : undefined,
        Z_OPT: full ? 1 : undefined,
        ZMESSAGE: item.message,
        ZMEDIAURL: item.mediaUrl ?? null,
        ZAUTHORNAME: item.authorName ?? null,
        ZTITLE: full ? (item.title ?? null) : undefined,
        ZMEDIALOCALPATH: full ? (item.localPath ?? null) : undefined,
      });
    }
    for (const item of spec.dataItems ?? []) {
      const titles = variant !== 'no-preview-titles';
      insertRow(db, 'ZWAMESSAGEDATAITEM', {
        Z_PK: item.pk,
        Z_ENT: full ? ENT.dataItem : undefined,
        Z_OPT: full ? 1 : undefined,
        ZINDEX: full ? 0 : undefined,
        ZMESSAGE: item.message,
        ZMATCHEDTEXT: item.matchedText ?? null,
        ZCONTENT1: item.content1 ?? null,
        ZCONTENT2: item.content2 ?? null,
        ZSUMMARY: titles ? (item.summary ?? null) : undefined,
        ZTITLE: titles ? (item.title ?? null) : undefined,
      });
    }
    for (const s of spec.sessions ?? []) {
      insertRow(db, 'ZWACHATSESSION', {
        Z_PK: s.pk,
        Z_ENT: full ? ENT.chatSession : undefined,
        Z_OPT: full ? 1 : undefined,
        ZCONTACTJID: s.contactJid,
        ZCONTACTIDENTIFIER: full ? (s.contactIdentifier ?? null) : undefined,
        ZPARTNERNAME: s.partnerName ?? null,
        ZSESSIONTYPE: s.sessionType ?? 0,
        ZARCHIVED: s.archived ?? false,
        ZREMOVED: s.removed ?? false,
        ZHIDDEN: full ? 0 : undefined,
        ZUNREADCOUNT: full ? 0 : undefined,
        ZMESSAGECOUNTER: s.messageCounter ?? 0,
        ZLASTMESSAGEDATE: s.lastMessageDate ?? null,
        ZLASTMESSAGETEXT: full ? (s.lastMessageText ?? null) : undefined,
        ZGROUPINFO: s.groupInfo ?? null,
      });
    }
    for (const g of spec.groups ?? []) {
      insertRow(db, 'ZWAGROUPINFO', {
        Z_PK: g.pk,
        Z_ENT: full ? ENT.groupInfo : undefined,
        Z_OPT: full ? 1 : undefined,
        ZCHATSESSION: full ? g.chatSession : undefined,
        ZCREATIONDATE: g.creationDate ?? null,
        ZCREATORJID: full ? (g.creatorJid ?? null) : undefined,
      });
    }
  });
}

function writeLidPairs(db: SqliteDb, pairs: readonly WaLidPairSpec[]): void {
  for (const pair of pairs) {
    insertRow(db, 'ZWAPHONENUMBERLIDPAIR', {
      Z_PK: pair.pk,
      Z_ENT: ENT.lidPair,
      Z_OPT: 1,
      ZTIMESTAMP: pair.timestamp ?? null,
      ZLID: pair.lid,
      ZPHONENUMBER: pair.phoneNumber,
    });
  }
}

/** LID.sqlite: the LID ↔ phone-number pairs, with Core Data bookkeeping. */
export function buildLidDb(pairs: readonly WaLidPairSpec[]): Buffer {
  return sqliteBytes((db) => {
    db.exec(LID_PAIR);
    writePrimaryKeys(db, [{ ent: ENT.lidPair, name: 'WAPhoneNumberLIDPair', max: Math.max(0, ...pairs.map((p) => p.pk)) }]);
    writeLidPairs(db, pairs);
  });
}

/** ContactsV2.sqlite variants: the full current column set, or an older one without About/LID/disappearing columns. */
export type ContactsV2Variant = 'current' | 'older' | 'blob-strings';

export interface WaAddressBookContactSpec {
  pk: number;
  whatsappId?: string | null;
  lid?: string | null;
  phoneNumber?: string | null;
  localizedPhoneNumber?: string | null;
  fullName?: string | null;
  givenName?: string | null;
  lastName?: string | null;
  userName?: string | null;
  businessName?: string | null;
  aboutText?: string | null;
  aboutEmoji?: string | null;
  notes?: string | null;
  disappearingModeDuration?: number | null;
  disappearingModeTimestamp?: number | null;
  aboutTimestamp?: number | null;
  aboutExpirationTimestamp?: number | null;
  lastUpdated?: number | null;
  phoneStatus?: number | null;
  syncPolicy?: number | null;
}

const CONTACT_CURRENT = `CREATE TABLE ZWAADDRESSBOOKCONTACT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZABOUTEXPIRATIONTIMESTAMP TIMESTAMP, ZDISAPPEARINGMODEDURATION INTEGER, ZIDENTIFIER INTEGER, ZPHONESTATUS INTEGER,
  ZSYNCPOLICY INTEGER, ZABOUTTIMESTAMP TIMESTAMP, ZDISAPPEARINGMODETIMESTAMP TIMESTAMP, ZLASTUPDATED TIMESTAMP,
  ZABOUTEMOJI VARCHAR, ZABOUTTEXT VARCHAR, ZBUSINESSNAME VARCHAR, ZFULLNAME VARCHAR, ZGIVENNAME VARCHAR,
  ZHIGHLIGHTEDNAME VARCHAR, ZLASTNAME VARCHAR, ZLID VARCHAR, ZLOCALIZEDPHONENUMBER VARCHAR, ZNOTES VARCHAR,
  ZPHONENUMBER VARCHAR, ZPHONENUMBERLABEL VARCHAR, ZUSERNAME VARCHAR, ZWHATSAPPID VARCHAR )`;

const CONTACT_OLDER = `CREATE TABLE ZWAADDRESSBOOKCONTACT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZIDENTIFIER INTEGER, ZPHONENUMBERSTATUS INTEGER, ZLASTUPDATED TIMESTAMP, ZBUSINESSNAME VARCHAR, ZFULLNAME VARCHAR,
  ZGIVENNAME VARCHAR, ZHIGHLIGHTEDNAME VARCHAR, ZLASTNAME VARCHAR, ZLOCALIZEDPHONENUMBER VARCHAR, ZPHONENUMBER VARCHAR,
  ZPHONENUMBERLABEL VARCHAR, ZWHATSAPPID VARCHAR )`;

const CONTACT_BLOBS = CONTACT_CURRENT.replace(/(ZABOUTTEXT|ZFULLNAME|ZWHATSAPPID) VARCHAR/g, '$1 BLOB');

export function buildContactsV2Db(contacts: readonly WaAddressBookContactSpec[], variant: ContactsV2Variant = 'current'): Buffer {
  return sqliteBytes((db) => {
    db.exec(variant === 'older' ? CONTACT_OLDER : variant === 'blob-strings' ? CONTACT_BLOBS : CONTACT_CURRENT);
    writePrimaryKeys(db, [{ ent: 1, name: 'WAAddressBookContact', max: Math.max(0, ...contacts.map((c) => c.pk)) }]);
    const older = variant === 'older';
    const blob = (value: string | null | undefined): Buffer | string | null | undefined =>
      variant === 'blob-strings' && typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    for (const c of contacts) {
      insertRow(db, 'ZWAADDRESSBOOKCONTACT', {
        Z_PK: c.pk,
        Z_ENT: 1,
        Z_OPT: 1,
        ZWHATSAPPID: blob(c.whatsappId),
        ZPHONENUMBER: c.phoneNumber,
        ZLOCALIZEDPHONENUMBER: c.localizedPhoneNumber,
        ZFULLNAME: blob(c.fullName),
        ZGIVENNAME: c.givenName,
        ZLASTNAME: c.lastName,
        ZBUSINESSNAME: c.businessName,
        ZLASTUPDATED: c.lastUpdated,
        ZPHONENUMBERSTATUS: older ? c.phoneStatus : undefined,
        ZPHONESTATUS: older ? undefined : c.phoneStatus,
        ZLID: older ? undefined : c.lid,
        ZUSERNAME: older ? undefined : c.userName,
        ZABOUTTEXT: older ? undefined : blob(c.aboutText),
        ZABOUTEMOJI: older ? undefined : c.aboutEmoji,
        ZNOTES: older ? undefined : c.notes,
        ZDISAPPEARINGMODEDURATION: older ? undefined : c.disappearingModeDuration,
        ZDISAPPEARINGMODETIMESTAMP: older ? undefined : c.disappearingModeTimestamp,
        ZABOUTTIMESTAMP: older ? undefined : c.aboutTimestamp,
        ZABOUTEXPIRATIONTIMESTAMP: older ? undefined : c.aboutExpirationTimestamp,
        ZSYNCPOLICY: older ? undefined : c.syncPolicy,
      });
    }
  });
}
