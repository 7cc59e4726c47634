/**
 * Finds, reads and digests indicator bundles — the shipped defaults, the user's `--iocs`
 * files and the EXHIBIT_IOCS list — and builds one IndicatorIndex. A bundle the user named
 * that cannot be used stops the run with an IndicatorError saying what to do: silently
 * checking without indicators the user asked for would give a false "clean".
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describeError, IndicatorError } from '../errors.js';
import { IndicatorIndex } from './indicator-index.js';
import { parseStix2Bundle } from './stix2-bundle.js';
import type { BundleOrigin, Indicator, IndicatorKind, LoadedBundle } from './types.js';

export interface LoadIndicatorOptions {
  /** Files (or folders) named with --iocs. */
  files?: string[];
  /** The value of EXHIBIT_IOCS: files or folders separated by path.delimiter. */
  environment?: string | undefined;
  /** Load the bundles shipped in the package's iocs/ folder; default true. */
  includeShipped?: boolean;
}

/** Far above any real bundle (the largest public one is 2.2 MB); stops a runaway read. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const FOLDER_EXTENSIONS = new Set(['.stix2', '.json']);

/** The package's iocs/ folder; both src/indicators/ and dist/indicators/ sit two levels below the root. */
export function shippedIndicatorFolder(): string {
  return fileURLToPath(new URL('../../iocs/', import.meta.url));
}

interface Candidate {
  path: string;
  origin: BundleOrigin;
}

interface ReadBundle extends Candidate {
  bytes: Buffer;
  sha256: string;
}

export async function loadIndicatorSet(options: LoadIndicatorOptions): Promise<IndicatorIndex> {
  const candidates: Candidate[] = [];
  if (options.includeShipped ?? true) candidates.push(...(await shippedCandidates()));
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
  }
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
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ...candidate, bytes, sha256 };
}

function parseCandidate(candidate: ReadBundle): { bundle: LoadedBundle; parsed: Indicator[] } {
  const file = path.basename(candidate.path);
  let json: unknown;
  try {
    let text = candidate.bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    json = JSON.parse(text);
  } catch (error) {
    throw new IndicatorError(
      'INDICATOR_FILE_INVALID',
      `The indicator file ${candidate.path} is not valid JSON (${describeError(error)}); give a STIX2 bundle or check ${whereNamed(candidate.origin)}.`,
      error,
    );
  }
  const result = parseStix2Bundle(json, { file, sha256: candidate.sha256 });
  if (!result.ok) {
    throw new IndicatorError(
      'INDICATOR_FILE_INVALID',
      `The indicator file ${candidate.path} is not a STIX2 bundle (${result.problems.join(', ')}); give a file whose top level has "type": "bundle" and an "objects" list, or check ${whereNamed(candidate.origin)}.`,
    );
  }
  const counts: Partial<Record<IndicatorKind, number>> = {};
  for (const indicator of result.indicators) counts[indicator.kind] = (counts[indicator.kind] ?? 0) + 1;
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
  return { bundle, parsed: result.indicators };
}

function unreadable(file: string, origin: BundleOrigin, error: unknown): IndicatorError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const what =
    code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${describeError(error)})`;
  return new IndicatorError('INDICATOR_FILE_UNREADABLE', `The indicator file ${file} ${what}; check ${whereNamed(origin)}.`, error);
}
