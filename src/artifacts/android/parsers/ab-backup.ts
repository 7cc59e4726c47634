/**
 * The Android backup format written by `adb backup` (AOSP BackupManagerService):
 *
 *   ANDROID BACKUP\n <version>\n <compressed 0|1>\n <none|AES-256>\n [5 encryption lines] <payload>
 *
 * The payload is a tar, zlib-compressed when the flag says so, and AES-256-CBC encrypted
 * with a random master key when a password was set. The master key is itself encrypted
 * with a key derived from the password (PBKDF2-HMAC-SHA1), next to a checksum of it that
 * proves the password right. From version 2 on, Android computes that checksum over the
 * master key bytes converted to Java chars and re-encoded as UTF-8, which turns each byte
 * of 0x80 or more into three bytes (the sign-extended char U+FF80–U+FFFF); a checker that
 * skips this quirk rejects every correct password.
 */
import { createDecipheriv, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { createInflate } from 'node:zlib';

export const AB_MAGIC = 'ANDROID BACKUP';

export interface AbEncryption {
  userSalt: Buffer;
  checksumSalt: Buffer;
  rounds: number;
  userIv: Buffer;
  masterKeyBlob: Buffer;
}

export interface AbHeader {
  version: number;
  compressed: boolean;
  encryption: AbEncryption | null;
  /** Byte offset of the payload in the file. */
  payloadOffset: number;
}

/** A file that is not an Android backup, or whose header is damaged. */
export class AbFormatError extends Error {}
/** The password does not decrypt the master key, or its checksum does not match. */
export class AbPasswordError extends Error {}

/** More rounds than any Android writes (10,000): a hostile header must not stall the run. */
export const MAX_ROUNDS = 1_000_000;
/** The header is small; this much of the file is enough to read it. */
export const AB_HEADER_MAX_BYTES = 4096;

function hexField(text: string, name: string, bytes?: number): Buffer {
  if (!/^[0-9A-Fa-f]*$/.test(text) || text.length % 2 !== 0) throw new AbFormatError(`its ${name} is not hexadecimal`);
  const value = Buffer.from(text, 'hex');
  if (bytes !== undefined && value.length !== bytes) throw new AbFormatError(`its ${name} is ${value.length} bytes instead of ${bytes}`);
  return value;
}

/** Whether the first bytes are the Android backup magic line. */
export function isAndroidBackup(head: Uint8Array): boolean {
  return Buffer.from(head.subarray(0, AB_MAGIC.length + 1)).toString('latin1') === `${AB_MAGIC}\n`;
}

/** Reads the header from the first bytes of the file (up to AB_HEADER_MAX_BYTES). */
export function parseAbHeader(head: Uint8Array): AbHeader {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  const line = (what: string): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end === -1) throw new AbFormatError(`it ends before its ${what} line`);
    const text = bytes.subarray(at, end).toString('latin1');
    at = end + 1;
    return text;
  };
  if (line('magic') !== AB_MAGIC) throw new AbFormatError('it does not start with "ANDROID BACKUP"');
  const versionText = line('version');
  const version = Number(versionText);
  if (!/^\d{1,3}$/.test(versionText) || version < 1) throw new AbFormatError(`its version "${versionText.slice(0, 20)}" is not a number`);
  const compressedText = line('compression');
  if (compressedText !== '0' && compressedText !== '1') throw new AbFormatError(`its compression flag "${compressedText.slice(0, 20)}" is neither 0 nor 1`);
  const algorithm = line('encryption');
  if (algorithm === 'none') return { version, compressed: compressedText === '1', encryption: null, payloadOffset: at };
  if (algorithm !== 'AES-256') throw new AbFormatError(`its encryption "${algorithm.slice(0, 20)}" is neither none nor AES-256`);
  const userSalt = hexField(line('user salt'), 'user salt');
  const checksumSalt = hexField(line('checksum salt'), 'checksum salt');
  const roundsText = line('rounds');
  const rounds = Number(roundsText);
  if (!/^\d{1,9}$/.test(roundsText) || rounds < 1) throw new AbFormatError(`its PBKDF2 round count "${roundsText.slice(0, 20)}" is not a number`);
  if (rounds > MAX_ROUNDS) throw new AbFormatError(`it asks for ${rounds} PBKDF2 rounds, far more than Android uses`);
  const userIv = hexField(line('user IV'), 'user IV', 16);
  const masterKeyBlob = hexField(line('master key'), 'master key blob');
  if (masterKeyBlob.length === 0 || masterKeyBlob.length % 16 !== 0) throw new AbFormatError('its master key blob is not a whole number of AES blocks');
  return { version, compressed: compressedText === '1', encryption: { userSalt, checksumSalt, rounds, userIv, masterKeyBlob }, payloadOffset: at };
}

/**
 * The bytes Android feeds to PBKDF2 for the master-key checksum from version 2 on: each
 * byte as a sign-extended Java char, encoded as UTF-8.
 */
export function javaCharBytes(key: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of key) {
    if (byte < 0x80) out.push(byte);
    else out.push(0xef, 0xbc | ((byte >> 6) & 0x03), 0x80 | (byte & 0x3f));
  }
  return Buffer.from(out);
}

export interface AbKeys {
  masterKey: Buffer;
  masterIv: Buffer;
}

/** `[len][bytes]` fields of the decrypted master-key blob. */
function lengthPrefixed(blob: Buffer, at: number, what: string): { value: Buffer; next: number } {
  const length = blob[at];
  if (length === undefined || at + 1 + length > blob.length) throw new AbPasswordError(`the ${what} in the decrypted master key blob is cut short`);
  return { value: blob.subarray(at + 1, at + 1 + length), next: at + 1 + length };
}

/** Derives the user key, decrypts the master key and checks its checksum. */
export function unlockAbBackup(header: AbHeader, password: string): AbKeys {
  const encryption = header.encryption;
  if (!encryption) throw new AbFormatError('it is not encrypted');
  // Android passes the password as Java chars to PBKDF2WithHmacSHA1, i.e. UTF-8 for ASCII.
  const userKey = pbkdf2Sync(Buffer.from(password, 'utf8'), encryption.userSalt, encryption.rounds, 32, 'sha1');
  let blob: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', userKey, encryption.userIv);
    blob = Buffer.concat([decipher.update(encryption.masterKeyBlob), decipher.final()]);
  } catch {
    throw new AbPasswordError('the master key blob does not decrypt with this password');
  }
  const iv = lengthPrefixed(blob, 0, 'IV');
  const key = lengthPrefixed(blob, iv.next, 'key');
  const checksum = lengthPrefixed(blob, key.next, 'checksum');
  if (iv.value.length !== 16 || key.value.length !== 32) throw new AbPasswordError('the decrypted master key blob has the wrong sizes');
  const material = header.version >= 2 ? javaCharBytes(key.value) : key.value;
  const computed = pbkdf2Sync(material, encryption.checksumSalt, encryption.rounds, 32, 'sha1');
  if (checksum.value.length !== computed.length || !timingSafeEqual(checksum.value, computed)) {
    throw new AbPasswordError('the master key checksum does not match');
  }
  return { masterKey: Buffer.from(key.value), masterIv: Buffer.from(iv.value) };
}

/** A pass-through that counts bytes, to say how far a damaged payload was read. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/**
 * The transforms that turn the payload bytes into the plain tar: AES-256-CBC with the master
 * key (PKCS#7 padding removed), then zlib inflate when compressed.
 */
export function abPayloadTransforms(header: AbHeader, keys: AbKeys | null): Transform[] {
  const steps: Transform[] = [];
  if (header.encryption) {
    if (!keys) throw new AbFormatError('it is encrypted and no key was given');
    steps.push(createDecipheriv('aes-256-cbc', keys.masterKey, keys.masterIv));
  }
  if (header.compressed) steps.push(createInflate());
  return steps;
}
