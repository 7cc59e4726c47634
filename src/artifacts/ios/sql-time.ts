/** Raw SQLite values that hold a time, narrowed for the converters in formats/time.ts. */
import type { SqlValue } from '../../formats/sqlite.js';
import { isoFromUnixMicrosValue, isoFromUnixMillis, isoFromUnixSeconds } from '../../formats/time.js';

/** An INTEGER or REAL cell as a number or bigint; text, blobs and NULL give null. */
export function sqlInstant(value: SqlValue | undefined): number | bigint | null {
  return typeof value === 'number' || typeof value === 'bigint' ? value : null;
}

/**
 * A Unix time whose unit the writer did not fix (seconds, milliseconds or microseconds),
 * decided by magnitude: 1e11 s is year 5138, 1e14 ms is year 5138, so the ranges of
 * plausible phone times never overlap.
 */
export function isoFromUnixAnyUnit(value: number | bigint | null): string | null {
  if (value === null) return null;
  const magnitude = Math.abs(Number(value));
  if (magnitude >= 1e14) return isoFromUnixMicrosValue(value);
  if (magnitude >= 1e11) return isoFromUnixMillis(value);
  return isoFromUnixSeconds(value);
}
