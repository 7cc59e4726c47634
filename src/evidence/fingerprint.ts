/**
 * How a key is named. The key id is the hex SHA-256 of the raw 32-byte Ed25519 public key
 * (what DSSE signatures carry). The fingerprint people compare — read out on a call, printed
 * in a report — is the first 160 bits of that digest in RFC 4648 base32, eight groups of
 * four: the alphabet has no 0/O or 1/I/L pairs to confuse, and 160 bits leave no room to
 * forge a key with the same fingerprint.
 */
import { toHex } from './bytes.js';
import type { HashFunction } from './merkle.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31]!;
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31]!;
  return out;
}

export function keyIdOf(hash: HashFunction, publicKey: Uint8Array): string {
  return toHex(hash(publicKey));
}

export function fingerprintOf(hash: HashFunction, publicKey: Uint8Array): string {
  const text = base32(hash(publicKey).subarray(0, 20));
  return text.match(/.{4}/g)!.join(' ');
}
