/**
 * Writes CallHistory.storedata (reference/artifacts.md §2.3.14), the Core Data store of
 * ZCALLRECORD. Dates are raw Mac-absolute seconds.
 * - `ios14`: the recent column set, ZADDRESS stored as a UTF-8 BLOB.
 * - `ios10`: before handle types, junk scoring and group FaceTime, ZADDRESS as TEXT.
 * - `mvt-fixture`: only the columns MVT reads.
 */
import { sqliteBytes } from '../ios-backup.js';
import { insertRow, writePrimaryKeys } from './sql-insert.js';

export type CallHistoryVariant = 'ios14' | 'ios10' | 'mvt-fixture';

export interface CallSpec {
  pk: number;
  address?: string | null;
  date?: number | null;
  duration?: number;
  name?: string | null;
  location?: string | null;
  serviceProvider?: string;
  callType?: number;
  originated?: boolean;
  answered?: boolean;
  read?: boolean;
  isoCountryCode?: string;
  uniqueId?: string;
}

const IOS14 = `CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER,
  ZCALL_CATEGORY INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA BLOB, ZHANDLE_TYPE INTEGER,
  ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER, ZJUNKCONFIDENCE INTEGER,
  ZJUNKIDENTIFICATIONCATEGORY VARCHAR, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS BLOB, ZDEVICE_ID VARCHAR,
  ZISO_COUNTRY_CODE VARCHAR, ZLOCALPARTICIPANTUUID BLOB, ZLOCATION VARCHAR, ZNAME VARCHAR,
  ZOUTGOINGLOCALPARTICIPANTUUID BLOB, ZPARTICIPANT_GROUP_UUIDS BLOB, ZREMOTEPARTICIPANTHANDLES BLOB,
  ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR )`;

const IOS10 = `CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER,
  ZCALL_CATEGORY INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA BLOB,
  ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS VARCHAR,
  ZDEVICE_ID VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR,
  ZUNIQUE_ID VARCHAR )`;

const MVT = `CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, ZDATE TIMESTAMP, ZDURATION FLOAT, ZLOCATION VARCHAR,
  ZADDRESS VARCHAR, ZSERVICE_PROVIDER VARCHAR )`;

export function buildCallHistoryDb(calls: readonly CallSpec[], variant: CallHistoryVariant = 'ios14'): Buffer {
  return sqliteBytes((db) => {
    db.exec(variant === 'ios14' ? IOS14 : variant === 'ios10' ? IOS10 : MVT);
    const full = variant !== 'mvt-fixture';
    if (full) writePrimaryKeys(db, [{ ent: 2, name: 'CallRecord', max: Math.max(0, ...calls.map((c) => c.pk)) }]);
    for (const c of calls) {
      const address = c.address === undefined || c.address === null ? null : variant === 'ios14' ? Buffer.from(c.address, 'utf8') : c.address;
      insertRow(db, 'ZCALLRECORD', {
        Z_PK: c.pk,
        Z_ENT: full ? 2 : undefined,
        Z_OPT: full ? 1 : undefined,
        ZDATE: c.date ?? null,
        ZDURATION: c.duration ?? 0,
        ZLOCATION: c.location ?? null,
        ZADDRESS: address,
        ZSERVICE_PROVIDER: c.serviceProvider ?? 'com.apple.Telephony',
        ZNAME: full ? (c.name ?? null) : undefined,
        ZCALLTYPE: full ? (c.callType ?? 1) : undefined,
        ZORIGINATED: full ? (c.originated ?? false) : undefined,
        ZANSWERED: full ? (c.answered ?? true) : undefined,
        ZREAD: full ? (c.read ?? true) : undefined,
        ZDISCONNECTED_CAUSE: full ? 0 : undefined,
        ZISO_COUNTRY_CODE: full ? (c.isoCountryCode ?? 'ch') : undefined,
        ZUNIQUE_ID: full ? (c.uniqueId ?? `00000000-0000-4000-8000-${String(c.pk).padStart(12, '0')}`) : undefined,
        ZHANDLE_TYPE: variant === 'ios14' ? (c.address?.includes('@') ? 3 : 2) : undefined,
      });
    }
  });
}
