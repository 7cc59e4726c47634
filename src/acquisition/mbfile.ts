/**
 * The `file` column of an iOS backup's Manifest.db: an NSKeyedArchiver binary plist of class
 * MBFile holding the file's path, times, size, mode, owner and, in encrypted backups, its
 * wrapped key. Decoded from `$top.root`, not from `$objects[1]` as some tools assume.
 */
import { ExhibitError } from '../errors.js';
import { decodeKeyedArchive } from '../formats/nskeyedarchiver.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../formats/plist.js';
import { decodePlist } from '../formats/plist-decode.js';
import { isoFromDate, isoFromUnixSeconds } from '../formats/time.js';

export interface MbFile {
  relativePath: string | null;
  /** File times as ISO UTC; null when absent or implausible. */
  birth: string | null;
  lastModified: string | null;
  lastStatusChange: string | null;
  /** Plaintext length in bytes; 0 for directories. */
  size: number;
  /** Full st_mode, e.g. 0o100644. */
  mode: number;
  userId: number | null;
  groupId: number | null;
  inode: number | null;
  flags: number | null;
  protectionClass: number | null;
  /** Encrypted backups: 4-byte little-endian protection class + 40-byte wrapped file key. */
  encryptionKey: Buffer | null;
  /** Symlinks: the absolute device path the link points to. */
  target: string | null;
  digest: Buffer | null;
  /** Itself a binary plist of extended attribute names to bytes. */
  extendedAttributes: Buffer | null;
}

function invalid(detail: string): ExhibitError {
  return new ExhibitError('PLIST_INVALID', `The Manifest.db file record is malformed: ${detail}.`);
}

/** Decodes one MBFile blob; throws ExhibitError('PLIST_INVALID') when it is not one. */
export function decodeMbFile(blob: Buffer): MbFile {
  const root = decodeKeyedArchive(decodePlist(blob));
  if (!isPlistDict(root)) throw invalid('its root is not an object');
  const className = root['$class'];
  if (className !== 'MBFile') throw invalid(`its root is of class ${String(className)}, not MBFile`);
  return {
    relativePath: text(root, 'RelativePath'),
    birth: time(root, 'Birth'),
    lastModified: time(root, 'LastModified'),
    lastStatusChange: time(root, 'LastStatusChange'),
    size: nonNegative(root, 'Size'),
    mode: nonNegative(root, 'Mode'),
    userId: integer(root, 'UserID'),
    groupId: integer(root, 'GroupID'),
    inode: integer(root, 'InodeNumber'),
    flags: integer(root, 'Flags'),
    protectionClass: integer(root, 'ProtectionClass'),
    encryptionKey: bytes(root, 'EncryptionKey'),
    target: text(root, 'Target'),
    digest: bytes(root, 'Digest'),
    extendedAttributes: bytes(root, 'ExtendedAttributes'),
  };
}

function absent(value: PlistValue | undefined): value is null | undefined {
  return value === undefined || value === null;
}

function text(root: PlistDict, key: string): string | null {
  const value = root[key];
  if (absent(value)) return null;
  if (typeof value !== 'string') throw invalid(`${key} is not a string`);
  return value;
}

function bytes(root: PlistDict, key: string): Buffer | null {
  const value = root[key];
  if (absent(value)) return null;
  if (!Buffer.isBuffer(value)) throw invalid(`${key} is not data`);
  return value;
}

/** Integers arrive as number, or as bigint beyond 2^53; either must convert without loss. */
function integer(root: PlistDict, key: string): number | null {
  const value = root[key];
  if (absent(value)) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(value);
  }
  throw invalid(`${key} is not an integer in range`);
}

/** Size and Mode are on every real row; a missing one reads as 0 rather than failing the row. */
function nonNegative(root: PlistDict, key: string): number {
  const value = integer(root, key) ?? 0;
  if (value < 0) throw invalid(`${key} is negative`);
  return value;
}

/** Modern backups store integer Unix seconds; old iOS stored an NSDate. */
function time(root: PlistDict, key: string): string | null {
  const value = root[key];
  if (absent(value)) return null;
  if (value instanceof Date) return isoFromDate(value);
  if (typeof value === 'number' || typeof value === 'bigint') return isoFromUnixSeconds(value);
  throw invalid(`${key} is not a time`);
}
