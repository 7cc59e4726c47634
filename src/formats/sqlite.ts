/**
 * The small SQLite interface extractors talk to. The Node build backs it with
 * better-sqlite3 (see sqlite-node.ts); a browser build can back it with WASM SQLite.
 * Integers always arrive as bigint, so Apple's nanosecond timestamps keep every digit.
 */
export type SqlValue = string | number | bigint | Uint8Array | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqliteDatabase {
  /** Table names, as stored. */
  tables(): string[];
  /** Column names of a table, as declared; empty when the table does not exist. */
  columns(table: string): string[];
  /** Runs a query and yields rows one at a time. */
  iterate(sql: string, params?: readonly SqlValue[]): IterableIterator<SqlRow>;
  close(): void;
}

/** Case-insensitive lookup of a table, since SQLite names are case-insensitive. */
export function findTable(db: SqliteDatabase, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return db.tables().find((table) => table.toLowerCase() === wanted);
}

/** Columns of a table as a lower-cased set, for schema-variant checks. */
export function columnSet(db: SqliteDatabase, table: string): Set<string> {
  return new Set(db.columns(table).map((column) => column.toLowerCase()));
}

/** Names of `wanted` columns that the table lacks (case-insensitive). */
export function missingColumns(db: SqliteDatabase, table: string, wanted: readonly string[]): string[] {
  const have = columnSet(db, table);
  return wanted.filter((column) => !have.has(column.toLowerCase()));
}

/** A table or column name quoted for SQL, for names read from the database itself. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
