/**
 * The encryption side of the backup builder: a real backup keybag (reference/artifacts.md
 * §1.7, "Encryption steps"), class keys wrapped with the password-derived key, a wrapped
 * ManifestKey and per-file keys, and AES-256-CBC contents with PKCS#7 padding.
 *
 * Written straight on node:crypto, not on src/, so that the tests check the decryptor
 * against an independent encryptor. Every salt and key is derived from a seed (the UDID,
 * the file ID), so the same spec still gives the same bytes.
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';

export interface BackupEncryptionSpec {
  password: string;
  /** PBKDF2-SHA256 rounds (DPIC); real backups use 10,000,000. null: a keybag without DPSL/DPIC (before iOS 10.2). */
  dpic?: number | null;
  /** PBKDF2-SHA1 rounds (ITER); real backups use 10,000. */
  iter?: number;
  /** iOS 10.0–10.1: no ManifestKey and Manifest.db in clear, while the files are encrypted. */
  omitManifestKey?: boolean;
  /** Rewrites the keybag before it is stored, for damaged and hostile keybags. */
  keybag?: (bytes: Buffer) => Buffer;
  /** Files (`domain/relativePath`) whose EncryptionKey is wrapped with a key that is not their class key. */
  unwrappableFiles?: readonly string[];
  /** Files whose stored blob is cut after its first AES block. */
  truncatedFiles?: readonly string[];
  /** Files whose MBFile Size is one more than their content. */
  misSizedFiles?: readonly string[];
}

/** Fast defaults: real counts make every test wait seconds for the derivation. */
export const TEST_DPIC = 100;
export const TEST_ITER = 10;
export const REAL_DPIC = 10_000_000;
export const REAL_ITER = 10_000;

const KEY_WRAP_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const PROTECTION_CLASSES = 11;
/** The class iTunes wraps the ManifestKey with (NSFileProtectionNone). */
const MANIFEST_CLASS = 4;

function seeded(seed: string, length: number): Buffer {
  return createHash('sha256').update(seed, 'utf8').digest().subarray(0, length);
}

function u32be(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function u32le(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value, 0);
  return out;
}

/** One keybag item: 4-byte tag, 4-byte big-endian length, value (a number is a uint32). */
export function tlv(tag: string, value: Buffer | number): Buffer {
  const bytes = typeof value === 'number' ? u32be(value) : value;
  return Buffer.concat([Buffer.from(tag, 'latin1'), u32be(bytes.length), bytes]);
}

export function aesKeyWrap(kek: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, KEY_WRAP_IV);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

export function aesCbcEncrypt(key: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** Everything the builder needs to write one encrypted backup. */
export class BackupEncryptor {
  readonly keybag: Buffer;
  /** The key `exhibit derive-key` prints for this password. */
  readonly derivedKey: Buffer;
  private readonly classKeys = new Map<number, Buffer>();

  constructor(
    readonly spec: BackupEncryptionSpec,
    private readonly seed: string,
  ) {
    const salt = seeded(`salt-${seed}`, 20);
    const dpsl = seeded(`dpsl-${seed}`, 20);
    const dpic = spec.dpic === undefined ? TEST_DPIC : spec.dpic;
    const iter = spec.iter ?? TEST_ITER;
    let secret: Buffer = Buffer.from(spec.password, 'utf8');
    if (dpic !== null) secret = pbkdf2Sync(secret, dpsl, dpic, 32, 'sha256');
    this.derivedKey = pbkdf2Sync(secret, salt, iter, 32, 'sha1');

    const header = [
      tlv('VERS', 3),
      tlv('TYPE', 1),
      tlv('UUID', seeded(`keybag-uuid-${seed}`, 16)),
      tlv('HMCK', Buffer.concat([seeded(`hmck-${seed}`, 32), seeded(`hmck2-${seed}`, 8)])),
      tlv('WRAP', 0),
      tlv('SALT', salt),
      tlv('ITER', iter),
    ];
    if (dpic !== null) header.push(tlv('DPWT', 1), tlv('DPIC', dpic), tlv('DPSL', dpsl));
    const records: Buffer[] = [];
    for (let protectionClass = 1; protectionClass <= PROTECTION_CLASSES; protectionClass++) {
      const classKey = seeded(`class-key-${protectionClass}-${seed}`, 32);
      this.classKeys.set(protectionClass, classKey);
      records.push(
        tlv('UUID', seeded(`class-uuid-${protectionClass}-${seed}`, 16)),
        tlv('CLAS', protectionClass),
        // Classes 1–4 are wrapped with the password only; 5–11 also with the device key.
        tlv('WRAP', protectionClass <= 4 ? 2 : 3),
        tlv('KTYP', 0),
        tlv('WPKY', aesKeyWrap(this.derivedKey, classKey)),
      );
    }
    const keybag = Buffer.concat([...header, ...records]);
    this.keybag = spec.keybag ? spec.keybag(keybag) : keybag;
  }

  private classKey(protectionClass: number): Buffer {
    const key = this.classKeys.get(protectionClass);
    if (!key) throw new Error(`buildIosBackup: protection class ${protectionClass} is not one of 1–${PROTECTION_CLASSES}.`);
    return key;
  }

  /** The Size the MBFile record of a file states. */
  recordedSize(entryPath: string, size: number): number {
    return (this.spec.misSizedFiles ?? []).includes(entryPath) ? size + 1 : size;
  }

  /** u32le(class) ‖ wrapped key, as ManifestKey and EncryptionKey store it. */
  private wrapped(protectionClass: number, key: Buffer, usable: boolean): Buffer {
    const kek = usable ? this.classKey(protectionClass) : seeded(`not-a-class-key-${this.seed}`, 32);
    return Buffer.concat([u32le(protectionClass), aesKeyWrap(kek, key)]);
  }

  /** The encrypted Manifest.db and its ManifestKey; in clear without a key for iOS 10.0–10.1. */
  manifest(plaintext: Buffer): { stored: Buffer; manifestKey: Buffer | undefined } {
    if (this.spec.omitManifestKey) return { stored: plaintext, manifestKey: undefined };
    const key = seeded(`manifest-key-${this.seed}`, 32);
    return { stored: aesCbcEncrypt(key, plaintext), manifestKey: this.wrapped(MANIFEST_CLASS, key, true) };
  }

  /** The stored blob of one file and the EncryptionKey of its MBFile record. */
  file(entryPath: string, fileID: string, protectionClass: number, plaintext: Buffer): { stored: Buffer; encryptionKey: Buffer } {
    const key = seeded(`file-key-${fileID}-${this.seed}`, 32);
    const usable = !(this.spec.unwrappableFiles ?? []).includes(entryPath);
    let stored = aesCbcEncrypt(key, plaintext);
    if ((this.spec.truncatedFiles ?? []).includes(entryPath)) stored = stored.subarray(0, 16);
    return { stored, encryptionKey: this.wrapped(protectionClass, key, usable) };
  }
}
