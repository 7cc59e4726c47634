import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, keyIdOf } from './fingerprint.js';
import { sha256 } from './node-crypto.js';

/** RFC 4648 base32 written the slow, obvious way: bits as text, five at a time. */
function base32(bytes: Buffer): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Number.parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

describe('key ids and fingerprints', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const digest = createHash('sha256').update(key).digest();

  it('names a key by the hex SHA-256 of its raw bytes', () => {
    expect(keyIdOf(sha256, key)).toBe(digest.toString('hex'));
  });

  it('reads out 160 bits of that digest as eight groups of four base32 letters', () => {
    const fingerprint = fingerprintOf(sha256, key);
    expect(fingerprint).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(fingerprint.replace(/ /g, '')).toBe(base32(digest.subarray(0, 20)));
    expect(fingerprintOf(sha256, Uint8Array.from(key, (b, i) => (i === 31 ? b ^ 1 : b)))).not.toBe(fingerprint);
  });
});
