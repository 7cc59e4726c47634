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

interface Shape {
  /** The object's own keys as listed, to tell apart key lists whose joined signatures collide. */
  own: string[];
  /** Keys in UTF-16 code unit order. */
  keys: string[];
  /** The same keys as JSON strings followed by a colon. */
  prefixes: string[];
}

/**
 * Sorted keys by the object's own key list: records of one artifact share a handful of
 * shapes, so sorting and quoting is done once per shape. Bounded, because keys can come
 * from the acquisition (a plist's own keys) and so can vary without end.
 */
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 4096;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function shapeOf(keys: string[]): Shape {
  const signature = keys.join('\u0000');
  const known = shapes.get(signature);
  if (known !== undefined && sameKeys(known.own, keys)) return known;
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const shape = { own: keys, keys: sorted, prefixes: sorted.map((key) => `${JSON.stringify(key)}:`) };
  if (known === undefined && shapes.size < MAX_SHAPES) shapes.set(signature, shape);
  return shape;
}

/**
 * The same text as canonicalJson, built without the intermediate arrays and closures of
 * its one-line form: the seal runs it on every record, and it was most of a check's time.
 * canonical.test.ts holds the two to the same output.
 */
export function canonicalJsonText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += i === 0 ? canonicalJsonText(value[i]) : `,${canonicalJsonText(value[i])}`;
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const { keys, prefixes } = shapeOf(Object.keys(object));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i += 1) {
    const item = object[keys[i] as string];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${prefixes[i] as string}${canonicalJsonText(item)}`;
    first = false;
  }
  return `${out}}`;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJsonText(value));
}

/** Lower-case hex SHA-256 of a value's canonical JSON. */
export function canonicalDigest(hash: HashFunction, value: unknown): string {
  return toHex(hash(canonicalBytes(value)));
}
