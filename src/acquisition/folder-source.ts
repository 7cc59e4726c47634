/**
 * A folder as a Source: an iOS file-system dump extracted to disk, a sysdiagnose folder, an
 * androidqf output folder. The tree is walked once when the Source opens, without
 * following symlinks and without a stat per file: the walk keeps only the sorted paths,
 * their types and symlink targets, and metadata is read (lstat) when an entry is asked for.
 *
 * Only the modification time is reported: extraction tools keep it, while the access,
 * change and birth times of a copy are those of the analyst's disk, not of the phone.
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { AcquisitionKind, FileDigest, SourceEntry } from './source.js';
import { EntryTable, EntryTableBuilder } from './entry-table.js';
import { TreeSource, isoFromMicros, type CopiedBytes, type ReadBytes } from './tree-source.js';
import { copyAndHash, hashFileStream, readAndHash } from './file-digest.js';
import type { WorkingDir } from './working-dir.js';
import { AcquisitionError, ArtifactError } from '../errors.js';
import { resolveLinkTarget } from './tree-path.js';

export interface FolderSourceOptions {
  progress?: (message: string) => void;
}

/** Folders read between two returns to the event loop, so Ctrl-C is honoured during a long walk. */
const FOLDERS_PER_TURN = 256;
const PROGRESS_EVERY = 50_000;

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}

export class FolderSource extends TreeSource {
  private constructor(
    kind: AcquisitionKind,
    workDir: WorkingDir,
    /** The real path of the folder, symlinks in the path to it resolved. */
    readonly root: string,
    private readonly index: EntryTable,
  ) {
    super(kind, workDir);
  }

  static async open(root: string, kind: AcquisitionKind, workDir: WorkingDir, options: FolderSourceOptions = {}): Promise<FolderSource> {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch (error) {
      throw new AcquisitionError('PATH_NOT_FOUND', `${root} cannot be read (${errorCode(error)}); check the path and its permissions.`, error);
    }
    if (!lstatSync(realRoot).isDirectory()) {
      throw new AcquisitionError('NOT_AN_ACQUISITION', `${root} is a file, not a folder; point Exhibit at the folder that holds the acquisition.`);
    }
    const builder = new EntryTableBuilder();
    const problems: { path: string; code: 'symlink-outside' | 'special-file' | 'unreadable'; message: string }[] = [];
    const pending: string[] = [''];
    let folders = 0;
    let nextProgress = PROGRESS_EVERY;
    while (pending.length > 0) {
      const folder = pending.pop() as string;
      let children: Dirent[];
      try {
        children = readdirSync(folder === '' ? realRoot : join(realRoot, folder), { withFileTypes: true });
      } catch (error) {
        problems.push({ path: folder, code: 'unreadable', message: `the folder ${folder} cannot be listed (${errorCode(error)})` });
        continue;
      }
      // Names in order so that the table is nearly sorted already and its sort is cheap.
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subfolders: string[] = [];
      for (const child of children) {
        const path = folder === '' ? child.name : `${folder}/${child.name}`;
        if (child.isDirectory()) {
          builder.add({ path, type: 'directory' });
          subfolders.push(path);
        } else if (child.isFile()) {
          builder.add({ path, type: 'file' });
        } else if (child.isSymbolicLink()) {
          let target: string | undefined;
          try {
            target = readlinkSync(join(realRoot, path));
          } catch (error) {
            problems.push({ path, code: 'unreadable', message: `the symbolic link ${path} cannot be read (${errorCode(error)})` });
          }
          builder.add(target === undefined ? { path, type: 'symlink' } : { path, type: 'symlink', target });
          if (target !== undefined && !target.startsWith('/')) {
            const resolved = resolveLinkTarget(path, target);
            if ('refused' in resolved) problems.push({ path, code: 'symlink-outside', message: `${path} ${resolved.refused}; it is listed but never followed` });
          }
        } else {
          // FIFOs, sockets and devices: opening a FIFO would block the run forever.
          problems.push({ path, code: 'special-file', message: `${path} is a device, FIFO or socket, not a file, so it is not read` });
        }
      }
      // Reverse so that the stack pops folders in name order.
      for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i] as string);
      folders += 1;
      if (builder.count >= nextProgress) {
        options.progress?.(`indexed ${builder.count} entries`);
        nextProgress += PROGRESS_EVERY;
      }
      if (folders % FOLDERS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const { table } = builder.build();
    const source = new FolderSource(kind, workDir, realRoot, table);
    for (const problem of problems) source.report(problem);
    return source;
  }

  protected get table(): EntryTable {
    return this.index;
  }

  protected entryAt(index: number): SourceEntry {
    const row = this.index.at(index);
    const entry: SourceEntry = { path: row.path, type: row.type, size: 0, times: {} };
    if (row.target !== undefined) entry.target = row.target;
    try {
      // Plain numbers, not bigint: a float of milliseconds still holds microseconds exactly
      // for any date a phone records, and a walk over 500,000 entries makes no BigInts.
      const stats = lstatSync(join(this.root, row.path));
      if (row.type === 'file') entry.size = stats.size;
      entry.mode = stats.mode;
      entry.uid = stats.uid;
      entry.gid = stats.gid;
      const modified = isoFromMicros(Math.round(stats.mtimeMs * 1000));
      if (modified !== undefined) entry.times.modified = modified;
    } catch {
      // Removed since the walk: still listed, with what the walk saw.
    }
    return entry;
  }

  protected unavailable(): ArtifactError | undefined {
    return undefined;
  }

  /** The file on disk, refused unless it is a regular file whose real path is inside the root. */
  private physical(index: number): string {
    const path = this.index.pathAt(index);
    const physical = join(this.root, path);
    let real: string;
    try {
      real = realpathSync(physical);
      if (!lstatSync(real).isFile()) throw new ArtifactError('ARTIFACT_MISSING', `${path} is no longer a regular file`);
    } catch (error) {
      if (error instanceof ArtifactError) throw error;
      throw new ArtifactError('ARTIFACT_MISSING', `${path} cannot be read (${errorCode(error)})`, error);
    }
    if (!real.startsWith(this.root + sep)) {
      throw new ArtifactError('UNSAFE_PATH', `${path} leads outside the acquisition folder, so it was not read`);
    }
    return real;
  }

  protected async readBytes(index: number, maxBytes: number): Promise<ReadBytes> {
    const physical = this.physical(index);
    try {
      const { bytes, sha256 } = await readAndHash(physical, maxBytes);
      return { bytes, sha256, stored: this.index.pathAt(index) };
    } catch (error) {
      if (error instanceof ArtifactError) throw error;
      throw new ArtifactError('ARTIFACT_MISSING', `${this.index.pathAt(index)} cannot be read (${errorCode(error)})`, error);
    }
  }

  protected async copyBytes(index: number, destination: string): Promise<CopiedBytes> {
    const physical = this.physical(index);
    try {
      const { size, sha256 } = await copyAndHash(physical, destination);
      return { size, sha256, stored: this.index.pathAt(index) };
    } catch (error) {
      throw new ArtifactError('ARTIFACT_MISSING', `${this.index.pathAt(index)} cannot be read (${errorCode(error)})`, error);
    }
  }

  /** The file's bytes through SHA-256 on a worker thread, for the seal; not added to digests(). */
  async hashFile(path: string): Promise<FileDigest> {
    const index = this.locate(path);
    const physical = this.physical(index);
    try {
      return { path, stored: this.index.pathAt(index), ...(await hashFileStream(physical)) };
    } catch (error) {
      throw new ArtifactError('ARTIFACT_MISSING', `${this.index.pathAt(index)} cannot be read (${errorCode(error)})`, error);
    }
  }

  close(): void {
    // Nothing held open between reads.
  }
}

/** Opens a folder as a Source of the given kind; the caller has recognised what it holds. */
export function openFolderSource(root: string, kind: AcquisitionKind, workDir: WorkingDir, options?: FolderSourceOptions): Promise<FolderSource> {
  return FolderSource.open(root, kind, workDir, options);
}
