/**
 * The physical floor a check is compared with: reading and SHA-256-hashing every file of
 * the acquisition once (openssl and Node's own hashing, each on 2 lanes, the faster kept),
 * and the sqlite3 command-line tool reading the tables the extractors read.
 */
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface FileToHash {
  path: string;
  size: number;
}

export interface HashFloor {
  files: number;
  bytes: number;
  lanes: number;
  opensslSeconds: number | null;
  nodeSeconds: number;
  best: 'openssl' | 'node';
  bestSeconds: number;
  megabytesPerSecond: number;
}

/** Every regular file under `path` (or `path` itself when it is a file); links are not followed. */
export function listFiles(path: string): FileToHash[] {
  const stats = lstatSync(path);
  if (stats.isFile()) return [{ path, size: stats.size }];
  const out: FileToHash[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: full, size: lstatSync(full).size });
    }
  };
  walk(path);
  return out;
}

/** Splits the files into `lanes` lists of about equal bytes (largest first, to the lightest lane). */
export function balance(files: readonly FileToHash[], lanes: number): FileToHash[][] {
  const out: FileToHash[][] = Array.from({ length: lanes }, () => []);
  const load = new Array<number>(lanes).fill(0);
  for (const file of [...files].sort((a, b) => b.size - a.size)) {
    let lightest = 0;
    for (let i = 1; i < lanes; i++) if ((load[i] ?? 0) < (load[lightest] ?? 0)) lightest = i;
    out[lightest]?.push(file);
    load[lightest] = (load[lightest] ?? 0) + file.size;
  }
  return out;
}

/** Lists of paths whose argv stays well under the kernel's limit. */
function batches(files: readonly FileToHash[], maxChars = 100_000): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const file of files) {
    if (current.length > 0 && chars + file.path.length + 1 > maxChars) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(file.path);
    chars += file.path.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function runQuiet(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

export async function opensslSeconds(lanes: readonly FileToHash[][]): Promise<number | null> {
  if (spawnSync('openssl', ['version']).status !== 0) return null;
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const batch of batches(lane)) await runQuiet('openssl', ['dgst', '-sha256', ...batch]);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Plain CommonJS so the worker runs without a TypeScript loader. */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
let bytes = 0;
for (const path of workerData) {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  hash.digest('hex');
}
parentPort.postMessage(bytes);
`;

export async function nodeSeconds(lanes: readonly FileToHash[][]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    lanes.map(
      (lane) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(HASH_WORKER, { eval: true, workerData: lane.map((file) => file.path) });
          worker.once('message', (bytes: number) => resolve(bytes));
          worker.once('error', reject);
        }),
    ),
  );
  return (performance.now() - started) / 1000;
}

/** Best of `rounds` passes of each method: the floor is what the machine can do, not what a busy moment allowed. */
export async function hashFloor(acquisition: string, lanes = Math.min(2, availableParallelism()), rounds = 2): Promise<HashFloor> {
  const files = listFiles(acquisition);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const split = balance(files, lanes);
  let node = Number.POSITIVE_INFINITY;
  let openssl: number | null = null;
  for (let round = 0; round < rounds; round++) {
    node = Math.min(node, await nodeSeconds(split));
    const pass = await opensslSeconds(split);
    if (pass !== null) openssl = Math.min(openssl ?? pass, pass);
  }
  const best = openssl !== null && openssl < node ? 'openssl' : 'node';
  const bestSeconds = best === 'openssl' && openssl !== null ? openssl : node;
  return { files: files.length, bytes, lanes, opensslSeconds: openssl, nodeSeconds: node, best, bestSeconds, megabytesPerSecond: bytes / 1e6 / bestSeconds };
}

/** One table read the way an extractor reads it, for the sqlite3 floor. */
export interface TableRead {
  name: string;
  database: string;
  sql: string;
}

/** The reads of the record-heavy iOS extractors: same joins and order, output thrown away. */
export function iosTableReads(databases: { history?: string; sms?: string; dataUsage?: string; manifest?: string }): TableRead[] {
  const reads: TableRead[] = [];
  // hex() makes the CLI read every byte of the MBFile blobs; printed raw, output would stop at their first NUL.
  if (databases.manifest) reads.push({ name: 'Manifest.db Files', database: databases.manifest, sql: 'SELECT fileID, domain, relativePath, flags, hex(file) FROM Files;' });
  if (databases.dataUsage) {
    reads.push({
      name: 'DataUsage ZPROCESS+ZLIVEUSAGE',
      database: databases.dataUsage,
      sql:
        'SELECT p.*, COUNT(l.Z_PK), SUM(l.ZWIFIIN), SUM(l.ZWIFIOUT), SUM(l.ZWWANIN), SUM(l.ZWWANOUT), MAX(l.ZTIMESTAMP) ' +
        'FROM ZPROCESS p LEFT JOIN ZLIVEUSAGE l ON l.ZHASPROCESS = p.Z_PK GROUP BY p.rowid ORDER BY p.Z_PK, p.rowid; ' +
        'SELECT * FROM ZLIVEUSAGE l WHERE l.ZHASPROCESS IS NULL OR NOT EXISTS (SELECT 1 FROM ZPROCESS p WHERE p.Z_PK = l.ZHASPROCESS);',
    });
  }
  if (databases.sms) {
    reads.push({ name: 'sms.db message+handle', database: databases.sms, sql: 'SELECT m.*, h.id FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id ORDER BY m.ROWID;' });
  }
  if (databases.history) {
    reads.push({
      name: 'History.db visits+items',
      database: databases.history,
      sql:
        'SELECT v.*, i.url, d.visit_time, di.url, si.url FROM history_visits v LEFT JOIN history_items i ON i.id = v.history_item ' +
        'LEFT JOIN history_visits d ON d.id = v.redirect_destination LEFT JOIN history_items di ON di.id = d.history_item ' +
        'LEFT JOIN history_visits s ON s.id = v.redirect_source LEFT JOIN history_items si ON si.id = s.history_item ' +
        'ORDER BY v.visit_time, v.id;',
    });
  }
  return reads;
}

export interface SqliteFloor {
  available: boolean;
  seconds: number;
  reads: { name: string; seconds: number }[];
}

export function sqliteFloor(reads: readonly TableRead[]): SqliteFloor {
  if (spawnSync('sqlite3', ['-version']).status !== 0) return { available: false, seconds: 0, reads: [] };
  const timed = reads.map((read) => {
    const started = performance.now();
    const run = spawnSync('sqlite3', ['-readonly', read.database, read.sql], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.status !== 0) throw new Error(`sqlite3 failed on ${read.name}: ${run.stderr.toString().trim()}`);
    return { name: read.name, seconds: (performance.now() - started) / 1000 };
  });
  return { available: true, seconds: timed.reduce((sum, read) => sum + read.seconds, 0), reads: timed };
}
