/**
 * Writes CoreDuet's interactionC.db (reference/artifacts.md §2.3.7) in the four schema ages
 * MVT and APOLLO query:
 * - `ios9`: ZINTERACTIONS without ZRECIPIENTCOUNT; no attachments, no join tables.
 * - `ios10`: iOS 10–11, adds ZRECIPIENTCOUNT (still no attachments or join tables).
 * - `ios12`: adds ZTARGETBUNDLEID, ZATTACHMENT and the attachment / recipient join tables.
 * - `ios13`: iOS 13 and later, adds ZGROUPNAME, ZDERIVEDINTENTIDENTIFIER and
 *   ZATTACHMENT.ZPHOTOLOCALIDENTIFIER.
 * Core Data names join tables after entity numbers (Z_1INTERACTIONS(Z_1ATTACHMENTS,
 * Z_3INTERACTIONS) when Attachment = 1 and Interactions = 3); `entities` changes them, as
 * another model version would. Dates are raw Mac-absolute seconds.
 */
import { sqliteBytes } from '../ios-backup.js';
import { insertRow, writePrimaryKeys } from './sql-insert.js';

export type InteractionCVariant = 'ios9' | 'ios10' | 'ios12' | 'ios13';

export interface IcContactSpec {
  pk: number;
  displayName?: string | null;
  identifier?: string | null;
  personId?: string | null;
  customIdentifier?: string | null;
  incomingRecipientCount?: number;
  incomingSenderCount?: number;
  outgoingRecipientCount?: number;
  creationDate?: number | null;
  firstIncomingSenderDate?: number | null;
  lastIncomingSenderDate?: number | null;
  firstIncomingRecipientDate?: number | null;
  lastIncomingRecipientDate?: number | null;
  firstOutgoingRecipientDate?: number | null;
  lastOutgoingRecipientDate?: number | null;
}

export interface IcAttachmentSpec {
  pk: number;
  contentText?: string | null;
  uti?: string | null;
  contentUrl?: string | null;
  sizeInBytes?: number | null;
  photoLocalIdentifier?: string | null;
  identifier?: Buffer | null;
  cloudIdentifier?: string | null;
}

export interface IcInteractionSpec {
  pk: number;
  sender?: number | null;
  startDate?: number | null;
  endDate?: number | null;
  creationDate?: number | null;
  bundleId?: string | null;
  targetBundleId?: string | null;
  account?: string | null;
  direction?: number | null;
  mechanism?: number | null;
  isResponse?: boolean;
  recipientCount?: number | null;
  domainIdentifier?: string | null;
  contentUrl?: string | null;
  locationUuid?: string | null;
  groupName?: string | null;
  derivedIntentIdentifier?: string | null;
  recipients?: number[];
  attachments?: number[];
}

export interface InteractionCSpec {
  variant?: InteractionCVariant;
  contacts?: IcContactSpec[];
  interactions?: IcInteractionSpec[];
  attachments?: IcAttachmentSpec[];
  entities?: { attachment: number; contacts: number; interactions: number };
}

function interactionsTable(variant: InteractionCVariant): string {
  const recipientCount = variant === 'ios9' ? '' : 'ZRECIPIENTCOUNT INTEGER, ';
  const target = variant === 'ios12' || variant === 'ios13' ? 'ZTARGETBUNDLEID VARCHAR, ' : '';
  const ios13 = variant === 'ios13' ? 'ZDERIVEDINTENTIDENTIFIER VARCHAR, ZGROUPNAME VARCHAR, ' : '';
  return `CREATE TABLE ZINTERACTIONS ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZDIRECTION INTEGER,
  ZISRESPONSE INTEGER, ZMECHANISM INTEGER, ${recipientCount}ZSENDER INTEGER, ZCREATIONDATE TIMESTAMP, ZENDDATE TIMESTAMP,
  ZSTARTDATE TIMESTAMP, ZACCOUNT VARCHAR, ZBUNDLEID VARCHAR, ZCONTENTURL VARCHAR, ${ios13}ZDOMAINIDENTIFIER VARCHAR,
  ZLOCATIONUUID VARCHAR, ${target}ZUUID BLOB )`;
}

const CONTACTS = `CREATE TABLE ZCONTACTS ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZINCOMINGRECIPIENTCOUNT INTEGER,
  ZINCOMINGSENDERCOUNT INTEGER, ZOUTGOINGRECIPIENTCOUNT INTEGER, ZTYPE INTEGER, ZCREATIONDATE TIMESTAMP,
  ZFIRSTINCOMINGRECIPIENTDATE TIMESTAMP, ZFIRSTINCOMINGSENDERDATE TIMESTAMP, ZFIRSTOUTGOINGRECIPIENTDATE TIMESTAMP,
  ZLASTINCOMINGRECIPIENTDATE TIMESTAMP, ZLASTINCOMINGSENDERDATE TIMESTAMP, ZLASTOUTGOINGRECIPIENTDATE TIMESTAMP,
  ZCUSTOMIDENTIFIER VARCHAR, ZDISPLAYNAME VARCHAR, ZIDENTIFIER VARCHAR, ZPERSONID VARCHAR, ZPERSONIDTYPE INTEGER )`;

function attachmentTable(variant: InteractionCVariant): string {
  const photo = variant === 'ios13' ? 'ZPHOTOLOCALIDENTIFIER VARCHAR, ' : '';
  return `CREATE TABLE ZATTACHMENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSIZEINBYTES INTEGER,
  ZCREATIONDATE TIMESTAMP, ZCLOUDIDENTIFIER VARCHAR, ZCONTENTTEXT VARCHAR, ZCONTENTURL VARCHAR, ${photo}ZUTI VARCHAR,
  ZIDENTIFIER BLOB )`;
}

export function buildInteractionCDb(spec: InteractionCSpec): Buffer {
  const variant = spec.variant ?? 'ios13';
  const ent = spec.entities ?? { attachment: 1, contacts: 2, interactions: 3 };
  const joins = variant === 'ios12' || variant === 'ios13';
  const attachmentJoin = `Z_${ent.attachment}INTERACTIONS`;
  const recipientJoin = `Z_${ent.contacts}INTERACTIONRECIPIENT`;
  return sqliteBytes((db) => {
    db.exec(interactionsTable(variant));
    db.exec(CONTACTS);
    const max = (rows: readonly { pk: number }[] | undefined): number => Math.max(0, ...(rows ?? []).map((row) => row.pk));
    const entities = [
      { ent: ent.contacts, name: 'Contacts', max: max(spec.contacts) },
      { ent: ent.interactions, name: 'Interactions', max: max(spec.interactions) },
    ];
    if (joins) {
      db.exec(attachmentTable(variant));
      db.exec(`CREATE TABLE ${attachmentJoin} ( Z_${ent.attachment}ATTACHMENTS INTEGER, Z_${ent.interactions}INTERACTIONS INTEGER,
        PRIMARY KEY (Z_${ent.attachment}ATTACHMENTS, Z_${ent.interactions}INTERACTIONS) )`);
      db.exec(`CREATE TABLE ${recipientJoin} ( Z_${ent.contacts}RECIPIENTS INTEGER, Z_${ent.interactions}INTERACTIONRECIPIENT INTEGER,
        PRIMARY KEY (Z_${ent.contacts}RECIPIENTS, Z_${ent.interactions}INTERACTIONRECIPIENT) )`);
      entities.push({ ent: ent.attachment, name: 'Attachment', max: max(spec.attachments) });
    }
    writePrimaryKeys(db, entities.sort((a, b) => a.ent - b.ent));
    for (const c of spec.contacts ?? []) {
      insertRow(db, 'ZCONTACTS', {
        Z_PK: c.pk,
        Z_ENT: ent.contacts,
        Z_OPT: 1,
        ZDISPLAYNAME: c.displayName ?? null,
        ZIDENTIFIER: c.identifier ?? null,
        ZPERSONID: c.personId ?? null,
        ZCUSTOMIDENTIFIER: c.customIdentifier ?? null,
        ZINCOMINGRECIPIENTCOUNT: c.incomingRecipientCount ?? 0,
        ZINCOMINGSENDERCOUNT: c.incomingSenderCount ?? 0,
        ZOUTGOINGRECIPIENTCOUNT: c.outgoingRecipientCount ?? 0,
        ZTYPE: 0,
        ZCREATIONDATE: c.creationDate ?? null,
        ZFIRSTINCOMINGSENDERDATE: c.firstIncomingSenderDate ?? null,
        ZLASTINCOMINGSENDERDATE: c.lastIncomingSenderDate ?? null,
        // Core Data writes 0 rather than NULL for a recipient date that never happened.
        ZFIRSTINCOMINGRECIPIENTDATE: c.firstIncomingRecipientDate ?? 0,
        ZLASTINCOMINGRECIPIENTDATE: c.lastIncomingRecipientDate ?? 0,
        ZFIRSTOUTGOINGRECIPIENTDATE: c.firstOutgoingRecipientDate ?? null,
        ZLASTOUTGOINGRECIPIENTDATE: c.lastOutgoingRecipientDate ?? null,
      });
    }
    for (const i of spec.interactions ?? []) {
      insertRow(db, 'ZINTERACTIONS', {
        Z_PK: i.pk,
        Z_ENT: ent.interactions,
        Z_OPT: 1,
        ZSENDER: i.sender ?? null,
        ZSTARTDATE: i.startDate ?? null,
        ZENDDATE: i.endDate ?? null,
        ZCREATIONDATE: i.creationDate ?? null,
        ZBUNDLEID: i.bundleId ?? null,
        ZACCOUNT: i.account ?? null,
        ZDIRECTION: i.direction ?? null,
        ZMECHANISM: i.mechanism ?? null,
        ZISRESPONSE: i.isResponse ?? false,
        ZRECIPIENTCOUNT: variant === 'ios9' ? undefined : (i.recipientCount ?? null),
        ZDOMAINIDENTIFIER: i.domainIdentifier ?? null,
        ZCONTENTURL: i.contentUrl ?? null,
        ZLOCATIONUUID: i.locationUuid ?? null,
        ZTARGETBUNDLEID: joins ? (i.targetBundleId ?? null) : undefined,
        ZGROUPNAME: variant === 'ios13' ? (i.groupName ?? null) : undefined,
        ZDERIVEDINTENTIDENTIFIER: variant === 'ios13' ? (i.derivedIntentIdentifier ?? null) : undefined,
      });
      if (!joins) continue;
      for (const recipient of i.recipients ?? []) {
        insertRow(db, recipientJoin, { [`Z_${ent.contacts}RECIPIENTS`]: recipient, [`Z_${ent.interactions}INTERACTIONRECIPIENT`]: i.pk });
      }
      for (const attachment of i.attachments ?? []) {
        insertRow(db, attachmentJoin, { [`Z_${ent.attachment}ATTACHMENTS`]: attachment, [`Z_${ent.interactions}INTERACTIONS`]: i.pk });
      }
    }
    if (!joins) return;
    for (const a of spec.attachments ?? []) {
      insertRow(db, 'ZATTACHMENT', {
        Z_PK: a.pk,
        Z_ENT: ent.attachment,
        Z_OPT: 1,
        ZCONTENTTEXT: a.contentText ?? null,
        ZUTI: a.uti ?? null,
        ZCONTENTURL: a.contentUrl ?? null,
        ZSIZEINBYTES: a.sizeInBytes ?? null,
        ZPHOTOLOCALIDENTIFIER: variant === 'ios13' ? (a.photoLocalIdentifier ?? null) : undefined,
        ZIDENTIFIER: a.identifier ?? null,
        ZCLOUDIDENTIFIER: a.cloudIdentifier ?? null,
      });
    }
  });
}
