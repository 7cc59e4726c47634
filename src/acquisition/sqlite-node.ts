/**
 * The Node implementation of the SQLite interface, on better-sqlite3. It only ever opens
 * private copies made in the working folder: even a read-only open of a WAL database
 * writes a -shm file beside it, which must never happen to evidence.
 */
import Database from 'better-sqlite3';
import { quoteIdent, type SqliteDatabase, type SqlRow, type SqlValue } from '../formats/sqlite.js';
import { ArtifactError } from '../errors.js';

class BetterSqliteDatabase implements SqliteDatabase {
  private tableNames: string[] | undefined;

  constructor(private readonly db: Database.Database) {}

  tables(): string[] {
    if (!this.tableNames) {
      const rows = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[];
      this.tableNames = rows.map((row) => row.name);
    }
    return this.tableNames;
  }

  columns(table: string): string[] {
    const actual = this.tables().find((name) => name.toLowerCase() === table.toLowerCase());
    if (!actual) return [];
    const rows = this.db.prepare(`PRAGMA table_info(${quoteIdent(actual)})`).all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  }

  iterate(sql: string, params: readonly SqlValue[] = []): IterableIterator<SqlRow> {
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    return statement.iterate(...params) as IterableIterator<SqlRow>;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens a private copy. The copy is opened read-write so that SQLite can replay a -wal
 * file that came without its -shm; nothing here writes to the data itself.
 */
export function openSqliteCopy(path: string, options: { indexes?: readonly string[] } = {}): SqliteDatabase {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    // Indexes for our own queries go into the private copy only; a copy whose tables differ
    // simply does without them.
    for (const statement of options.indexes ?? []) {
      try {
        db.exec(statement);
      } catch {
        // The table is not as expected: the reader reports that, not the index.
      }
    }
    db.pragma('query_only = true');
    // Forces SQLite to read the header now, so a non-database fails here, not mid-query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw new ArtifactError('SQLITE_INVALID', 'the file is not a readable SQLite database', error);
  }
  return new BetterSqliteDatabase(db);
}
