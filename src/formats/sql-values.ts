/** Converters from raw SQLite values to the shapes records hold. */
import type { SqlValue } from './sqlite.js';

export function sqlText(value: SqlValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return Buffer.from(value).toString('utf8');
}

/** A number, or null; bigints beyond the safe range are rejected rather than rounded. */
export function sqlNumber(value: SqlValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return null;
    return Number(value);
  }
  if (typeof value === 'string') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function sqlBigInt(value: SqlValue | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : BigInt(Math.trunc(value));
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

export function sqlBytes(value: SqlValue | undefined): Buffer | null {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return null;
}

export function sqlBoolean(value: SqlValue | undefined): boolean | null {
  const n = sqlNumber(value);
  return n === null ? null : n !== 0;
}

/** A JSON-safe integer: a number when exact, else its decimal string. */
export function jsonInteger(value: SqlValue | undefined): number | string | null {
  const big = sqlBigInt(value ?? null);
  if (big === null) return null;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}
