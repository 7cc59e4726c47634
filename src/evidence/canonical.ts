/**
 * The one serialisation every hash and signature in the evidence covers: canonicalJson of
 * the detection engine (keys sorted by UTF-16 code units, no whitespace, numbers and
 * strings as JSON.stringify writes them, undefined properties left out), which for the
 * plain JSON values used here gives the same bytes as RFC 8785 (JCS).
 */
import { canonicalJson } from '../detection/finding.js';
import { toHex, utf8 } from './bytes.js';
import type { HashFunction } from './merkle.js';

export { canonicalJson };

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/** Lower-case hex SHA-256 of a value's canonical JSON. */
export function canonicalDigest(hash: HashFunction, value: unknown): string {
  return toHex(hash(canonicalBytes(value)));
}
