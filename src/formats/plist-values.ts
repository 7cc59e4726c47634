/** Converters from plist values to the shapes records hold. */
import type { PlistValue } from './plist.js';
import { isoFromDate, isoFromMacSeconds } from './time.js';

/** A plist number as a JSON-safe value: integers beyond 2^53 become strings. */
export function plistAmount(value: PlistValue | undefined): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  return null;
}

/** The baseline date is a plist <date>; a bare number is read as Mac absolute seconds. */
export function plistTime(value: PlistValue | undefined): string | null {
  if (value instanceof Date) return isoFromDate(value);
  if (typeof value === 'number' || typeof value === 'bigint') return isoFromMacSeconds(value);
  return null;
}
