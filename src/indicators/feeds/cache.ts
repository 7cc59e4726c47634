/**
 * The indicator cache on disk: bundle files side by side with manifest.json, which records
 * for each file where it came from, when it was downloaded and its SHA-256. The manifest is
 * the only list the loader trusts: a file it does not name is ignored, and a file whose
 * bytes no longer match its recorded digest stops the run. Every write goes to a temporary
 * file in the same folder and is renamed over the old one, so a reader sees the old file or
 * the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

import { describeError } from '../../errors.js';

export const MANIFEST_NAME = 'manifest.json';
export const CACHE_FORMAT = 'exhibit-indicator-cache/1';
const PARTIAL_SUFFIX = '.partial';
/** Thousands of entries fit; a larger manifest is not one Exhibit wrote. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface CachedBundleRecord {
  /** File name inside the cache folder. */
  file: string;
  /** Where it was last downloaded from. */
  url: string;
  /** The index entry's name, when it had one. */
  name: string | null;
  /** When it was last downloaded and checked (UTC ISO 8601). */
  downloaded: string;
  sha256: string;
  bytes: number;
}

export interface CacheManifest {
  format: typeof CACHE_FORMAT;
  /** The index the last update read, and when. */
  index: string | null;
  updated: string | null;
  /** Sorted by file name. */
  bundles: CachedBundleRecord[];
}

export type ManifestRead = { state: 'absent' } | { state: 'ok'; manifest: CacheManifest } | { state: 'damaged'; reason: string };

export function emptyManifest(): CacheManifest {
  return { format: CACHE_FORMAT, index: null, updated: null, bundles: [] };
}

/** A name that stays inside the folder and is not the manifest or a temporary file. */
export function isPlainCacheFileName(name: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) &&
    name.length <= 255 &&
    name.toLowerCase() !== MANIFEST_NAME &&
    !name.endsWith(PARTIAL_SUFFIX)
  );
}

type JsonMap = { [key: string]: unknown };

function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(map: JsonMap, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function readRecord(value: unknown, position: number): CachedBundleRecord | string {
  const where = `bundles[${position}]`;
  if (!isMap(value)) return `${where}: expected an object`;
  const file = own(value, 'file');
  const url = own(value, 'url');
  const name = own(value, 'name');
  const downloaded = own(value, 'downloaded');
  const sha256 = own(value, 'sha256');
  const bytes = own(value, 'bytes');
  if (typeof file !== 'string' || !isPlainCacheFileName(file)) return `${where}.file: expected a plain file name`;
  if (typeof url !== 'string' || url === '') return `${where}.url: expected a URL`;
  if (name !== null && typeof name !== 'string') return `${where}.name: expected text or null`;
  if (typeof downloaded !== 'string' || Number.isNaN(Date.parse(downloaded))) return `${where}.downloaded: expected a date`;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return `${where}.sha256: expected 64 lower-case hex digits`;
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return `${where}.bytes: expected a byte count`;
  return { file, url, name, downloaded, sha256, bytes };
}

export function parseManifest(text: string): CacheManifest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${describeError(error)})`;
  }
  if (!isMap(json)) return 'expected a JSON object';
  if (own(json, 'format') !== CACHE_FORMAT) return `format: expected '${CACHE_FORMAT}'`;
  const index = own(json, 'index');
  const updated = own(json, 'updated');
  const bundles = own(json, 'bundles');
  if (index !== null && typeof index !== 'string') return 'index: expected a URL or null';
  if (updated !== null && typeof updated !== 'string') return 'updated: expected a date or null';
  if (!Array.isArray(bundles)) return 'bundles: expected a list';
  const records: CachedBundleRecord[] = [];
  const files = new Set<string>();
  for (const [position, value] of bundles.entries()) {
    const record = readRecord(value, position);
    if (typeof record === 'string') return record;
    if (files.has(record.file)) return `bundles[${position}].file: '${record.file}' is listed twice`;
    files.add(record.file);
    records.push(record);
  }
  return { format: CACHE_FORMAT, index, updated, bundles: records };
}

export async function readCacheManifest(folder: string): Promise<ManifestRead> {
  let text: string;
  const file = path.join(folder, MANIFEST_NAME);
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_MANIFEST_BYTES) return { state: 'damaged', reason: `larger than ${MAX_MANIFEST_BYTES} bytes` };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    // No folder or no manifest: nothing was ever downloaded, which is the normal first state.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'absent' };
    return { state: 'damaged', reason: `cannot be read (${describeError(error)})` };
  }
  const manifest = parseManifest(text);
  return typeof manifest === 'string' ? { state: 'damaged', reason: manifest } : { state: 'ok', manifest };
}

/** Writes bytes to folder/name through a temporary file and a rename. */
export async function writeFileAtomically(folder: string, name: string, bytes: Uint8Array): Promise<void> {
  // The random part only keeps two concurrent updates from sharing a temporary file.
  const temporary = path.join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path.join(folder, name));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export async function writeCacheManifest(folder: string, manifest: CacheManifest): Promise<void> {
  const sorted: CacheManifest = {
    ...manifest,
    bundles: [...manifest.bundles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
  await writeFileAtomically(folder, MANIFEST_NAME, Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`, 'utf8'));
}

/** Removes temporary files an interrupted update left behind; others' files are left alone. */
export async function removeLeftoverPartials(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith('.') && name.endsWith(PARTIAL_SUFFIX)) await unlink(path.join(folder, name)).catch(() => undefined);
  }
}

export async function readCachedFile(folder: string, record: CachedBundleRecord): Promise<Buffer> {
  return readFile(path.join(folder, record.file));
}
