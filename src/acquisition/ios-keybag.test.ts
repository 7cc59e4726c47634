import { describe, expect, it } from 'vitest';
import { BackupEncryptor, tlv } from '../../test/builders/ios-backup-encryption.js';
import { KeybagError, MAX_DOUBLE_PROTECTION_ITERATIONS, MAX_ITERATIONS, parseKeybag } from './ios-keybag.js';

const SALT = Buffer.alloc(20, 0x11);
const DPSL = Buffer.alloc(20, 0x22);
const WPKY = Buffer.alloc(40, 0x33);

function header(overrides: { iter?: number; dpic?: number | null; type?: number } = {}): Buffer[] {
  const items = [
    tlv('VERS', 3),
    tlv('TYPE', overrides.type ?? 1),
    tlv('UUID', Buffer.alloc(16, 0x01)),
    tlv('HMCK', Buffer.alloc(40)),
    tlv('WRAP', 0),
    tlv('SALT', SALT),
    tlv('ITER', overrides.iter ?? 10_000),
  ];
  const dpic = overrides.dpic === undefined ? 10_000_000 : overrides.dpic;
  if (dpic !== null) items.push(tlv('DPWT', 1), tlv('DPIC', dpic), tlv('DPSL', DPSL));
  return items;
}

function classRecord(protectionClass: number, wrap = 3): Buffer[] {
  return [
    tlv('UUID', Buffer.alloc(16, protectionClass)),
    tlv('CLAS', protectionClass),
    tlv('WRAP', wrap),
    tlv('KTYP', 0),
    tlv('WPKY', WPKY),
  ];
}

function keybag(...parts: Buffer[][]): Buffer {
  return Buffer.concat(parts.flat());
}

function problem(bytes: Buffer): string {
  try {
    parseKeybag(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(KeybagError);
    return (error as KeybagError).message;
  }
  throw new Error('the keybag was accepted');
}

describe('parseKeybag', () => {
  it('reads the header and the class records of an iOS 10.2+ backup keybag', () => {
    const parsed = parseKeybag(keybag(header(), classRecord(1, 2), classRecord(4, 2), classRecord(11, 3)));
    expect(parsed.version).toBe(3);
    expect(parsed.type).toBe(1);
    expect(parsed.uuid).toEqual(Buffer.alloc(16, 0x01));
    expect(parsed.salt).toEqual(SALT);
    expect(parsed.iterations).toBe(10_000);
    expect(parsed.doubleProtection).toEqual({ salt: DPSL, iterations: 10_000_000 });
    expect([...parsed.classes.keys()]).toEqual([1, 4, 11]);
    expect(parsed.classes.get(4)).toEqual({ protectionClass: 4, wrap: 2, keyType: 0, wrappedKey: WPKY });
    expect(parsed.classes.get(11)?.wrap).toBe(3);
  });

  it('reads the keybag the test builder writes, with all 11 classes', () => {
    const built = new BackupEncryptor({ password: 'pw', dpic: 1, iter: 1 }, 'seed').keybag;
    const parsed = parseKeybag(built);
    expect([...parsed.classes.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(parsed.doubleProtection?.iterations).toBe(1);
  });

  it('reads a keybag without DPSL/DPIC (before iOS 10.2) as single-stage', () => {
    expect(parseKeybag(keybag(header({ dpic: null }), classRecord(1))).doubleProtection).toBeNull();
  });

  it('does not depend on the order of header items', () => {
    const reordered = [tlv('DPIC', 5), tlv('SALT', SALT), tlv('UUID', Buffer.alloc(16)), tlv('DPSL', DPSL), tlv('ITER', 7)];
    const parsed = parseKeybag(keybag(reordered, classRecord(2)));
    expect(parsed.iterations).toBe(7);
    expect(parsed.doubleProtection).toEqual({ salt: DPSL, iterations: 5 });
  });

  it('ignores tags it does not need (PBKY, unknown header tags)', () => {
    const parsed = parseKeybag(keybag([...header(), tlv('ZZZZ', Buffer.from('x'))], [...classRecord(1), tlv('PBKY', Buffer.alloc(32))]));
    expect(parsed.classes.size).toBe(1);
  });

  it('refuses truncated input: a cut header, a cut value', () => {
    const whole = keybag(header(), classRecord(1));
    expect(problem(whole.subarray(0, whole.length - 3))).toMatch(/^its WPKY item at byte \d+ is 40 bytes long but only 37 remain$/);
    expect(problem(Buffer.concat([whole, Buffer.from('CLA')]))).toMatch(/ends in the middle of an item header/);
    expect(problem(Buffer.alloc(0))).toBe('it is empty');
  });

  it('refuses a length that points far beyond the end without reading it', () => {
    const hostile = Buffer.concat([Buffer.from('SALT', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    expect(problem(hostile)).toBe('its SALT item at byte 0 is 4294967295 bytes long but only 0 remain');
  });

  it('refuses random bytes as an invalid tag', () => {
    expect(problem(Buffer.from('00ff00ff00000000', 'hex'))).toMatch(/invalid tag at byte 0/);
  });

  it('caps the iteration counts before any derivation runs', () => {
    expect(problem(keybag(header({ dpic: 0xffffffff }), classRecord(1)))).toBe(
      `its DPIC iteration count 4294967295 is above the ${MAX_DOUBLE_PROTECTION_ITERATIONS} Exhibit accepts`,
    );
    expect(problem(keybag(header({ iter: MAX_ITERATIONS + 1 }), classRecord(1)))).toBe(
      `its ITER iteration count ${MAX_ITERATIONS + 1} is above the ${MAX_ITERATIONS} Exhibit accepts`,
    );
    expect(problem(keybag(header({ iter: 0 }), classRecord(1)))).toBe('its ITER iteration count is 0');
    // The real counts and the caps themselves are accepted.
    expect(parseKeybag(keybag(header({ dpic: MAX_DOUBLE_PROTECTION_ITERATIONS, iter: MAX_ITERATIONS }), classRecord(1))).iterations).toBe(MAX_ITERATIONS);
  });

  it('refuses an iteration count that is not a 4-byte integer', () => {
    const items = header().map((item) => (item.subarray(0, 4).toString() === 'ITER' ? tlv('ITER', Buffer.alloc(8, 1)) : item));
    expect(problem(keybag(items, classRecord(1)))).toBe('its ITER item is 8 bytes long, not a 4-byte integer');
  });

  it('refuses a protection class that appears twice', () => {
    expect(problem(keybag(header(), classRecord(3), classRecord(3)))).toBe('it holds two records for protection class 3');
  });

  it('refuses repeated header items, which would make the derivation ambiguous', () => {
    expect(problem(keybag([...header(), tlv('SALT', Buffer.alloc(20))], classRecord(1)))).toBe('its header holds two SALT items');
  });

  it('refuses records without CLAS or WPKY, and keybags without class keys', () => {
    expect(problem(keybag(header(), [tlv('UUID', Buffer.alloc(16)), tlv('WPKY', WPKY)]))).toBe('its class record 1 has no CLAS item');
    expect(problem(keybag(header(), [tlv('UUID', Buffer.alloc(16)), tlv('CLAS', 2)]))).toBe('its record for protection class 2 has no WPKY item');
    expect(problem(keybag(header()))).toBe('it holds no class keys');
  });

  it('refuses missing SALT or ITER, half of the double protection, and other keybag types', () => {
    const without = (tag: string): Buffer[] => header().filter((item) => item.subarray(0, 4).toString() !== tag);
    expect(problem(keybag(without('SALT'), classRecord(1)))).toBe('it has no SALT');
    expect(problem(keybag(without('ITER'), classRecord(1)))).toBe('it has no ITER');
    expect(problem(keybag(without('DPSL'), classRecord(1)))).toBe('it has DPIC without DPSL');
    expect(problem(keybag(without('DPIC'), classRecord(1)))).toBe('it has DPSL without DPIC');
    expect(problem(keybag(header({ type: 0 }), classRecord(1)))).toBe('it is of type 0, not a backup keybag (type 1)');
  });
});
