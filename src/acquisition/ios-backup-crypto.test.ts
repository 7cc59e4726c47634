import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aesCbcEncrypt, aesKeyWrap, BackupEncryptor } from '../../test/builders/ios-backup-encryption.js';
import {
  ContentDecryptionError,
  decryptContent,
  decryptFileAndHash,
  deriveBackupKey,
  unlockClassKeys,
  unwrapClassWrappedKey,
  unwrapKey,
} from './ios-backup-crypto.js';
import { parseKeybag, type Keybag } from './ios-keybag.js';

const scratch = mkdtempSync(join(tmpdir(), 'exhibit-crypto-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function keybagWith(doubleProtection: boolean): Keybag {
  return {
    version: 3,
    type: 1,
    uuid: null,
    salt: Buffer.alloc(20, 0x11),
    iterations: 10,
    doubleProtection: doubleProtection ? { salt: Buffer.alloc(20, 0x22), iterations: 100 } : null,
    classes: new Map(),
  };
}

describe('deriveBackupKey', () => {
  // Expected values computed independently with Python's hashlib.pbkdf2_hmac.
  it('runs PBKDF2-SHA256 (DPSL/DPIC) then PBKDF2-SHA1 (SALT/ITER) when the keybag has DPSL', async () => {
    const key = await deriveBackupKey('correct horse', keybagWith(true));
    expect(key.toString('hex')).toBe('eb8126892f7e6a25c48ea849c92f1fa6f5b6ce950f6f754f79b870075fbcb27c');
  });

  it('runs PBKDF2-SHA1 alone on the password when the keybag has no DPSL/DPIC', async () => {
    const key = await deriveBackupKey('correct horse', keybagWith(false));
    expect(key.toString('hex')).toBe('f9809b73f6e746c4d077b8ed0dff4658d8ff88d5f0d90bc5d8955847822da509');
  });

  it('gives the key the test builder derived on its own', async () => {
    const encryptor = new BackupEncryptor({ password: 'pässwörd', dpic: 50, iter: 5 }, 'udid');
    const key = await deriveBackupKey('pässwörd', parseKeybag(encryptor.keybag));
    expect(key.equals(encryptor.derivedKey)).toBe(true);
  });
});

describe('unwrapKey (RFC 3394)', () => {
  const kek = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
  const keyData = Buffer.from('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f', 'hex');
  // RFC 3394 §4.6: 256 bits of key data with a 256-bit KEK.
  const wrapped = Buffer.from('28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21', 'hex');

  it('unwraps the RFC test vector', () => {
    expect(unwrapKey(kek, wrapped)?.equals(keyData)).toBe(true);
  });

  it('returns null on an integrity failure (a wrong key-encryption key) instead of throwing', () => {
    expect(unwrapKey(Buffer.alloc(32, 7), wrapped)).toBeNull();
    const flipped = Buffer.from(wrapped);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(unwrapKey(kek, flipped)).toBeNull();
  });

  it('returns null on malformed lengths', () => {
    expect(unwrapKey(kek, wrapped.subarray(0, 39))).toBeNull();
    expect(unwrapKey(kek.subarray(0, 16), wrapped)).toBeNull();
  });
});

describe('unlockClassKeys', () => {
  const encryptor = new BackupEncryptor({ password: 'pw', dpic: 1, iter: 1 }, 'seed');
  const keybag = parseKeybag(encryptor.keybag);

  it('unwraps all 11 class keys with the right key', () => {
    const result = unlockClassKeys(keybag, encryptor.derivedKey);
    expect(result.ok && [...result.classKeys.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('says "wrong" when no class key unwraps', () => {
    expect(unlockClassKeys(keybag, Buffer.alloc(32))).toEqual({ ok: false, reason: 'wrong' });
  });

  it('says "damaged" when some class keys unwrap and others do not', () => {
    const damagedClass = keybag.classes.get(7);
    if (!damagedClass) throw new Error('class 7 missing');
    const classes = new Map(keybag.classes);
    classes.set(7, { ...damagedClass, wrappedKey: Buffer.alloc(40, 9) });
    expect(unlockClassKeys({ ...keybag, classes }, encryptor.derivedKey)).toEqual({
      ok: false,
      reason: 'damaged',
      detail: 'the key of protection class 7 does not unwrap although the others do',
    });
  });

  it('says "damaged" when no class key is protected by the password', () => {
    const classes = new Map([...keybag.classes].map(([c, record]) => [c, { ...record, wrap: 1 }]));
    expect(unlockClassKeys({ ...keybag, classes }, encryptor.derivedKey)).toEqual({
      ok: false,
      reason: 'damaged',
      detail: 'none of its class keys is protected by the backup password',
    });
  });
});

describe('unwrapClassWrappedKey', () => {
  const classKey = Buffer.alloc(32, 3);
  const fileKey = Buffer.alloc(32, 4);
  const classKeys = new Map([[3, classKey]]);
  const le = (n: number): Buffer => {
    const out = Buffer.alloc(4);
    out.writeUInt32LE(n, 0);
    return out;
  };

  it('reads the little-endian class and unwraps with that class key', () => {
    const result = unwrapClassWrappedKey(Buffer.concat([le(3), aesKeyWrap(classKey, fileKey)]), classKeys);
    expect('key' in result && result.key.equals(fileKey)).toBe(true);
  });

  it('says why a key gives nothing: length, unknown class, wrong wrap', () => {
    expect(unwrapClassWrappedKey(Buffer.alloc(43), classKeys)).toEqual({ problem: 'is 43 bytes long instead of 44' });
    expect(unwrapClassWrappedKey(Buffer.concat([le(9), aesKeyWrap(classKey, fileKey)]), classKeys)).toEqual({
      problem: "names protection class 9, whose key the backup's keybag does not hold",
    });
    expect(unwrapClassWrappedKey(Buffer.concat([le(3), aesKeyWrap(Buffer.alloc(32, 8), fileKey)]), classKeys)).toEqual({
      problem: 'does not unwrap with the key of protection class 3',
    });
  });
});

describe('decryptContent and decryptFileAndHash', () => {
  const key = Buffer.alloc(32, 5);
  const plaintext = Buffer.from('SQLite format 3\u0000 and then some more bytes than one block');
  const stored = aesCbcEncrypt(key, plaintext);

  it('decrypts AES-256-CBC with a zero IV and strips PKCS#7 padding', () => {
    expect(stored.length).toBe(64);
    expect(decryptContent(key, stored).equals(plaintext)).toBe(true);
    expect(decryptContent(key, aesCbcEncrypt(key, Buffer.alloc(0))).length).toBe(0);
    expect(decryptContent(key, Buffer.alloc(0)).length).toBe(0);
  });

  it('refuses a wrong key (bad padding) and a length that is not whole blocks', () => {
    expect(() => decryptContent(Buffer.alloc(32, 6), stored)).toThrow(ContentDecryptionError);
    expect(() => decryptContent(key, stored.subarray(0, 60))).toThrow(
      'its encrypted content is 60 bytes, not a whole number of AES blocks',
    );
  });

  it('streams a file, hashing the bytes as stored and as decrypted', async () => {
    const input = join(scratch, 'blob');
    writeFileSync(input, stored);
    const output = join(scratch, 'plain');
    const result = await decryptFileAndHash(key, input, output);
    expect(readFileSync(output).equals(plaintext)).toBe(true);
    expect(result).toEqual({
      stored: { size: 64, sha256: sha256(stored) },
      plaintext: { size: plaintext.length, sha256: sha256(plaintext) },
    });
  });

  it('removes the partial output when the content does not decrypt', async () => {
    const input = join(scratch, 'blob-bad');
    writeFileSync(input, stored);
    const output = join(scratch, 'plain-bad');
    await expect(decryptFileAndHash(Buffer.alloc(32, 6), input, output)).rejects.toThrow(
      'its content does not decrypt with its key (the padding is wrong)',
    );
    expect(existsSync(output)).toBe(false);
    writeFileSync(input, stored.subarray(0, 50));
    await expect(decryptFileAndHash(key, input, output)).rejects.toThrow('not a whole number of AES blocks');
    expect(existsSync(output)).toBe(false);
  });
});
