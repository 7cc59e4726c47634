/**
 * Writes the Security framework's analytics stores (private/var/Keychains/Analytics/*.db):
 * hard_failures, soft_failures and optionally all_events, each `(id, timestamp REAL,
 * data BLOB)` where data is a binary plist dictionary of attributes, plus the side tables
 * the stores carry. Timestamps are written raw, so tests choose the time base.
 */
import { binaryPlist, sqliteBytes, type PlistInputDict } from '../ios-backup.js';
import { insertRow } from './sql-insert.js';

export type AnalyticsTable = 'hard_failures' | 'soft_failures' | 'all_events';

export interface AnalyticsEventSpec {
  table: AnalyticsTable;
  /** Raw `timestamp` value (Unix seconds as iOS writes it, or another base under test). */
  timestamp: number | null;
  /** Attributes written as a binary plist; raw bytes are written as they are. */
  data: PlistInputDict | Buffer | null;
}

export interface KeychainAnalyticsDbSpec {
  events: AnalyticsEventSpec[];
  /** Leave out all_events, as stores that log only failures do. */
  withoutAllEvents?: boolean;
}

export function buildKeychainAnalyticsDb(spec: KeychainAnalyticsDbSpec): Buffer {
  return sqliteBytes((db) => {
    const tables: AnalyticsTable[] = spec.withoutAllEvents ? ['hard_failures', 'soft_failures'] : ['hard_failures', 'soft_failures', 'all_events'];
    for (const table of tables) db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp REAL, data BLOB)`);
    db.exec(`CREATE TABLE success_count (event_type STRING PRIMARY KEY, success_count INTEGER, hard_failure_count INTEGER, soft_failure_count INTEGER);
CREATE TABLE samples (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp REAL, name STRING, value REAL);`);
    for (const event of spec.events) {
      const data = event.data === null ? null : Buffer.isBuffer(event.data) ? event.data : binaryPlist(event.data);
      insertRow(db, event.table, { timestamp: event.timestamp, data });
    }
  });
}
