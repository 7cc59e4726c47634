import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTarSource, type TarSource, type TarSourceOptions } from './tar-source.js';
import { WorkingDir } from './working-dir.js';
import { ArtifactError, ExhibitError } from '../errors.js';
import { rawTar, tarGzBomb, truncated, writeTreeTar } from '../../test/builders/archives.js';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Bytes that do not compress, so a cut in the .gz lands inside the member. */
function noise(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  let block = createHash('sha256').update(seed).digest();
  for (let size = 0; size < length; size += block.length) {
    blocks.push(block);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const dir = mkdtempSync(join(tmpdir(), 'exhibit-tar-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let workDir: WorkingDir;
beforeEach(() => {
  workDir = WorkingDir.create();
});
afterEach(() => workDir.remove());

let counter = 0;
function place(bytes: Buffer, name = `t${(counter += 1)}.tar`): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function open(bytes: Buffer, options: TarSourceOptions = { wanted: ['**'] }, name?: string): Promise<TarSource> {
  return openTarSource(place(bytes, name), 'ios-fs', workDir, options);
}

async function refusal(promise: Promise<unknown>): Promise<ArtifactError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArtifactError)) throw new Error(`expected an ArtifactError, got ${String(error)}`);
  return error;
}

/** Every file kept in the working folder. */
function keptFiles(): string[] {
  return readdirSync(workDir.path).flatMap((sub) => readdirSync(join(workDir.path, sub)));
}

describe('TarSource: one pass that indexes, hashes and keeps the wanted members', () => {
  const spec = {
    nodes: [
      { path: 'private/var/mobile/Library/SMS/sms.db', content: 'db' },
      { path: 'private/var/mobile/Library/SMS/sms.db-wal', content: 'wal' },
      { path: 'private/var/mobile/Library/SMS/other.txt', content: 'other' },
      { path: 'private/var/mobile/Library/Preferences/a.plist', content: 'plist' },
      { path: 'private/var/empty.log', content: '' },
    ],
  };
  const wanted = ['private/var/mobile/Library/SMS/sms.db', '**/*.plist', 'private/var/*.log'];

  it('keeps wanted members with their -wal, refuses reading the others, and hashes all', async () => {
    const source = await open(rawTarOf(spec, './'), { wanted });
    expect(source.hasContent('private/var/mobile/Library/SMS/sms.db')).toBe(true);
    expect(source.hasContent('private/var/mobile/Library/SMS/sms.db-wal')).toBe(true);
    expect(source.hasContent('private/var/mobile/Library/Preferences/a.plist')).toBe(true);
    expect(source.hasContent('private/var/empty.log')).toBe(true);
    expect(source.hasContent('private/var/mobile/Library/SMS/other.txt')).toBe(false);
    expect(source.stat('private/var/mobile/Library/SMS/other.txt')).toMatchObject({ type: 'file', size: 5 });
    const error = await refusal(source.readFile('private/var/mobile/Library/SMS/other.txt'));
    expect(error.code).toBe('ARCHIVE_MEMBER_NOT_KEPT');
    expect(error.message).toBe(
      'private/var/mobile/Library/SMS/other.txt was not kept when the archive was indexed because no extractor declares it, and reading it would take a second pass over the whole archive',
    );
    const { digest } = await source.readFile('private/var/mobile/Library/SMS/sms.db-wal');
    expect(digest).toEqual({ path: 'private/var/mobile/Library/SMS/sms.db-wal', stored: './private/var/mobile/Library/SMS/sms.db-wal', size: 3, sha256: sha256('wal') });
    expect([...source.memberDigests()].map((d) => [d.path, d.size, d.sha256])).toEqual([
      ['private/var/empty.log', 0, sha256('')],
      ['private/var/mobile/Library/Preferences/a.plist', 5, sha256('plist')],
      ['private/var/mobile/Library/SMS/other.txt', 5, sha256('other')],
      ['private/var/mobile/Library/SMS/sms.db', 2, sha256('db')],
      ['private/var/mobile/Library/SMS/sms.db-wal', 3, sha256('wal')],
    ]);
    expect(keptFiles()).toHaveLength(3);
    expect(source.problems()).toEqual([]);
  });

  it('matches wanted paths one folder down too', async () => {
    const source = await open(rawTarOf(spec, 'iPhone-dump/'), { wanted });
    expect(source.hasContent('iPhone-dump/private/var/mobile/Library/SMS/sms.db')).toBe(true);
    expect(source.hasContent('iPhone-dump/private/var/mobile/Library/SMS/other.txt')).toBe(false);
  });

  it('reads long (pax) names and gzip alike', async () => {
    const long = `private/var/${'deep/'.repeat(30)}${'n'.repeat(120)}.txt`;
    const source = await open(zlib.gzipSync(rawTar([{ name: long, content: Buffer.from('long') }])), { wanted: ['**'] }, 'long.tar.gz');
    expect((await source.readFile(long)).bytes.toString()).toBe('long');
  });
});

function rawTarOf(spec: { nodes: { path: string; content: string }[] }, prefix: string): Buffer {
  return readFileSync(writeTreeTar(join(dir, `tree${(counter += 1)}.tar`), spec, { prefix }));
}

describe('TarSource: hostile members', () => {
  it('refuses climbing and absolute names, escaping links, devices; follows a hard link inside', async () => {
    const source = await open(
      rawTar([
        { name: 'ok.txt', content: Buffer.from('ok\n') },
        { name: '../evil', content: Buffer.from('x') },
        { name: '/etc/x', content: Buffer.from('x') },
        { name: 'a/../../b', content: Buffer.from('x') },
        { name: 'link', type: 'SymbolicLink', linkpath: '../../outside' },
        { name: 'hard-in', type: 'Link', linkpath: 'ok.txt' },
        { name: 'hard-out', type: 'Link', linkpath: '../outside' },
        { name: 'hard-abs', type: 'Link', linkpath: '/etc/passwd' },
        { name: 'hard-missing', type: 'Link', linkpath: 'nope.txt' },
        { name: 'dev/null', type: 'CharacterDevice' },
        { name: 'fifo', type: 'FIFO' },
      ]),
    );
    expect([...source.entries()].map((e) => `${e.type} ${e.path}`)).toEqual([
      'file hard-in',
      'file hard-missing',
      'symlink link',
      'file ok.txt',
    ]);
    expect(source.problems()).toEqual([
      { path: '../evil', code: 'unsafe-path', message: 'the archive member "../evil" was refused: its name climbs out of the archive with ".."' },
      { path: '/etc/x', code: 'unsafe-path', message: 'the archive member "/etc/x" was refused: its name is an absolute path' },
      { path: 'a/../../b', code: 'unsafe-path', message: 'the archive member "a/../../b" was refused: its name climbs out of the archive with ".."' },
      { path: 'dev/null', code: 'special-file', message: 'the archive member dev/null is a device or FIFO, not a file, so it is not read' },
      { path: 'fifo', code: 'special-file', message: 'the archive member fifo is a device or FIFO, not a file, so it is not read' },
      { path: 'hard-abs', code: 'hard-link', message: 'the archive member hard-abs is a hard link to "/etc/passwd", outside the archive, so it was refused' },
      { path: 'hard-missing', code: 'hard-link', message: 'the archive member hard-missing is a hard link to nope.txt, which is not a file in the archive, so it is not read' },
      { path: 'hard-out', code: 'hard-link', message: 'the archive member hard-out is a hard link to "../outside", outside the archive, so it was refused' },
      { path: 'link', code: 'symlink-outside', message: 'link is a symbolic link to ../../outside, outside the acquisition; it is listed but never followed' },
    ]);
    const { bytes, digest } = await source.readFile('hard-in');
    expect(bytes.toString()).toBe('ok\n');
    expect(digest.sha256).toBe(sha256('ok\n'));
    expect(source.stat('hard-in')?.size).toBe(3);
    expect((await refusal(source.readFile('link'))).code).toBe('UNSAFE_PATH');
    expect((await refusal(source.readFile('hard-missing'))).code).toBe('ARTIFACT_MISSING');
  });

  it('keeps the last of duplicate names', async () => {
    const source = await open(rawTar([{ name: 'dup.txt', content: Buffer.from('first') }, { name: './dup.txt', content: Buffer.from('second') }]));
    expect((await source.readFile('dup.txt')).bytes.toString()).toBe('second');
    expect(source.problems()).toEqual([{ path: 'dup.txt', code: 'duplicate', message: 'a member named dup.txt appears more than once in the archive; the last one is the one read' }]);
  });
});

describe('TarSource: limits, bombs and damage', () => {
  it('does not keep a member over the per-member or working-folder limit', async () => {
    const source = await open(
      rawTar([
        { name: 'big.bin', content: Buffer.alloc(4096, 1) },
        { name: 'a.bin', content: Buffer.alloc(600, 2) },
        { name: 'b.bin', content: Buffer.alloc(600, 3) },
      ]),
      { wanted: ['**'], limits: { maxMemberBytes: 1000, maxSpoolBytes: 1000 } },
    );
    expect(source.problems()).toEqual([
      { path: 'b.bin', code: 'spool-limit', message: 'b.bin was not kept: keeping it would take the working folder past its 1000 bytes limit' },
      { path: 'big.bin', code: 'too-large', message: 'big.bin was not kept: it is 4.0 KiB, more than the 1000 bytes limit for one member' },
    ]);
    expect(source.hasContent('a.bin')).toBe(true);
    expect(source.hasContent('b.bin')).toBe(false);
    expect((await refusal(source.readFile('big.bin'))).code).toBe('FILE_TOO_LARGE');
    expect([...source.memberDigests()].find((d) => d.path === 'big.bin')?.sha256).toBe(sha256(Buffer.alloc(4096, 1)));
  });

  it('stops a .tar.gz that expands a thousandfold, keeping the members before it', async () => {
    const source = await open(tarGzBomb('bomb.bin', 1024), { wanted: ['**'], limits: { maxMemberBytes: 64 * 1024 * 1024 } }, 'bomb.tar.gz');
    expect(source.problems()).toEqual([
      { path: 'bomb.bin', code: 'too-large', message: 'bomb.bin was not kept: it is 1.0 GiB, more than the 64.0 MiB limit for one member' },
      { path: 'bomb.bin', code: 'truncated', message: 'bomb.bin is cut short: the archive ends inside it, so it is not read and its hash is of a part only' },
      {
        path: 'bomb.tar.gz',
        code: 'bomb',
        message: 'bomb.tar.gz expands more than 1000 times its compressed size (a decompression bomb), so reading stopped there; the members before that point are read',
      },
    ]);
    expect((await source.readFile('readme.txt')).bytes.toString()).toBe('hello\n');
    expect(source.hasContent('bomb.bin')).toBe(false);
  });

  it('reads a truncated .tar and .tar.gz up to the cut', async () => {
    const whole = rawTar([
      { name: 'a.txt', content: noise(1000, 'a') },
      { name: 'b.txt', content: noise(50_000, 'b') },
    ]);
    const plain = await open(truncated(whole, 0.5), { wanted: ['**'] }, 'cut.tar');
    const gz = await open(truncated(zlib.gzipSync(whole), 0.5), { wanted: ['**'] }, 'cut.tar.gz');
    for (const source of [plain, gz]) {
      expect((await source.readFile('a.txt')).digest.sha256).toBe(sha256(noise(1000, 'a')));
      expect(source.hasContent('b.txt')).toBe(false);
      expect((await refusal(source.readFile('b.txt'))).message).toBe('b.txt is cut short: the archive ends inside it');
    }
    expect(plain.problems()).toEqual([
      { path: 'b.txt', code: 'truncated', message: 'b.txt is cut short: the archive ends inside it, so it is not read and its hash is of a part only' },
      { path: 'cut.tar', code: 'truncated', message: 'cut.tar ends in the middle of a member; it is truncated, and the members before that point are read' },
    ]);
    expect(gz.problems()).toEqual([
      { path: 'b.txt', code: 'truncated', message: 'b.txt is cut short: the archive ends inside it, so it is not read and its hash is of a part only' },
      { path: 'cut.tar.gz', code: 'truncated', message: 'cut.tar.gz is damaged or truncated (zlib: unexpected end of file); the members before that point are read' },
    ]);
  });

  it('says in one sentence that a file is not a tar', async () => {
    const error: unknown = await open(Buffer.from('hello, this is not an archive'), { wanted: ['**'] }, 'notes.tar').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExhibitError);
    expect((error as ExhibitError).code).toBe('ARCHIVE_UNREADABLE');
    expect((error as ExhibitError).message).toBe('notes.tar is not a readable tar archive (Unrecognized archive format); check that the copy is complete.');
  });
});

describe('TarSource.hashFile: the seal takes the hashes of the index pass', () => {
  const spec = {
    nodes: [
      { path: 'private/var/mobile/Library/SMS/sms.db', content: 'db' },
      { path: 'private/var/mobile/Library/SMS/other.txt', content: 'other' },
      { path: 'private/var/empty.log', content: '' },
    ],
  };

  it('hashes kept and unkept members alike, without reading the archive again', async () => {
    const file = place(rawTarOf(spec, './'));
    const source = await openTarSource(file, 'ios-fs', workDir, { wanted: ['private/var/mobile/Library/SMS/sms.db'] });
    // The archive is gone: a second read would fail, so these come from the pass.
    rmSync(file);
    expect(await source.hashFile('private/var/mobile/Library/SMS/other.txt')).toEqual({
      path: 'private/var/mobile/Library/SMS/other.txt',
      stored: './private/var/mobile/Library/SMS/other.txt',
      size: 5,
      sha256: sha256('other'),
    });
    expect(await source.hashFile('private/var/mobile/Library/SMS/sms.db')).toMatchObject({ size: 2, sha256: sha256('db') });
    expect(await source.hashFile('private/var/empty.log')).toMatchObject({ size: 0, sha256: sha256('') });
    expect(source.digests()).toEqual([]);
  });

  it('gives no hash for a missing path, a folder or a member the archive cuts short', async () => {
    const cut = truncated(rawTar([{ name: 'a.txt', content: Buffer.from('complete') }, { name: 'b.bin', content: noise(50_000, 'b') }]), 0.5);
    const source = await open(cut, { wanted: [] });
    expect(await source.hashFile('a.txt')).toMatchObject({ size: 8, sha256: sha256('complete') });
    expect((await refusal(source.hashFile('b.bin'))).code).toBe('ARTIFACT_CORRUPT');
    expect((await refusal(source.hashFile('nope.txt'))).code).toBe('ARTIFACT_MISSING');
  });
});
