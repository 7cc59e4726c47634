import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExhibitError } from '../errors.js';
import { binaryPlist, PlistReal, xmlPlist } from '../../test/builders/ios-backup.js';
import { PlistUid, type PlistValue } from './plist.js';
import { decodePlist, MAX_XML_PLIST_BYTES } from './plist-decode.js';

/** Asserts that decoding fails the way hostile input must: ExhibitError PLIST_INVALID. */
function expectInvalid(bytes: Buffer): ExhibitError {
  let caught: unknown;
  try {
    decodePlist(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ExhibitError);
  const error = caught as ExhibitError;
  expect(error.code).toBe('PLIST_INVALID');
  expect(error.message).toMatch(/^[A-Z].*\.$/);
  return error;
}

/** Either a value or PLIST_INVALID, never anything else. */
function decodeOrInvalid(bytes: Buffer): void {
  try {
    decodePlist(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ExhibitError);
    expect((error as ExhibitError).code).toBe('PLIST_INVALID');
  }
}

/**
 * Hand-assembles a bplist00 from raw object encodings, so that hostile shapes no writer would
 * produce (cycles, dangling references, odd types) can be tested. Offsets use 4 bytes.
 */
function assemble(objects: Buffer[], options: { top?: number; refSize?: number } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('bplist00', 'latin1')];
  const offsets: number[] = [];
  let position = 8;
  for (const object of objects) {
    offsets.push(position);
    parts.push(object);
    position += object.length;
  }
  const table = Buffer.alloc(objects.length * 4);
  offsets.forEach((offset, i) => table.writeUInt32BE(offset, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4;
  trailer[7] = options.refSize ?? 1;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(options.top ?? 0), 16);
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([...parts, table, trailer]);
}

const array = (...refs: number[]): Buffer => Buffer.from([0xa0 | refs.length, ...refs]);
const ascii = (text: string): Buffer => Buffer.concat([Buffer.from([0x50 | text.length]), Buffer.from(text, 'latin1')]);
const int8 = (value: number): Buffer => Buffer.from([0x10, value]);

/** Deterministic PRNG (mulberry32) so fuzz failures reproduce. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE = {
  ascii: 'hello',
  unicode: 'héllo wörld ✓',
  empty: '',
  small: 7,
  negative: -42,
  large: 2 ** 40,
  huge: 2n ** 60n,
  real: 3.25,
  integralReal: new PlistReal(2),
  yes: true,
  no: false,
  when: new Date('2024-05-01T10:00:00Z'),
  bytes: Buffer.from([0, 1, 2, 255]),
  list: ['a', 1, [2, 3], { nested: 'x' }],
  uid: new PlistUid(12),
  'key with spaces': 'ok',
};

const EXPECTED: PlistValue = {
  ascii: 'hello',
  unicode: 'héllo wörld ✓',
  empty: '',
  small: 7,
  negative: -42,
  large: 2 ** 40,
  huge: 2n ** 60n,
  real: 3.25,
  integralReal: 2,
  yes: true,
  no: false,
  when: new Date('2024-05-01T10:00:00Z'),
  bytes: Buffer.from([0, 1, 2, 255]),
  list: ['a', 1, [2, 3], { nested: 'x' }],
  uid: new PlistUid(12),
  'key with spaces': 'ok',
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decodePlist: binary', () => {
  it('decodes every value type', () => {
    expect(decodePlist(binaryPlist(SAMPLE))).toEqual(EXPECTED);
  });

  it('maps bplist-parser UIDs to PlistUid', () => {
    const value = decodePlist(binaryPlist({ ref: new PlistUid(3) }));
    expect((value as { ref: PlistValue }).ref).toBeInstanceOf(PlistUid);
  });

  it('copies data out of the input buffer', () => {
    const input = binaryPlist({ data: Buffer.from('abcd') });
    const value = decodePlist(input) as { data: Buffer };
    input.fill(0);
    expect(value.data.toString()).toBe('abcd');
  });

  it('accepts a hand-assembled plist whose top object is not the first', () => {
    expect(decodePlist(assemble([ascii('x'), array(0, 0)], { top: 1 }))).toEqual(['x', 'x']);
  });

  it('rejects other binary versions and truncated input', () => {
    expect(expectInvalid(Buffer.from('bplist15xxxxxxxx')).message).toContain('version');
    const valid = binaryPlist(SAMPLE);
    for (let length = 1; length < valid.length; length++) decodeOrInvalid(valid.subarray(0, length));
    expectInvalid(valid.subarray(0, 40));
  });

  it('rejects reference cycles instead of overflowing the stack', () => {
    expect(expectInvalid(assemble([array(0)])).message).toContain('cycle');
    expect(expectInvalid(assemble([array(1), array(0)])).message).toContain('cycle');
  });

  it('rejects shared-reference bombs that would expand exponentially', () => {
    // Object i is an array holding object i+1 twice: 2^40 values once expanded.
    const objects = Array.from({ length: 40 }, (_, i) => array(i + 1, i + 1));
    objects.push(int8(1));
    const started = Date.now();
    expect(expectInvalid(assemble(objects)).message).toContain('too many values');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects nesting deeper than the limit', () => {
    const depth = 5000;
    const wide: Buffer[] = Array.from({ length: depth }, (_, i) => Buffer.from([0xa1, (i + 1) >> 8, (i + 1) & 0xff]));
    wide.push(int8(1));
    expect(expectInvalid(assemble(wide, { refSize: 2 })).message).toContain('nested too deeply');
  });

  it('rejects dangling references, odd types and bad trailers', () => {
    expectInvalid(assemble([array(5)]));
    expectInvalid(assemble([Buffer.from([0xc1, 0x00])])); // set: unsupported
    expectInvalid(assemble([Buffer.from([0x71, 0x41])])); // bplist1x UTF-8 string
    expectInvalid(assemble([Buffer.from([0x05])])); // unknown simple type
    expectInvalid(assemble([Buffer.from([0x15, 0, 0])])); // 32-byte integer
    expectInvalid(assemble([Buffer.from([0x21, 0, 0])])); // 2-byte real
    expectInvalid(assemble([Buffer.from([0x32, 0, 0, 0, 0])])); // 4-byte date
    expectInvalid(assemble([Buffer.from([0x5f, 0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])])); // huge length
    expectInvalid(assemble([Buffer.from([0x5f, 0x20, 0x01, 0x41])])); // length marker not an int
    expectInvalid(assemble([ascii('x')], { top: 3 }));
    const badTrailer = assemble([ascii('x')]);
    badTrailer[badTrailer.length - 32 + 6] = 0;
    expectInvalid(badTrailer);
    const farTable = assemble([ascii('x')]);
    farTable.writeBigUInt64BE(2n ** 62n, farTable.length - 8);
    expectInvalid(farTable);
    const manyObjects = assemble([ascii('x')]);
    manyObjects.writeBigUInt64BE(2n ** 40n, manyObjects.length - 24);
    expectInvalid(manyObjects);
  });

  it('rejects non-string and __proto__ dictionary keys', () => {
    // { 1: 'x' } with an integer key
    expect(expectInvalid(assemble([Buffer.from([0xd1, 1, 2]), int8(1), ascii('x')])).message).toContain('not a string');
    const proto = assemble([Buffer.from([0xd1, 1, 2]), ascii('__proto__'), ascii('x')]);
    expect(expectInvalid(proto).message).toContain('__proto__');
  });

  it('survives random mutations without raw errors or console noise', () => {
    const errorSpy = vi.spyOn(console, 'error');
    const logSpy = vi.spyOn(console, 'log');
    const valid = binaryPlist(SAMPLE);
    const random = prng(1234);
    for (let round = 0; round < 3000; round++) {
      const mutated = Buffer.from(valid);
      const changes = 1 + Math.floor(random() * 4);
      for (let i = 0; i < changes; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      decodeOrInvalid(mutated);
    }
    for (let round = 0; round < 500; round++) {
      const noise = Buffer.alloc(8 + Math.floor(random() * 200));
      for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
      Buffer.from('bplist00').copy(noise);
      decodeOrInvalid(noise);
    }
    expect(errorSpy).not.toHaveBeenCalled();
    expect(logSpy).not.toHaveBeenCalled();
  });
});

describe('decodePlist: XML', () => {
  const xmlSample = { ...SAMPLE, huge: 2 ** 50, integralReal: 2 };
  const xmlExpected = { ...(EXPECTED as object), huge: 2 ** 50 };

  it('decodes every value type, CF$UID dicts as PlistUid', () => {
    expect(decodePlist(xmlPlist(xmlSample))).toEqual(xmlExpected);
  });

  it('decodes UTF-8 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), xmlPlist({ name: 'é' })]);
    expect(decodePlist(bytes)).toEqual({ name: 'é' });
  });

  it('decodes UTF-16 little- and big-endian, with and without a byte-order mark', () => {
    const text = xmlPlist({ name: 'ünï', n: 3 }).toString('utf8').replace('UTF-8', 'UTF-16');
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const expected = { name: 'ünï', n: 3 };
    expect(decodePlist(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual(expected);
    expect(decodePlist(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual(expected);
    expect(decodePlist(le)).toEqual(expected);
    expect(decodePlist(be)).toEqual(expected);
    expectInvalid(Buffer.concat([Buffer.from([0xff, 0xfe]), le, Buffer.from([0x41])]));
  });

  it('accepts leading whitespace before the declaration', () => {
    expect(decodePlist(Buffer.from('\n  <plist version="1.0"><string>x</string></plist>'))).toBe('x');
  });

  it('rejects malformed documents with one-sentence messages and no console noise', () => {
    const errorSpy = vi.spyOn(console, 'error');
    const bad = [
      '',
      'hello world',
      '<plist><dict><key>a</key><string>b</dict></plist>',
      '<plist><array><string>x</string>',
      '<foo/>',
      '<plist><dict><string>a</string></dict></plist>',
      '<plist><unknown/></plist>',
      '<plist><dict><key>__proto__</key><string>x</string></dict></plist>',
      '{ a = b; }',
    ];
    for (const text of bad) expectInvalid(Buffer.from(text));
    expect(errorSpy).not.toHaveBeenCalled();
    expect(console.error).toBe(errorSpy);
  });

  it('rejects deep nesting quickly instead of overflowing the stack', () => {
    const depth = 100_000;
    const text = `<plist>${'<array>'.repeat(depth)}${'</array>'.repeat(depth)}</plist>`;
    const started = Date.now();
    expect(expectInvalid(Buffer.from(text)).message).toContain('nested too deeply');
    expect(Date.now() - started).toBeLessThan(2000);
    const fine = `<plist>${'<array>'.repeat(100)}${'</array>'.repeat(100)}</plist>`;
    expect(() => decodePlist(Buffer.from(fine))).not.toThrow();
  });

  it("refuses stray '<' quickly (xmldom is quadratic on them) but allows '<' in comments and CDATA", () => {
    const started = Date.now();
    expect(expectInvalid(Buffer.from(`<plist><string>${'<'.repeat(1_000_000)}</string></plist>`)).message).toContain("stray '<'");
    expect(Date.now() - started).toBeLessThan(2000);
    expectInvalid(Buffer.from('<plist><string>a < b</string></plist>'));
    expectInvalid(Buffer.from('<plist><!-- never closed <string>x</string></plist>'));
    const text = '<plist><!-- a < b --><string><![CDATA[x<y]]></string></plist>';
    expect(decodePlist(Buffer.from(text))).toBe('x<y');
  });

  it('does not expand entities declared in a DOCTYPE', () => {
    const laugh =
      '<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa">' +
      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      '<plist><string>&c;</string></plist>';
    const value = decodePlist(Buffer.from(laugh));
    expect(typeof value === 'string' && value.length < 100).toBe(true);
  });

  it('survives random mutations of XML', () => {
    const valid = xmlPlist(xmlSample);
    const random = prng(99);
    for (let round = 0; round < 500; round++) {
      const mutated = Buffer.from(valid);
      for (let i = 0; i < 3; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 128);
      decodeOrInvalid(mutated);
    }
  });
});

describe('decodePlist size limit', () => {
  it('refuses an XML property list larger than the cap, before parsing it', () => {
    const huge = Buffer.alloc(MAX_XML_PLIST_BYTES + 1, 0x20);
    huge.write('<?xml version="1.0"?><plist><string>');
    expect(() => decodePlist(huge)).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
  });
});
