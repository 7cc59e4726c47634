/**
 * The Source: a read-only tree of files that every extractor reads through. It hides what
 * the acquisition physically is (a backup folder keyed by Manifest.db, later a dump folder,
 * a zip, a tar or an encrypted backup), records the SHA-256 of every file it reads, and
 * never writes beside the evidence: SQLite databases are copied to a private working folder
 * before they are opened.
 */
import type { SqliteDatabase } from '../formats/sqlite.js';
import type { PlistValue } from '../formats/plist.js';

export type AcquisitionKind =
  | 'ios-backup'
  | 'ios-fs'
  | 'ios-sysdiagnose'
  | 'android-androidqf'
  | 'android-bugreport'
  | 'android-backup';

export type EntryType = 'file' | 'directory' | 'symlink';

/** File times as UTC ISO strings, when the acquisition records them. */
export interface EntryTimes {
  birth?: string;
  modified?: string;
  statusChanged?: string;
  accessed?: string;
}

/** What an iOS backup's Manifest.db says about one row. */
export interface BackupEntryInfo {
  fileID: string;
  domain: string;
  relativePath: string;
  flags: number;
  protectionClass?: number;
  /** Symlink target recorded in the MBFile blob (an absolute device path). */
  target?: string;
  /** Whether the row's content blob exists in the backup folder. */
  present: boolean;
}

export interface SourceEntry {
  /** Path inside the Source's tree, '/'-separated, no leading '/'. */
  path: string;
  type: EntryType;
  size: number;
  /** Full st_mode when known (e.g. 0o100644). */
  mode?: number;
  uid?: number;
  gid?: number;
  times: EntryTimes;
  backup?: BackupEntryInfo;
  /** A symlink's target as recorded (never followed outside the tree). */
  target?: string;
}

/** The SHA-256 of one physical input file, as read. */
export interface FileDigest {
  /** Path inside the Source's tree. */
  path: string;
  /** Path of the bytes inside the acquisition as stored (e.g. a backup's `3d/3d0d…`). */
  stored: string;
  size: number;
  sha256: string;
  /** Encrypted acquisitions: the decrypted content (size and sha256 above are of the bytes as stored). */
  plaintext?: { size: number; sha256: string };
}

export interface OpenedSqlite {
  db: SqliteDatabase;
  /** Digests of the database and the -wal/-shm files that came with it. */
  digests: FileDigest[];
}

export interface Source {
  readonly kind: AcquisitionKind;
  /**
   * Entries whose path matches a glob: `*` matches within one path segment, `**` matches
   * any number of whole segments. Order is stable (sorted by path).
   */
  find(pattern: string): SourceEntry[];
  /** Every entry, sorted by path. */
  entries(): Iterable<SourceEntry>;
  stat(path: string): SourceEntry | undefined;
  /** Whether the bytes of a file entry are available (a backup row may lack its blob). */
  hasContent(path: string): boolean;
  /** Reads a whole file; refuses files larger than maxBytes (default 256 MiB). */
  readFile(path: string, options?: { maxBytes?: number }): Promise<{ bytes: Buffer; digest: FileDigest }>;
  /** Decodes a binary or XML property list. */
  readPlist(path: string): Promise<{ value: PlistValue; digest: FileDigest }>;
  /** Copies the database (and -wal/-shm) to the private working folder and opens it read-only. */
  openSqlite(path: string): Promise<OpenedSqlite>;
  /** Every physical file read so far, sorted by stored path. */
  digests(): FileDigest[];
  /** Streams a file's bytes as stored through SHA-256 for the seal; not added to digests(). */
  hashFile?(path: string): Promise<FileDigest>;
  /** What the Source refused or could not read (hostile or damaged members), for the coverage. */
  problems?(): SourceProblem[];
}

/** One refused or unreadable member; `path` is the name as the acquisition gives it. */
export interface SourceProblem {
  path: string;
  code: 'unsafe-path' | 'symlink-outside' | 'hard-link' | 'special-file' | 'too-large' | 'bomb' | 'spool-limit' | 'truncated' | 'corrupt' | 'encrypted' | 'unsupported' | 'duplicate' | 'unreadable';
  /** One sentence. */
  message: string;
}
