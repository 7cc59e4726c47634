import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openZipSource, type ZipSource } from './zip-source.js';
import { openNestedSource } from './nested-source.js';
import { WorkingDir } from './working-dir.js';
import { ArtifactError, ExhibitError } from '../errors.js';
import { rawZip, truncated, writeTreeZip, zipBomb } from '../../test/builders/archives.js';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'exhibit-zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let workDir: WorkingDir;
const opened: ZipSource[] = [];
beforeEach(() => {
  workDir = WorkingDir.create();
});
afterEach(() => {
  for (const source of opened.splice(0)) source.close();
  workDir.remove();
});

let counter = 0;
async function open(bytes: Buffer, limits?: Parameters<typeof openZipSource>[3]): Promise<ZipSource> {
  counter += 1;
  const file = join(dir, `z${counter}.zip`);
  writeFileSync(file, bytes);
  const source = await openZipSource(file, 'android-androidqf', workDir, limits);
  opened.push(source);
  return source;
}

async function refusal(promise: Promise<unknown>): Promise<ArtifactError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ArtifactError)) throw new Error(`expected an ArtifactError, got ${String(error)}`);
  return error;
}

/** Offsets of the central directory headers, to patch fields a writer would never get wrong. */
function centralHeaders(zip: Buffer): number[] {
  const found: number[] = [];
  for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) found.push(i);
  return found;
}

describe('ZipSource: hostile member names', () => {
  it('refuses and reports every name that climbs out or is absolute, and indexes the rest', async () => {
    const source = await open(
      rawZip([
        { name: 'ok.txt', content: Buffer.from('ok\n') },
        { name: '../evil', content: Buffer.from('x') },
        { name: '/etc/x', content: Buffer.from('x') },
        { name: 'a/../../b', content: Buffer.from('x') },
        { name: 'C:\\x', content: Buffer.from('x') },
        { name: '..\\..\\evil2', content: Buffer.from('x') },
        { name: 'dir\\..\\..\\evil3', content: Buffer.from('x') },
        { name: 'link', content: Buffer.from('../../outside'), mode: 0o120777, store: true },
        { name: 'fifo', content: Buffer.alloc(0), mode: 0o010644 },
      ]),
    );
    expect([...source.entries()].map((entry) => `${entry.type} ${entry.path}`)).toEqual(['symlink link', 'file ok.txt']);
    expect(source.stat('link')?.target).toBe('../../outside');
    expect(source.problems()).toEqual([
      { path: '../evil', code: 'unsafe-path', message: 'the zip member "../evil" was refused: its name climbs out of the archive with ".."' },
      { path: '..\\..\\evil2', code: 'unsafe-path', message: 'the zip member "..\\\\..\\\\evil2" was refused: its name climbs out of the archive with ".."' },
      { path: '/etc/x', code: 'unsafe-path', message: 'the zip member "/etc/x" was refused: its name is an absolute path' },
      { path: 'C:\\x', code: 'unsafe-path', message: 'the zip member "C:\\\\x" was refused: its name starts with a drive letter' },
      { path: 'a/../../b', code: 'unsafe-path', message: 'the zip member "a/../../b" was refused: its name climbs out of the archive with ".."' },
      { path: 'dir\\..\\..\\evil3', code: 'unsafe-path', message: 'the zip member "dir\\\\..\\\\..\\\\evil3" was refused: its name climbs out of the archive with ".."' },
      { path: 'fifo', code: 'special-file', message: 'the zip member fifo is a device, FIFO or socket, not a file, so it is not read' },
      { path: 'link', code: 'symlink-outside', message: 'link is a symbolic link to ../../outside, outside the acquisition; it is listed but never followed' },
    ]);
    expect((await refusal(source.readFile('link'))).code).toBe('UNSAFE_PATH');
    expect((await source.readFile('ok.txt')).bytes.toString()).toBe('ok\n');
  });
});

describe('ZipSource: decompression bombs and lying headers', () => {
  it('refuses a member that would expand a thousandfold before decompressing a byte', async () => {
    const source = await open(zipBomb('bomb.bin', 1024));
    expect(source.stat('bomb.bin')).toMatchObject({ type: 'file', size: 1024 ** 3 });
    expect(source.hasContent('bomb.bin')).toBe(false);
    expect(source.problems().map((p) => [p.path, p.code])).toEqual([['bomb.bin', 'bomb']]);
    expect(source.problems()[0]?.message).toMatch(/^bomb\.bin would expand 10\d\d times \(1\.0 MiB to 1\.0 GiB\), more than the 1000:1 limit, so it is refused as a zip bomb$/);
    expect((await refusal(source.openSqlite('bomb.bin'))).code).toBe('FILE_TOO_LARGE');
    expect(readdirSync(workDir.path)).toEqual([]);
    expect((await source.readFile('readme.txt')).bytes.toString()).toBe('hello\n');
  });

  it('stops a member that decompresses past its declared size, and keeps nothing of it', async () => {
    const source = await open(rawZip([{ name: 'liar.db', content: Buffer.alloc(64 * 1024), declaredSize: 100 }]));
    const error = await refusal(source.openSqlite('liar.db'));
    expect(error.code).toBe('ARTIFACT_CORRUPT');
    expect(error.message).toBe('liar.db decompresses to more than the 100 bytes the zip declares for it (a zip bomb or a damaged zip), so reading stopped');
    expect(readdirSync(workDir.path).flatMap((sub) => readdirSync(join(workDir.path, sub)))).toEqual([]);
    expect(source.problems()).toEqual([{ path: 'liar.db', code: 'corrupt', message: error.message }]);
  });

  it('reports a member shorter than declared and a CRC mismatch', async () => {
    const source = await open(
      rawZip([
        { name: 'short.txt', content: Buffer.from('abc'), declaredSize: 10 },
        { name: 'crc.txt', content: Buffer.from('abc'), declaredCrc: 12345 },
        { name: 'good.txt', content: Buffer.from('abc') },
      ]),
    );
    expect((await refusal(source.readFile('short.txt'))).message).toBe('short.txt ends after 3 of its 10 bytes; the zip is truncated or damaged');
    expect((await refusal(source.readFile('crc.txt'))).message).toBe('crc.txt fails its CRC-32 check; the zip is damaged');
    expect((await source.readFile('good.txt')).digest.sha256).toBe(sha256('abc'));
  });

  it('refuses members that share compressed data (overlapping-member bombs)', async () => {
    const zip = rawZip([
      { name: 'one.txt', content: Buffer.from('same bytes\n') },
      { name: 'two.txt', content: Buffer.from('same bytes\n') },
      { name: 'three.txt', content: Buffer.from('other\n') },
    ]);
    const [, second] = centralHeaders(zip);
    zip.writeUInt32LE(0, (second as number) + 42);
    const source = await open(zip);
    expect(source.problems().map((p) => [p.path, p.code])).toEqual([
      ['one.txt', 'bomb'],
      ['two.txt', 'bomb'],
    ]);
    expect(source.hasContent('one.txt')).toBe(false);
    expect((await source.readFile('three.txt')).bytes.toString()).toBe('other\n');
  });

  it('applies the per-member and working-folder limits', async () => {
    const big = Buffer.alloc(4096, 7);
    const source = await open(rawZip([{ name: 'big.bin', content: big }, { name: 'small.bin', content: Buffer.from('s') }]), { limits: { maxMemberBytes: 1000 } });
    expect(source.problems()).toEqual([
      { path: 'big.bin', code: 'too-large', message: 'big.bin declares 4.0 KiB, more than the 1000 bytes limit for one member, so it is not read' },
    ]);
    const capped = await open(rawZip([{ name: 'big.bin', content: big }]), { limits: { maxSpoolBytes: 1000 } });
    expect((await capped.readFile('big.bin')).bytes).toEqual(big);
    const error = await refusal(capped.openSqlite('big.bin'));
    expect(error.message).toBe('big.bin was not copied to the working folder: keeping it would take the working folder past its 1000 bytes limit');
    expect(capped.problems().map((p) => p.code)).toEqual(['spool-limit']);
  });

  it('refuses encrypted members and keeps the last of duplicate names', async () => {
    const zip = rawZip([
      { name: 'dup.txt', content: Buffer.from('first') },
      { name: 'dup.txt', content: Buffer.from('second') },
      { name: 'secret.txt', content: Buffer.from('x') },
    ]);
    const headers = centralHeaders(zip);
    const third = headers[2] as number;
    zip.writeUInt16LE(zip.readUInt16LE(third + 8) | 1, third + 8);
    const source = await open(zip);
    expect((await source.readFile('dup.txt')).bytes.toString()).toBe('second');
    expect(source.problems().map((p) => [p.path, p.code])).toEqual([
      ['dup.txt', 'duplicate'],
      ['secret.txt', 'encrypted'],
    ]);
    expect((await refusal(source.readFile('secret.txt'))).message).toBe('secret.txt is encrypted inside the zip, and Exhibit does not read encrypted zip members');
  });
});

describe('ZipSource: damaged archives and times', () => {
  it('says in one sentence that a truncated or foreign file is not a readable zip', async () => {
    const whole = await writeTreeZip(join(dir, 'whole.zip'), { nodes: [{ path: 'a.txt', content: 'a'.repeat(5000) }] });
    const bytes = readFileSync(whole);
    for (const damaged of [truncated(bytes, 0.6), Buffer.from('not a zip at all')]) {
      const error: unknown = await open(damaged).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExhibitError);
      expect((error as ExhibitError).code).toBe('ARCHIVE_UNREADABLE');
      expect((error as ExhibitError).message).toMatch(/^z\d+\.zip is not a readable zip archive \(.+\); check that the copy is complete\.$/);
    }
  });

  it('reads DOS times (no zone) as UTC', async () => {
    const source = await open(rawZip([{ name: 'logs/', content: Buffer.alloc(0) }, { name: 'logs/a.txt', content: Buffer.from('a'), modified: new Date('2024-02-03T04:05:06Z') }]));
    expect(source.stat('logs/a.txt')?.times.modified).toBe('2024-02-03T04:05:06.000000Z');
    expect(source.stat('logs')?.type).toBe('directory');
  });
});

describe('ZipSource: nested archives', () => {
  it('opens a zip inside the zip, naming its bytes outer!/inner', async () => {
    const inner = await writeTreeZip(join(dir, 'inner.zip'), { nodes: [{ path: 'main_entry.txt', content: 'bugreport-x.txt\n' }] });
    const innerBytes = readFileSync(inner);
    const outer = await open(rawZip([{ name: 'collection/bugreport.zip', content: innerBytes, store: true }]));
    const nested = await openNestedSource(outer, 'collection/bugreport.zip', 'android-bugreport', workDir);
    opened.push(nested as ZipSource);
    const { digest } = await nested.readFile('main_entry.txt');
    expect(digest).toEqual({ path: 'main_entry.txt', stored: 'collection/bugreport.zip!/main_entry.txt', size: 16, sha256: sha256('bugreport-x.txt\n') });
    expect(nested.kind).toBe('android-bugreport');
    expect(outer.digests()).toEqual([{ path: 'collection/bugreport.zip', stored: 'collection/bugreport.zip', size: innerBytes.length, sha256: sha256(innerBytes) }]);
  });

  it('turns a damaged or foreign nested archive into an artifact error', async () => {
    const outer = await open(
      rawZip([
        { name: 'cut.zip', content: truncated(rawZip([{ name: 'a.txt', content: Buffer.alloc(3000, 1), store: true }]), 0.5) },
        { name: 'notes.txt', content: Buffer.from('plain text') },
      ]),
    );
    const cut = await refusal(openNestedSource(outer, 'cut.zip', 'android-bugreport', workDir));
    expect(cut.code).toBe('ARTIFACT_CORRUPT');
    expect(cut.message).toMatch(/^cut\.zip cannot be opened: cut\.zip is not a readable zip archive \(.+\)$/);
    const text = await refusal(openNestedSource(outer, 'notes.txt', 'android-bugreport', workDir));
    expect(text.message).toBe('notes.txt is neither a zip nor a tar archive, so it cannot be opened as one');
  });
});

describe('ZipSource.hashFile: the member as it decompresses, for the seal', () => {
  it('hashes stored and deflated members without writing or recording them', async () => {
    const text = 'a line that compresses well\n'.repeat(500);
    const source = await open(rawZip([
      { name: 'plain.txt', content: Buffer.from('stored bytes'), store: true },
      { name: 'logs/big.txt', content: Buffer.from(text) },
    ]));
    expect(await source.hashFile('plain.txt')).toEqual({ path: 'plain.txt', stored: 'plain.txt', size: 12, sha256: sha256('stored bytes') });
    expect(await source.hashFile('logs/big.txt')).toEqual({ path: 'logs/big.txt', stored: 'logs/big.txt', size: text.length, sha256: sha256(text) });
    expect(source.digests()).toEqual([]);
    expect(readdirSync(workDir.path)).toEqual([]);
  });

  it('refuses a member whose CRC does not match, and a missing path', async () => {
    const source = await open(rawZip([{ name: 'bad.txt', content: Buffer.from('original'), store: true, declaredCrc: 0x1234 }]));
    const error = await refusal(source.hashFile('bad.txt'));
    expect(error.code).toBe('ARTIFACT_CORRUPT');
    expect(error.message).toBe('bad.txt fails its CRC-32 check; the zip is damaged');
    expect((await refusal(source.hashFile('absent.txt'))).code).toBe('ARTIFACT_MISSING');
  });
});
