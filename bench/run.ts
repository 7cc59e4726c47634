/**
 * `npm run bench`: generates the bench acquisitions at two sizes (1× and 4× by default),
 * and on the same data measures the floor (hashing every file once; sqlite3 reading the
 * extractors' tables), `exhibit check` end to end (wall time, peak RSS), start-up, and the
 * ratios between them. Prints a table and writes bench/results.json.
 *
 *   npm run bench -- [--scale 1] [--size 5GB] [--growth 4] [--only backup,fs-dump,androidqf]
 *                    [--data bench/data] [--results bench/results.json] [--no-build]
 *                    [--drop-caches] [--keep-results]
 *
 * A measurement, not a test: nothing here asserts a figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseScale, DEFAULT_DATA_DIR, generateEmptyBackup, generateSet, parseOnly, readOptions, type GeneratedSet } from './generate.js';
import { ACQUISITIONS, parseSize, scaled, type AcquisitionName } from './scale.js';
import { hashFloor, iosTableReads, sqliteFloor, type SqliteFloor } from './floor.js';
import { measureCheck, timeCommand, type CommandTiming } from './measure-check.js';
import { formatResults, type BenchResults, type Growth, type Machine } from './report.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(BENCH_DIR, '..');

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function machine(): Machine {
  let os = `${type()} ${release()}`;
  if (existsSync('/etc/os-release')) {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty} (${os})`;
  }
  return { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), ramGB: totalmem() / 1024 ** 3, node: process.version, os };
}

function build(skip: boolean): string {
  if (skip) return 'not rebuilt (--no-build): measured the existing dist/';
  log('npm run build');
  const run = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
  if (run.status === 0) return 'npm run build: ok';
  const firstError = `${run.stdout}\n${run.stderr}`.split('\n').find((line) => line.includes('error')) ?? 'unknown error';
  log(`build failed, measuring the existing dist/: ${firstError}`);
  return `npm run build failed (${firstError.trim()}): measured the existing dist/`;
}

/** Empties the page cache so the next read comes from the disk (root only; affects the whole machine). */
function dropCaches(enabled: boolean): void {
  if (!enabled) return;
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
  } catch (error) {
    throw new Error(`--drop-caches needs root: ${(error as Error).message}`);
  }
}

function acquisitionPath(set: GeneratedSet, name: AcquisitionName): string | undefined {
  switch (name) {
    case 'backup':
      return set.backup?.path;
    case 'fs-dump':
      return set.fsDump?.path;
    case 'androidqf':
      return set.androidqf?.path;
  }
}

function contentsOf(set: GeneratedSet, name: AcquisitionName): Record<string, number> {
  switch (name) {
    case 'backup': {
      const rows = Object.fromEntries((set.backup?.databases ?? []).flatMap((db) => Object.entries(db.rows).map(([table, n]) => [`${db.name} ${table}`, n])));
      return { files: set.backup?.files ?? 0, bytes: set.backup?.bytes ?? 0, ...rows };
    }
    case 'fs-dump':
      return { entries: set.fsDump?.entries ?? 0, bytes: set.fsDump?.bytes ?? 0 };
    case 'androidqf':
      return { 'files.json entries': set.androidqf?.filesJsonEntries ?? 0, 'files.json bytes': set.androidqf?.filesJsonBytes ?? 0 };
  }
}

function sqliteFloorFor(set: GeneratedSet, name: AcquisitionName): SqliteFloor | null {
  if (name === 'androidqf') return null;
  const databases = join(set.folder, 'databases');
  const reads = iosTableReads({
    history: join(databases, 'History.db'),
    sms: join(databases, 'sms.db'),
    dataUsage: join(databases, 'DataUsage.sqlite'),
    ...(name === 'backup' && set.backup ? { manifest: join(set.backup.path, 'Manifest.db') } : {}),
  });
  return sqliteFloor(reads);
}

function startup(env: NodeJS.ProcessEnv, emptyBackup: string, repeat: number): CommandTiming[] {
  const options = { repo: REPO, env, repeat };
  const check = (scratch: string, run: number): string[] => ['bin/exhibit.js', 'check', emptyBackup, '-o', join(scratch, `results-${run}`), '--no-progress', '--json'];
  // A first run of each fills whatever the CLI caches (signing key, compiled index) before timing.
  timeCommand('warm-up', check, { ...options, repeat: 1 });
  timeCommand('warm-up', () => ['bin/exhibit.js', 'iocs', 'list', '--json'], { ...options, repeat: 1 });
  return [
    timeCommand('node boot (node -e 0)', () => ['-e', '0'], options),
    timeCommand('CLI boot (exhibit --version)', () => ['bin/exhibit.js', '--version'], options),
    timeCommand('indicator index (exhibit iocs list)', () => ['bin/exhibit.js', 'iocs', 'list', '--json'], options),
    timeCommand('check of an empty backup', check, options),
  ];
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const size = options.get('size');
  const growth = Number(options.get('growth') ?? 4);
  const only = parseOnly(options.get('only') ?? ACQUISITIONS.join(','));
  const dataDir = resolve(options.get('data') ?? DEFAULT_DATA_DIR);
  const resultsPath = resolve(options.get('results') ?? join(BENCH_DIR, 'results.json'));
  const drop = options.has('drop-caches');
  const base = baseScale({ scale: Number(options.get('scale') ?? 1), ...(size === undefined ? {} : { size: parseSize(size) }) });
  const factors = growth === 1 ? [1] : [1, growth];
  mkdirSync(dataDir, { recursive: true });

  const buildNote = build(options.has('no-build'));
  const env: NodeJS.ProcessEnv = { ...process.env, EXHIBIT_DATA_DIR: join(dataDir, 'exhibit-home'), NO_COLOR: '1' };
  // Only the shipped bundles: an analyst's extra indicators would change the figures.
  delete env['EXHIBIT_IOCS'];

  log('start-up');
  const emptyBackup = generateEmptyBackup(dataDir);
  const startupTimings = startup(env, emptyBackup, Number(options.get('repeat') ?? 3));

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: machine(),
    build: buildNote,
    options: Object.fromEntries(options),
    sizes: [],
    startup: startupTimings,
    runs: [],
    growth: [],
  };

  for (const factor of factors) {
    const scale = scaled(base, factor);
    log(`${factor}×: generating`);
    const set = generateSet(dataDir, scale, only, (line) => log(`  ${line}`));
    results.sizes.push({ factor, scale, generatedSeconds: set.seconds, reused: set.reused === true });
    for (const name of only) {
      const path = acquisitionPath(set, name);
      if (path === undefined) continue;
      dropCaches(drop);
      log(`${factor}× ${name}: hash floor`);
      const floor = await hashFloor(path);
      dropCaches(drop);
      const sqlite = sqliteFloorFor(set, name);
      dropCaches(drop);
      log(`${factor}× ${name}: exhibit check`);
      const check = await measureCheck({ repo: REPO, acquisition: path, env, keep: options.has('keep-results') });
      if (!check.ok) log(`${factor}× ${name}: check failed: ${check.error ?? ''}`);
      const { resultsDir, ...figure } = check;
      if (options.has('keep-results')) log(`  results kept in ${resultsDir}`);
      results.runs.push({
        acquisition: name,
        factor,
        path,
        contents: contentsOf(set, name),
        floor,
        sqliteFloor: sqlite,
        check: figure,
        checkOverHashFloor: figure.wallSeconds / floor.bestSeconds,
        checkOverHashAndSqliteFloor: sqlite?.available ? figure.wallSeconds / (floor.bestSeconds + sqlite.seconds) : null,
      });
    }
  }

  for (const name of only) {
    const small = results.runs.find((r) => r.acquisition === name && r.factor === 1);
    const large = results.runs.find((r) => r.acquisition === name && r.factor === growth);
    if (!small || !large || small === large || !small.check.ok || !large.check.ok) continue;
    const entry: Growth = {
      acquisition: name,
      from: 1,
      to: growth,
      timeRatio: large.check.wallSeconds / small.check.wallSeconds,
      rssRatio: small.check.peakRssMB && large.check.peakRssMB ? large.check.peakRssMB / small.check.peakRssMB : null,
      recordsRatio: small.check.records > 0 ? large.check.records / small.check.records : 0,
    };
    results.growth.push(entry);
  }

  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${formatResults(results)}\n\nWritten ${resultsPath}\n`);
}

await main();
