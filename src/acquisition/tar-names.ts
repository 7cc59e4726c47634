/**
 * The first member names of a .tar or .tar.gz, read synchronously for the cheap `recognise`
 * step of openers (is this tar a file-system dump, a sysdiagnose?). A plain tar is walked
 * header to header, seeking over contents; a gzipped one is inflated only as far as a
 * bounded window. Returns null when the file is not a tar, so the next opener is tried.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import zlib from 'node:zlib';

const BLOCK = 512;
/** Compressed bytes read from a .tar.gz, and what they may inflate to: enough for thousands of headers. */
const GZIP_READ = 4 * 1024 * 1024;
const GZIP_WINDOW = 32 * 1024 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number | null {
  const value = text(block, start, length).trim();
  if (value === '') return 0;
  if (!/^[0-7]+$/.test(value)) return null;
  return parseInt(value, 8);
}

/** A header block's checksum is the byte sum with the checksum field read as spaces. */
function isHeader(block: Buffer): boolean {
  if (block.length < BLOCK) return false;
  const stored = octal(block, 148, 8);
  if (stored === null) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === stored;
}

/** The `path` record of PAX extended-header records (`<length> <key>=<value>\n`…). */
function paxPath(records: string): string | undefined {
  let path: string | undefined;
  for (const record of records.split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) path = match[1];
  }
  return path;
}

type BlockReader = (position: number, length: number) => Buffer;

/** Walks headers from position 0; `readBlocks` returns fewer bytes at the end of what is available. */
function walk(readBlocks: BlockReader, limit: number): string[] | null {
  const names: string[] = [];
  let position = 0;
  let longName: string | undefined;
  while (names.length < limit) {
    const header = readBlocks(position, BLOCK);
    if (header.length < BLOCK) break;
    if (header.every((byte) => byte === 0)) break;
    if (!isHeader(header)) return names.length > 0 ? names : null;
    const size = octal(header, 124, 12) ?? 0;
    const type = String.fromCharCode(header[156] ?? 0);
    const contentStart = position + BLOCK;
    position = contentStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      // GNU long name: the next header's name is this member's content.
      longName = text(readBlocks(contentStart, Math.min(size, 64 * 1024)), 0, size);
      continue;
    }
    if (type === 'x') {
      // PAX extended header: a `path` record overrides the next member's name.
      const path = paxPath(readBlocks(contentStart, Math.min(size, 64 * 1024)).toString('utf8'));
      if (path !== undefined) longName = path;
      continue;
    }
    if (type === 'g') continue;
    const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? text(header, 345, 155) : '';
    const name = longName ?? (prefix === '' ? text(header, 0, 100) : `${prefix}/${text(header, 0, 100)}`);
    longName = undefined;
    names.push(name);
  }
  return names;
}

/**
 * The start of a gzip stream inflated into at most GZIP_WINDOW bytes. Highly compressible
 * content would overflow the window, so less input is tried until it fits.
 */
function inflateWindow(compressed: Buffer): Buffer | null {
  let length = compressed.length;
  for (;;) {
    try {
      return zlib.gunzipSync(compressed.subarray(0, length), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: GZIP_WINDOW });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE' || length <= 16 * 1024) return null;
      length = Math.floor(length / 4);
    }
  }
}

/** Two openers (sysdiagnose, then file-system dump) ask about the same input in a row: peek once. */
let lastPeek: { key: string; names: string[] | null } | undefined;

export function tarMemberNames(path: string, limit = 5000): string[] | null {
  let key: string;
  try {
    const stats = statSync(path);
    key = `${path}\u0000${stats.size}\u0000${stats.mtimeMs}\u0000${limit}`;
  } catch {
    return null;
  }
  if (lastPeek?.key !== key) lastPeek = { key, names: peekTarMemberNames(path, limit) };
  return lastPeek.names;
}

function peekTarMemberNames(path: string, limit: number): string[] | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = readAt(fd, 0, 2);
    if (!(head.length === 2 && head[0] === 0x1f && head[1] === 0x8b)) {
      if (fstatSync(fd).size < BLOCK) return null;
      return walk((position, length) => readAt(fd, position, length), limit);
    }
    const inflated = inflateWindow(readAt(fd, 0, GZIP_READ));
    if (inflated === null) return null;
    return walk((position, length) => inflated.subarray(position, position + length), limit);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
