/**
 * `exhibit iocs update`: fetch the feed index, then each bundle it lists, and let a bundle
 * into the cache only once it has been read in full and parsed as a STIX2 bundle holding at
 * least one usable indicator. A bundle that fails — not found, cut short, too large, not a
 * bundle — is reported with its reason and leaves the cached copy exactly as it was.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { describeError, IndicatorError } from '../../errors.js';
// The loader's own cap: a bundle it would refuse must not enter the cache.
import { MAX_BUNDLE_BYTES, readBundleBytes, sha256Hex, type BundleBytesResult } from '../bundle-bytes.js';
import type { Indicator, IndicatorKind } from '../types.js';
import {
  emptyManifest,
  readCacheManifest,
  removeLeftoverPartials,
  writeCacheManifest,
  writeFileAtomically,
  type CacheManifest,
  type CachedBundleRecord,
} from './cache.js';
import { DEFAULT_TIMEOUT_MS, download, type DownloadLimits } from './download.js';
import { parseFeedIndex, type FeedEntry } from './index-file.js';

/** Far above the largest public index (15 entries, 10 kB). */
export const MAX_INDEX_BYTES = 1024 * 1024;

export interface UpdateOptions {
  indexUrl: string;
  cacheFolder: string;
  timeoutMs?: number;
  maxBundleBytes?: number;
  maxIndexBytes?: number;
  /** The clock for the manifest's download times; tests pin it. */
  now?: () => Date;
}

export interface IndicatorKey {
  kind: IndicatorKind;
  /** The normalised value, the form look-ups compare. */
  value: string;
}

export type BundleStatus = 'new' | 'updated' | 'unchanged' | 'failed';

export interface BundleUpdate {
  /** Position of the entry in the index (1-based). */
  position: number;
  name: string | null;
  /** Cache file name; null for an index entry too broken to name a file. */
  file: string | null;
  url: string | null;
  status: BundleStatus;
  /** Why it failed. */
  reason?: string;
  sha256?: string;
  indicators?: number;
  previous?: { sha256: string; indicators: number; url: string };
  added: IndicatorKey[];
  removed: IndicatorKey[];
  /** For a failure: whether a good cached copy remains in use. */
  keptPrevious?: boolean;
}

export interface UpdateReport {
  index: string;
  folder: string;
  bundles: BundleUpdate[];
  /** Cached bundles this index no longer lists: kept, never deleted behind the user's back. */
  notListed: { file: string; url: string }[];
  /** Set when the manifest could not be read and was started afresh. */
  manifestReset?: string;
}

export function updateHadFailures(report: UpdateReport): boolean {
  return report.bundles.some((bundle) => bundle.status === 'failed');
}

function compareKeys(a: IndicatorKey, b: IndicatorKey): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** Indicators are compared by kind and normalised value; the STIX ids and patterns may be regenerated. */
function keySet(indicators: readonly Indicator[]): Map<string, IndicatorKey> {
  const keys = new Map<string, IndicatorKey>();
  for (const indicator of indicators) keys.set(`${indicator.kind}\u0000${indicator.normalized}`, { kind: indicator.kind, value: indicator.normalized });
  return keys;
}

function difference(from: Map<string, IndicatorKey>, minus: Map<string, IndicatorKey>): IndicatorKey[] {
  return [...from].filter(([key]) => !minus.has(key)).map(([, value]) => value).sort(compareKeys);
}

function invalidReason(result: Exclude<BundleBytesResult, { ok: true }>): string {
  return result.problem === 'not-json' ? `not valid JSON (${result.detail})` : `not a STIX2 bundle (${result.problems.join(', ')})`;
}

/** Cache names unique within one index: a second "malware.stix2" becomes "malware-2.stix2". */
function assignFileNames(entries: readonly FeedEntry[]): Map<FeedEntry, string> {
  const used = new Set<string>();
  const names = new Map<FeedEntry, string>();
  for (const entry of entries) {
    let name = entry.file;
    const extension = path.extname(name);
    const stem = name.slice(0, name.length - extension.length);
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${stem}-${n}${extension}`;
    used.add(name.toLowerCase());
    names.set(entry, name);
  }
  return names;
}

interface Previous {
  record: CachedBundleRecord;
  keys: Map<string, IndicatorKey>;
  indicators: number;
}

/** The cached copy as it stands, if it is still the good bundle the manifest recorded. */
async function readPrevious(folder: string, record: CachedBundleRecord | undefined): Promise<Previous | null> {
  if (record === undefined) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(folder, record.file));
  } catch {
    return null;
  }
  if (sha256Hex(bytes) !== record.sha256) return null;
  const parsed = readBundleBytes(bytes, record.file, record.sha256);
  if (!parsed.ok) return null;
  return { record, keys: keySet(parsed.indicators), indicators: parsed.indicators.length };
}

export async function updateIndicatorCache(options: UpdateOptions): Promise<UpdateReport> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetched = await download(options.indexUrl, { timeoutMs, maxBytes: options.maxIndexBytes ?? MAX_INDEX_BYTES });
  if (!fetched.ok) {
    throw new IndicatorError(
      'FEED_INDEX_UNAVAILABLE',
      `The indicator index ${options.indexUrl} could not be downloaded (${fetched.reason}); check the network connection or the --index URL and try again.`,
    );
  }
  const index = parseFeedIndex(fetched.bytes.toString('utf8'), fetched.url);
  if (!index.ok) {
    throw new IndicatorError(
      'FEED_INDEX_INVALID',
      `The indicator index ${options.indexUrl} is not a usable indicators.yaml (${index.reason}); check the --index URL.`,
    );
  }

  const folder = options.cacheFolder;
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new IndicatorError(
      'INDICATOR_CACHE_UNWRITABLE',
      `The indicator cache folder ${folder} cannot be created (${describeError(error)}); set EXHIBIT_DATA_DIR to a writable folder.`,
      error,
    );
  }
  await removeLeftoverPartials(folder);
  const read = await readCacheManifest(folder);
  const manifest: CacheManifest = read.state === 'ok' ? read.manifest : emptyManifest();
  const report: UpdateReport = { index: options.indexUrl, folder, bundles: [], notListed: [] };
  if (read.state === 'damaged') report.manifestReset = read.reason;

  const limits: DownloadLimits = { timeoutMs, maxBytes: options.maxBundleBytes ?? MAX_BUNDLE_BYTES };
  const names = assignFileNames(index.entries);
  const results: BundleUpdate[] = index.problems.map((problem) => ({
    position: problem.position,
    name: problem.name,
    file: null,
    url: null,
    status: 'failed',
    reason: problem.reason,
    added: [],
    removed: [],
    keptPrevious: false,
  }));
  for (const entry of index.entries) {
    const file = names.get(entry) ?? entry.file;
    const result = await updateOne(folder, manifest, entry, file, limits, now);
    results.push(result);
  }
  report.bundles = results.sort((a, b) => a.position - b.position);

  const listed = new Set([...names.values()]);
  report.notListed = manifest.bundles.filter((record) => !listed.has(record.file)).map((record) => ({ file: record.file, url: record.url }));
  manifest.index = options.indexUrl;
  manifest.updated = now().toISOString();
  await writeManifest(folder, manifest);
  return report;
}

async function writeManifest(folder: string, manifest: CacheManifest): Promise<void> {
  try {
    await writeCacheManifest(folder, manifest);
  } catch (error) {
    throw new IndicatorError(
      'INDICATOR_CACHE_UNWRITABLE',
      `The indicator cache manifest in ${folder} cannot be written (${describeError(error)}); check the folder's permissions and run the update again.`,
      error,
    );
  }
}

async function updateOne(
  folder: string,
  manifest: CacheManifest,
  entry: FeedEntry,
  file: string,
  limits: DownloadLimits,
  now: () => Date,
): Promise<BundleUpdate> {
  const base = { position: entry.position, name: entry.name, file, url: entry.url, added: [], removed: [] };
  const recordIndex = manifest.bundles.findIndex((record) => record.file === file);
  const previous = await readPrevious(folder, manifest.bundles[recordIndex]);
  const failed = (reason: string): BundleUpdate => ({ ...base, status: 'failed', reason, keptPrevious: previous !== null });

  const fetched = await download(entry.url, limits);
  if (!fetched.ok) return failed(fetched.reason);
  const sha256 = sha256Hex(fetched.bytes);
  const parsed = readBundleBytes(fetched.bytes, file, sha256);
  if (!parsed.ok) return failed(invalidReason(parsed));
  if (parsed.indicators.length === 0) {
    const skipped = parsed.skipped.length;
    return failed(`holds no indicator Exhibit can use (${skipped} ${skipped === 1 ? 'entry' : 'entries'} skipped)`);
  }

  const unchanged = previous !== null && previous.record.sha256 === sha256;
  if (!unchanged) {
    try {
      await writeFileAtomically(folder, file, fetched.bytes);
    } catch (error) {
      return failed(`cannot be written to the cache (${describeError(error)})`);
    }
  }
  const record: CachedBundleRecord = {
    file,
    url: entry.url,
    name: entry.name,
    downloaded: now().toISOString(),
    sha256,
    bytes: fetched.bytes.length,
  };
  if (recordIndex >= 0) manifest.bundles[recordIndex] = record;
  else manifest.bundles.push(record);
  // Recorded at once, so an interruption later in the run leaves a manifest that matches the files.
  await writeManifest(folder, manifest);

  const keys = keySet(parsed.indicators);
  const done: BundleUpdate = { ...base, status: 'new', sha256, indicators: parsed.indicators.length };
  if (previous === null) return done;
  return {
    ...done,
    status: unchanged ? 'unchanged' : 'updated',
    previous: { sha256: previous.record.sha256, indicators: previous.indicators, url: previous.record.url },
    added: difference(keys, previous.keys),
    removed: difference(previous.keys, keys),
  };
}
