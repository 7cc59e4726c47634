/**
 * An Ed25519 public key as DER SubjectPublicKeyInfo (RFC 8410): a fixed 12-byte header,
 * AlgorithmIdentifier id-Ed25519 (1.3.101.112), then the 32 key bytes in a BIT STRING.
 */
import { concatBytes, equalBytes } from './bytes.js';

const HEADER = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

export function ed25519Spki(raw: Uint8Array): Uint8Array {
  return concatBytes(HEADER, raw);
}

/** The raw key inside an Ed25519 SPKI, or null when the DER is anything else. */
export function ed25519RawFromSpki(spki: Uint8Array): Uint8Array | null {
  if (spki.length !== HEADER.length + 32 || !equalBytes(spki.subarray(0, HEADER.length), HEADER)) return null;
  return spki.slice(HEADER.length);
}
