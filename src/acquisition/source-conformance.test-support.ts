/**
 * One conformance suite for every Source: each implementation opens the same tree (built
 * as a folder, a zip, a tar, a backup…) and must answer the same questions the same way.
 * A target that cannot hold a case (a backup has no relative symlinks) or still deviates
 * lists it in its skip list with a reason. A `known-deviation` entry is not skipped: the
 * case runs and must still fail, so that fixing the Source forces the entry's removal.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source, SourceEntry } from './source.js';
import { WorkingDir } from './working-dir.js';
import { ArtifactError } from '../errors.js';
import { binaryPlist, xmlPlist } from '../../test/builders/ios-backup.js';
import type { TreeNode, TreeSpec } from '../../test/builders/archives.js';

export const CONFORMANCE_CASES = [
  'entries are sorted by path, each once',
  'entries list the tree with implied folders',
  'find a literal path',
  'find: * stays within one segment',
  'find: ** matches zero or more segments',
  'find: a leading ** matches at any depth',
  'find: regex characters in names are literal',
  'find: no match is an empty list',
  'stat: file size, type and modification time',
  'stat: folders, and nothing for a missing path',
  'hasContent: files only',
  'readFile: bytes and exact SHA-256, recorded in digests()',
  'readFile: an empty file',
  'readFile: maxBytes is enforced',
  'readFile: a missing path is ARTIFACT_MISSING',
  'readPlist: binary and XML',
  'openSqlite: WAL content visible, sidecars hashed, evidence unchanged',
  'openSqlite: a file that is not a database is SQLITE_INVALID',
  'unsafe paths are refused',
  'symlink: listed with its target, never followed by find',
  'symlink: read through when it stays inside',
  'symlink: one that escapes is refused with UNSAFE_PATH',
] as const;

export type ConformanceCase = (typeof CONFORMANCE_CASES)[number];

export interface SkipEntry {
  cases: readonly ConformanceCase[];
  reason: string;
  /** `not-applicable`: the case is not registered; `known-deviation`: it runs and must still fail. */
  kind: 'not-applicable' | 'known-deviation';
}

export interface OpenedUnderTest {
  source: Source & { close(): void };
  /** The acquisition as stored (a folder or an archive file), hashed before and after. */
  evidence: string;
}

export interface ConformanceTarget {
  name: string;
  /**
   * Builds `spec` as this kind of acquisition inside `dir` and opens it. `dir` also holds
   * `outside.txt`, beside the acquisition: a symlink that escapes points at it.
   */
  open(spec: TreeSpec, dir: string, workDir: WorkingDir): Promise<OpenedUnderTest>;
  skip?: readonly SkipEntry[];
}

// ---------------------------------------------------------------------------------------
// The tree

export const OUTSIDE_CONTENT = 'outside the acquisition: must never be read\n';
const A_TXT_TIME = new Date('2023-01-02T03:04:06Z');

let walCache: { db: Buffer; wal: Buffer; shm: Buffer } | undefined;

/** A WAL-mode database whose last row is only in the -wal file. */
export function walDatabase(): { db: Buffer; wal: Buffer; shm: Buffer } {
  if (walCache) return walCache;
  const dir = mkdtempSync(join(tmpdir(), 'exhibit-wal-'));
  try {
    const file = join(dir, 'w.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('checkpointed');");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec("INSERT INTO t VALUES ('only in the wal');");
    // Copied while the connection is open: closing would checkpoint and delete the WAL.
    walCache = { db: readFileSync(file), wal: readFileSync(`${file}-wal`), shm: readFileSync(`${file}-shm`) };
    db.close();
    return walCache;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function conformanceTree(): TreeSpec {
  const wal = walDatabase();
  const nodes: TreeNode[] = [
    { path: 'HomeDomain/c.txt', content: 'top c\n' },
    { path: 'HomeDomain/Library/Caches/a.txt', content: 'alpha\n', modified: A_TXT_TIME },
    { path: 'HomeDomain/Library/Caches/empty.txt', content: '' },
    { path: 'HomeDomain/Library/Caches/deep/b/c.txt', content: 'deep c\n' },
    { path: 'HomeDomain/Library/Caches/odd (1+1)[x].txt', content: 'odd\n' },
    { path: 'HomeDomain/Library/Caches/oddx11x.txt', content: 'near miss\n' },
    { path: 'HomeDomain/Library/Caches/not-a-db.db', content: 'this is not a database\n' },
    { path: 'HomeDomain/Library/Preferences/com.example.binary.plist', content: binaryPlist({ Name: 'binary', Count: 3 }) },
    { path: 'HomeDomain/Library/Preferences/com.example.xml.plist', content: xmlPlist({ Name: 'xml' }) },
    { path: 'HomeDomain/Library/SMS/sms.db', content: wal.db },
    { path: 'HomeDomain/Library/SMS/sms.db-wal', content: wal.wal },
    { path: 'HomeDomain/Library/SMS/sms.db-shm', content: wal.shm },
    { path: 'HomeDomain/Library-x/sibling.txt', content: 'sibling\n' },
    { path: 'AppDomain-com.example/Documents/c.txt', content: 'app c\n' },
    { path: 'HomeDomain/Library/Caches/alias.txt', symlink: 'a.txt' },
    { path: 'HomeDomain/Links/caches', symlink: '../Library/Caches' },
    { path: 'HomeDomain/Library/Caches/escape.txt', symlink: '../../../../outside.txt' },
    { path: 'HomeDomain/Library/Caches/absolute.txt', symlink: '/etc/hostname' },
  ];
  return { nodes };
}

/** Every (path, type) of the tree, implied folders included, in path order. */
function expectedEntries(spec: TreeSpec): string[] {
  const out = new Map<string, string>();
  for (const node of spec.nodes) {
    const parts = node.path.split('/');
    for (let i = 1; i < parts.length; i++) out.set(parts.slice(0, i).join('/'), 'directory');
    out.set(node.path, 'content' in node ? 'file' : 'symlink' in node ? 'symlink' : 'directory');
  }
  return [...out.keys()].sort().map((path) => `${out.get(path)} ${path}`);
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function paths(entries: readonly SourceEntry[]): string[] {
  return entries.map((entry) => entry.path);
}

/** Every entry under a folder (symlinks as their target, not followed), or one file's hash. */
function evidenceHash(path: string): string {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return `link ${readlinkSync(path)}`;
  if (!stats.isDirectory()) return `${stats.mode} ${stats.mtimeMs} ${sha256(readFileSync(path))}`;
  const names = readdirSync(path).sort();
  return sha256(names.map((name) => `${name}\u0000${evidenceHash(join(path, name))}`).join('\n'));
}

async function refusal(promise: Promise<unknown>): Promise<ArtifactError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ArtifactError) return error;
    throw new Error(`expected an ArtifactError, got ${String(error)}`);
  }
  throw new Error('expected the read to be refused, but it succeeded');
}

// ---------------------------------------------------------------------------------------
// The cases

interface Context {
  source: Source;
  evidence: string;
  spec: TreeSpec;
}

type CaseBody = (context: Context) => Promise<void> | void;

const CASES: Record<ConformanceCase, CaseBody> = {
  'entries are sorted by path, each once': ({ source }) => {
    const all = paths([...source.entries()]);
    const sorted = [...new Set(all)].sort();
    expect(all).toEqual(sorted);
  },
  'entries list the tree with implied folders': ({ source, spec }) => {
    const tops = new Set(spec.nodes.map((node) => node.path.split('/')[0]));
    const listed = [...source.entries()]
      .filter((entry) => tops.has(entry.path.split('/')[0]))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((entry) => `${entry.type} ${entry.path}`);
    expect(listed).toEqual(expectedEntries(spec));
  },
  'find a literal path': ({ source }) => {
    expect(paths(source.find('HomeDomain/Library/Caches/a.txt'))).toEqual(['HomeDomain/Library/Caches/a.txt']);
    expect(paths(source.find('*/Documents/c.txt'))).toEqual(['AppDomain-com.example/Documents/c.txt']);
  },
  'find: * stays within one segment': ({ source }) => {
    expect(paths(source.find('HomeDomain/Library/Caches/*.txt'))).toEqual([
      'HomeDomain/Library/Caches/a.txt',
      'HomeDomain/Library/Caches/absolute.txt',
      'HomeDomain/Library/Caches/alias.txt',
      'HomeDomain/Library/Caches/empty.txt',
      'HomeDomain/Library/Caches/escape.txt',
      'HomeDomain/Library/Caches/odd (1+1)[x].txt',
      'HomeDomain/Library/Caches/oddx11x.txt',
    ]);
    expect(paths(source.find('HomeDomain/*/c.txt'))).toEqual([]);
  },
  'find: ** matches zero or more segments': ({ source }) => {
    expect(paths(source.find('HomeDomain/**/c.txt'))).toEqual(['HomeDomain/Library/Caches/deep/b/c.txt', 'HomeDomain/c.txt']);
    expect(paths(source.find('HomeDomain/Library/Caches/deep/**'))).toEqual([
      'HomeDomain/Library/Caches/deep/b',
      'HomeDomain/Library/Caches/deep/b/c.txt',
    ]);
  },
  'find: a leading ** matches at any depth': ({ source }) => {
    expect(paths(source.find('**/c.txt'))).toEqual([
      'AppDomain-com.example/Documents/c.txt',
      'HomeDomain/Library/Caches/deep/b/c.txt',
      'HomeDomain/c.txt',
    ]);
  },
  'find: regex characters in names are literal': ({ source }) => {
    expect(paths(source.find('HomeDomain/Library/Caches/odd (1+1)[x].txt'))).toEqual(['HomeDomain/Library/Caches/odd (1+1)[x].txt']);
    expect(paths(source.find('HomeDomain/Library/Caches/odd*[x].txt'))).toEqual(['HomeDomain/Library/Caches/odd (1+1)[x].txt']);
  },
  'find: no match is an empty list': ({ source }) => {
    expect(source.find('HomeDomain/Library/Caches/nothing-*.txt')).toEqual([]);
    expect(source.find('NoSuchDomain/**')).toEqual([]);
  },
  'stat: file size, type and modification time': ({ source }) => {
    const entry = source.stat('HomeDomain/Library/Caches/a.txt');
    expect(entry).toMatchObject({ path: 'HomeDomain/Library/Caches/a.txt', type: 'file', size: 6 });
    expect(entry?.times.modified).toBe('2023-01-02T03:04:06.000000Z');
    expect(source.stat('HomeDomain/Library/SMS/sms.db')?.size).toBe(walDatabase().db.length);
  },
  'stat: folders, and nothing for a missing path': ({ source }) => {
    expect(source.stat('HomeDomain/Library/Caches')?.type).toBe('directory');
    expect(source.stat('HomeDomain/Library/Caches/missing.txt')).toBeUndefined();
    expect(source.stat('HomeDomain/Library/Caches/a.tx')).toBeUndefined();
  },
  'hasContent: files only': ({ source }) => {
    expect(source.hasContent('HomeDomain/Library/Caches/a.txt')).toBe(true);
    expect(source.hasContent('HomeDomain/Library/Caches/empty.txt')).toBe(true);
    expect(source.hasContent('HomeDomain/Library/Caches')).toBe(false);
    expect(source.hasContent('HomeDomain/Library/Caches/missing.txt')).toBe(false);
  },
  'readFile: bytes and exact SHA-256, recorded in digests()': async ({ source }) => {
    const { bytes, digest } = await source.readFile('HomeDomain/Library/Caches/deep/b/c.txt');
    expect(bytes.toString('utf8')).toBe('deep c\n');
    expect(digest).toMatchObject({ path: 'HomeDomain/Library/Caches/deep/b/c.txt', size: 7, sha256: sha256('deep c\n') });
    const all = source.digests();
    expect(all.filter((d) => d.stored === digest.stored)).toEqual([digest]);
    expect(all.map((d) => d.stored)).toEqual([...all.map((d) => d.stored)].sort());
  },
  'readFile: an empty file': async ({ source }) => {
    const { bytes, digest } = await source.readFile('HomeDomain/Library/Caches/empty.txt');
    expect(bytes.length).toBe(0);
    expect(digest.sha256).toBe(sha256(''));
  },
  'readFile: maxBytes is enforced': async ({ source }) => {
    const error = await refusal(source.readFile('HomeDomain/Library/Caches/a.txt', { maxBytes: 5 }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect((await source.readFile('HomeDomain/Library/Caches/a.txt', { maxBytes: 6 })).bytes.toString()).toBe('alpha\n');
  },
  'readFile: a missing path is ARTIFACT_MISSING': async ({ source }) => {
    expect((await refusal(source.readFile('HomeDomain/Library/Caches/missing.txt'))).code).toBe('ARTIFACT_MISSING');
    expect((await refusal(source.readFile('HomeDomain/Library/Caches'))).code).toBe('ARTIFACT_MISSING');
  },
  'readPlist: binary and XML': async ({ source }) => {
    expect((await source.readPlist('HomeDomain/Library/Preferences/com.example.binary.plist')).value).toEqual({ Name: 'binary', Count: 3 });
    expect((await source.readPlist('HomeDomain/Library/Preferences/com.example.xml.plist')).value).toEqual({ Name: 'xml' });
  },
  'openSqlite: WAL content visible, sidecars hashed, evidence unchanged': async ({ source, evidence }) => {
    const before = evidenceHash(evidence);
    const wal = walDatabase();
    const { db, digests } = await source.openSqlite('HomeDomain/Library/SMS/sms.db');
    try {
      const rows = [...db.iterate('SELECT x FROM t ORDER BY rowid')].map((row) => row['x']);
      expect(rows).toEqual(['checkpointed', 'only in the wal']);
    } finally {
      db.close();
    }
    expect(digests.map((d) => [d.path, d.size, d.sha256])).toEqual([
      ['HomeDomain/Library/SMS/sms.db', wal.db.length, sha256(wal.db)],
      ['HomeDomain/Library/SMS/sms.db-wal', wal.wal.length, sha256(wal.wal)],
      ['HomeDomain/Library/SMS/sms.db-shm', wal.shm.length, sha256(wal.shm)],
    ]);
    expect(evidenceHash(evidence)).toBe(before);
  },
  'openSqlite: a file that is not a database is SQLITE_INVALID': async ({ source }) => {
    expect((await refusal(source.openSqlite('HomeDomain/Library/Caches/not-a-db.db'))).code).toBe('SQLITE_INVALID');
  },
  'unsafe paths are refused': async ({ source }) => {
    for (const path of ['../outside.txt', '/etc/hostname', 'HomeDomain/../../outside.txt', 'HomeDomain/Library/../../../outside.txt']) {
      const error = await refusal(source.readFile(path));
      expect(['UNSAFE_PATH', 'ARTIFACT_MISSING']).toContain(error.code);
      expect(error.message).not.toContain(OUTSIDE_CONTENT.trim());
      expect(source.hasContent(path)).toBe(false);
    }
    expect(['UNSAFE_PATH', 'ARTIFACT_MISSING']).toContain((await refusal(source.openSqlite('../outside.txt'))).code);
  },
  'symlink: listed with its target, never followed by find': ({ source }) => {
    expect(source.stat('HomeDomain/Library/Caches/alias.txt')).toMatchObject({ type: 'symlink', target: 'a.txt' });
    expect(source.stat('HomeDomain/Links/caches')).toMatchObject({ type: 'symlink', target: '../Library/Caches' });
    expect(source.stat('HomeDomain/Library/Caches/escape.txt')).toMatchObject({ type: 'symlink', target: '../../../../outside.txt' });
    expect(paths(source.find('HomeDomain/Links/**'))).toEqual(['HomeDomain/Links/caches']);
  },
  'symlink: read through when it stays inside': async ({ source }) => {
    expect(source.hasContent('HomeDomain/Library/Caches/alias.txt')).toBe(true);
    const { bytes, digest } = await source.readFile('HomeDomain/Library/Caches/alias.txt');
    expect(bytes.toString()).toBe('alpha\n');
    expect(digest).toMatchObject({ path: 'HomeDomain/Library/Caches/alias.txt', sha256: sha256('alpha\n') });
    expect((await source.readFile('HomeDomain/Links/caches/deep/b/c.txt')).bytes.toString()).toBe('deep c\n');
  },
  'symlink: one that escapes is refused with UNSAFE_PATH': async ({ source }) => {
    for (const path of ['HomeDomain/Library/Caches/escape.txt', 'HomeDomain/Library/Caches/absolute.txt']) {
      expect(source.hasContent(path)).toBe(false);
      const error = await refusal(source.readFile(path));
      expect(error.code).toBe('UNSAFE_PATH');
    }
  },
};

/** Registers the suite for one Source implementation. */
export function describeSourceConformance(target: ConformanceTarget): void {
  const skipped = new Map<ConformanceCase, SkipEntry>();
  for (const entry of target.skip ?? []) {
    if (entry.reason.trim() === '') throw new Error(`${target.name}: a skip entry needs a reason`);
    for (const name of entry.cases) {
      if (!(CONFORMANCE_CASES as readonly string[]).includes(name)) throw new Error(`${target.name}: no conformance case named "${name}"`);
      skipped.set(name, entry);
    }
  }
  describe(`Source conformance: ${target.name}`, () => {
    let dir = '';
    let workDir: WorkingDir;
    let opened: OpenedUnderTest;
    const spec = conformanceTree();
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'exhibit-conformance-'));
      writeFileSync(join(dir, 'outside.txt'), OUTSIDE_CONTENT);
      mkdirSync(join(dir, 'acquisition'));
      workDir = WorkingDir.create();
      opened = await target.open(spec, join(dir, 'acquisition'), workDir);
    });
    afterAll(() => {
      opened?.source.close();
      workDir?.remove();
      rmSync(dir, { recursive: true, force: true });
    });
    for (const name of CONFORMANCE_CASES) {
      const skip = skipped.get(name);
      if (skip?.kind === 'not-applicable') continue;
      const run = async (): Promise<void> => {
        await CASES[name]({ source: opened.source, evidence: opened.evidence, spec });
      };
      if (skip?.kind === 'known-deviation') {
        it(`${name} — still deviates: ${skip.reason}`, async () => {
          await expect(run(), 'this case now passes: remove its known-deviation entry').rejects.toThrow();
        });
      } else {
        it(name, run);
      }
    }
  });
}
