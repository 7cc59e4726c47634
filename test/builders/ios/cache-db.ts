/**
 * Writes CFNetwork Cache.db files with the schema iOS uses (reference/artifacts.md §2.3.20):
 * cfurl_cache_response, cfurl_cache_blob_data, cfurl_cache_receiver_data and the schema
 * version table. `time_stamp` is written as text, `YYYY-MM-DD HH:MM:SS` in UTC.
 */
import { sqliteBytes } from '../ios-backup.js';
import { insertRow } from './sql-insert.js';

export interface CacheResponseSpec {
  entryId: number;
  url: string;
  /** `YYYY-MM-DD HH:MM:SS` (UTC). */
  timeStamp: string;
  partition?: string | null;
  version?: number;
  hashValue?: number;
  storagePolicy?: number;
  /** Inline body bytes, or the fsCachedData file name when `bodyOnDisk`. */
  body?: Buffer | string;
  bodyOnDisk?: boolean;
}

export interface CacheDbSpec {
  responses: CacheResponseSpec[];
  /**
   * `reordered`: the response table with its columns in another order, as a future iOS
   * could write it; readers must go by name.
   */
  variant?: 'ios' | 'reordered';
}

const RESPONSE_TABLE: Record<NonNullable<CacheDbSpec['variant']>, string> = {
  ios: `CREATE TABLE cfurl_cache_response(entry_ID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, version INTEGER, hash_value INTEGER,
    storage_policy INTEGER, request_key TEXT UNIQUE, time_stamp NOT NULL DEFAULT CURRENT_TIMESTAMP, partition TEXT)`,
  reordered: `CREATE TABLE cfurl_cache_response(partition TEXT, time_stamp NOT NULL DEFAULT CURRENT_TIMESTAMP, request_key TEXT UNIQUE,
    entry_ID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, storage_policy INTEGER, hash_value INTEGER, version INTEGER)`,
};

export function buildCacheDb(spec: CacheDbSpec): Buffer {
  return sqliteBytes((db) => {
    db.exec(`${RESPONSE_TABLE[spec.variant ?? 'ios']};
CREATE TABLE cfurl_cache_blob_data(entry_ID INTEGER PRIMARY KEY, response_object BLOB, request_object BLOB, proto_props BLOB, user_info BLOB);
CREATE TABLE cfurl_cache_receiver_data(entry_ID INTEGER PRIMARY KEY, isDataOnFS INTEGER, receiver_data BLOB);
CREATE TABLE cfurl_cache_schema_version(schema_version INTEGER);
CREATE INDEX request_key_index ON cfurl_cache_response(request_key);
CREATE INDEX time_stamp_index ON cfurl_cache_response(time_stamp);
CREATE INDEX proto_props_index ON cfurl_cache_blob_data(entry_ID);
CREATE INDEX receiver_data_index ON cfurl_cache_receiver_data(entry_ID);
INSERT INTO cfurl_cache_schema_version VALUES (202);`);
    for (const response of spec.responses) {
      insertRow(db, 'cfurl_cache_response', {
        entry_ID: response.entryId,
        version: response.version ?? 0,
        hash_value: response.hashValue ?? 0,
        storage_policy: response.storagePolicy ?? 0,
        request_key: response.url,
        time_stamp: response.timeStamp,
        partition: response.partition ?? null,
      });
      insertRow(db, 'cfurl_cache_blob_data', { entry_ID: response.entryId, response_object: Buffer.from('bplist00'), request_object: Buffer.from('bplist00') });
      if (response.body !== undefined) {
        const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
        insertRow(db, 'cfurl_cache_receiver_data', { entry_ID: response.entryId, isDataOnFS: response.bodyOnDisk === true, receiver_data: body });
      }
    }
  });
}
