/**
 * An iTunes/Finder or libimobiledevice backup as a Source. Files are reached through
 * Manifest.db (domain + relativePath → `xx/<fileID>`), never by guessing a path. The tree
 * it presents is `<domain>/<relativePath>`, with the backup's own Info.plist,
 * Manifest.plist, Status.plist and Manifest.db at its root.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileDigest, OpenedSqlite, Source, SourceEntry } from './source.js';
import type { SqliteDatabase, SqlRow } from '../formats/sqlite.js';
import type { PlistValue } from '../formats/plist.js';
import { decodePlist } from '../formats/plist-decode.js';
import { decodeMbFile } from './mbfile.js';
import { copyAndHash, readAndHash } from './file-digest.js';
import { openSqliteCopy } from './sqlite-node.js';
import { globToRegExp } from './glob.js';
import { WorkingDir } from './working-dir.js';
import { ArtifactError } from '../errors.js';
import { sqlBytes, sqlNumber, sqlText } from '../formats/sql-values.js';
import { isoFromUnixSeconds } from '../formats/time.js';

export const BACKUP_ROOT_FILES = ['Info.plist', 'Manifest.plist', 'Status.plist', 'Manifest.db'] as const;

const FILE_ID = /^[0-9a-f]{40}$/;
const FLAG_FILE = 1;
const FLAG_DIRECTORY = 2;
const PAGE = 2000;

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

export class IosBackupSource implements Source {
  readonly kind = 'ios-backup' as const;
  private readonly digestByStored = new Map<string, FileDigest>();

  private constructor(
    readonly root: string,
    private readonly workDir: WorkingDir,
    private readonly manifest: SqliteDatabase,
  ) {}

  /** Opens a backup folder already recognised by detect.ts. */
  static async open(root: string, workDir: WorkingDir): Promise<IosBackupSource> {
    const sub = workDir.newSubdir();
    const copy = join(sub, 'Manifest.db');
    const { size, sha256 } = await copyAndHash(join(root, 'Manifest.db'), copy);
    const source = new IosBackupSource(root, workDir, openSqliteCopy(copy));
    source.remember({ path: 'Manifest.db', stored: 'Manifest.db', size, sha256 });
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
      size: stats.size,
      mode: stats.mode,
      times: { modified: isoFromUnixSeconds(stats.mtimeMs / 1000) ?? undefined },
    };
  }

  private rowToEntry(row: SqlRow): SourceEntry {
    const fileID = sqlText(row['fileID']) ?? '';
    const domain = sqlText(row['domain']) ?? '';
    const relativePath = sqlText(row['relativePath']) ?? '';
    const flags = sqlNumber(row['flags']) ?? 0;
    const path = relativePath === '' ? domain : `${domain}/${relativePath}`;
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
      entry.backup.present = existsSync(this.blobPath(fileID));
    }
    return entry;
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

  stat(path: string): SourceEntry | undefined {
    if ((BACKUP_ROOT_FILES as readonly string[]).includes(path)) return this.rootEntry(path);
    const slash = path.indexOf('/');
    const domain = slash < 0 ? path : path.slice(0, slash);
    const relativePath = slash < 0 ? '' : path.slice(slash + 1);
    for (const row of this.manifest.iterate(
      'SELECT fileID, domain, relativePath, flags, file FROM Files WHERE domain = ? AND relativePath = ? LIMIT 1',
      [domain, relativePath],
    )) {
      return this.rowToEntry(row);
    }
    return undefined;
  }

  hasContent(path: string): boolean {
    const entry = this.stat(path);
    if (!entry || entry.type !== 'file') return false;
    return entry.backup ? entry.backup.present : true;
  }

  /** Where the bytes of a file entry are, or an ArtifactError saying why there are none. */
  private locate(path: string): { physical: string; stored: string } {
    const entry = this.stat(path);
    if (!entry) throw new ArtifactError('ARTIFACT_MISSING', `${path} is not listed in Manifest.db`);
    if (!entry.backup) return { physical: join(this.root, path), stored: path };
    const { fileID } = entry.backup;
    if (!FILE_ID.test(fileID)) {
      throw new ArtifactError('UNSAFE_PATH', `Manifest.db gives ${path} an invalid file ID, so it was not read`);
    }
    if (entry.type !== 'file' || !entry.backup.present) {
      throw new ArtifactError('ARTIFACT_MISSING', `${path} is listed in Manifest.db but its file is absent from the backup`);
    }
    return { physical: this.blobPath(fileID), stored: IosBackupSource.storedPath(fileID) };
  }

  async readFile(path: string, options: { maxBytes?: number } = {}): Promise<{ bytes: Buffer; digest: FileDigest }> {
    const { physical, stored } = this.locate(path);
    const { bytes, sha256 } = await readAndHash(physical, options.maxBytes);
    const digest = { path, stored, size: bytes.length, sha256 };
    this.remember(digest);
    return { bytes, digest };
  }

  async readPlist(path: string): Promise<{ value: PlistValue; digest: FileDigest }> {
    const { bytes, digest } = await this.readFile(path);
    return { value: decodePlist(bytes), digest };
  }

  async openSqlite(path: string): Promise<OpenedSqlite> {
    const main = this.locate(path);
    const sub = this.workDir.newSubdir();
    const digests: FileDigest[] = [];
    const copied = await copyAndHash(main.physical, join(sub, 'db'));
    digests.push({ path, stored: main.stored, ...copied });
    for (const suffix of ['-wal', '-shm']) {
      const sidecar = `${path}${suffix}`;
      if (!this.hasContent(sidecar)) continue;
      const located = this.locate(sidecar);
      const sidecarCopy = await copyAndHash(located.physical, join(sub, `db${suffix}`));
      digests.push({ path: sidecar, stored: located.stored, ...sidecarCopy });
    }
    for (const digest of digests) this.remember(digest);
    return { db: openSqliteCopy(join(sub, 'db')), digests };
  }

  close(): void {
    this.manifest.close();
  }
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
