/**
 * The cryptography of encrypted iPhone backups (reference/artifacts.md §1.7), on node:crypto:
 * PBKDF2-SHA256 then PBKDF2-SHA1 from the password to the key that unwraps the class keys,
 * RFC 3394 key unwrap for class, Manifest.db and per-file keys, and AES-256-CBC with a zero
 * IV and PKCS#7 padding for the contents.
 *
 * Nothing here logs or keeps a secret; failures say what failed, never with which bytes.
 */
import { createDecipheriv, createHash, pbkdf2, type Decipher } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Keybag } from './ios-keybag.js';
import { WRAP_PASSCODE, WRAPPED_KEY_LENGTH } from './ios-keybag.js';

/** The derived key, the class keys and the file keys are all AES-256 keys. */
export const BACKUP_KEY_LENGTH = 32;
/** A ManifestKey or an MBFile EncryptionKey: u32le(protection class) ‖ 40-byte wrapped key. */
export const CLASS_WRAPPED_KEY_LENGTH = 4 + WRAPPED_KEY_LENGTH;
const KEY_WRAP_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const ZERO_IV = Buffer.alloc(16);
const AES_BLOCK = 16;

const pbkdf2Async = promisify(pbkdf2);

/**
 * The key that unwraps the class keys. Asynchronous on purpose: PBKDF2 at the real
 * iteration counts runs for seconds, and in libuv's thread pool it leaves the event loop
 * free, so Ctrl-C is handled (and the working folder removed) while it runs.
 */
export async function deriveBackupKey(password: string, keybag: Keybag): Promise<Buffer> {
  let secret: Buffer = Buffer.from(password, 'utf8');
  // The SHA-256 stage exists from iOS 10.2 on; its presence in the keybag decides, not the iOS version.
  if (keybag.doubleProtection) {
    const { salt, iterations } = keybag.doubleProtection;
    secret = await pbkdf2Async(secret, salt, iterations, BACKUP_KEY_LENGTH, 'sha256');
  }
  return pbkdf2Async(secret, keybag.salt, keybag.iterations, BACKUP_KEY_LENGTH, 'sha1');
}

/** RFC 3394 unwrap; null when the integrity check fails (a wrong key) or the input is malformed. */
export function unwrapKey(kek: Buffer, wrapped: Buffer): Buffer | null {
  if (kek.length !== BACKUP_KEY_LENGTH || wrapped.length !== WRAPPED_KEY_LENGTH) return null;
  try {
    // With OpenSSL 3 an integrity failure throws already in update(), with an unhelpful message.
    const decipher = createDecipheriv('id-aes256-wrap', kek, KEY_WRAP_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return null;
  }
}

export type ClassKeys = ReadonlyMap<number, Buffer>;

/**
 * Unwraps every class key protected by the password. `wrong` when none unwraps (the
 * password or key is wrong); `damaged` when some do and others do not, which no password
 * explains.
 */
export function unlockClassKeys(
  keybag: Keybag,
  key: Buffer,
): { ok: true; classKeys: ClassKeys } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'damaged'; detail: string } {
  const classKeys = new Map<number, Buffer>();
  const failed: number[] = [];
  for (const record of keybag.classes.values()) {
    if ((record.wrap & WRAP_PASSCODE) === 0) continue;
    const unwrapped = unwrapKey(key, record.wrappedKey);
    if (unwrapped) classKeys.set(record.protectionClass, unwrapped);
    else failed.push(record.protectionClass);
  }
  if (classKeys.size === 0 && failed.length === 0) {
    return { ok: false, reason: 'damaged', detail: 'none of its class keys is protected by the backup password' };
  }
  if (classKeys.size === 0) return { ok: false, reason: 'wrong' };
  if (failed.length > 0) {
    return {
      ok: false,
      reason: 'damaged',
      detail: `the key of protection class ${failed.join(', ')} does not unwrap although the others do`,
    };
  }
  return { ok: true, classKeys };
}

/** Splits a ManifestKey or EncryptionKey into its protection class and wrapped key. */
export function splitClassWrappedKey(bytes: Buffer): { protectionClass: number; wrapped: Buffer } | null {
  if (bytes.length !== CLASS_WRAPPED_KEY_LENGTH) return null;
  return { protectionClass: bytes.readUInt32LE(0), wrapped: bytes.subarray(4) };
}

/** Why a ManifestKey or an EncryptionKey gave no key, as a clause. */
export type KeyUnwrapResult = { key: Buffer } | { problem: string };

export function unwrapClassWrappedKey(bytes: Buffer, classKeys: ClassKeys): KeyUnwrapResult {
  const split = splitClassWrappedKey(bytes);
  if (!split) return { problem: `is ${bytes.length} bytes long instead of ${CLASS_WRAPPED_KEY_LENGTH}` };
  const classKey = classKeys.get(split.protectionClass);
  if (!classKey) {
    return { problem: `names protection class ${split.protectionClass}, whose key the backup's keybag does not hold` };
  }
  const key = unwrapKey(classKey, split.wrapped);
  if (!key) return { problem: `does not unwrap with the key of protection class ${split.protectionClass}` };
  return { key };
}

/** Raised by the decryption of one content; the message is a clause. */
export class ContentDecryptionError extends Error {}

function decipherFor(key: Buffer): Decipher {
  // Auto-padding strips and checks PKCS#7, so a wrong key or a damaged tail fails in final().
  return createDecipheriv('aes-256-cbc', key, ZERO_IV);
}

function checkBlockLength(length: number): void {
  if (length % AES_BLOCK !== 0) {
    throw new ContentDecryptionError(`its encrypted content is ${length} bytes, not a whole number of AES blocks`);
  }
}

/** Decrypts a whole content held in memory. */
export function decryptContent(key: Buffer, data: Buffer): Buffer {
  // An empty file may be stored as nothing at all rather than as one block of padding.
  if (data.length === 0) return Buffer.alloc(0);
  checkBlockLength(data.length);
  try {
    const decipher = decipherFor(key);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new ContentDecryptionError('its content does not decrypt with its key (the padding is wrong)');
  }
}

export interface HashedLength {
  size: number;
  sha256: string;
}

function hashingTap(into: { size: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      into.hash.update(chunk);
      into.size += chunk.length;
      callback(null, chunk);
    },
  });
}

/**
 * Streams `physical` through AES-256-CBC into `destination`, hashing the bytes as stored
 * and as decrypted in the same pass. A failure removes the partial output.
 */
export async function decryptFileAndHash(
  key: Buffer,
  physical: string,
  destination: string,
): Promise<{ stored: HashedLength; plaintext: HashedLength }> {
  // statSync, not a synchronous open: opening never blocks the event loop this way.
  const storedLength = statSync(physical).size;
  const stored = { size: 0, hash: createHash('sha256') };
  const plain = { size: 0, hash: createHash('sha256') };
  try {
    if (storedLength === 0) {
      await pipeline(createReadStream(physical), hashingTap(stored), createWriteStream(destination, { mode: 0o600 }));
    } else {
      checkBlockLength(storedLength);
      await pipeline(
        createReadStream(physical),
        hashingTap(stored),
        decipherFor(key),
        hashingTap(plain),
        createWriteStream(destination, { mode: 0o600 }),
      );
    }
  } catch (error) {
    rmSync(destination, { force: true });
    if (error instanceof ContentDecryptionError) throw error;
    if (error instanceof Error && /bad decrypt|wrong final block length/i.test(error.message)) {
      throw new ContentDecryptionError('its content does not decrypt with its key (the padding is wrong)');
    }
    throw error;
  }
  return {
    stored: { size: stored.size, sha256: stored.hash.digest('hex') },
    plaintext: { size: plain.size, sha256: plain.hash.digest('hex') },
  };
}
