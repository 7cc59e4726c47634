/**
 * An iTunes/Finder or libimobiledevice backup as a Source. Files are reached through
 * Manifest.db (domain + relativePath → `xx/<fileID>`), never by guessing a path. The tree
 * it presents is `<domain>/<relativePath>`, with the backup's own Info.plist,
 * Manifest.plist, Status.plist and Manifest.db at its root.
 *
 * An encrypted backup reads the same way: given its unlocked class keys, Manifest.db is
 * decrypted into the private working folder when the backup is opened, and every file is
 * decrypted while it is read or copied there, so extractors never see the difference. The
 * digests keep the SHA-256 of the bytes as stored (what anyone can re-hash in the backup)
 * and add that of the decrypted content.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileDigest, OpenedSqlite, Source, SourceEntry } from './source.js';
import type { SqliteDatabase, SqlRow } from '../formats/sqlite.js';
import type { PlistValue } from '../formats/plist.js';
import { decodePlist } from '../formats/plist-decode.js';
import { decodeMbFile } from './mbfile.js';
import { copyAndHash, readAndHash, hashFileStream, DEFAULT_MAX_READ_BYTES } from './file-digest.js';
import {
  ContentDecryptionError,
  decryptContent,
  decryptFileAndHash,
  unwrapClassWrappedKey,
  type ClassKeys,
} from './ios-backup-crypto.js';
import { openSqliteCopy } from './sqlite-node.js';
import { globToRegExp } from './glob.js';
import { WorkingDir } from './working-dir.js';
import { AcquisitionError, ArtifactError } from '../errors.js';
import { sqlBytes, sqlNumber, sqlText } from '../formats/sql-values.js';
import { isoFromUnixSeconds } from '../formats/time.js';

export const BACKUP_ROOT_FILES = ['Info.plist', 'Manifest.plist', 'Status.plist', 'Manifest.db'] as const;

const FILE_ID = /^[0-9a-f]{40}$/;
const FLAG_FILE = 1;
const FLAG_DIRECTORY = 2;
const PAGE = 2000;
/** AES-CBC padding adds at most one block to the stored size. */
const AES_BLOCK = 16;
/**
 * Decoded rows kept for later entries(), stat() and hashFile() calls: decoding an MBFile
 * blob costs far more than hashing a small file. Past this many the oldest are dropped,
 * which bounds memory on huge backups while still serving a hash that follows its listing.
 */
const MAX_CACHED_ROWS = 100_000;

/** What an encrypted backup needs to be read: its unlocked class keys and Manifest.db key. */
export interface BackupDecryption {
  classKeys: ClassKeys;
  /** Null for iOS 10.0–10.1 backups, whose Manifest.db is not encrypted (their files are). */
  manifestKey: Buffer | null;
}

/** Where the bytes of a file are and, when encrypted, how to decrypt them. */
interface Located {
  physical: string;
  stored: string;
  key?: Buffer;
  /** Plaintext length Manifest.db records, checked after decryption. */
  expectedSize?: number;
}

function cannotDecrypt(path: string, clause: string, cause?: unknown): ArtifactError {
  return new ArtifactError('BACKUP_DECRYPTION_FAILED', `${path} cannot be decrypted: ${clause}`, cause);
}

function globEscape(literal: string): string {
  return literal.replace(/[[?]/g, (c) => `[${c}]`);
}

/** A SQL GLOB that accepts a superset of what the pattern matches, to narrow the scan. */
function sqlGlob(pattern: string): string {
  // `**/` may match no folder at all, so it must not leave a '/' the GLOB then requires.
  return pattern
    .replace(/\*\*\//g, '*')
    .split('*')
    .map(globEscape)
    .join('*')
    .replace(/\*+/g, '*');
}

/**
 * Paging through Manifest.db in (domain, relativePath) order and looking paths up needs
 * this index; real Manifest.db files only index each column alone, which makes every page
 * a sort of the whole table. Only for a plain backup: the decrypted copy of an encrypted
 * one is also what `Manifest.db` reads and `exhibit decrypt` writes, so it stays as decrypted.
 */
const MANIFEST_INDEXES = {
  indexes: ['CREATE INDEX IF NOT EXISTS exhibit_files_path ON Files(domain, relativePath)'],
} as const;

export class IosBackupSource implements Source {
  readonly kind = 'ios-backup' as const;
  private readonly digestByStored = new Map<string, FileDigest>();
  private readonly entryByPath = new Map<string, SourceEntry>();
  /** Only when no two rows share a path does a path name one row, so that a cached entry is exact. */
  private pathsUnique: boolean | undefined;
  private readonly blobNamesByShard = new Map<string, Set<string>>();

  private constructor(
    readonly root: string,
    private readonly workDir: WorkingDir,
    private readonly manifest: SqliteDatabase,
    private readonly decryption: BackupDecryption | undefined,
    private readonly manifestPlainSize: number | undefined,
  ) {}

  /**
   * Opens a backup folder already recognised by detect.ts; an encrypted one needs its
   * unlocked keys (ios-backup-unlock.ts), and its Manifest.db is decrypted here.
   */
  static async open(root: string, workDir: WorkingDir, decryption?: BackupDecryption): Promise<IosBackupSource> {
    const sub = workDir.newSubdir();
    const copy = join(sub, 'Manifest.db');
    const physical = join(root, 'Manifest.db');
    if (!decryption?.manifestKey) {
      const { size, sha256 } = await copyAndHash(physical, copy);
      const source = new IosBackupSource(root, workDir, openSqliteCopy(copy, MANIFEST_INDEXES), decryption, undefined);
      source.remember({ path: 'Manifest.db', stored: 'Manifest.db', size, sha256 });
      return source;
    }
    let manifest: SqliteDatabase;
    let hashed: Awaited<ReturnType<typeof decryptFileAndHash>>;
    try {
      hashed = await decryptFileAndHash(decryption.manifestKey, physical, copy);
      manifest = openSqliteCopy(copy);
    } catch (error) {
      if (!(error instanceof ContentDecryptionError) && !(error instanceof ArtifactError)) throw error;
      throw new AcquisitionError(
        'BACKUP_DECRYPTION_FAILED',
        "Manifest.db does not decrypt to a database with the backup's ManifestKey; the backup is damaged or incomplete, so make it again.",
        error,
      );
    }
    const source = new IosBackupSource(root, workDir, manifest, decryption, hashed.plaintext.size);
    source.remember({
      path: 'Manifest.db',
      stored: 'Manifest.db',
      size: hashed.stored.size,
      sha256: hashed.stored.sha256,
      plaintext: hashed.plaintext,
    });
    return source;
  }

  private remember(digest: FileDigest): void {
    this.digestByStored.set(digest.stored, digest);
  }

  digests(): FileDigest[] {
    return [...this.digestByStored.values()].sort((a, b) => (a.stored < b.stored ? -1 : a.stored > b.stored ? 1 : 0));
  }

  private rootEntry(name: string): SourceEntry | undefined {
    const physical = join(this.root, name);
    if (!existsSync(physical)) return undefined;
    const stats = statSync(physical);
    if (!stats.isFile()) return undefined;
    return {
      path: name,
      type: 'file',
      size: name === 'Manifest.db' && this.manifestPlainSize !== undefined ? this.manifestPlainSize : stats.size,
      mode: stats.mode,
      times: { modified: isoFromUnixSeconds(stats.mtimeMs / 1000) ?? undefined },
    };
  }

  private cacheUsable(): boolean {
    if (this.pathsUnique === undefined) {
      let duplicated = false;
      try {
        for (const _ of this.manifest.iterate(
          'SELECT 1 FROM Files GROUP BY domain, relativePath HAVING count(*) > 1 LIMIT 1',
        )) {
          duplicated = true;
        }
      } catch {
        duplicated = true;
      }
      this.pathsUnique = !duplicated;
    }
    return this.pathsUnique;
  }

  private cached(path: string): SourceEntry | undefined {
    if (!this.cacheUsable()) return undefined;
    const entry = this.entryByPath.get(path);
    return entry ? copyEntry(entry) : undefined;
  }

  private rowToEntry(row: SqlRow): SourceEntry {
    const domain = sqlText(row['domain']) ?? '';
    const relativePath = sqlText(row['relativePath']) ?? '';
    const path = relativePath === '' ? domain : `${domain}/${relativePath}`;
    const hit = this.cached(path);
    if (hit) return hit;
    const entry = this.decodeRow(row, path, domain, relativePath);
    if (this.cacheUsable()) {
      if (this.entryByPath.size >= MAX_CACHED_ROWS) {
        const oldest = this.entryByPath.keys().next();
        if (!oldest.done) this.entryByPath.delete(oldest.value);
      }
      this.entryByPath.set(path, entry);
      return copyEntry(entry);
    }
    return entry;
  }

  private decodeRow(row: SqlRow, path: string, domain: string, relativePath: string): SourceEntry {
    const fileID = sqlText(row['fileID']) ?? '';
    const flags = sqlNumber(row['flags']) ?? 0;
    const type = flags === FLAG_FILE ? 'file' : flags === FLAG_DIRECTORY ? 'directory' : 'symlink';
    const blob = sqlBytes(row['file']);
    const entry: SourceEntry = {
      path,
      type,
      size: 0,
      times: {},
      backup: { fileID, domain, relativePath, flags, present: false },
    };
    if (blob) {
      try {
        const mb = decodeMbFile(blob);
        entry.size = mb.size;
        entry.mode = mb.mode;
        if (mb.userId !== null) entry.uid = mb.userId;
        if (mb.groupId !== null) entry.gid = mb.groupId;
        if (mb.birth) entry.times.birth = mb.birth;
        if (mb.lastModified) entry.times.modified = mb.lastModified;
        if (mb.lastStatusChange) entry.times.statusChanged = mb.lastStatusChange;
        if (entry.backup && mb.protectionClass !== null) entry.backup.protectionClass = mb.protectionClass;
        if (entry.backup && mb.target) entry.backup.target = mb.target;
      } catch {
        // A row whose metadata blob is damaged still names a file; its content may be fine.
      }
    }
    if (entry.backup && type === 'file' && FILE_ID.test(fileID)) {
      entry.backup.present = this.blobPresent(fileID);
    }
    return entry;
  }

  /** One listing per shard folder instead of a stat per file; the backup folder is evidence and does not change. */
  private blobPresent(fileID: string): boolean {
    const shard = fileID.slice(0, 2);
    let names = this.blobNamesByShard.get(shard);
    if (!names) {
      names = new Set();
      try {
        for (const dirent of readdirSync(join(this.root, shard), { withFileTypes: true })) {
          // A link counts only if its target exists, which the check below settles.
          if (!dirent.isSymbolicLink()) names.add(dirent.name);
        }
      } catch {
        // An absent or unreadable shard folder lists nothing; each file is then checked alone.
      }
      this.blobNamesByShard.set(shard, names);
    }
    // A name missing from the listing may still exist: a link, or a case-insensitive file system.
    return names.has(fileID) || existsSync(this.blobPath(fileID));
  }

  private blobPath(fileID: string): string {
    return join(this.root, fileID.slice(0, 2), fileID);
  }

  private static storedPath(fileID: string): string {
    return `${fileID.slice(0, 2)}/${fileID}`;
  }

  *entries(): Iterable<SourceEntry> {
    for (const name of BACKUP_ROOT_FILES) {
      const entry = this.rootEntry(name);
      if (entry) yield entry;
    }
    // Keyset pages keep memory flat and leave the connection free between pages.
    let lastDomain = '';
    let lastPath = '';
    let first = true;
    for (;;) {
      const rows = [
        ...this.manifest.iterate(
          first
            ? 'SELECT fileID, domain, relativePath, flags, file FROM Files ORDER BY domain, relativePath LIMIT ?'
            : 'SELECT fileID, domain, relativePath, flags, file FROM Files WHERE (domain, relativePath) > (?, ?) ORDER BY domain, relativePath LIMIT ?',
          first ? [BigInt(PAGE)] : [lastDomain, lastPath, BigInt(PAGE)],
        ),
      ];
      first = false;
      for (const row of rows) yield this.rowToEntry(row);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      lastDomain = sqlText(last?.['domain']) ?? '';
      lastPath = sqlText(last?.['relativePath']) ?? '';
    }
  }

  find(pattern: string): SourceEntry[] {
    const regex = globToRegExp(pattern);
    const slash = pattern.indexOf('/');
    const results: SourceEntry[] = [];
    if (slash < 0) {
      for (const name of BACKUP_ROOT_FILES) {
        if (!regex.test(name)) continue;
        const entry = this.rootEntry(name);
        if (entry) results.push(entry);
      }
      for (const row of this.manifest.iterate(
        "SELECT fileID, domain, relativePath, flags, file FROM Files WHERE relativePath = '' AND domain GLOB ?",
        [sqlGlob(pattern)],
      )) {
        const entry = this.rowToEntry(row);
        if (regex.test(entry.path)) results.push(entry);
      }
    } else {
      const domainPattern = pattern.slice(0, slash);
      const relativePattern = pattern.slice(slash + 1);
      const rows = [
        ...this.manifest.iterate(
          'SELECT fileID, domain, relativePath, flags, file FROM Files WHERE domain GLOB ? AND relativePath GLOB ?',
          [sqlGlob(domainPattern === '**' ? '*' : domainPattern), sqlGlob(relativePattern)],
        ),
      ];
      for (const row of rows) {
        const entry = this.rowToEntry(row);
        if (regex.test(entry.path)) results.push(entry);
      }
    }
    return results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private row(path: string): SqlRow | undefined {
    const slash = path.indexOf('/');
    const domain = slash < 0 ? path : path.slice(0, slash);
    const relativePath = slash < 0 ? '' : path.slice(slash + 1);
    for (const row of this.manifest.iterate(
      'SELECT fileID, domain, relativePath, flags, file FROM Files WHERE domain = ? AND relativePath = ? LIMIT 1',
      [domain, relativePath],
    )) {
      return row;
    }
    return undefined;
  }

  stat(path: string): SourceEntry | undefined {
    if ((BACKUP_ROOT_FILES as readonly string[]).includes(path)) return this.rootEntry(path);
    const hit = this.cached(path);
    if (hit) return hit;
    const row = this.row(path);
    return row ? this.rowToEntry(row) : undefined;
  }

  hasContent(path: string): boolean {
    const entry = this.stat(path);
    if (!entry || entry.type !== 'file') return false;
    return entry.backup ? entry.backup.present : true;
  }

  /** Where the bytes of a file entry are, or an ArtifactError saying why there are none. */
  private locate(path: string, options: { decrypt: boolean } = { decrypt: true }): Located {
    if ((BACKUP_ROOT_FILES as readonly string[]).includes(path)) {
      if (!this.rootEntry(path)) throw new ArtifactError('ARTIFACT_MISSING', `${path} is not in the backup folder`);
      const located: Located = { physical: join(this.root, path), stored: path };
      // The plists at the root are never encrypted; Manifest.db is from iOS 10.2 on.
      if (path === 'Manifest.db' && this.decryption?.manifestKey) located.key = this.decryption.manifestKey;
      return located;
    }
    const entry = this.stat(path);
    if (!entry?.backup) throw new ArtifactError('ARTIFACT_MISSING', `${path} is not listed in Manifest.db`);
    const { fileID } = entry.backup;
    if (!FILE_ID.test(fileID)) {
      throw new ArtifactError('UNSAFE_PATH', `Manifest.db gives ${path} an invalid file ID, so it was not read`);
    }
    if (entry.type !== 'file' || !entry.backup.present) {
      throw new ArtifactError('ARTIFACT_MISSING', `${path} is listed in Manifest.db but its file is absent from the backup`);
    }
    const located: Located = { physical: this.blobPath(fileID), stored: IosBackupSource.storedPath(fileID) };
    if (this.decryption && options.decrypt) {
      // The wrapped key is not cached: only files actually read need it.
      const row = this.row(path);
      if (!row) throw new ArtifactError('ARTIFACT_MISSING', `${path} is not listed in Manifest.db`);
      const { key, size } = this.fileKey(path, row);
      located.key = key;
      located.expectedSize = size;
    }
    return located;
  }

  /** The file's own key, unwrapped from the EncryptionKey of its MBFile record. */
  private fileKey(path: string, row: SqlRow): { key: Buffer; size: number } {
    const blob = sqlBytes(row['file']);
    let encryptionKey: Buffer | null = null;
    let size = 0;
    try {
      const mb = blob ? decodeMbFile(blob) : null;
      encryptionKey = mb?.encryptionKey ?? null;
      size = mb?.size ?? 0;
    } catch (error) {
      throw cannotDecrypt(path, 'its record in Manifest.db is malformed', error);
    }
    if (!encryptionKey || !this.decryption) throw cannotDecrypt(path, 'its record in Manifest.db has no EncryptionKey');
    const unwrapped = unwrapClassWrappedKey(encryptionKey, this.decryption.classKeys);
    if ('problem' in unwrapped) throw cannotDecrypt(path, `its EncryptionKey ${unwrapped.problem}`);
    return { key: unwrapped.key, size };
  }

  private static checkSize(path: string, located: Located, actual: number): void {
    if (located.expectedSize !== undefined && actual !== located.expectedSize) {
      throw cannotDecrypt(path, `it decrypts to ${actual} bytes but Manifest.db records ${located.expectedSize}`);
    }
  }

  async readFile(path: string, options: { maxBytes?: number } = {}): Promise<{ bytes: Buffer; digest: FileDigest }> {
    const located = this.locate(path);
    const { physical, stored, key } = located;
    if (!key) {
      const { bytes, sha256 } = await readAndHash(physical, options.maxBytes);
      const digest = { path, stored, size: bytes.length, sha256 };
      this.remember(digest);
      return { bytes, digest };
    }
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    const read = await readAndHash(physical, maxBytes + AES_BLOCK);
    let bytes: Buffer;
    try {
      bytes = decryptContent(key, read.bytes);
    } catch (error) {
      if (error instanceof ContentDecryptionError) throw cannotDecrypt(path, error.message, error);
      throw error;
    }
    if (bytes.length > maxBytes) {
      throw new ArtifactError('FILE_TOO_LARGE', `the file is ${bytes.length} bytes, more than the ${maxBytes} bytes this artifact reads`);
    }
    IosBackupSource.checkSize(path, located, bytes.length);
    const digest: FileDigest = {
      path,
      stored,
      size: read.bytes.length,
      sha256: read.sha256,
      plaintext: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    };
    this.remember(digest);
    return { bytes, digest };
  }

  /**
   * Writes the readable content of a file (decrypted when the backup is encrypted) to
   * `destination`, hashing it on the way: the private working folder for openSqlite, the
   * user's chosen folder for `exhibit decrypt`. A failed decryption leaves no partial file.
   */
  async copyContent(path: string, destination: string): Promise<FileDigest> {
    const located = this.locate(path);
    if (!located.key) {
      const copied = await copyAndHash(located.physical, destination);
      return { path, stored: located.stored, ...copied };
    }
    let hashed: Awaited<ReturnType<typeof decryptFileAndHash>>;
    try {
      hashed = await decryptFileAndHash(located.key, located.physical, destination);
    } catch (error) {
      if (error instanceof ContentDecryptionError) throw cannotDecrypt(path, error.message, error);
      throw error;
    }
    try {
      IosBackupSource.checkSize(path, located, hashed.plaintext.size);
    } catch (error) {
      rmSync(destination, { force: true });
      throw error;
    }
    return {
      path,
      stored: located.stored,
      size: hashed.stored.size,
      sha256: hashed.stored.sha256,
      plaintext: hashed.plaintext,
    };
  }

  async readPlist(path: string): Promise<{ value: PlistValue; digest: FileDigest }> {
    const { bytes, digest } = await this.readFile(path);
    return { value: decodePlist(bytes), digest };
  }

  async openSqlite(path: string): Promise<OpenedSqlite> {
    const sub = this.workDir.newSubdir();
    const digests: FileDigest[] = [];
    digests.push(await this.copyContent(path, join(sub, 'db')));
    for (const suffix of ['-wal', '-shm']) {
      const sidecar = `${path}${suffix}`;
      if (!this.hasContent(sidecar)) continue;
      digests.push(await this.copyContent(sidecar, join(sub, `db${suffix}`)));
    }
    for (const digest of digests) this.remember(digest);
    return { db: openSqliteCopy(join(sub, 'db')), digests };
  }

  async hashFile(path: string): Promise<FileDigest> {
    // The bytes as stored: hashing them needs no key, so a file whose key is damaged is still sealed.
    const { physical, stored } = this.locate(path, { decrypt: false });
    return { path, stored, ...(await hashFileStream(physical)) };
  }

  close(): void {
    this.manifest.close();
  }
}

/** A cached entry handed out as a copy, so that a caller changing it cannot change the cache. */
function copyEntry(entry: SourceEntry): SourceEntry {
  const copy: SourceEntry = { ...entry, times: { ...entry.times } };
  if (entry.backup) copy.backup = { ...entry.backup };
  return copy;
}

/** True when the first bytes are SQLite's header; an encrypted Manifest.db is random bytes. */
export function looksLikeSqlite(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\u0000';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
