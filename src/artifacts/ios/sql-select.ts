/**
 * Small helpers for extractors that read Core Data and other app databases whose columns
 * come and go between versions: select a column by name when it exists and NULL when it
 * does not, so one query serves every schema age and nothing depends on column order.
 */
import { quoteIdent, type SqliteDatabase, type SqlValue } from '../../formats/sqlite.js';
import { isoFromMacSeconds } from '../../formats/time.js';

/** `alias."Column" AS "name"` when the (lower-cased) column set has it, else `NULL AS "name"`. */
export function selectColumn(alias: string, columns: ReadonlySet<string>, column: string, as: string): string {
  return columns.has(column.toLowerCase()) ? `${alias}.${quoteIdent(column)} AS ${quoteIdent(as)}` : `NULL AS ${quoteIdent(as)}`;
}

/** A Mac-absolute time in seconds (Core Data TIMESTAMP), or null for absent and non-numeric values. */
export function macTime(value: SqlValue | undefined): string | null {
  if (typeof value === 'number' || typeof value === 'bigint') return isoFromMacSeconds(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return isoFromMacSeconds(Number(value));
  return null;
}

/** The first tables of a database, for "unsupported schema" messages that say what was seen. */
export function tablesSeen(db: SqliteDatabase): string {
  const tables = db.tables();
  if (tables.length === 0) return 'no tables';
  const shown = tables.slice(0, 12).join(', ');
  return tables.length > 12 ? `${shown}, …` : shown;
}

/** Distinct non-empty strings in first-seen order. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value !== null && value !== undefined && value !== '') seen.add(value);
  return [...seen];
}
