import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';

describe('portable byte helpers', () => {
  it('round-trip hex and base64 as Node writes them, for every length up to 40', () => {
    for (let n = 0; n <= 40; n += 1) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromHex(toHex(bytes))).toEqual(bytes);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
  });

  it('refuse text that is not strict lower-case hex or canonical padded base64', () => {
    expect(fromHex('ABCD')).toBeNull();
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
    expect(fromBase64('QUJD\n')).toBeNull();
    expect(fromBase64('QUI')).toBeNull();
    expect(fromBase64('QUJ=')).toBeNull(); // stray bits in the last character: a second spelling of "AB"
    expect(fromBase64('QUI=')).toEqual(utf8('AB'));
  });

  it('encode and decode UTF-8, refusing malformed input', () => {
    expect(fromUtf8(utf8('Ré 🔏'))).toBe('Ré 🔏');
    expect(() => fromUtf8(Uint8Array.of(0xc3))).toThrow();
  });

  it('concatenate and compare', () => {
    expect(concatBytes(Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });
});
