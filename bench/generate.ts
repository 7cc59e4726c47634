/**
 * The scale generator: writes large, realistic, deterministic acquisitions for the bench.
 *
 *   npx tsx bench/generate.ts [--scale 1] [--size 800MB] [--out bench/data] [--only backup,fs-dump,androidqf]
 *
 * The same options always give the same bytes (seeded randomness, no clock), so a folder
 * already generated with the same options is reused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIosBackup } from '../test/builders/ios-backup.js';
import { generateDatabases } from './gen-databases.js';
import { generateBackup, type GeneratedBackup } from './gen-backup.js';
import { generateFsTar, type GeneratedTar } from './gen-fs-tar.js';
import { generateAndroidqf, type GeneratedAndroidqf } from './gen-androidqf.js';
import { ACQUISITIONS, BASE_SCALE, formatBytes, parseSize, scaled, scaleLabel, type AcquisitionName, type Scale } from './scale.js';

/** Bump when the generator's output changes, so stale data folders are rewritten. */
const GENERATOR_VERSION = 2;
const SEED = 20_210_719;

export const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

export interface GeneratedSet {
  folder: string;
  scale: Scale;
  seconds: number;
  /** True when an earlier run's data was reused. */
  reused?: boolean;
  backup?: GeneratedBackup;
  fsDump?: GeneratedTar;
  androidqf?: GeneratedAndroidqf;
}

interface DoneFile {
  version: number;
  scale: Scale;
  only: AcquisitionName[];
  set: GeneratedSet;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Writes (or reuses) the acquisitions of one scale under `<dataDir>/<label>/`. */
export function generateSet(dataDir: string, scale: Scale, only: readonly AcquisitionName[] = ACQUISITIONS, log: (line: string) => void = () => {}): GeneratedSet {
  const folder = join(dataDir, scaleLabel(scale));
  const donePath = join(folder, 'done.json');
  if (existsSync(donePath)) {
    const done = JSON.parse(readFileSync(donePath, 'utf8')) as DoneFile;
    if (done.version === GENERATOR_VERSION && sameJson(done.scale, scale) && only.every((name) => done.only.includes(name))) {
      log(`reusing ${folder}`);
      return { ...done.set, reused: true };
    }
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const set: GeneratedSet = { folder, scale, seconds: 0 };
  const needsDatabases = only.includes('backup') || only.includes('fs-dump');
  const databases = needsDatabases ? generateDatabases(folder, scale.backup, SEED) : [];
  if (needsDatabases) log(`databases: ${databases.map((db) => `${db.relativePath.split('/').pop()} ${JSON.stringify(db.rows)}`).join(', ')}`);
  if (only.includes('backup')) {
    set.backup = generateBackup(join(folder, 'backup'), scale.backup, databases, SEED + 10);
    log(`backup: ${set.backup.files} files, ${formatBytes(set.backup.bytes)} at ${set.backup.path}${set.backup.warning ? ` (${set.backup.warning})` : ''}`);
  }
  if (only.includes('fs-dump')) {
    set.fsDump = generateFsTar(join(folder, 'fs-dump.tar'), scale.fsDump, databases, SEED + 20);
    log(`fs dump: ${set.fsDump.entries} tar entries, ${formatBytes(set.fsDump.bytes)} at ${set.fsDump.path}${set.fsDump.warning ? ` (${set.fsDump.warning})` : ''}`);
  }
  if (only.includes('androidqf')) {
    set.androidqf = generateAndroidqf(folder, scale.androidqf, SEED + 30);
    log(`androidqf: files.json with ${set.androidqf.filesJsonEntries} entries, ${formatBytes(set.androidqf.filesJsonBytes)} at ${set.androidqf.path}`);
  }
  set.seconds = (performance.now() - started) / 1000;
  const done: DoneFile = { version: GENERATOR_VERSION, scale, only: [...only], set };
  writeFileSync(donePath, `${JSON.stringify(done, null, 2)}\n`);
  return set;
}

/** A backup with no files at all: checking it isolates start-up, index build and the results folder. */
export function generateEmptyBackup(dataDir: string): string {
  const parent = join(dataDir, 'empty-backup');
  rmSync(parent, { recursive: true, force: true });
  return buildIosBackup(parent, { udid: '00008110-0000000000000000', files: [] });
}

export interface ScaleOptions {
  scale: number;
  /** Size of the 1× backup; every other count and size follows in proportion. */
  size?: number;
}

/** The 1× scale for these options. */
export function baseScale(options: ScaleOptions): Scale {
  const sizeFactor = options.size === undefined ? 1 : options.size / BASE_SCALE.backup.bytes;
  return scaled(BASE_SCALE, options.scale * sizeFactor);
}

export function parseOnly(text: string): AcquisitionName[] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(ACQUISITIONS as readonly string[]).includes(name)) throw new Error(`--only takes ${ACQUISITIONS.join(', ')}; "${name}" is none of them.`);
  }
  return names as AcquisitionName[];
}

/** Reads `--name value` options; the rest of the bench uses the same shape. */
export function readOptions(argv: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"; options are --name value`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) options.set(name, inline);
    else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) options.set(name, argv[++i] ?? '');
    else options.set(name, 'true');
  }
  return options;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const size = options.get('size');
  const scale = baseScale({ scale: Number(options.get('scale') ?? 1), ...(size === undefined ? {} : { size: parseSize(size) }) });
  const only = parseOnly(options.get('only') ?? ACQUISITIONS.join(','));
  const dataDir = resolve(options.get('out') ?? DEFAULT_DATA_DIR);
  const set = generateSet(dataDir, scale, only, (line) => console.log(line));
  console.log(`written in ${set.seconds.toFixed(1)} s under ${set.folder}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
