/**
 * What each sealed leaf holds. A record's leaf is SHA-256(0x00 ‖ salt ‖ canonical JSON of
 * the record) with salt = HMAC-SHA256(secret, "record:<artifact>:<index>"): the secret stays
 * in the results folder, so the seal can be re-derived from the records, and a leaf (or a
 * sibling hash in a proof) reveals nothing about a record that is not disclosed, however
 * guessable its content — a phone number, a URL. Files and device identifiers are salted
 * the same way under their own labels.
 */
import type { ArtifactRecord } from '../artifacts/types.js';
import { concatBytes, utf8 } from './bytes.js';
import { canonicalBytes } from './canonical.js';
import { leafHash, type HashFunction } from './merkle.js';
import type { FileLeaf } from './statements.js';

export type Hmac = (key: Uint8Array, data: Uint8Array) => Uint8Array;

export function recordSalt(hmac: Hmac, secret: Uint8Array, artifact: string, index: number): Uint8Array {
  return hmac(secret, utf8(`record:${artifact}:${index}`));
}

export function fileSalt(hmac: Hmac, secret: Uint8Array, index: number): Uint8Array {
  return hmac(secret, utf8(`file:${index}`));
}

export function identifierSalt(hmac: Hmac, secret: Uint8Array, field: string): Uint8Array {
  return hmac(secret, utf8(`device:${field}`));
}

export function recordLeaf(hash: HashFunction, salt: Uint8Array, record: ArtifactRecord): Uint8Array {
  return leafHash(hash, concatBytes(salt, canonicalBytes(record)));
}

export function fileLeaf(hash: HashFunction, salt: Uint8Array, file: FileLeaf): Uint8Array {
  return leafHash(hash, concatBytes(salt, canonicalBytes(file)));
}

export function identifierCommitment(hash: HashFunction, salt: Uint8Array, value: string): Uint8Array {
  return hash(concatBytes(salt, utf8(value)));
}

export function secretCommitment(hash: HashFunction, secret: Uint8Array): Uint8Array {
  return hash(concatBytes(utf8('exhibit-seal-secret:'), secret));
}
