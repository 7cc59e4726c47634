/**
 * Every hostile acquisition, through every Source: each becomes problem entries or a
 * one-sentence error, never a crash, and nothing is written anywhere but the run's
 * working folder — checked on the temp folder that holds it and on the evidence folder.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source, SourceProblem } from './source.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';
import { openTarSource } from './tar-source.js';
import { WorkingDir } from './working-dir.js';
import { isExhibitError } from '../errors.js';
import { rawTar, rawZip, tarGzBomb, truncated, writeTreeFolder, zipBomb } from '../../test/builders/archives.js';

function snapshot(path: string): string {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return `link ${readlinkSync(path)}`;
  if (!stats.isDirectory()) return createHash('sha256').update(readFileSync(path)).digest('hex');
  return readdirSync(path)
    .sort()
    .map((name) => `${name}{${snapshot(join(path, name))}}`)
    .join(',');
}

const TRAVERSAL_NAMES = ['../evil', '/tmp/exhibit-evil-absolute', 'a/../../evil2', '..\\..\\evil3'];

let evidence = '';
let parent = '';
let savedTmp: string | undefined;

beforeAll(() => {
  evidence = mkdtempSync(join(tmpdir(), 'exhibit-hostile-evidence-'));
  const archives = join(evidence, 'archives');
  mkdirSync(archives);
  writeFileSync(join(evidence, 'outside.txt'), 'must not be read');
  writeFileSync(join(archives, 'traversal.zip'), rawZip([{ name: 'ok.txt', content: Buffer.from('ok') }, ...TRAVERSAL_NAMES.map((name) => ({ name, content: Buffer.from('evil') })), { name: 'link', content: Buffer.from('../../outside.txt'), mode: 0o120777, store: true }]));
  writeFileSync(join(archives, 'bomb.zip'), zipBomb('bomb.db', 1024));
  const tar = rawTar([
    { name: 'ok.txt', content: Buffer.from('ok') },
    ...TRAVERSAL_NAMES.map((name) => ({ name, content: Buffer.from('evil') })),
    { name: 'link', type: 'SymbolicLink' as const, linkpath: '../../outside.txt' },
    { name: 'hard', type: 'Link' as const, linkpath: '../outside.txt' },
    { name: 'dev', type: 'CharacterDevice' as const },
  ]);
  writeFileSync(join(archives, 'traversal.tar'), tar);
  writeFileSync(join(archives, 'traversal.tar.gz'), zlib.gzipSync(tar));
  writeFileSync(join(archives, 'bomb.tar.gz'), tarGzBomb('bomb.db', 1024));
  writeFileSync(join(archives, 'cut.zip'), truncated(rawZip([{ name: 'a.txt', content: Buffer.alloc(4000, 1), store: true }]), 0.5));
  writeFileSync(join(archives, 'cut.tar'), truncated(rawTar([{ name: 'a.txt', content: Buffer.alloc(4000, 1) }]), 0.5));
  writeTreeFolder(join(evidence, 'folder'), { nodes: [{ path: 'ok.txt', content: 'ok' }, { path: 'link', symlink: '../outside.txt' }] });
  // Every working folder of this file is created in a temp folder of its own, to be listed.
  savedTmp = process.env['TMPDIR'];
  parent = mkdtempSync(join(tmpdir(), 'exhibit-hostile-tmp-'));
  process.env['TMPDIR'] = parent;
});

afterAll(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  rmSync(evidence, { recursive: true, force: true });
  rmSync(parent, { recursive: true, force: true });
});

/** Reads every file entry every way; only ExhibitErrors may come out. */
async function readEverything(source: Source): Promise<string[]> {
  const refusals: string[] = [];
  for (const entry of [...source.entries()]) {
    if (entry.type === 'directory') continue;
    for (const read of [() => source.readFile(entry.path), () => source.openSqlite(entry.path).then((opened) => opened.db.close())]) {
      try {
        await read();
      } catch (error) {
        if (!isExhibitError(error)) throw error;
        refusals.push(`${entry.path}: ${error.code}`);
      }
    }
  }
  return refusals;
}

const codes = (problems: readonly SourceProblem[]): string[] => problems.map((p) => `${p.code} ${p.path}`);

describe('hostile acquisitions', () => {
  it('become problem entries or one-sentence errors, and write nothing outside the working folder', async () => {
    const before = snapshot(evidence);
    const workDir = WorkingDir.create();
    expect(workDir.path.startsWith(parent)).toBe(true);
    const archives = join(evidence, 'archives');
    const results: Record<string, string[]> = {};
    const open: Record<string, () => Promise<Source & { close(): void; problems(): SourceProblem[] }>> = {
      'traversal.zip': () => openZipSource(join(archives, 'traversal.zip'), 'ios-fs', workDir),
      'bomb.zip': () => openZipSource(join(archives, 'bomb.zip'), 'ios-fs', workDir),
      'traversal.tar': () => openTarSource(join(archives, 'traversal.tar'), 'ios-fs', workDir, { wanted: ['**'] }),
      'traversal.tar.gz': () => openTarSource(join(archives, 'traversal.tar.gz'), 'ios-fs', workDir, { wanted: ['**'] }),
      'bomb.tar.gz': () => openTarSource(join(archives, 'bomb.tar.gz'), 'ios-fs', workDir, { wanted: ['**'], limits: { maxMemberBytes: 16 * 1024 * 1024 } }),
      'cut.tar': () => openTarSource(join(archives, 'cut.tar'), 'ios-fs', workDir, { wanted: ['**'] }),
      folder: () => openFolderSource(join(evidence, 'folder'), 'ios-fs', workDir),
    };
    for (const [name, opener] of Object.entries(open)) {
      const source = await opener();
      try {
        const refusals = await readEverything(source);
        results[name] = [...codes(source.problems()), ...refusals];
      } finally {
        source.close();
      }
    }
    const cut = await openZipSource(join(archives, 'cut.zip'), 'ios-fs', workDir).then(
      () => 'opened',
      (error: unknown) => (isExhibitError(error) ? `${error.code}: ${error.message}` : String(error)),
    );

    expect(results).toEqual({
      'traversal.zip': [
        'unsafe-path ../evil',
        'unsafe-path ..\\..\\evil3',
        'unsafe-path /tmp/exhibit-evil-absolute',
        'unsafe-path a/../../evil2',
        'symlink-outside link',
        'link: UNSAFE_PATH',
        'link: UNSAFE_PATH',
        'ok.txt: SQLITE_INVALID',
      ],
      'bomb.zip': ['bomb bomb.db', 'bomb.db: FILE_TOO_LARGE', 'bomb.db: FILE_TOO_LARGE', 'readme.txt: SQLITE_INVALID'],
      'traversal.tar': [
        'unsafe-path ../evil',
        'unsafe-path ..\\..\\evil3',
        'unsafe-path /tmp/exhibit-evil-absolute',
        'unsafe-path a/../../evil2',
        'special-file dev',
        'hard-link hard',
        'symlink-outside link',
        'link: UNSAFE_PATH',
        'link: UNSAFE_PATH',
        'ok.txt: SQLITE_INVALID',
      ],
      'traversal.tar.gz': [
        'unsafe-path ../evil',
        'unsafe-path ..\\..\\evil3',
        'unsafe-path /tmp/exhibit-evil-absolute',
        'unsafe-path a/../../evil2',
        'special-file dev',
        'hard-link hard',
        'symlink-outside link',
        'link: UNSAFE_PATH',
        'link: UNSAFE_PATH',
        'ok.txt: SQLITE_INVALID',
      ],
      'bomb.tar.gz': [
        'too-large bomb.db',
        'truncated bomb.db',
        'bomb bomb.tar.gz',
        'bomb.db: ARTIFACT_CORRUPT',
        'bomb.db: ARTIFACT_CORRUPT',
        'readme.txt: SQLITE_INVALID',
      ],
      'cut.tar': ['truncated a.txt', 'truncated cut.tar', 'a.txt: ARTIFACT_CORRUPT', 'a.txt: ARTIFACT_CORRUPT'],
      folder: ['symlink-outside link', 'link: UNSAFE_PATH', 'link: UNSAFE_PATH', 'ok.txt: SQLITE_INVALID'],
    });
    expect(cut).toMatch(/^ARCHIVE_UNREADABLE: cut\.zip is not a readable zip archive \([^)]*\); check that the copy is complete\.$/);

    // Only the working folder was written to, and the evidence is as it was.
    expect(readdirSync(parent)).toEqual([workDir.path.slice(parent.length + 1)]);
    expect(snapshot(evidence)).toBe(before);
    for (const escaped of ['evil', 'evil2', 'evil3']) expect(readdirSync(join(evidence, '..')).includes(escaped)).toBe(false);
    expect(() => lstatSync('/tmp/exhibit-evil-absolute')).toThrow();
    workDir.remove();
    expect(readdirSync(parent)).toEqual([]);
  });
});
