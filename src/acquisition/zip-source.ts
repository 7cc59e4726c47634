/**
 * A zip as a Source (androidqf and bugreport zips, zipped dumps): members are reached
 * through the central directory, so reading one file never scans the others. Member names
 * are hostile input: a name that climbs out, is absolute or hides a climb behind
 * backslashes is refused and reported, and no member name ever becomes a file-system path
 * (copies in the working folder have names of Exhibit's own).
 *
 * Every member is checked before it is decompressed (declared size, compression ratio,
 * compressed data shared with another member) and while it is (never more bytes than
 * declared, CRC-32 at the end), so a zip bomb costs a few bytes of reading, not the disk.
 * Zip times without a zone (plain DOS times) are read as UTC so that the result does not
 * depend on the analyst's machine.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { AcquisitionKind, FileDigest, SourceEntry, SourceProblem } from './source.js';
import { EntryTable, EntryTableBuilder } from './entry-table.js';
import { TreeSource, isoFromMicros, type CopiedBytes, type ReadBytes } from './tree-source.js';
import { RATIO_FLOOR_BYTES, SpoolBudget, formatBytes, withDefaults, type ArchiveLimits } from './archive-limits.js';
import type { WorkingDir } from './working-dir.js';
import { AcquisitionError, ArtifactError, describeError } from '../errors.js';
import { memberPath, resolveLinkTarget } from './tree-path.js';

export interface ZipSourceOptions {
  limits?: Partial<ArchiveLimits>;
  /** Put before member names in digests' `stored` (a zip inside another: `bugreport.zip!/`). */
  storedPrefix?: string;
  progress?: (message: string) => void;
  /** How the archive is named in messages and problems (default: its file name). */
  name?: string;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;
const FLAG_ENCRYPTED = 0x1;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const MAX_LINK_TARGET_BYTES = 4096;
const PROGRESS_EVERY = 50_000;
/** Local header bytes before the name: no member's data can start closer to the next header. */
const LOCAL_HEADER_BYTES = 30;

/** Counts, hashes and CRCs a member's bytes, and stops it at its declared size. */
class MemberCheck extends Transform {
  private readonly hash = createHash('sha256');
  private crc = 0;
  size = 0;

  constructor(
    private readonly name: string,
    private readonly declared: number,
    private readonly expectedCrc: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.declared) {
      callback(new ArtifactError('ARTIFACT_CORRUPT', `${this.name} decompresses to more than the ${this.declared} bytes the zip declares for it (a zip bomb or a damaged zip), so reading stopped`));
      return;
    }
    this.hash.update(chunk);
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size < this.declared) {
      callback(new ArtifactError('ARTIFACT_CORRUPT', `${this.name} ends after ${this.size} of its ${this.declared} bytes; the zip is truncated or damaged`));
      return;
    }
    if (this.crc >>> 0 !== this.expectedCrc >>> 0) {
      callback(new ArtifactError('ARTIFACT_CORRUPT', `${this.name} fails its CRC-32 check; the zip is damaged`));
      return;
    }
    callback();
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // Names are decoded and checked here, member by member: yauzl's own check rejects the whole zip.
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Where one member's data is, by row id; columns rather than yauzl's heavy Entry objects. */
class MemberColumns {
  offsets: number[] = [];
  compressed: number[] = [];
  uncompressed: number[] = [];
  crcs: number[] = [];
  methods: number[] = [];
  names: string[] = [];
  refusals = new Map<number, ArtifactError>();
}

export class ZipSource extends TreeSource {
  private closed = false;

  private constructor(
    kind: AcquisitionKind,
    workDir: WorkingDir,
    private readonly zip: yauzl.ZipFile,
    private readonly index: EntryTable,
    private readonly members: MemberColumns,
    private readonly budget: SpoolBudget,
    readonly limits: ArchiveLimits,
    private readonly storedPrefix: string,
  ) {
    super(kind, workDir);
  }

  static async open(path: string, kind: AcquisitionKind, workDir: WorkingDir, options: ZipSourceOptions = {}): Promise<ZipSource> {
    const limits = withDefaults(options.limits);
    const name = options.name ?? basename(path);
    let zip: yauzl.ZipFile;
    try {
      zip = await openZip(path);
    } catch (error) {
      throw new AcquisitionError('ARCHIVE_UNREADABLE', `${name} is not a readable zip archive (${describeError(error)}); check that the copy is complete.`, error);
    }
    const members = new MemberColumns();
    const builder = new EntryTableBuilder();
    const problems: SourceProblem[] = [];
    try {
      for (;;) {
        const entry = await nextEntry(zip);
        if (!entry) break;
        await ZipSource.indexEntry(zip, entry, builder, members, problems, limits);
        if (zip.entriesRead % PROGRESS_EVERY === 0) options.progress?.(`indexed ${zip.entriesRead} of ${zip.entryCount} zip members`);
      }
    } catch (error) {
      zip.close();
      throw new AcquisitionError('ARCHIVE_UNREADABLE', `${name} has a damaged central directory (${describeError(error)}); check that the copy is complete.`, error);
    }
    ZipSource.refuseOverlaps(members, problems);
    const { table, shadowed } = builder.build();
    for (const id of shadowed) {
      const member = members.names[id] ?? '';
      problems.push({ path: member, code: 'duplicate', message: `${member} is listed more than once in the zip; the last copy is the one read` });
    }
    const source = new ZipSource(kind, workDir, zip, table, members, new SpoolBudget(limits, workDir.path), limits, options.storedPrefix ?? '');
    for (const problem of problems) source.report(problem);
    return source;
  }

  private static async indexEntry(
    zip: yauzl.ZipFile,
    entry: yauzl.Entry,
    builder: EntryTableBuilder,
    members: MemberColumns,
    problems: SourceProblem[],
    limits: ArchiveLimits,
  ): Promise<void> {
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const checked = memberPath(name);
    if (checked === undefined) return;
    if ('refused' in checked) {
      problems.push({ path: name, code: 'unsafe-path', message: `the zip member ${JSON.stringify(name)} was refused: ${checked.refused}` });
      return;
    }
    const unixMode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? entry.externalFileAttributes >>> 16 : 0;
    const format = unixMode & S_IFMT;
    const isFolder = name.endsWith('/') || format === S_IFDIR || (format === 0 && (entry.externalFileAttributes & 0x10) !== 0);
    if (format !== 0 && format !== S_IFDIR && format !== S_IFREG && format !== S_IFLNK) {
      problems.push({ path: name, code: 'special-file', message: `the zip member ${name} is a device, FIFO or socket, not a file, so it is not read` });
      return;
    }
    const modifiedMs = entry.getLastModDate({ timezone: 'UTC' }).getTime();
    const modified = Number.isFinite(modifiedMs) ? modifiedMs * 1000 : undefined;
    const id = members.names.length;
    // The same string object as the tree path when the spelling matches, so it costs nothing.
    members.names.push(name === checked.path ? checked.path : name);
    members.offsets.push(entry.relativeOffsetOfLocalHeader);
    members.compressed.push(entry.compressedSize);
    members.uncompressed.push(entry.uncompressedSize);
    members.crcs.push(entry.crc32);
    members.methods.push(entry.compressionMethod);
    const mode = unixMode !== 0 ? unixMode : isFolder ? S_IFDIR | 0o755 : S_IFREG | 0o644;
    const base = { path: checked.path, mode, ...(modified === undefined ? {} : { modified }) };
    if (isFolder) {
      builder.add({ ...base, type: 'directory' });
      return;
    }
    const refusal = ZipSource.refusal(name, entry, limits);
    if (refusal) {
      members.refusals.set(id, refusal.error);
      problems.push({ path: name, code: refusal.code, message: refusal.error.message });
    }
    if (format === S_IFLNK) {
      let target: string | undefined;
      if (!refusal && entry.uncompressedSize <= MAX_LINK_TARGET_BYTES) {
        try {
          target = (await readMember(zip, id, members, MAX_LINK_TARGET_BYTES)).bytes.toString('utf8');
        } catch (error) {
          problems.push({ path: name, code: 'corrupt', message: describeError(error) });
        }
      }
      builder.add({ ...base, type: 'symlink', size: 0, ...(target === undefined ? {} : { target }) });
      if (target !== undefined) ZipSource.checkLink(checked.path, target, problems);
      return;
    }
    const added = builder.add({ ...base, type: 'file', size: entry.uncompressedSize });
    if (added !== id) throw new Error('zip index out of step');
  }

  private static checkLink(path: string, target: string, problems: SourceProblem[]): void {
    // Absolute targets are device paths: never followed, but normal in a dump, so not a problem.
    if (target.startsWith('/')) return;
    const resolved = resolveLinkTarget(path, target);
    if ('refused' in resolved) problems.push({ path, code: 'symlink-outside', message: `${path} ${resolved.refused}; it is listed but never followed` });
  }

  private static refusal(name: string, entry: yauzl.Entry, limits: ArchiveLimits): { code: SourceProblem['code']; error: ArtifactError } | undefined {
    if ((entry.generalPurposeBitFlag & FLAG_ENCRYPTED) !== 0) {
      return { code: 'encrypted', error: new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `${name} is encrypted inside the zip, and Exhibit does not read encrypted zip members`) };
    }
    if (entry.compressionMethod !== METHOD_STORED && entry.compressionMethod !== METHOD_DEFLATED) {
      return { code: 'unsupported', error: new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `${name} uses zip compression method ${entry.compressionMethod}, which Exhibit does not read (only stored and deflate)`) };
    }
    if (entry.compressionMethod === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
      return { code: 'corrupt', error: new ArtifactError('ARTIFACT_CORRUPT', `${name} is stored uncompressed but declares two different sizes; the zip is damaged`) };
    }
    if (entry.uncompressedSize > limits.maxMemberBytes) {
      return { code: 'too-large', error: new ArtifactError('FILE_TOO_LARGE', `${name} declares ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxMemberBytes)} limit for one member, so it is not read`) };
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
      return {
        code: 'bomb',
        error: new ArtifactError('FILE_TOO_LARGE', `${name} would expand ${Math.round(ratio)} times (${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)}), more than the ${limits.maxRatio}:1 limit, so it is refused as a zip bomb`),
      };
    }
    return undefined;
  }

  /** Members whose compressed data overlaps another's: the trick behind non-recursive zip bombs. */
  private static refuseOverlaps(members: MemberColumns, problems: SourceProblem[]): void {
    const ids = members.offsets.map((_, id) => id).sort((a, b) => (members.offsets[a] ?? 0) - (members.offsets[b] ?? 0));
    let previous: number | undefined;
    for (const id of ids) {
      if ((members.compressed[id] ?? 0) === 0 && (members.uncompressed[id] ?? 0) === 0) continue;
      if (previous !== undefined) {
        const end = (members.offsets[previous] ?? 0) + LOCAL_HEADER_BYTES + (members.compressed[previous] ?? 0);
        if ((members.offsets[id] ?? 0) < end) {
          for (const shared of [previous, id]) {
            if (members.refusals.has(shared)) continue;
            const name = members.names[shared] ?? '';
            const error = new ArtifactError('ARTIFACT_CORRUPT', `${name} shares its compressed data with another member (an overlapping-member zip bomb), so it is not read`);
            members.refusals.set(shared, error);
            problems.push({ path: name, code: 'bomb', message: error.message });
          }
        }
      }
      previous = id;
    }
  }

  protected get table(): EntryTable {
    return this.index;
  }

  protected entryAt(index: number): SourceEntry {
    const row = this.index.at(index);
    const entry: SourceEntry = { path: row.path, type: row.type, size: row.type === 'file' ? row.size : 0, times: {} };
    if (row.mode !== undefined) entry.mode = row.mode;
    const modified = isoFromMicros(row.modified);
    if (modified !== undefined) entry.times.modified = modified;
    if (row.target !== undefined) entry.target = row.target;
    return entry;
  }

  private idOf(index: number): number {
    return this.index.idAt(index);
  }

  protected unavailable(index: number): ArtifactError | undefined {
    return this.members.refusals.get(this.idOf(index));
  }

  private stored(id: number): string {
    return `${this.storedPrefix}${this.members.names[id] ?? ''}`;
  }

  /** A failed read is also a problem of the acquisition, so the coverage shows it. */
  private failed(id: number, error: unknown): ArtifactError {
    const artifactError = error instanceof ArtifactError ? error : new ArtifactError('ARTIFACT_CORRUPT', `${this.members.names[id] ?? ''} cannot be read from the zip (${describeError(error)})`, error);
    this.report({ path: this.members.names[id] ?? '', code: 'corrupt', message: artifactError.message });
    return artifactError;
  }

  protected async readBytes(index: number, maxBytes: number): Promise<ReadBytes> {
    const id = this.idOf(index);
    try {
      const { bytes, sha256 } = await readMember(this.zip, id, this.members, maxBytes);
      return { bytes, sha256, stored: this.stored(id) };
    } catch (error) {
      throw this.failed(id, error);
    }
  }

  protected async copyBytes(index: number, destination: string): Promise<CopiedBytes> {
    const id = this.idOf(index);
    const declared = this.members.uncompressed[id] ?? 0;
    const name = this.members.names[id] ?? '';
    const room = this.budget.reserve(declared);
    if (!room.ok) {
      const error = new ArtifactError('FILE_TOO_LARGE', `${name} was not copied to the working folder: ${room.reason}`);
      this.report({ path: name, code: room.code, message: error.message });
      throw error;
    }
    try {
      const check = new MemberCheck(name, declared, this.members.crcs[id] ?? 0);
      await pipeline(await openMemberStream(this.zip, id, this.members), check, createWriteStream(destination, { mode: 0o600 }));
      return { size: check.size, sha256: check.sha256, stored: this.stored(id) };
    } catch (error) {
      rmSync(destination, { force: true });
      this.budget.release(declared);
      throw this.failed(id, error);
    }
  }

  /**
   * For the seal: the SHA-256 of the member as it decompresses (what an analyst gets by
   * extracting the zip and hashing the file), checked against its CRC-32 on the way, with
   * nothing written; not added to digests(). The zip file's own bytes are not what is hashed.
   */
  async hashFile(path: string): Promise<FileDigest> {
    const id = this.idOf(this.locate(path));
    const name = this.members.names[id] ?? '';
    const check = new MemberCheck(name, this.members.uncompressed[id] ?? 0, this.members.crcs[id] ?? 0);
    try {
      await pipeline(await openMemberStream(this.zip, id, this.members), check, discard());
    } catch (error) {
      throw this.failed(id, error);
    }
    return { path, stored: this.stored(id), size: check.size, sha256: check.sha256 };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.zip.close();
  }
}

function openMemberStream(zip: yauzl.ZipFile, id: number, members: MemberColumns): Promise<Readable> {
  const offset = members.offsets[id] ?? 0;
  const compressed = members.compressed[id] ?? 0;
  const uncompressed = members.uncompressed[id] ?? 0;
  const method = members.methods[id] ?? METHOD_STORED;
  // yauzl reads a local header from these two fields only; its Entry objects are too heavy to keep per member.
  const located = { relativeOffsetOfLocalHeader: offset, compressedSize: compressed } as unknown as yauzl.Entry;
  return new Promise((resolve, reject) => {
    zip.readLocalFileHeader(located, { minimal: true }, (error, header) => {
      if (error) {
        reject(error);
        return;
      }
      zip.openReadStreamLowLevel(header.fileDataStart, compressed, 0, compressed, method === METHOD_DEFLATED, uncompressed, (streamError, stream) =>
        streamError ? reject(streamError) : resolve(stream),
      );
    });
  });
}

/** A sink that drops what it is given: the seal wants a member's hash, not its bytes. */
function discard(): Writable {
  return new Writable({
    write(_chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      callback();
    },
  });
}

/** Reads a whole member into memory, checked; refuses more than maxBytes. */
async function readMember(zip: yauzl.ZipFile, id: number, members: MemberColumns, maxBytes: number): Promise<{ bytes: Buffer; sha256: string }> {
  const name = members.names[id] ?? '';
  const declared = members.uncompressed[id] ?? 0;
  if (declared > maxBytes) throw new ArtifactError('FILE_TOO_LARGE', `${name} is ${declared} bytes, more than the ${maxBytes} bytes this artifact reads`);
  const check = new MemberCheck(name, declared, members.crcs[id] ?? 0);
  const chunks: Buffer[] = [];
  await pipeline(await openMemberStream(zip, id, members), check, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return { bytes: Buffer.concat(chunks), sha256: check.sha256 };
}

/** Opens a zip file as a Source of the given kind; the caller has recognised what it holds. */
export function openZipSource(path: string, kind: AcquisitionKind, workDir: WorkingDir, options?: ZipSourceOptions): Promise<ZipSource> {
  return ZipSource.open(path, kind, workDir, options);
}
