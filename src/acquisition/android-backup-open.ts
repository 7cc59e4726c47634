/**
 * Opening an Android backup (`adb backup`, a `.ab` file) — on its own, or inside an
 * androidqf collection. The payload is decrypted (when a password was set) and inflated
 * (when compressed) as one stream into a plain tar in the private working folder, then
 * indexed as a tar Source that keeps only the members the extractors read. A payload that
 * stops early (a truncated copy) still yields the members before the cut, and says so.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AcquisitionError, describeError } from '../errors.js';
import type { AcquisitionInfo, AcquisitionOpener, OpenOptions, OpenedAcquisition } from './acquisition.js';
import type { FileDigest, SourceProblem } from './source.js';
import { openTarSource, type TarSource } from './tar-source.js';
import { MountedSource } from './mounted-source.js';
import { DEFAULT_ARCHIVE_LIMITS, RATIO_FLOOR_BYTES, formatBytes } from './archive-limits.js';
import {
  AB_HEADER_MAX_BYTES,
  AbFormatError,
  AbPasswordError,
  abPayloadTransforms,
  isAndroidBackup,
  parseAbHeader,
  unlockAbBackup,
  type AbHeader,
  type AbKeys,
} from '../artifacts/android/parsers/ab-backup.js';

/**
 * The members the Android extractors read from a backup's tar (the telephony provider's
 * SMS/MMS files and every app's manifest); the rest is indexed and hashed, not kept.
 */
export const ANDROID_BACKUP_WANTED = ['apps/com.android.providers.telephony/**', 'apps/*/_manifest'] as const;

export const AB_NO_PASSWORD_MESSAGE =
  'This Android backup is encrypted; give its password with --password-file FILE, --password (asked for without echo) or the EXHIBIT_BACKUP_PASSWORD environment variable.';
export const AB_WRONG_PASSWORD_MESSAGE =
  'The password does not unlock this backup; check that it is the password typed on the phone when the backup was made, and try again.';
const AB_KEY_NOT_USABLE_MESSAGE =
  'An Android backup cannot be unlocked with --key-file; give its password with --password-file FILE, --password or EXHIBIT_BACKUP_PASSWORD instead.';

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(AB_HEADER_MAX_BYTES);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Whether a file starts with the Android backup magic line. */
export function looksLikeAndroidBackup(path: string): boolean {
  try {
    return isAndroidBackup(readHead(path).subarray(0, 16));
  } catch {
    return false;
  }
}

/** Hashes the bytes as stored while they stream by. */
class HashTap extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    callback(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Stops a payload that expands past the limits (a decompression bomb), and counts what came out. */
class PlainLimit extends Transform {
  size = 0;
  constructor(
    private readonly limit: number,
    private readonly name: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      callback(new PayloadBomb(`${this.name} expands to more than ${formatBytes(this.limit)} (a decompression bomb or a damaged backup), so reading stopped there`));
      return;
    }
    callback(null, chunk);
  }
}

class PayloadBomb extends Error {}

export interface OpenedAndroidBackup {
  source: TarSource;
  header: AbHeader;
  /** Digest of the .ab as stored. */
  digest: FileDigest;
  /** Why the payload stopped early, when it did. */
  problem?: SourceProblem;
}

export interface AndroidBackupTarget {
  /** The .ab on disk (the acquisition itself, or a private copy of a member). */
  physical: string;
  /** Tree path of the .ab (its file name when it is the acquisition). */
  path: string;
  /** Where its bytes are stored in the acquisition (for digests). */
  stored: string;
}

/** The keys for an encrypted backup, or the one-sentence error a user can act on. */
function keysFor(header: AbHeader, options: OpenOptions): AbKeys | null {
  if (!header.encryption) {
    if (options.secrets?.password !== undefined || options.secrets?.key !== undefined) {
      options.progress?.('This Android backup is not encrypted, so the password given is not used.');
    }
    return null;
  }
  const password = options.secrets?.password;
  if (password === undefined) {
    throw new AcquisitionError('ENCRYPTED_BACKUP', options.secrets?.key !== undefined ? AB_KEY_NOT_USABLE_MESSAGE : AB_NO_PASSWORD_MESSAGE);
  }
  options.progress?.(`deriving the Android backup key (${header.encryption.rounds} PBKDF2 rounds)`);
  try {
    return unlockAbBackup(header, password);
  } catch (error) {
    if (error instanceof AbPasswordError) throw new AcquisitionError('BACKUP_PASSWORD_WRONG', AB_WRONG_PASSWORD_MESSAGE, error);
    throw error;
  }
}

/**
 * Decrypts and inflates the payload into a tar in the working folder and indexes it.
 * Throws AcquisitionError for what stops the backup from being read at all (not a backup,
 * no or wrong password, nothing readable); a payload cut short is a `problem`.
 */
export async function openAndroidBackupFile(target: AndroidBackupTarget, options: OpenOptions): Promise<OpenedAndroidBackup> {
  const name = target.path;
  let header: AbHeader;
  try {
    header = parseAbHeader(readHead(target.physical));
  } catch (error) {
    if (error instanceof AbFormatError) {
      throw new AcquisitionError('NOT_AN_ACQUISITION', `${name} is not a readable Android backup: ${error.message}; check that the copy is complete.`, error);
    }
    throw new AcquisitionError('ARCHIVE_UNREADABLE', `${name} cannot be read (${describeError(error)}); check the path and its permissions.`, error);
  }
  const keys = keysFor(header, options);
  const size = statSync(target.physical).size;
  // Named after the backup, so what the tar index reports about it names the backup.
  const tarPath = join(options.workDir.newSubdir(), basename(name));
  const tap = new HashTap();
  const ratioLimit = Math.max(RATIO_FLOOR_BYTES, size * DEFAULT_ARCHIVE_LIMITS.maxRatio);
  const limit = new PlainLimit(Math.min(DEFAULT_ARCHIVE_LIMITS.maxSpoolBytes, header.compressed ? ratioLimit : Number.POSITIVE_INFINITY), name);
  let stopped: SourceProblem | undefined;
  try {
    // One read of the file: hashed whole (the digest is of the .ab as stored), header skipped, payload decoded.
    await pipeline([
      createReadStream(target.physical),
      tap,
      new SkipBytes(header.payloadOffset),
      ...abPayloadTransforms(header, keys),
      limit,
      createWriteStream(tarPath, { mode: 0o600 }),
    ]);
  } catch (error) {
    stopped =
      error instanceof PayloadBomb
        ? { path: name, code: 'bomb', message: error.message }
        : {
            path: name,
            code: 'truncated',
            message: `${name} is truncated or damaged (${describeError(error)}); the ${formatBytes(limit.size)} of content before that point were read`,
          };
  }
  const sha256 = tap.size === size ? tap.digest() : await hashFile(target.physical);
  const digest: FileDigest = { path: target.path, stored: target.stored, size, sha256 };
  let source: TarSource;
  try {
    source = await openTarSource(tarPath, 'android-backup', options.workDir, { wanted: ANDROID_BACKUP_WANTED, storedPrefix: `${target.stored}!/`, name });
  } catch (error) {
    const why = stopped ? stopped.message : describeError(error);
    throw new AcquisitionError('ARCHIVE_UNREADABLE', `No file could be read from ${name}: ${why}.`, error);
  }
  return stopped ? { source, header, digest, problem: stopped } : { source, header, digest };
}

async function hashFile(path: string): Promise<string> {
  const tap = new HashTap();
  await pipeline(createReadStream(path), tap, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) void chunk;
  });
  return tap.digest();
}

/** Drops the first bytes of a stream (the backup's text header). */
class SkipBytes extends Transform {
  constructor(private remaining: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.remaining >= chunk.length) {
      this.remaining -= chunk.length;
      callback();
      return;
    }
    const rest = chunk.subarray(this.remaining);
    this.remaining = 0;
    callback(null, rest);
  }
}

async function openStandalone(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const name = basename(input);
  const opened = await openAndroidBackupFile({ physical: input, path: name, stored: name }, options);
  const source = new MountedSource(opened.source, '');
  source.addDigest(opened.digest);
  if (opened.problem) source.addProblem(opened.problem);
  const info: AcquisitionInfo = {
    kind: 'android-backup',
    name,
    device: {},
    backup: { encrypted: opened.header.encryption !== null },
  };
  return { root: input, source, info };
}

export const androidBackupOpener: AcquisitionOpener = {
  label: 'an Android backup (.ab)',
  recognise: (input: string, stats: Stats) => stats.isFile() && looksLikeAndroidBackup(input),
  open: openStandalone,
};
