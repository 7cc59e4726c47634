/**
 * One tree out of an acquisition and the archives inside it. androidqf stores a bugreport
 * (`bugreport.zip`) and an Android backup (`backup.ab`) inside its collection; they are
 * read as part of the same check, so their contents appear in the tree under the archive's
 * name followed by `!` — `bugreport.zip!/main_entry.txt`, `backup.ab!/apps/…` — beside the
 * archive file itself. The base can also be re-rooted at one folder (a collection whose
 * files sit one folder down), so extractors always see the files at the root.
 *
 * An archive that could not be opened (an encrypted backup without its password, a damaged
 * zip) is not mounted; why is kept as a problem of the Source, for the coverage.
 */
import type { FileDigest, OpenedSqlite, Source, SourceEntry, SourceProblem } from './source.js';
import type { PlistValue } from '../formats/plist.js';
import { globToRegExp } from './glob.js';
import { comparePaths } from './tree-path.js';
import { ArtifactError } from '../errors.js';

export type ClosableSource = Source & { close(): void };

export interface Mount {
  /** Tree path of the mount point, e.g. `bugreport.zip!`. */
  at: string;
  source: ClosableSource;
}

/** The mount point of the archive at a tree path. */
export function mountPointOf(archivePath: string): string {
  return `${archivePath}!`;
}

function withPath(entry: SourceEntry, path: string): SourceEntry {
  return { ...entry, path };
}

export class MountedSource implements Source {
  readonly kind: Source['kind'];
  private readonly extraDigests: FileDigest[] = [];
  private readonly extraProblems: SourceProblem[] = [];
  private readonly mounts: Mount[] = [];

  constructor(
    private readonly base: ClosableSource,
    /** Folder of the base that is the root of this tree ('' for the base's own root). */
    private readonly baseRoot: string,
  ) {
    this.kind = base.kind;
  }

  mount(mount: Mount): void {
    this.mounts.push(mount);
  }

  /** Records why an archive inside the acquisition was not mounted. */
  addProblem(problem: SourceProblem): void {
    this.extraProblems.push(problem);
  }

  /** Records the digest of an input read outside the base (an archive opened in place). */
  addDigest(digest: FileDigest): void {
    this.extraDigests.push(digest);
  }

  private toBase(path: string): string {
    return this.baseRoot === '' ? path : path === '' ? this.baseRoot : `${this.baseRoot}/${path}`;
  }

  private fromBase(path: string): string | undefined {
    if (this.baseRoot === '') return path;
    return path.startsWith(`${this.baseRoot}/`) ? path.slice(this.baseRoot.length + 1) : undefined;
  }

  private mountFor(path: string): { mount: Mount; rest: string } | undefined {
    for (const mount of this.mounts) {
      if (path === mount.at) return { mount, rest: '' };
      if (path.startsWith(`${mount.at}/`)) return { mount, rest: path.slice(mount.at.length + 1) };
    }
    return undefined;
  }

  private mountPointEntry(mount: Mount): SourceEntry {
    return { path: mount.at, type: 'directory', size: 0, times: {} };
  }

  find(pattern: string): SourceEntry[] {
    const found: SourceEntry[] = [];
    for (const entry of this.base.find(this.toBase(pattern))) {
      const path = this.fromBase(entry.path);
      if (path !== undefined) found.push(withPath(entry, path));
    }
    const slash = pattern.indexOf('/');
    const first = slash < 0 ? pattern : pattern.slice(0, slash);
    const rest = slash < 0 ? '' : pattern.slice(slash + 1);
    for (const mount of this.mounts) {
      if (first === '**') {
        const regex = globToRegExp(pattern);
        if (regex.test(mount.at)) found.push(this.mountPointEntry(mount));
        for (const entry of mount.source.entries()) {
          const path = `${mount.at}/${entry.path}`;
          if (regex.test(path)) found.push(withPath(entry, path));
        }
      } else if (globToRegExp(first).test(mount.at)) {
        if (rest === '') found.push(this.mountPointEntry(mount));
        else for (const entry of mount.source.find(rest)) found.push(withPath(entry, `${mount.at}/${entry.path}`));
      }
    }
    return found.sort((a, b) => comparePaths(a.path, b.path));
  }

  *entries(): Iterable<SourceEntry> {
    const all: SourceEntry[] = [];
    for (const entry of this.base.entries()) {
      const path = this.fromBase(entry.path);
      if (path !== undefined) all.push(withPath(entry, path));
    }
    for (const mount of this.mounts) {
      all.push(this.mountPointEntry(mount));
      for (const entry of mount.source.entries()) all.push(withPath(entry, `${mount.at}/${entry.path}`));
    }
    yield* all.sort((a, b) => comparePaths(a.path, b.path));
  }

  stat(path: string): SourceEntry | undefined {
    const inMount = this.mountFor(path);
    if (inMount) {
      if (inMount.rest === '') return this.mountPointEntry(inMount.mount);
      const entry = inMount.mount.source.stat(inMount.rest);
      return entry ? withPath(entry, path) : undefined;
    }
    const entry = this.base.stat(this.toBase(path));
    return entry ? withPath(entry, path) : undefined;
  }

  hasContent(path: string): boolean {
    const inMount = this.mountFor(path);
    if (inMount) return inMount.rest !== '' && inMount.mount.source.hasContent(inMount.rest);
    return this.base.hasContent(this.toBase(path));
  }

  private mapDigest(digest: FileDigest, path: string): FileDigest {
    return { ...digest, path };
  }

  async readFile(path: string, options?: { maxBytes?: number }): Promise<{ bytes: Buffer; digest: FileDigest }> {
    const inMount = this.mountFor(path);
    if (inMount) {
      if (inMount.rest === '') throw new ArtifactError('ARTIFACT_MISSING', `${path} is a folder, not a file`);
      const read = await inMount.mount.source.readFile(inMount.rest, options);
      return { bytes: read.bytes, digest: this.mapDigest(read.digest, path) };
    }
    const read = await this.base.readFile(this.toBase(path), options);
    return { bytes: read.bytes, digest: this.mapDigest(read.digest, path) };
  }

  async readPlist(path: string): Promise<{ value: PlistValue; digest: FileDigest }> {
    const inMount = this.mountFor(path);
    const read = inMount ? await inMount.mount.source.readPlist(inMount.rest) : await this.base.readPlist(this.toBase(path));
    return { value: read.value, digest: this.mapDigest(read.digest, path) };
  }

  async openSqlite(path: string): Promise<OpenedSqlite> {
    const inMount = this.mountFor(path);
    const opened = inMount ? await inMount.mount.source.openSqlite(inMount.rest) : await this.base.openSqlite(this.toBase(path));
    const prefix = inMount ? `${inMount.mount.at}/` : '';
    return {
      db: opened.db,
      digests: opened.digests.map((digest) => this.mapDigest(digest, inMount ? `${prefix}${digest.path}` : (this.fromBase(digest.path) ?? digest.path))),
    };
  }

  digests(): FileDigest[] {
    const all: FileDigest[] = [...this.extraDigests];
    for (const digest of this.base.digests()) all.push(this.mapDigest(digest, this.fromBase(digest.path) ?? digest.path));
    for (const mount of this.mounts) {
      for (const digest of mount.source.digests()) all.push(this.mapDigest(digest, `${mount.at}/${digest.path}`));
    }
    return all.sort((a, b) => comparePaths(a.stored, b.stored));
  }

  problems(): SourceProblem[] {
    const all: SourceProblem[] = [...this.extraProblems, ...(this.base.problems?.() ?? [])];
    for (const mount of this.mounts) {
      for (const problem of mount.source.problems?.() ?? []) all.push({ ...problem, path: `${mount.at}/${problem.path}` });
    }
    return all.sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.code, b.code));
  }

  close(): void {
    for (const mount of this.mounts) mount.source.close();
    this.base.close();
  }
}
