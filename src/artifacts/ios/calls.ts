/**
 * Call history (CallHistory.storedata, Core Data table ZCALLRECORD): phone, FaceTime and
 * third-party (WhatsApp, Signal …) calls with their time, duration, direction and the
 * other party's address. A FaceTime address can be an e-mail address, and the e-mail
 * accounts that spyware operators used for iMessage delivery are published indicators,
 * so the address is offered to the e-mail check when it has that shape.
 */
import type { FileDigest } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { jsonInteger, sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { ArtifactError } from '../../errors.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { macTime, selectColumn, tablesSeen } from './sql-select.js';

export const CALLS_ARTIFACT = 'calls';
export const CALLS_PATHS = ['HomeDomain/Library/CallHistoryDB/CallHistory.storedata'] as const;
export const CALLS_FS_PATHS = [`${MOBILE_HOME}/Library/CallHistoryDB/CallHistory.storedata`] as const;
export const CALLS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': CALLS_PATHS, 'ios-fs': CALLS_FS_PATHS };

const OPTIONAL_COLUMNS = [
  ['ZDURATION', 'duration'],
  ['ZADDRESS', 'address'],
  ['ZNAME', 'name'],
  ['ZLOCATION', 'location'],
  ['ZISO_COUNTRY_CODE', 'iso_country_code'],
  ['ZSERVICE_PROVIDER', 'service_provider'],
  ['ZCALLTYPE', 'call_type'],
  ['ZORIGINATED', 'originated'],
  ['ZANSWERED', 'answered'],
  ['ZREAD', 'read'],
  ['ZDISCONNECTED_CAUSE', 'disconnected_cause'],
  ['ZHANDLE_TYPE', 'handle_type'],
  ['ZUNIQUE_ID', 'unique_id'],
  ['ZDEVICE_ID', 'device_id'],
] as const;

/** ZCALLTYPE values as Apple's CallHistory framework writes them. */
const CALL_TYPES: Record<number, string> = { 0: 'third-party app', 1: 'phone', 8: 'FaceTime video', 16: 'FaceTime audio' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function addressKind(address: string | null): 'email' | 'phone' | 'other' | null {
  if (address === null || address === '') return null;
  if (EMAIL.test(address)) return 'email';
  if (/^[+\d][\d\s().-]*$/.test(address)) return 'phone';
  return 'other';
}

/** Records of one CallHistory.storedata, one per call. */
export function* readCalls(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const table = findTable(db, 'ZCALLRECORD');
  if (!table) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no ZCALLRECORD table (tables: ${tablesSeen(db)})`);
  const columns = columnSet(db, table);
  const missing = ['Z_PK', 'ZDATE'].filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: ZCALLRECORD lacks ${missing.join(', ')} (columns: ${db.columns(table).join(', ')})`,
    );
  }
  const select = ['c."Z_PK" AS "pk"', 'c."ZDATE" AS "date"', ...OPTIONAL_COLUMNS.map(([column, as]) => selectColumn('c', columns, column, as))];
  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${quoteIdent(table)} AS c ORDER BY c."Z_PK"`)) {
    // ZADDRESS is TEXT on some versions and a UTF-8 BLOB on others; sqlText reads both.
    const address = sqlText(row['address'])?.trim() ?? null;
    const kind = addressKind(address);
    const callType = sqlNumber(row['call_type']);
    const originated = sqlBoolean(row['originated']);
    const duration = sqlNumber(row['duration']);
    const start = sqlNumber(row['date']);
    const pk = jsonInteger(row['pk']);
    const fields = {
      call_pk: pk,
      address,
      address_kind: kind,
      email: kind === 'email' ? address : null,
      name: sqlText(row['name']),
      direction: originated === null ? null : originated ? 'outgoing' : 'incoming',
      answered: sqlBoolean(row['answered']),
      duration_seconds: duration,
      call_type: callType,
      call_type_name: callType === null ? null : (CALL_TYPES[callType] ?? null),
      service_provider: sqlText(row['service_provider']),
      location: sqlText(row['location']),
      iso_country_code: sqlText(row['iso_country_code']),
      disconnected_cause: sqlNumber(row['disconnected_cause']),
      handle_type: sqlNumber(row['handle_type']),
      read: sqlBoolean(row['read']),
      unique_id: sqlText(row['unique_id']),
      device_id: sqlText(row['device_id']),
    };
    yield makeRecord(CALLS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table, rowid: String(pk) }), [
      { at: macTime(row['date']), meaning: 'call started' },
      { at: start !== null && duration !== null && duration > 0 ? isoFromMacSeconds(start + duration) : null, meaning: 'call ended' },
    ]);
  }
}

export const callsExtractor: Extractor = {
  id: CALLS_ARTIFACT,
  title: 'Call history',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CALLS_PATHS_BY_KIND,
  extract(source, context) {
    return eachDatabase(source, filesWithContent(source, pathsFor(CALLS_PATHS_BY_KIND, source), context), context, readCalls);
  },
};
