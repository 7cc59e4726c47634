/**
 * Just enough DER (ITU-T X.690) to build an RFC 3161 request and to read a timestamp token:
 * a strict reader of tag-length-value nodes and a writer for the few types a request holds.
 * Input is untrusted, so every read is bounds-checked and a bad encoding throws Asn1Error.
 */
import { concatBytes, toHex } from './bytes.js';

export class Asn1Error extends Error {}

export interface Asn1Node {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number;
  /** The whole encoding, header included. */
  der: Uint8Array;
  /** The content octets. */
  value: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag [n], constructed or primitive. */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** Reads one node at `offset`; DER only (no indefinite lengths, minimal length octets). */
export function readNode(bytes: Uint8Array, offset = 0): Asn1Node {
  const tag = bytes[offset];
  if (tag === undefined) throw new Asn1Error('truncated: no tag');
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('high tag numbers are not used here');
  let at = offset + 1;
  const first = bytes[at++];
  if (first === undefined) throw new Asn1Error('truncated: no length');
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 4) throw new Asn1Error('unsupported length encoding');
    length = 0;
    for (let i = 0; i < octets; i += 1) {
      const b = bytes[at++];
      if (b === undefined) throw new Asn1Error('truncated length');
      length = length * 256 + b;
    }
    if (length < 0x80 || (octets > 1 && length < 256 ** (octets - 1))) throw new Asn1Error('non-minimal length');
  }
  const end = at + length;
  if (end > bytes.length) throw new Asn1Error('content runs past the end');
  return { tag, der: bytes.subarray(offset, end), value: bytes.subarray(at, end) };
}

/** Parses a whole buffer as exactly one node. */
export function parseDer(bytes: Uint8Array): Asn1Node {
  const node = readNode(bytes, 0);
  if (node.der.length !== bytes.length) throw new Asn1Error('trailing bytes after the value');
  return node;
}

export function children(node: Asn1Node): Asn1Node[] {
  if ((node.tag & 0x20) === 0) throw new Asn1Error(`tag 0x${node.tag.toString(16)} is not constructed`);
  const out: Asn1Node[] = [];
  let at = 0;
  while (at < node.value.length) {
    const child = readNode(node.value, at);
    out.push(child);
    at += child.der.length;
  }
  return out;
}

export function expectTag(node: Asn1Node | undefined, tag: number, what: string): Asn1Node {
  if (node === undefined) throw new Asn1Error(`${what} is missing`);
  if (node.tag !== tag) throw new Asn1Error(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

export function readOid(node: Asn1Node): string {
  expectTag(node, TAG.OID, 'object identifier');
  const v = node.value;
  if (v.length === 0) throw new Asn1Error('empty object identifier');
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < v.length; i += 1) {
    const b = v[i]!;
    n = n * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    } else if (i === v.length - 1) {
      throw new Asn1Error('truncated object identifier');
    }
  }
  return parts.join('.');
}

/** An INTEGER's content as lower-case hex of its two's-complement bytes. */
export function readIntegerHex(node: Asn1Node): string {
  expectTag(node, TAG.INTEGER, 'integer');
  return toHex(node.value);
}

export function readSmallInteger(node: Asn1Node): number {
  expectTag(node, TAG.INTEGER, 'integer');
  if (node.value.length === 0 || node.value.length > 4) throw new Asn1Error('integer out of range');
  let n = 0;
  for (const b of node.value) n = n * 256 + b;
  return n;
}

/** GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z) as an ISO 8601 UTC string. */
export function readGeneralizedTime(node: Asn1Node): string {
  expectTag(node, TAG.GENERALIZED_TIME, 'generalized time');
  const text = new TextDecoder().decode(node.value);
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (match === null) throw new Asn1Error(`generalized time ${text} is not in the UTC form DER requires`);
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}Z`;
}

// ---- writing ----

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

export function encode(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(tag), encodeLength(content.length), content);
}

export function encodeSequence(...items: readonly Uint8Array[]): Uint8Array {
  return encode(TAG.SEQUENCE, concatBytes(...items));
}

export function encodeOid(oid: string): Uint8Array {
  const parts = oid.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = parts;
  const out: number[] = [];
  for (const n of [a * 40 + b, ...rest]) {
    const groups: number[] = [n & 0x7f];
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) groups.unshift((x & 0x7f) | 0x80);
    out.push(...groups);
  }
  return encode(TAG.OID, Uint8Array.from(out));
}

/** A non-negative INTEGER from big-endian magnitude bytes. */
export function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const trimmed = magnitude.subarray(start);
  const content = (trimmed[0] ?? 0) & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed.length ? trimmed : Uint8Array.of(0);
  return encode(TAG.INTEGER, content);
}

export const DER_NULL = Uint8Array.of(TAG.NULL, 0);
export const DER_TRUE = Uint8Array.of(TAG.BOOLEAN, 1, 0xff);

/**
 * A DER ECDSA signature (SEQUENCE of two INTEGERs) as the fixed-width r ‖ s WebCrypto
 * wants, each padded to the curve's byte size.
 */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  const [r, s] = children(expectTag(parseDer(der), TAG.SEQUENCE, 'ECDSA signature'));
  const fixed = (node: Asn1Node | undefined): Uint8Array => {
    let v = expectTag(node, TAG.INTEGER, 'ECDSA signature part').value;
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new Asn1Error('ECDSA signature part longer than the curve');
    const out = new Uint8Array(size);
    out.set(v, size - v.length);
    return out;
  };
  return concatBytes(fixed(r), fixed(s));
}
