/**
 * The keybag of an encrypted iPhone backup (`BackupKeyBag` in Manifest.plist): a flat
 * stream of TLV items — 4-byte ASCII tag, 4-byte big-endian length, value — where the
 * first UUID and WRAP belong to the header and every later UUID starts the record of one
 * protection class (reference/artifacts.md §1.7).
 *
 * The keybag comes from the acquisition, so it is hostile input: lengths are checked
 * against what is left, the iteration counts that decide how long the key derivation runs
 * are capped (a keybag asking for 2^32 rounds would hold the machine for hours), and a
 * class that appears twice is refused rather than one of its keys silently chosen.
 */
import { ExhibitError } from '../errors.js';

/** Real backups use 10,000,000 PBKDF2-SHA256 rounds; five times that is still minutes, not hours. */
export const MAX_DOUBLE_PROTECTION_ITERATIONS = 50_000_000;
/** Real backups use 10,000 PBKDF2-SHA1 rounds; older iOS versions relied on this stage alone. */
export const MAX_ITERATIONS = 10_000_000;
/** The keybag type of an iTunes/Finder backup (0 system, 2 escrow, 3 iCloud). */
export const KEYBAG_TYPE_BACKUP = 1;
/** Bit of a class record's WRAP saying that its key is wrapped with the password-derived key. */
export const WRAP_PASSCODE = 2;
/** Length of an RFC 3394-wrapped 32-byte key. */
export const WRAPPED_KEY_LENGTH = 40;

export interface KeybagClass {
  protectionClass: number;
  /** Bit 1: wrapped with the device key; bit 2: wrapped with the password-derived key. */
  wrap: number;
  /** 0 AES, 1 Curve25519. */
  keyType: number;
  wrappedKey: Buffer;
}

export interface Keybag {
  version: number | null;
  type: number | null;
  uuid: Buffer | null;
  /** Salt and rounds of the PBKDF2-SHA1 stage. */
  salt: Buffer;
  iterations: number;
  /** iOS 10.2 and later: the PBKDF2-SHA256 stage run first (DPSL/DPIC). */
  doubleProtection: { salt: Buffer; iterations: number } | null;
  /** Class records by protection class, in the order they appear. */
  classes: Map<number, KeybagClass>;
}

/** Raised when the keybag is not one Exhibit can use; the message is a clause, not a sentence. */
export class KeybagError extends ExhibitError {
  constructor(detail: string) {
    super('BACKUP_KEYBAG_INVALID', detail);
  }
}

interface Item {
  tag: string;
  value: Buffer;
}

const TAG = /^[A-Z0-9]{4}$/;

function items(bytes: Buffer): Item[] {
  const out: Item[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < 8) throw new KeybagError(`it ends in the middle of an item header at byte ${offset}`);
    const tag = bytes.toString('latin1', offset, offset + 4);
    if (!TAG.test(tag)) throw new KeybagError(`it holds an item with an invalid tag at byte ${offset}`);
    const length = bytes.readUInt32BE(offset + 4);
    const start = offset + 8;
    if (length > bytes.length - start) {
      throw new KeybagError(`its ${tag} item at byte ${offset} is ${length} bytes long but only ${bytes.length - start} remain`);
    }
    out.push({ tag, value: bytes.subarray(start, start + length) });
    offset = start + length;
  }
  return out;
}

function uint32(item: Item): number {
  if (item.value.length !== 4) throw new KeybagError(`its ${item.tag} item is ${item.value.length} bytes long, not a 4-byte integer`);
  return item.value.readUInt32BE(0);
}

function iterations(item: Item, max: number): number {
  const count = uint32(item);
  if (count < 1) throw new KeybagError(`its ${item.tag} iteration count is 0`);
  if (count > max) {
    throw new KeybagError(`its ${item.tag} iteration count ${count} is above the ${max} Exhibit accepts`);
  }
  return count;
}

interface PartialClass {
  protectionClass?: number;
  wrap?: number;
  keyType?: number;
  wrappedKey?: Buffer;
}

function finishClass(record: PartialClass, position: number, classes: Map<number, KeybagClass>): void {
  const { protectionClass } = record;
  if (protectionClass === undefined) throw new KeybagError(`its class record ${position} has no CLAS item`);
  if (classes.has(protectionClass)) throw new KeybagError(`it holds two records for protection class ${protectionClass}`);
  if (record.wrappedKey === undefined) throw new KeybagError(`its record for protection class ${protectionClass} has no WPKY item`);
  classes.set(protectionClass, {
    protectionClass,
    wrap: record.wrap ?? 0,
    keyType: record.keyType ?? 0,
    wrappedKey: record.wrappedKey,
  });
}

/** Parses a BackupKeyBag; throws KeybagError saying what is wrong with it. */
export function parseKeybag(bytes: Buffer): Keybag {
  if (bytes.length === 0) throw new KeybagError('it is empty');
  let version: number | null = null;
  let type: number | null = null;
  let uuid: Buffer | null = null;
  let salt: Buffer | undefined;
  let iterationCount: number | undefined;
  let dpSalt: Buffer | undefined;
  let dpIterations: number | undefined;
  const classes = new Map<number, KeybagClass>();
  let record: PartialClass | undefined;
  let recordCount = 0;
  const seenInHeader = new Set<string>();

  for (const item of items(bytes)) {
    if (item.tag === 'UUID') {
      if (uuid === null && record === undefined) {
        uuid = Buffer.from(item.value);
        continue;
      }
      if (record) finishClass(record, recordCount, classes);
      record = {};
      recordCount += 1;
      continue;
    }
    if (record) {
      switch (item.tag) {
        case 'CLAS':
          if (record.protectionClass !== undefined) throw new KeybagError(`its class record ${recordCount} has two CLAS items`);
          record.protectionClass = uint32(item);
          break;
        case 'WRAP':
          record.wrap = uint32(item);
          break;
        case 'KTYP':
          record.keyType = uint32(item);
          break;
        case 'WPKY':
          record.wrappedKey = Buffer.from(item.value);
          break;
        default:
          // PBKY and tags of later iOS versions are not needed to decrypt.
          break;
      }
      continue;
    }
    // Header items: a repeated one would make the derivation ambiguous.
    if (['SALT', 'ITER', 'DPSL', 'DPIC'].includes(item.tag)) {
      if (seenInHeader.has(item.tag)) throw new KeybagError(`its header holds two ${item.tag} items`);
      seenInHeader.add(item.tag);
    }
    switch (item.tag) {
      case 'VERS':
        version = uint32(item);
        break;
      case 'TYPE':
        type = uint32(item);
        break;
      case 'SALT':
        salt = Buffer.from(item.value);
        break;
      case 'ITER':
        iterationCount = iterations(item, MAX_ITERATIONS);
        break;
      case 'DPSL':
        dpSalt = Buffer.from(item.value);
        break;
      case 'DPIC':
        dpIterations = iterations(item, MAX_DOUBLE_PROTECTION_ITERATIONS);
        break;
      default:
        // WRAP, HMCK, DPWT and unknown header tags do not take part in decryption.
        break;
    }
  }
  if (record) finishClass(record, recordCount, classes);

  if (salt === undefined || salt.length === 0) throw new KeybagError('it has no SALT');
  if (iterationCount === undefined) throw new KeybagError('it has no ITER');
  if ((dpSalt === undefined) !== (dpIterations === undefined)) {
    throw new KeybagError(`it has ${dpSalt === undefined ? 'DPIC without DPSL' : 'DPSL without DPIC'}`);
  }
  if (dpSalt !== undefined && dpSalt.length === 0) throw new KeybagError('its DPSL is empty');
  if (type !== null && type !== KEYBAG_TYPE_BACKUP) {
    throw new KeybagError(`it is of type ${type}, not a backup keybag (type ${KEYBAG_TYPE_BACKUP})`);
  }
  if (classes.size === 0) throw new KeybagError('it holds no class keys');
  return {
    version,
    type,
    uuid,
    salt,
    iterations: iterationCount,
    doubleProtection:
      dpSalt !== undefined && dpIterations !== undefined ? { salt: dpSalt, iterations: dpIterations } : null,
    classes,
  };
}
