import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes.js';
import { hmacSha256Sync, sha256Sync } from './sha256.js';

describe('plain-TypeScript SHA-256', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(toHex(sha256Sync(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256Sync(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256Sync(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on every length across the padding boundaries', () => {
    for (let length = 0; length <= 200; length += 1) {
      const data = randomBytes(length);
      expect(toHex(sha256Sync(data)), `length ${length}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('gives RFC 4231 test case 2 and agrees with node:crypto HMAC for short and long keys', () => {
    expect(toHex(hmacSha256Sync(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    for (const keyLength of [0, 16, 32, 64, 65, 131]) {
      const key = randomBytes(keyLength);
      const data = randomBytes(97);
      expect(toHex(hmacSha256Sync(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });
});
