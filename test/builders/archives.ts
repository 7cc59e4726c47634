/**
 * Writes one tree spec as a folder, a .zip, a .tar and a .tar.gz, so that every Source is
 * tested on the same content; and hostile archives (members that climb out or are
 * absolute, symlinks and hard links that escape, devices, decompression bombs, truncated
 * archives) that the builders of real acquisitions cannot make because their writers
 * refuse such names. Output is a pure function of the spec: no wall clock, no randomness.
 *
 * The zip and tar writers here are minimal and byte-exact on purpose: a hostile member
 * must be written exactly as a hostile tool would write it.
 */
import { createWriteStream, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import zlib from 'node:zlib';
import yazl from 'yazl';
import { Header } from 'tar';

export const DEFAULT_TREE_TIME = new Date('2024-04-30T09:00:00Z');

export type TreeNode =
  | { path: string; content: Buffer | string; modified?: Date; mode?: number }
  | { path: string; directory: true; modified?: Date }
  | { path: string; symlink: string };

export interface TreeSpec {
  nodes: readonly TreeNode[];
  /** Time of nodes without their own (default DEFAULT_TREE_TIME). */
  time?: Date;
}

function isFile(node: TreeNode): node is Extract<TreeNode, { content: Buffer | string }> {
  return 'content' in node;
}

function isDirectory(node: TreeNode): node is Extract<TreeNode, { directory: true }> {
  return 'directory' in node;
}

function bytesOf(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** Every folder the spec implies, parents first. */
function folders(spec: TreeSpec): string[] {
  const out = new Set<string>();
  for (const node of spec.nodes) {
    const parts = node.path.split('/');
    const last = isDirectory(node) ? parts.length : parts.length - 1;
    for (let i = 1; i <= last; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out].sort();
}

function timeOf(spec: TreeSpec, node?: TreeNode): Date {
  return (node && !('symlink' in node) ? node.modified : undefined) ?? spec.time ?? DEFAULT_TREE_TIME;
}

// ---------------------------------------------------------------------------------------
// Folder

/** Writes the tree under `root` (created); symlinks are written as they are, unresolved. */
export function writeTreeFolder(root: string, spec: TreeSpec): string {
  mkdirSync(root, { recursive: true });
  for (const folder of folders(spec)) mkdirSync(join(root, folder), { recursive: true });
  for (const node of spec.nodes) {
    const physical = join(root, node.path);
    if (isFile(node)) {
      writeFileSync(physical, bytesOf(node.content), { mode: node.mode ?? 0o644 });
      utimesSync(physical, timeOf(spec, node), timeOf(spec, node));
    } else if ('symlink' in node) {
      symlinkSync(node.symlink, physical);
    }
  }
  // Folders last and deepest first: writing into a folder changes its time.
  const declared = new Map(spec.nodes.filter(isDirectory).map((node) => [node.path, node]));
  for (const folder of folders(spec).reverse()) {
    const time = timeOf(spec, declared.get(folder));
    utimesSync(join(root, folder), time, time);
  }
  return root;
}

// ---------------------------------------------------------------------------------------
// Zip (yazl for well-formed zips)

export async function writeTreeZip(file: string, spec: TreeSpec): Promise<string> {
  mkdirSync(dirname(file), { recursive: true });
  const zip = new yazl.ZipFile();
  const declared = new Set(spec.nodes.filter(isDirectory).map((node) => node.path));
  for (const folder of folders(spec)) {
    // Only declared folders get an entry: real zips often leave folders implied.
    if (declared.has(folder)) zip.addEmptyDirectory(folder, { mtime: timeOf(spec, spec.nodes.find((n) => n.path === folder)), mode: 0o40755 });
  }
  for (const node of spec.nodes) {
    if (isFile(node)) zip.addBuffer(bytesOf(node.content), node.path, { mtime: timeOf(spec, node), mode: 0o100000 | (node.mode ?? 0o644) });
    else if ('symlink' in node) zip.addBuffer(Buffer.from(node.symlink, 'utf8'), node.path, { mtime: timeOf(spec), mode: 0o120777, compress: false });
  }
  zip.end();
  const out = createWriteStream(file);
  zip.outputStream.pipe(out);
  await once(out, 'close');
  return file;
}

// ---------------------------------------------------------------------------------------
// Raw zip (any name, any declared size)

export interface RawZipMember {
  /** Written byte for byte: may climb out, be absolute, use backslashes. */
  name: string;
  /** Uncompressed content; or `deflated` with declared sizes for a bomb. */
  content?: Buffer;
  deflated?: { data: Buffer; uncompressedSize: number; crc: number };
  /** Override what the headers declare (a lying zip). */
  declaredSize?: number;
  declaredCrc?: number;
  /** st_mode stored in the external attributes (made by Unix). */
  mode?: number;
  modified?: Date;
  store?: boolean;
}

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** A zip written field by field (no zip64), for members a well-behaved writer refuses. */
export function rawZip(members: readonly RawZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    let data: Buffer;
    let method: number;
    let size: number;
    let crc: number;
    if (member.deflated) {
      data = member.deflated.data;
      method = 8;
      size = member.deflated.uncompressedSize;
      crc = member.deflated.crc;
    } else {
      const content = member.content ?? Buffer.alloc(0);
      data = member.store ? content : zlib.deflateRawSync(content);
      method = member.store ? 0 : 8;
      size = content.length;
      crc = zlib.crc32(content);
    }
    size = member.declaredSize ?? size;
    crc = member.declaredCrc ?? crc;
    const { time, date } = dosDateTime(member.modified ?? DEFAULT_TREE_TIME);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((member.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---------------------------------------------------------------------------------------
// Zeros that compress ~1000:1, made without compressing a gigabyte

const MiB = 1024 * 1024;
const ZEROS = Buffer.alloc(MiB);
const SYNC = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 };
let zeroBlock: Buffer | undefined;

/** One MiB of zeros, deflated and sync-flushed: a block that can follow any other. */
function deflatedMiB(): Buffer {
  zeroBlock ??= zlib.deflateRawSync(ZEROS, SYNC);
  return zeroBlock;
}

/** CRC-32 of `crc`'s data followed by `mebibytes` MiB of zeros. */
function crcThroughZeros(crc: number, mebibytes: number): number {
  let out = crc;
  for (let i = 0; i < mebibytes; i++) out = zlib.crc32(ZEROS, out);
  return out;
}

/**
 * A raw deflate stream of `mebibytes` MiB of zeros: one sync-flushed MiB repeated (each
 * copy only refers back into itself, so copies chain), then an empty final block. About
 * 1 KiB per MiB, built in milliseconds; `prefix` is compressed in front (a tar header).
 */
export function deflatedZeros(mebibytes: number, prefix = Buffer.alloc(0)): { data: Buffer; uncompressedSize: number; crc: number } {
  const parts = prefix.length > 0 ? [zlib.deflateRawSync(prefix, SYNC)] : [];
  for (let i = 0; i < mebibytes; i++) parts.push(deflatedMiB());
  parts.push(Buffer.from([0x03, 0x00]));
  return { data: Buffer.concat(parts), uncompressedSize: prefix.length + mebibytes * MiB, crc: crcThroughZeros(zlib.crc32(prefix), mebibytes) };
}

/** A zip whose one member `name` is `mebibytes` MiB of zeros, declared honestly. */
export function zipBomb(name: string, mebibytes: number): Buffer {
  return rawZip([{ name: 'readme.txt', content: Buffer.from('hello\n') }, { name, deflated: deflatedZeros(mebibytes) }]);
}

// ---------------------------------------------------------------------------------------
// Tar

export interface RawTarMember {
  /** Written as given: may climb out or be absolute. */
  name: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  content?: Buffer;
  linkpath?: string;
  mode?: number;
  modified?: Date;
}

const BLOCK = 512;

function pad(length: number): Buffer {
  return Buffer.alloc((BLOCK - (length % BLOCK)) % BLOCK);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
  return `${length}${body}`;
}

/** One member's header blocks (a pax header first when the name is too long for ustar). */
export function tarHeader(member: RawTarMember, size: number): Buffer {
  const fields = {
    path: member.name,
    mode: member.mode ?? (member.type === 'Directory' ? 0o755 : 0o644),
    uid: 501,
    gid: 501,
    size,
    mtime: member.modified ?? DEFAULT_TREE_TIME,
    type: member.type ?? 'File',
    uname: 'mobile',
    gname: 'mobile',
    ...(member.linkpath === undefined ? {} : { linkpath: member.linkpath }),
  } as const;
  const block = Buffer.alloc(BLOCK);
  const header = new Header(fields);
  const needsPax = header.encode(block, 0);
  if (!needsPax) return block;
  const records = Buffer.from(paxRecord('path', member.name) + (member.linkpath ? paxRecord('linkpath', member.linkpath) : ''), 'utf8');
  const paxHeader = Buffer.alloc(BLOCK);
  new Header({ path: 'PaxHeader/member', mode: 0o644, size: records.length, mtime: fields.mtime, type: 'ExtendedHeader' }).encode(paxHeader, 0);
  const short = Buffer.alloc(BLOCK);
  new Header({ ...fields, path: member.name.slice(-99) }).encode(short, 0);
  return Buffer.concat([paxHeader, records, pad(records.length), short]);
}

/** A tar written block by block; members are written exactly as given. */
export function rawTar(members: readonly RawTarMember[]): Buffer {
  const parts: Buffer[] = [];
  for (const member of members) {
    const content = member.content ?? Buffer.alloc(0);
    parts.push(tarHeader(member, content.length), content, pad(content.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** The tree spec as tar members, folders first, then everything in path order. */
export function treeTarMembers(spec: TreeSpec): RawTarMember[] {
  const declared = new Map(spec.nodes.filter(isDirectory).map((node) => [node.path, node]));
  const members: RawTarMember[] = [];
  for (const folder of folders(spec)) {
    members.push({ name: `${folder}/`, type: 'Directory', modified: timeOf(spec, declared.get(folder)) });
  }
  for (const node of [...spec.nodes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (isFile(node)) members.push({ name: node.path, content: bytesOf(node.content), mode: node.mode ?? 0o644, modified: timeOf(spec, node) });
    else if ('symlink' in node) members.push({ name: node.path, type: 'SymbolicLink', linkpath: node.symlink, mode: 0o777, modified: timeOf(spec) });
  }
  return members;
}

export function writeTreeTar(file: string, spec: TreeSpec, options: { gzip?: boolean; prefix?: string } = {}): string {
  mkdirSync(dirname(file), { recursive: true });
  const prefix = options.prefix ?? '';
  const members = treeTarMembers(spec).map((member) => ({ ...member, name: `${prefix}${member.name}` }));
  const tar = rawTar(members);
  writeFileSync(file, options.gzip ? zlib.gzipSync(tar) : tar);
  return file;
}

/** A .tar.gz holding `readme.txt` then `name`: `mebibytes` MiB of zeros, in a ~1000:1 gzip. */
export function tarGzBomb(name: string, mebibytes: number): Buffer {
  const readme = Buffer.from('hello\n');
  const head = Buffer.concat([tarHeader({ name: 'readme.txt' }, readme.length), readme, pad(readme.length), tarHeader({ name }, mebibytes * MiB)]);
  const parts = [zlib.deflateRawSync(head, SYNC)];
  for (let i = 0; i < mebibytes; i++) parts.push(deflatedMiB());
  let crc = crcThroughZeros(zlib.crc32(head), mebibytes);
  const tail = Buffer.alloc(BLOCK * 2);
  parts.push(zlib.deflateRawSync(tail));
  crc = zlib.crc32(tail, crc);
  const total = head.length + mebibytes * MiB + tail.length;
  const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(total % 2 ** 32, 4);
  return Buffer.concat([gzipHeader, ...parts, trailer]);
}

/** The first `fraction` of an archive's bytes: a copy interrupted part-way. */
export function truncated(bytes: Buffer, fraction: number): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}
