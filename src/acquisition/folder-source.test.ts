import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFolderSource } from './folder-source.js';
import { findRoot, findRoots, subtreeSource } from './find-root.js';
import { WorkingDir } from './working-dir.js';
import { ArtifactError, ExhibitError } from '../errors.js';
import { writeTreeFolder } from '../../test/builders/archives.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-folder-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let workDir: WorkingDir;
beforeEach(() => {
  workDir = WorkingDir.create();
});
afterEach(() => workDir.remove());

let counter = 0;
function fresh(): string {
  counter += 1;
  const root = join(dir, `case${counter}`);
  mkdirSync(root);
  return root;
}

async function refusal(promise: Promise<unknown>): Promise<ArtifactError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArtifactError)) throw new Error(`expected an ArtifactError, got ${String(error)}`);
  return error;
}

describe('FolderSource', () => {
  it('lists symlinks without following them, reports escaping ones and special files, and skips FIFOs', async () => {
    const base = fresh();
    writeFileSync(join(base, 'outside.txt'), 'secret');
    const root = writeTreeFolder(join(base, 'dump'), {
      nodes: [
        { path: 'private/var/a.txt', content: 'a' },
        { path: 'private/var/up', symlink: '../../../outside.txt' },
        { path: 'private/var/abs', symlink: '/etc/hostname' },
        { path: 'var', symlink: 'private/var' },
      ],
    });
    execFileSync('mkfifo', [join(root, 'private/var/pipe')]);
    const source = await openFolderSource(root, 'ios-fs', workDir);
    expect([...source.entries()].map((e) => `${e.type} ${e.path}`)).toEqual([
      'directory private',
      'directory private/var',
      'file private/var/a.txt',
      'symlink private/var/abs',
      'symlink private/var/up',
      'symlink var',
    ]);
    expect(source.problems()).toEqual([
      { path: 'private/var/pipe', code: 'special-file', message: 'private/var/pipe is a device, FIFO or socket, not a file, so it is not read' },
      { path: 'private/var/up', code: 'symlink-outside', message: 'private/var/up is a symbolic link to ../../../outside.txt, outside the acquisition; it is listed but never followed' },
    ]);
    expect((await source.readFile('var/a.txt')).bytes.toString()).toBe('a');
    expect((await refusal(source.readFile('private/var/up'))).message).toBe(
      'private/var/up is a symbolic link to ../../../outside.txt, outside the acquisition, so private/var/up was not read',
    );
    expect((await refusal(source.readFile('private/var/pipe'))).code).toBe('ARTIFACT_MISSING');
  });

  it('reports the modification time and full mode only, from lstat', async () => {
    const root = writeTreeFolder(join(fresh(), 'dump'), { nodes: [{ path: 'a.txt', content: 'abc', modified: new Date('2022-06-07T08:09:10Z'), mode: 0o600 }] });
    const entry = (await openFolderSource(root, 'ios-fs', workDir)).stat('a.txt');
    expect(entry).toMatchObject({ type: 'file', size: 3, mode: 0o100600, times: { modified: '2022-06-07T08:09:10.000000Z' } });
    expect(Object.keys(entry?.times ?? {})).toEqual(['modified']);
  });

  it('refuses a file replaced by an escaping symlink after the walk', async () => {
    const base = fresh();
    writeFileSync(join(base, 'outside.txt'), 'secret');
    const root = writeTreeFolder(join(base, 'dump'), { nodes: [{ path: 'a.txt', content: 'a' }] });
    const source = await openFolderSource(root, 'ios-fs', workDir);
    unlinkSync(join(root, 'a.txt'));
    symlinkSync(join(base, 'outside.txt'), join(root, 'a.txt'));
    const error = await refusal(source.readFile('a.txt'));
    expect(error).toMatchObject({ code: 'UNSAFE_PATH', message: 'a.txt leads outside the acquisition folder, so it was not read' });
  });

  it('opens a folder reached through a symlink, and refuses a path that is not a folder', async () => {
    const base = fresh();
    const root = writeTreeFolder(join(base, 'dump'), { nodes: [{ path: 'a.txt', content: 'a' }] });
    symlinkSync(root, join(base, 'alias'));
    expect((await (await openFolderSource(join(base, 'alias'), 'ios-fs', workDir)).readFile('a.txt')).bytes.toString()).toBe('a');
    const error: unknown = await openFolderSource(join(root, 'a.txt'), 'ios-fs', workDir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExhibitError);
    expect((error as ExhibitError).message).toBe(`${join(root, 'a.txt')} is a file, not a folder; point Exhibit at the folder that holds the acquisition.`);
  });
});

describe('findRoot and subtreeSource', () => {
  it('finds the acquisition at the root or one folder down, and presents it as the root', async () => {
    const root = writeTreeFolder(join(fresh(), 'collection'), {
      nodes: [
        { path: 'readme.txt', content: 'r' },
        { path: 'AB12/processes.json', content: '[]' },
        { path: 'AB12/packages.json', content: '{}' },
      ],
    });
    const source = await openFolderSource(root, 'android-androidqf', workDir);
    expect(findRoot(source, ['processes.json', 'ps.txt'])).toBe('AB12/');
    expect(findRoot(source, ['readme.txt'])).toBe('');
    expect(findRoot(source, ['nothing.txt'])).toBeUndefined();
    const view = subtreeSource(source, 'AB12/');
    expect([...view.entries()].map((e) => e.path)).toEqual(['packages.json', 'processes.json']);
    expect(view.find('*.json').map((e) => e.path)).toEqual(['packages.json', 'processes.json']);
    const { digest } = await view.readFile('processes.json');
    expect(digest).toMatchObject({ path: 'processes.json', stored: 'AB12/processes.json', size: 2 });
    expect(view.digests().map((d) => [d.path, d.stored])).toEqual([['processes.json', 'AB12/processes.json']]);
    expect((await refusal(view.readFile('../readme.txt'))).code).toBe('UNSAFE_PATH');
  });

  it('refuses to guess between several acquisitions', async () => {
    const root = writeTreeFolder(join(fresh(), 'two'), {
      nodes: [
        { path: 'phone-a/private/var/x', content: 'a' },
        { path: 'phone-b/private/var/x', content: 'b' },
      ],
    });
    const source = await openFolderSource(root, 'ios-fs', workDir);
    expect(findRoots(source, ['private/var'])).toEqual(['phone-a/', 'phone-b/']);
    expect(() => findRoot(source, ['private/var'], 'file-system dumps')).toThrow(
      'This holds 2 file-system dumps (phone-a, phone-b); extract or point Exhibit at one of them.',
    );
  });
});

describe('FolderSource.hashFile', () => {
  it('hashes a file on a worker thread, without recording it among the files read', async () => {
    const root = fresh();
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    writeTreeFolder(root, { nodes: [{ path: 'a/big.bin', content: big }, { path: 'a/empty', content: '' }] });
    const source = await openFolderSource(root, 'ios-fs', workDir);
    expect(await source.hashFile('a/big.bin')).toEqual({ path: 'a/big.bin', stored: 'a/big.bin', size: big.length, sha256: createHash('sha256').update(big).digest('hex') });
    expect(await source.hashFile('a/empty')).toMatchObject({ size: 0, sha256: createHash('sha256').update('').digest('hex') });
    expect(source.digests()).toEqual([]);
  });

  it('refuses a missing file, a folder and a symlink that escapes', async () => {
    const root = fresh();
    writeTreeFolder(root, { nodes: [{ path: 'a/file.txt', content: 'x' }] });
    symlinkSync('../../outside', join(root, 'a', 'escape'));
    const source = await openFolderSource(root, 'ios-fs', workDir);
    expect((await refusal(source.hashFile('a/missing'))).code).toBe('ARTIFACT_MISSING');
    expect((await refusal(source.hashFile('a'))).code).toBe('ARTIFACT_MISSING');
    expect((await refusal(source.hashFile('a/escape'))).code).toBe('UNSAFE_PATH');
  });

  it('hashes many files at once, each to its own digest', async () => {
    const root = fresh();
    const nodes = Array.from({ length: 40 }, (_, i) => ({ path: `f/${i}.txt`, content: `file ${i}` }));
    writeTreeFolder(root, { nodes });
    const source = await openFolderSource(root, 'ios-fs', workDir);
    const digests = await Promise.all(nodes.map((node) => source.hashFile(node.path)));
    expect(digests.map((d) => d.sha256)).toEqual(nodes.map((node) => createHash('sha256').update(node.content).digest('hex')));
  });
});
