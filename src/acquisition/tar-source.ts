/**
 * A .tar or .tar.gz as a Source (file-system dumps, sysdiagnose archives). A tar has no
 * index, so the Source opens with one streaming pass that reads every byte once: every
 * member is indexed (path, type, size, mode, time, link target) and hashed (SHA-256, for
 * the seal), and only the members the extractors want — the `wanted` globs, matched at the
 * archive's root or one folder down, with the -wal/-shm/-journal files of a wanted
 * database — are written to the working folder, under names of Exhibit's own.
 *
 * A member that was not kept is NOT read by scanning the archive again: the read is
 * refused with ARCHIVE_MEMBER_NOT_KEPT. A second pass over a 40 GB dump for one file would
 * stall a run silently, and a member no extractor declared is a wiring mistake to fix in
 * the declarations, not to hide. Its hash and metadata are still in the index.
 *
 * Refused and reported: names that climb out or are absolute, hard links to anything but
 * an earlier member, devices and FIFOs, members over the size limits, a .tar.gz that
 * expands past the ratio limit (reading stops there: the members before it stay usable).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import type { AcquisitionKind, FileDigest, SourceEntry, SourceProblem } from './source.js';
import { EntryTable, EntryTableBuilder } from './entry-table.js';
import { TreeSource, isoFromMicros, type CopiedBytes, type ReadBytes } from './tree-source.js';
import { SpoolBudget, withDefaults, type ArchiveLimits } from './archive-limits.js';
import { GlobSet } from './glob-set.js';
import type { WorkingDir } from './working-dir.js';
import { AcquisitionError, ArtifactError, describeError } from '../errors.js';
import { memberPath, resolveLinkTarget } from './tree-path.js';
import { copyAndHash } from './file-digest.js';

export interface TarSourceOptions {
  /** Globs of the files to keep for reading: the union of the extractors' paths for this kind. */
  wanted?: readonly string[];
  limits?: Partial<ArchiveLimits>;
  /** Put before member names in digests' `stored` (an archive inside another). */
  storedPrefix?: string;
  progress?: (message: string) => void;
  /** How the archive is named in messages and problems (default: its file name). */
  name?: string;
}

const TYPE_BITS = { file: 0o100000, directory: 0o040000, symlink: 0o120000 } as const;
const SIDECAR = /-(wal|shm|journal)$/;
const PROGRESS_EVERY = 50_000;
const HASH_BYTES = 32;

/** SHA-256 of every member by row id, 32 bytes each in one growing buffer. */
class HashColumn {
  private data = Buffer.alloc(HASH_BYTES * 1024);
  /** Whether a member's hash was set: a hard link to nothing, or a member never reached, has none. */
  private known = new Uint8Array(1024);
  set(id: number, digest: Buffer): void {
    const needed = (id + 1) * HASH_BYTES;
    if (needed > this.data.length) {
      const grown = Buffer.alloc(Math.max(needed, this.data.length * 2));
      this.data.copy(grown);
      this.data = grown;
    }
    if (id >= this.known.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.known.length * 2));
      grown.set(this.known);
      this.known = grown;
    }
    digest.copy(this.data, id * HASH_BYTES);
    this.known[id] = 1;
  }
  has(id: number): boolean {
    return this.known[id] === 1;
  }
  hex(id: number): string {
    return this.data.subarray(id * HASH_BYTES, (id + 1) * HASH_BYTES).toString('hex');
  }
}

/** What the single pass learns about members, by row id. */
class MemberColumns {
  readonly hashes = new HashColumn();
  /**
   * How the archive spells each name, by id: bit 1 a leading `./`, bit 2 a trailing `/`
   * (what `tar -C root .` writes for every member), so the common spellings cost a byte.
   */
  private spelling = new Uint8Array(1024);
  /** Names spelled any other way (`a//b`, `./a/./b`), kept whole. */
  private readonly rawNames = new Map<number, string>();
  /** Working-folder copies of kept members. */
  readonly kept = new Map<number, string>();
  readonly refusals = new Map<number, ArtifactError>();
  /** Hard links, resolved once every member is known: link id → target tree path. */
  readonly hardLinks: { id: number; name: string; target: string }[] = [];

  noteName(id: number, name: string, path: string): void {
    if (name === path) return;
    const code = name === `./${path}` ? 1 : name === `${path}/` ? 2 : name === `./${path}/` ? 3 : 0;
    if (code === 0) {
      this.rawNames.set(id, name);
      return;
    }
    if (id >= this.spelling.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.spelling.length * 2));
      grown.set(this.spelling);
      this.spelling = grown;
    }
    this.spelling[id] = code;
  }

  /** The member's name as the archive spells it. */
  nameOf(id: number, path: string): string {
    const raw = this.rawNames.get(id);
    if (raw !== undefined) return raw;
    const code = this.spelling[id] ?? 0;
    return `${code & 1 ? './' : ''}${path}${code & 2 ? '/' : ''}`;
  }
}

function notKept(path: string): ArtifactError {
  return new ArtifactError(
    'ARCHIVE_MEMBER_NOT_KEPT',
    `${path} was not kept when the archive was indexed because no extractor declares it, and reading it would take a second pass over the whole archive`,
  );
}

function entryType(type: ReadEntry['type']): 'file' | 'directory' | 'symlink' | 'hardlink' | 'special' | 'other' {
  switch (type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      return 'file';
    case 'Directory':
    case 'GNUDumpDir':
      return 'directory';
    case 'SymbolicLink':
      return 'symlink';
    case 'Link':
      return 'hardlink';
    case 'CharacterDevice':
    case 'BlockDevice':
    case 'FIFO':
      return 'special';
    default:
      return 'other';
  }
}

/** The one pass over the archive: indexes, hashes and keeps members as they stream by. */
class TarIndexer {
  readonly builder = new EntryTableBuilder();
  readonly members = new MemberColumns();
  readonly problems: SourceProblem[] = [];
  private readonly wanted: GlobSet;
  private readonly writes: Promise<void>[] = [];
  private current: { id: number; name: string; path: string; size: number; done: boolean; cut: boolean; out?: WriteStream } | undefined;
  private nextProgress = PROGRESS_EVERY;
  entriesSeen = 0;

  constructor(
    private readonly spoolDir: () => string,
    private readonly budget: SpoolBudget,
    wanted: readonly string[],
    private readonly progress: ((message: string) => void) | undefined,
  ) {
    this.wanted = new GlobSet(wanted);
  }

  /** Wanted at the root or one folder down (androidqf and dumps nest their files once). */
  private isWanted(path: string): boolean {
    const base = path.replace(SIDECAR, '');
    for (const candidate of base === path ? [path] : [path, base]) {
      if (this.wanted.matches(candidate)) return true;
      const slash = candidate.indexOf('/');
      if (slash > 0 && this.wanted.matches(candidate.slice(slash + 1))) return true;
    }
    return false;
  }

  private problem(path: string, code: SourceProblem['code'], message: string): void {
    this.problems.push({ path, code, message });
  }

  onEntry(entry: ReadEntry): void {
    this.entriesSeen += 1;
    const name = entry.path;
    const kind = entryType(entry.type);
    const checked = memberPath(name);
    if (checked === undefined || kind === 'other' || kind === 'special' || 'refused' in checked) {
      if (checked !== undefined && 'refused' in checked) {
        this.problem(name, 'unsafe-path', `the archive member ${JSON.stringify(name)} was refused: ${checked.refused}`);
      } else if (kind === 'special') {
        this.problem(name, 'special-file', `the archive member ${name} is a device or FIFO, not a file, so it is not read`);
      } else if (kind === 'other') {
        this.problem(name, 'unsupported', `the archive member ${name} has the tar type ${entry.type}, which Exhibit does not read`);
      }
      entry.resume();
      return;
    }
    const path = checked.path;
    const modifiedMs = entry.mtime?.getTime();
    const base = {
      path,
      ...(modifiedMs !== undefined && Number.isFinite(modifiedMs) ? { modified: modifiedMs * 1000 } : {}),
    };
    const permissions = (entry.mode ?? 0) & 0o7777;
    if (kind === 'hardlink') {
      const target = memberPath(entry.linkpath ?? '');
      if (target === undefined || 'refused' in target) {
        this.problem(name, 'hard-link', `the archive member ${name} is a hard link to ${JSON.stringify(entry.linkpath ?? '')}, outside the archive, so it was refused`);
      } else {
        const id = this.builder.add({ ...base, type: 'file', mode: TYPE_BITS.file | permissions });
        this.note(id, name, path);
        this.members.hardLinks.push({ id, name, target: target.path });
      }
      entry.resume();
      return;
    }
    if (kind === 'directory' || kind === 'symlink') {
      const target = entry.linkpath;
      const id = this.builder.add({
        ...base,
        type: kind,
        mode: TYPE_BITS[kind] | permissions,
        ...(kind === 'symlink' && target !== undefined ? { target } : {}),
      });
      this.note(id, name, path);
      if (kind === 'symlink' && target !== undefined && !target.startsWith('/') && 'refused' in resolveLinkTarget(path, target)) {
        this.problem(name, 'symlink-outside', `${path} is a symbolic link to ${target}, outside the acquisition; it is listed but never followed`);
      }
      entry.resume();
      return;
    }
    const size = entry.size;
    const id = this.builder.add({ ...base, type: 'file', size, mode: TYPE_BITS.file | permissions });
    this.note(id, name, path);
    this.body(entry, id, name, path, size);
  }

  private note(id: number, name: string, path: string): void {
    this.members.noteName(id, name, path);
    if (this.builder.count >= this.nextProgress) {
      this.progress?.(`indexed ${this.builder.count} archive members`);
      this.nextProgress += PROGRESS_EVERY;
    }
  }

  /** Hashes a file member and, when wanted and within limits, keeps it. */
  private body(entry: ReadEntry, id: number, name: string, path: string, size: number): void {
    let out: WriteStream | undefined;
    const current = { id, name, path, size, done: false, cut: false };
    if (this.isWanted(path) && size > 0) {
      const room = this.budget.reserve(size);
      if (room.ok) {
        const physical = join(this.spoolDir(), String(id));
        out = createWriteStream(physical, { mode: 0o600 });
        this.members.kept.set(id, physical);
        const written = finished(out).catch((error: unknown) => {
          // A copy cut short by a stopped pass is already accounted for.
          if (current.cut) return;
          this.discard(id, size);
          this.members.refusals.set(id, new ArtifactError('ARTIFACT_MISSING', `${path} could not be kept in the working folder (${describeError(error)})`));
          this.problem(name, 'spool-limit', `${path} could not be kept in the working folder`);
        });
        this.writes.push(written);
      } else {
        this.members.refusals.set(id, new ArtifactError('FILE_TOO_LARGE', `${path} was not kept: ${room.reason}`));
        this.problem(name, room.code, `${path} was not kept: ${room.reason}`);
      }
    }
    const hash = createHash('sha256');
    let read = 0;
    this.current = out ? Object.assign(current, { out }) : current;
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      read += chunk.length;
      if (out && !out.write(chunk)) {
        entry.pause();
        out.once('drain', () => entry.resume());
      }
    });
    entry.on('end', () => {
      if (current.done) return;
      current.done = true;
      this.members.hashes.set(id, hash.digest());
      out?.end();
      if (read < size) this.truncated(id, name, path, size);
    });
  }

  private discard(id: number, size: number): void {
    const physical = this.members.kept.get(id);
    if (physical === undefined) return;
    this.members.kept.delete(id);
    rmSync(physical, { force: true });
    this.budget.release(size);
  }

  private truncated(id: number, name: string, path: string, size: number): void {
    this.discard(id, size);
    this.members.refusals.set(id, new ArtifactError('ARTIFACT_CORRUPT', `${path} is cut short: the archive ends inside it`));
    this.problem(name, 'truncated', `${path} is cut short: the archive ends inside it, so it is not read and its hash is of a part only`);
  }

  /** A problem of the whole archive. */
  archiveProblem(archive: string, code: SourceProblem['code'], message: string): void {
    this.problem(archive, code, message);
  }

  /** The pass stopped (damage, decompression limit): the member being read is incomplete. */
  stopped(message: string, code: SourceProblem['code'], archive: string): void {
    const current = this.current;
    if (current && !current.done) {
      current.done = true;
      current.cut = true;
      current.out?.destroy();
      this.truncated(current.id, current.name, current.path, current.size);
    }
    this.problem(archive, code, message);
  }

  async settle(): Promise<void> {
    await Promise.all(this.writes);
  }
}

export class TarSource extends TreeSource {
  private constructor(
    kind: AcquisitionKind,
    workDir: WorkingDir,
    private readonly index: EntryTable,
    private readonly members: MemberColumns,
    private readonly storedPrefix: string,
  ) {
    super(kind, workDir);
  }

  static async open(path: string, kind: AcquisitionKind, workDir: WorkingDir, options: TarSourceOptions = {}): Promise<TarSource> {
    const limits = withDefaults(options.limits);
    const archive = options.name ?? basename(path);
    let spoolDir: string | undefined;
    const indexer = new TarIndexer(
      () => (spoolDir ??= workDir.newSubdir()),
      new SpoolBudget(limits, workDir.path),
      options.wanted ?? [],
      options.progress,
    );
    const unreadable = await TarSource.pass(path, archive, limits, indexer);
    await indexer.settle();
    if (unreadable !== undefined && indexer.entriesSeen === 0) {
      throw new AcquisitionError('ARCHIVE_UNREADABLE', `${archive} is not a readable tar archive (${unreadable}); check that the copy is complete.`);
    }
    const { table, shadowed } = indexer.builder.build();
    const members = indexer.members;
    const source = new TarSource(kind, workDir, table, members, options.storedPrefix ?? '');
    for (const problem of indexer.problems) source.report(problem);
    for (const id of shadowed) {
      const name = members.nameOf(id, indexer.builder.pathOf(id));
      const physical = members.kept.get(id);
      if (physical !== undefined) rmSync(physical, { force: true });
      members.kept.delete(id);
      source.report({ path: name, code: 'duplicate', message: `a member named ${name} appears more than once in the archive; the last one is the one read` });
    }
    source.linkHardLinks();
    return source;
  }

  /** Streams the archive through the parser; resolves with why it stopped early, if it did. */
  private static pass(path: string, archive: string, limits: ArchiveLimits, indexer: TarIndexer): Promise<string | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      let unrecognised: string | undefined;
      const input = createReadStream(path);
      const finish = (reason: string | undefined): void => {
        if (settled) return;
        settled = true;
        input.destroy();
        resolve(reason);
      };
      const parser = new Parser({ strict: false, maxDecompressionRatio: limits.maxRatio });
      parser.on('entry', (entry: ReadEntry) => indexer.onEntry(entry));
      parser.on('ignoredEntry', (entry: ReadEntry) => {
        if (entry.meta) return;
        indexer.onEntry(entry);
      });
      parser.on('warn', (code: string, message: string) => {
        if (code === 'TAR_BAD_ARCHIVE' && /truncated/i.test(message)) {
          // The parser ends the cut member itself; its 'end' marks it truncated.
          indexer.archiveProblem(archive, 'truncated', `${archive} ends in the middle of a member; it is truncated, and the members before that point are read`);
        } else if (code === 'TAR_BAD_ARCHIVE') {
          unrecognised = message;
        } else if (code === 'TAR_ENTRY_INVALID') {
          indexer.archiveProblem(archive, 'corrupt', `${archive} has a damaged member header (${message}); members after it may be missing`);
        }
      });
      parser.on('error', (error: Error) => {
        const message = describeError(error);
        if (/decompression ratio/.test(message)) {
          indexer.stopped(`${archive} expands more than ${limits.maxRatio} times its compressed size (a decompression bomb), so reading stopped there; the members before that point are read`, 'bomb', archive);
        } else if (indexer.entriesSeen > 0) {
          indexer.stopped(`${archive} is damaged or truncated (${message}); the members before that point are read`, 'truncated', archive);
        }
        finish(message);
      });
      parser.on('end', () => finish(unrecognised));
      input.on('error', (error) => {
        indexer.stopped(`${archive} could not be read to its end (${describeError(error)})`, 'unreadable', archive);
        finish(describeError(error));
      });
      input.on('data', (chunk) => {
        if (!parser.write(chunk as Buffer)) {
          input.pause();
          parser.once('drain', () => input.resume());
        }
      });
      input.on('end', () => parser.end());
    });
  }

  /** A hard link is the file it links to: same bytes, same hash, same kept copy. */
  private linkHardLinks(): void {
    for (const link of this.members.hardLinks) {
      const targetIndex = this.index.indexOf(link.target);
      if (targetIndex < 0 || this.index.typeAt(targetIndex) !== 'file') {
        this.members.refusals.set(link.id, new ArtifactError('ARTIFACT_MISSING', `${link.name} is a hard link to ${link.target}, which is not a file in the archive`));
        this.report({ path: link.name, code: 'hard-link', message: `the archive member ${link.name} is a hard link to ${link.target}, which is not a file in the archive, so it is not read` });
        continue;
      }
      const targetId = this.index.idAt(targetIndex);
      this.members.hashes.set(link.id, Buffer.from(this.members.hashes.hex(targetId), 'hex'));
      this.linkSize.set(link.id, this.index.at(targetIndex).size);
      const kept = this.members.kept.get(targetId);
      const refusal = this.members.refusals.get(targetId);
      if (kept !== undefined) this.members.kept.set(link.id, kept);
      if (refusal !== undefined) this.members.refusals.set(link.id, refusal);
    }
  }

  private readonly linkSize = new Map<number, number>();

  protected get table(): EntryTable {
    return this.index;
  }

  private sizeOf(index: number): number {
    const row = this.index.at(index);
    return this.linkSize.get(row.id) ?? row.size;
  }

  protected entryAt(index: number): SourceEntry {
    const row = this.index.at(index);
    const entry: SourceEntry = { path: row.path, type: row.type, size: row.type === 'file' ? this.sizeOf(index) : 0, times: {} };
    if (row.mode !== undefined) entry.mode = row.mode;
    const modified = isoFromMicros(row.modified);
    if (modified !== undefined) entry.times.modified = modified;
    if (row.target !== undefined) entry.target = row.target;
    return entry;
  }

  protected unavailable(index: number): ArtifactError | undefined {
    const id = this.index.idAt(index);
    const refusal = this.members.refusals.get(id);
    if (refusal) return refusal;
    // Made on demand: an Error per unwanted member would cost its stack for each of 500,000.
    if (!this.members.kept.has(id) && this.sizeOf(index) > 0) return notKept(this.index.pathAt(index));
    return undefined;
  }

  private stored(index: number): string {
    const id = this.index.idAt(index);
    return `${this.storedPrefix}${this.members.nameOf(id, this.index.pathAt(index))}`;
  }

  protected async readBytes(index: number, maxBytes: number): Promise<ReadBytes> {
    const id = this.index.idAt(index);
    const physical = this.members.kept.get(id);
    const size = this.sizeOf(index);
    if (physical === undefined || size === 0) return { bytes: Buffer.alloc(0), sha256: this.members.hashes.hex(id), stored: this.stored(index) };
    if (statSync(physical).size > maxBytes) {
      throw new ArtifactError('FILE_TOO_LARGE', `${this.index.pathAt(index)} is ${size} bytes, more than the ${maxBytes} bytes this artifact reads`);
    }
    const bytes = readFileSync(physical);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), stored: this.stored(index) };
  }

  protected async copyBytes(index: number, destination: string): Promise<CopiedBytes> {
    const id = this.index.idAt(index);
    const physical = this.members.kept.get(id);
    if (physical === undefined) {
      const handle = await open(destination, 'w', 0o600);
      await handle.close();
      return { size: 0, sha256: this.members.hashes.hex(id), stored: this.stored(index) };
    }
    const { size, sha256 } = await copyAndHash(physical, destination);
    return { size, sha256, stored: this.stored(index) };
  }

  /**
   * A member's SHA-256 for the seal, from the index pass: no second read, so members that
   * were not kept are sealed too. A member cut short has the hash of a part only, so it has none.
   */
  async hashFile(path: string): Promise<FileDigest> {
    const index = this.resolve(path);
    if (typeof index !== 'number') throw index;
    const id = this.index.idAt(index);
    const refusal = this.members.refusals.get(id);
    if (refusal !== undefined && refusal.code === 'ARTIFACT_CORRUPT') throw refusal;
    if (!this.members.hashes.has(id)) throw refusal ?? new ArtifactError('ARTIFACT_MISSING', `${path} has no hash: the archive pass did not read it`);
    return { path, stored: this.stored(index), size: this.sizeOf(index), sha256: this.members.hashes.hex(id) };
  }

  /** The SHA-256 of every file member, computed during the pass: what a seal commits to. */
  *memberDigests(): Generator<FileDigest> {
    for (let index = 0; index < this.index.length; index++) {
      if (this.index.typeAt(index) !== 'file') continue;
      const id = this.index.idAt(index);
      yield { path: this.index.pathAt(index), stored: this.stored(index), size: this.sizeOf(index), sha256: this.members.hashes.hex(id) };
    }
  }

  close(): void {
    // The kept copies live in the working folder, removed with it.
  }
}

/** Opens a .tar or .tar.gz as a Source of the given kind, indexing it in one pass. */
export function openTarSource(path: string, kind: AcquisitionKind, workDir: WorkingDir, options?: TarSourceOptions): Promise<TarSource> {
  return TarSource.open(path, kind, workDir, options);
}
