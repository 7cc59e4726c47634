/** Row insertion for test database builders: only the columns given are written. */
import type { SqliteDb } from '../ios-backup.js';

export type SqlParam = string | number | bigint | Buffer | null;

export function insertRow(db: SqliteDb, table: string, values: Record<string, SqlParam | boolean | undefined>): void {
  const entries = Object.entries(values)
    .filter((entry): entry is [string, SqlParam | boolean] => entry[1] !== undefined)
    .map(([name, value]): [string, SqlParam] => [name, typeof value === 'boolean' ? (value ? 1 : 0) : value]);
  const columns = entries.map(([name]) => `"${name}"`).join(', ');
  const marks = entries.map(() => '?').join(', ');
  db.prepare(`INSERT INTO "${table}" (${columns}) VALUES (${marks})`).run(...entries.map(([, value]) => value));
}

/** Writes Core Data's Z_PRIMARYKEY bookkeeping: entity number, name and highest Z_PK. */
export function writePrimaryKeys(db: SqliteDb, entities: readonly { ent: number; name: string; max: number }[]): void {
  db.exec('CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER)');
  db.exec('CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB)');
  db.exec('CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB)');
  for (const entity of entities) insertRow(db, 'Z_PRIMARYKEY', { Z_ENT: entity.ent, Z_NAME: entity.name, Z_SUPER: 0, Z_MAX: entity.max });
}
