/**
 * Finds, reads and digests indicator bundles — the shipped defaults, the cache that
 * `exhibit iocs update` fills, the user's `--iocs` files and the EXHIBIT_IOCS list — and
 * builds one IndicatorIndex. Nothing here touches the network. A bundle the user named, or
 * a cached bundle, that cannot be used stops the run with an IndicatorError saying what to
 * do: silently checking without indicators the user asked for would give a false "clean".
 *
 * A cached bundle supersedes the shipped bundle with the same file name: the cache holds a
 * newer download of the same feed (the cache names files so that they line up, see
 * feeds/index-file.ts), and loading both would keep indicators the publisher withdrew.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describeError, IndicatorError } from '../errors.js';
import { MAX_BUNDLE_BYTES, readBundleBytes, sha256Hex } from './bundle-bytes.js';
import { MANIFEST_NAME, readCacheManifest, type CachedBundleRecord } from './feeds/cache.js';
import { indicatorCacheFolder } from './feeds/data-dir.js';
import { IndicatorIndex } from './indicator-index.js';
import type { BundleOrigin, BundleRef, Indicator, LoadedBundle } from './types.js';

export interface LoadIndicatorOptions {
  /** Files (or folders) named with --iocs. */
  files?: string[];
  /** The value of EXHIBIT_IOCS: files or folders separated by path.delimiter. */
  environment?: string | undefined;
  /** Load the bundles shipped in the package's iocs/ folder; default true. */
  includeShipped?: boolean;
  /**
   * The indicator cache folder to load (see feeds/data-dir.ts). Omitted: the current user's
   * cache, from EXHIBIT_DATA_DIR or the platform's data folder. null: no cache.
   */
  cacheFolder?: string | null;
}

const FOLDER_EXTENSIONS = new Set(['.stix2', '.json']);

/** The package's iocs/ folder; both src/indicators/ and dist/indicators/ sit two levels below the root. */
export function shippedIndicatorFolder(): string {
  return fileURLToPath(new URL('../../iocs/', import.meta.url));
}

interface Candidate {
  path: string;
  origin: BundleOrigin;
  /** For origin 'cache': what the manifest recorded about the file. */
  record?: CachedBundleRecord;
  supersedes?: BundleRef;
}

interface ReadBundle extends Candidate {
  bytes: Buffer;
  sha256: string;
}

export async function loadIndicatorSet(options: LoadIndicatorOptions): Promise<IndicatorIndex> {
  const candidates: Candidate[] = [];
  const cacheFolder = options.cacheFolder === undefined ? indicatorCacheFolder() : options.cacheFolder;
  const cached = cacheFolder === null ? [] : await cacheCandidates(cacheFolder);
  const shipped = (options.includeShipped ?? true) ? await shippedCandidates() : [];
  const cachedByName = new Map(cached.map((candidate) => [path.basename(candidate.path), candidate]));
  for (const candidate of shipped) {
    const newer = cachedByName.get(path.basename(candidate.path));
    if (newer === undefined) candidates.push(candidate);
    else newer.supersedes = { file: path.basename(candidate.path), sha256: (await readCandidate(candidate)).sha256 };
  }
  candidates.push(...cached);
  for (const entry of splitEnvironment(options.environment)) {
    candidates.push(...(await namedCandidates(entry, 'environment')));
  }
  for (const entry of options.files ?? []) candidates.push(...(await namedCandidates(entry, 'option')));

  const read = await Promise.all(candidates.map(readCandidate));
  const bundles: LoadedBundle[] = [];
  const indicators: Indicator[] = [];
  const seen = new Set<string>();
  for (const candidate of read) {
    // The same bytes reached twice (shipped and named, or two folders) count once.
    if (seen.has(candidate.sha256)) continue;
    seen.add(candidate.sha256);
    const { bundle, parsed } = parseCandidate(candidate);
    bundles.push(bundle);
    indicators.push(...parsed);
  }
  return new IndicatorIndex(bundles, indicators);
}

function splitEnvironment(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(path.delimiter)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function whereNamed(origin: BundleOrigin): string {
  switch (origin) {
    case 'option':
      return 'the path given with --iocs';
    case 'environment':
      return 'the EXHIBIT_IOCS setting';
    case 'shipped':
      return 'the Exhibit installation (reinstall it)';
    case 'cache':
      return 'the indicator cache (run `exhibit iocs update` again to repair it)';
  }
}

/** The bundles the cache manifest lists; an absent cache (never updated) is empty, a damaged one stops the run. */
async function cacheCandidates(folder: string): Promise<Candidate[]> {
  const read = await readCacheManifest(folder);
  if (read.state === 'absent') return [];
  if (read.state === 'damaged') {
    throw new IndicatorError(
      'INDICATOR_CACHE_INVALID',
      `The indicator cache manifest ${path.join(folder, MANIFEST_NAME)} is damaged (${read.reason}); run \`exhibit iocs update\` again, or delete the folder ${folder} to use the shipped indicators only.`,
    );
  }
  return read.manifest.bundles.map((record) => ({ path: path.join(folder, record.file), origin: 'cache' as const, record }));
}

async function shippedCandidates(): Promise<Candidate[]> {
  const folder = shippedIndicatorFolder();
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new IndicatorError(
      'INDICATOR_FILE_UNREADABLE',
      `The shipped indicator folder ${folder} cannot be read (${describeError(error)}); reinstall Exhibit.`,
      error,
    );
  }
  return names
    .filter((name) => name.toLowerCase().endsWith('.stix2'))
    .sort()
    .map((name) => ({ path: path.join(folder, name), origin: 'shipped' as const }));
}

async function namedCandidates(entry: string, origin: BundleOrigin): Promise<Candidate[]> {
  const resolved = path.resolve(entry);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(resolved)).isDirectory();
  } catch (error) {
    throw unreadable(resolved, origin, error);
  }
  if (!isDirectory) return [{ path: resolved, origin }];
  const files = await searchFolder(resolved, origin);
  if (files.length === 0) {
    throw new IndicatorError(
      'INDICATOR_FILE_UNREADABLE',
      `The indicator folder ${resolved} holds no .stix2 or .json file; add bundles to it or check ${whereNamed(origin)}.`,
    );
  }
  return files.map((file) => ({ path: file, origin }));
}

/**
 * Every *.stix2 and *.json below the folder, in a stable order. Hidden folders are skipped
 * (.git and the like hold JSON that is not indicators) and symbolic links to folders are
 * not followed, so a link cycle cannot loop.
 */
async function searchFolder(folder: string, origin: BundleOrigin): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw unreadable(folder, origin, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) out.push(...(await searchFolder(full, origin)));
      continue;
    }
    if (!FOLDER_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
    if (entry.isFile()) out.push(full);
    else if (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isFile() === true) out.push(full);
  }
  return out;
}

async function readCandidate(candidate: Candidate): Promise<ReadBundle> {
  let bytes: Buffer;
  try {
    const info = await stat(candidate.path);
    if (info.isDirectory()) throw new Error('it is a folder');
    if (info.size > MAX_BUNDLE_BYTES) {
      throw new IndicatorError(
        'INDICATOR_FILE_INVALID',
        `The indicator file ${candidate.path} is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB, too large for a STIX2 bundle; check ${whereNamed(candidate.origin)}.`,
      );
    }
    bytes = await readFile(candidate.path);
  } catch (error) {
    if (error instanceof IndicatorError) throw error;
    throw unreadable(candidate.path, candidate.origin, error);
  }
  const sha256 = sha256Hex(bytes);
  if (candidate.record !== undefined && candidate.record.sha256 !== sha256) {
    throw new IndicatorError(
      'INDICATOR_CACHE_INVALID',
      `The cached indicator file ${candidate.path} no longer matches the SHA-256 recorded when it was downloaded; run \`exhibit iocs update\` again to replace it.`,
    );
  }
  return { ...candidate, bytes, sha256 };
}

function parseCandidate(candidate: ReadBundle): { bundle: LoadedBundle; parsed: Indicator[] } {
  const file = path.basename(candidate.path);
  const result = readBundleBytes(candidate.bytes, file, candidate.sha256);
  if (!result.ok && result.problem === 'not-json') {
    throw new IndicatorError(
      'INDICATOR_FILE_INVALID',
      `The indicator file ${candidate.path} is not valid JSON (${result.detail}); give a STIX2 bundle or check ${whereNamed(candidate.origin)}.`,
    );
  }
  if (!result.ok) {
    throw new IndicatorError(
      'INDICATOR_FILE_INVALID',
      `The indicator file ${candidate.path} is not a STIX2 bundle (${result.problems.join(', ')}); give a file whose top level has "type": "bundle" and an "objects" list, or check ${whereNamed(candidate.origin)}.`,
    );
  }
  const counts = result.counts;
  const bundle: LoadedBundle = {
    file,
    path: candidate.path,
    sha256: candidate.sha256,
    origin: candidate.origin,
    malware: result.malware,
    counts,
    total: result.indicators.length,
    skipped: result.skipped,
  };
  if (candidate.record !== undefined) {
    bundle.cache = { url: candidate.record.url, downloaded: candidate.record.downloaded };
    if (candidate.supersedes !== undefined) bundle.cache.supersedes = candidate.supersedes;
  }
  return { bundle, parsed: result.indicators };
}

function unreadable(file: string, origin: BundleOrigin, error: unknown): IndicatorError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const what =
    code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${describeError(error)})`;
  return new IndicatorError('INDICATOR_FILE_UNREADABLE', `The indicator file ${file} ${what}; check ${whereNamed(origin)}.`, error);
}
