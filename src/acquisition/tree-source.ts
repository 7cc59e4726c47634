/**
 * What the folder, zip and tar Sources share: globbing over a sorted EntryTable, symlinks
 * resolved inside the tree only, SQLite opened on private copies with their -wal/-shm,
 * and the record of every file read and every member refused. Each subclass only says how
 * to describe an entry and how to get a file's bytes.
 */
import { join } from 'node:path';
import type { AcquisitionKind, FileDigest, OpenedSqlite, Source, SourceEntry, SourceProblem } from './source.js';
import type { PlistValue } from '../formats/plist.js';
import { decodePlist } from '../formats/plist-decode.js';
import { openSqliteCopy } from './sqlite-node.js';
import { DEFAULT_MAX_READ_BYTES } from './file-digest.js';
import type { EntryTable } from './entry-table.js';
import type { WorkingDir } from './working-dir.js';
import { ArtifactError } from '../errors.js';
import { isoFromUnixMicros } from '../formats/time.js';
import { comparePaths, requestedPath, resolveLinkTarget } from './tree-path.js';

/** Symlinks followed for one path before it is taken for a loop (Linux's own limit). */
const MAX_LINK_HOPS = 40;

/** A file's bytes, read or copied, with what identifies them in the acquisition. */
export interface ReadBytes {
  bytes: Buffer;
  sha256: string;
  stored: string;
}

export interface CopiedBytes {
  size: number;
  sha256: string;
  stored: string;
}

/** Microseconds since the Unix epoch as the ISO form records use; exact, whatever the year. */
export function isoFromMicros(micros: number | undefined): string | undefined {
  if (micros === undefined || !Number.isFinite(micros)) return undefined;
  // Beyond what a Date can show: an archive's garbage header, not a time.
  if (Math.abs(micros) > 8.64e18) return undefined;
  return isoFromUnixMicros(BigInt(Math.round(micros)));
}

export abstract class TreeSource implements Source {
  private readonly digestByStored = new Map<string, FileDigest>();
  private readonly problemList: SourceProblem[] = [];
  private readonly problemKeys = new Set<string>();

  protected constructor(
    readonly kind: AcquisitionKind,
    protected readonly workDir: WorkingDir,
  ) {}

  protected abstract get table(): EntryTable;
  /** The entry at a table position, with whatever metadata the acquisition records. */
  protected abstract entryAt(index: number): SourceEntry;
  /** Why a file entry's bytes cannot be read, or undefined when they can. */
  protected abstract unavailable(index: number): ArtifactError | undefined;
  protected abstract readBytes(index: number, maxBytes: number): Promise<ReadBytes>;
  /** Writes the file's bytes to `destination` (inside the working folder). */
  protected abstract copyBytes(index: number, destination: string): Promise<CopiedBytes>;
  abstract close(): void;

  protected report(problem: SourceProblem): void {
    const key = `${problem.code}\u0000${problem.path}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problemList.push(problem);
  }

  problems(): SourceProblem[] {
    return [...this.problemList].sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.code, b.code));
  }

  protected remember(digest: FileDigest): void {
    this.digestByStored.set(digest.stored, digest);
  }

  digests(): FileDigest[] {
    return [...this.digestByStored.values()].sort((a, b) => comparePaths(a.stored, b.stored));
  }

  find(pattern: string): SourceEntry[] {
    const found: SourceEntry[] = [];
    for (const index of this.table.match(pattern)) found.push(this.entryAt(index));
    return found;
  }

  *entries(): Iterable<SourceEntry> {
    for (let index = 0; index < this.table.length; index++) yield this.entryAt(index);
  }

  stat(path: string): SourceEntry | undefined {
    const index = this.table.indexOf(path);
    return index < 0 ? undefined : this.entryAt(index);
  }

  hasContent(path: string): boolean {
    const resolved = this.resolve(path);
    return typeof resolved === 'number' && this.unavailable(resolved) === undefined;
  }

  /**
   * The table position of the file a path names, following symlinks inside the tree (the
   * final component and any folder on the way), or the error saying why it cannot be read.
   */
  protected resolve(path: string): number | ArtifactError {
    const asked = requestedPath(path);
    if ('refused' in asked) return new ArtifactError('UNSAFE_PATH', `${asked.refused}, so it was not read`);
    let current = asked.path;
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const next = this.step(path, current);
      if (typeof next !== 'string') return next;
      current = next;
    }
    return new ArtifactError('UNSAFE_PATH', `${path} goes through more than ${MAX_LINK_HOPS} symbolic links (a loop), so it was not read`);
  }

  /** One resolution step: a position when `current` is a file, the path a symlink leads to, or an error. */
  private step(asked: string, current: string): number | string | ArtifactError {
    const index = this.table.indexOf(current);
    if (index >= 0) {
      const type = this.table.typeAt(index);
      if (type === 'file') return index;
      if (type === 'directory') return new ArtifactError('ARTIFACT_MISSING', `${asked} is a folder, not a file`);
      return this.follow(asked, current, index, '');
    }
    // Not listed: a folder on the way may be a symlink (e.g. `var` → `private/var`).
    const segments = current.split('/');
    for (let depth = 1; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const folderIndex = this.table.indexOf(folder);
      if (folderIndex < 0 || this.table.typeAt(folderIndex) === 'file') break;
      if (this.table.typeAt(folderIndex) === 'symlink') {
        return this.follow(asked, folder, folderIndex, segments.slice(depth).join('/'));
      }
    }
    return new ArtifactError('ARTIFACT_MISSING', `${asked} is not in the acquisition`);
  }

  private follow(asked: string, link: string, index: number, rest: string): string | ArtifactError {
    const target = this.table.at(index).target;
    if (target === undefined) return new ArtifactError('ARTIFACT_MISSING', `${asked} is a symbolic link whose target is not recorded`);
    const resolved = resolveLinkTarget(link, target);
    if ('refused' in resolved) return new ArtifactError('UNSAFE_PATH', `${link} ${resolved.refused}, so ${asked} was not read`);
    if (resolved.path === '' && rest === '') return new ArtifactError('ARTIFACT_MISSING', `${asked} leads to the root folder, not a file`);
    return resolved.path === '' ? rest : rest === '' ? resolved.path : `${resolved.path}/${rest}`;
  }

  /** The readable file a path names, or the ArtifactError that says why not. */
  protected locate(path: string): number {
    const resolved = this.resolve(path);
    if (typeof resolved !== 'number') throw resolved;
    const refusal = this.unavailable(resolved);
    if (refusal) throw refusal;
    return resolved;
  }

  async readFile(path: string, options: { maxBytes?: number } = {}): Promise<{ bytes: Buffer; digest: FileDigest }> {
    const index = this.locate(path);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    const declared = this.table.at(index).size;
    if (declared > maxBytes) {
      throw new ArtifactError('FILE_TOO_LARGE', `${path} is ${declared} bytes, more than the ${maxBytes} bytes this artifact reads`);
    }
    const { bytes, sha256, stored } = await this.readBytes(index, maxBytes);
    const digest: FileDigest = { path, stored, size: bytes.length, sha256 };
    this.remember(digest);
    return { bytes, digest };
  }

  async readPlist(path: string): Promise<{ value: PlistValue; digest: FileDigest }> {
    const { bytes, digest } = await this.readFile(path);
    return { value: decodePlist(bytes), digest };
  }

  /**
   * Copies a file to the working folder and records its digest: what a Source nested in
   * this one (a bugreport zip inside an androidqf zip) opens.
   */
  async materialize(path: string): Promise<{ physical: string; digest: FileDigest }> {
    const index = this.locate(path);
    const physical = join(this.workDir.newSubdir(), 'member');
    const copied = await this.copyBytes(index, physical);
    const digest: FileDigest = { path, stored: copied.stored, size: copied.size, sha256: copied.sha256 };
    this.remember(digest);
    return { physical, digest };
  }

  async openSqlite(path: string): Promise<OpenedSqlite> {
    const main = this.locate(path);
    const sub = this.workDir.newSubdir();
    const digests: FileDigest[] = [];
    const copied = await this.copyBytes(main, join(sub, 'db'));
    digests.push({ path, stored: copied.stored, size: copied.size, sha256: copied.sha256 });
    for (const suffix of ['-wal', '-shm']) {
      const sidecar = `${path}${suffix}`;
      if (!this.hasContent(sidecar)) continue;
      const sidecarCopy = await this.copyBytes(this.locate(sidecar), join(sub, `db${suffix}`));
      digests.push({ path: sidecar, stored: sidecarCopy.stored, size: sidecarCopy.size, sha256: sidecarCopy.sha256 });
    }
    for (const digest of digests) this.remember(digest);
    return { db: openSqliteCopy(join(sub, 'db')), digests };
  }
}
