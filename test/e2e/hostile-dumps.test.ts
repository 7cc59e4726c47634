/**
 * End-to-end: `exhibit check` on hostile file-system dumps — members that climb out with
 * `..` or are absolute, symlinks and hard links that escape, a decompression bomb. Each is
 * refused and reported in coverage.json's acquisition problems, the check still ends, and
 * no file appears anywhere but the run's own working folder, which is gone afterwards.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawTar, rawZip, tarGzBomb } from '../builders/archives.js';
import { runCli } from '../support/cli.js';
import { hashTree } from '../support/tree-hash.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

interface Coverage {
  acquisition: { kind: string };
  acquisition_problems: { path: string; code: string; message: string }[];
}

const EVIL = 'exhibit-evil-absolute-member';
const ordinary = [
  { name: 'private/var/mobile/Library/Preferences/com.apple.example.plist', content: Buffer.from('bplist00') },
  { name: 'private/var/tmp/notes.txt', content: Buffer.from('ok') },
];
const climbing = [
  { name: '../evil-parent', content: Buffer.from('evil') },
  { name: `/tmp/${EVIL}`, content: Buffer.from('evil') },
  { name: 'private/var/../../../evil-climb', content: Buffer.from('evil') },
];

function check(acquisition: string): { status: number; stderr: string; coverage: Coverage; tmp: string } {
  const tmp = newDir();
  const out = join(newDir(), 'results');
  const run = runCli(['check', acquisition, '--output', out, '--no-progress'], { env: { TMPDIR: tmp } });
  const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as Coverage;
  return { status: run.status, stderr: run.stderr, coverage, tmp };
}

function problems(coverage: Coverage): string[] {
  return coverage.acquisition_problems.map((problem) => `${problem.code} ${problem.path}`).sort();
}

describe('exhibit check on hostile file-system dumps', () => {
  it('refuses members that climb out or are absolute, and links that escape, in a tar', () => {
    const folder = newDir();
    writeFileSync(join(folder, 'outside.txt'), 'must not be read');
    const archive = join(folder, 'dump.tar');
    writeFileSync(
      archive,
      rawTar([
        ...ordinary,
        ...climbing,
        { name: 'private/var/mobile/escape', type: 'SymbolicLink', linkpath: '../../../../outside.txt' },
        { name: 'private/var/mobile/hard', type: 'Link', linkpath: '../outside.txt' },
      ]),
    );
    const before = hashTree(folder);
    const { status, stderr, coverage, tmp } = check(archive);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(coverage.acquisition.kind).toBe('ios-fs');
    expect(problems(coverage)).toEqual([
      'hard-link private/var/mobile/hard',
      'symlink-outside private/var/mobile/escape',
      'unsafe-path ../evil-parent',
      `unsafe-path /tmp/${EVIL}`,
      'unsafe-path private/var/../../../evil-climb',
    ]);
    for (const problem of coverage.acquisition_problems) expect(problem.message).toMatch(/^[^\n]+$/);
    expect(hashTree(folder)).toEqual(before);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join('/tmp', EVIL))).toBe(false);
  });

  it('refuses the same members in a zip', () => {
    const folder = newDir();
    const archive = join(folder, 'dump.zip');
    writeFileSync(archive, rawZip([...ordinary, ...climbing, { name: 'private/var/mobile/escape', content: Buffer.from('../../../../outside.txt'), mode: 0o120777, store: true }]));
    const { status, coverage, tmp } = check(archive);
    expect(status).toBe(0);
    expect(problems(coverage)).toEqual([
      'symlink-outside private/var/mobile/escape',
      'unsafe-path ../evil-parent',
      `unsafe-path /tmp/${EVIL}`,
      'unsafe-path private/var/../../../evil-climb',
    ]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('does not follow a folder dump symlink that leaves the dump', () => {
    const folder = newDir();
    writeFileSync(join(folder, 'secret.txt'), 'outside the dump');
    const dump = join(folder, 'dump');
    mkdirSync(join(dump, 'private', 'var', 'mobile'), { recursive: true });
    writeFileSync(join(dump, 'private', 'var', 'mobile', 'ok.txt'), 'ok');
    symlinkSync('../../../../secret.txt', join(dump, 'private', 'var', 'mobile', 'escape'));
    const { status, coverage } = check(dump);
    expect(status).toBe(0);
    expect(problems(coverage)).toEqual(['symlink-outside private/var/mobile/escape']);
  });

  it('stops at a decompression bomb and says so', () => {
    const folder = newDir();
    const archive = join(folder, 'dump.tar.gz');
    writeFileSync(archive, tarGzBomb('private/var/mobile/Library/SMS/sms.db', 2048));
    const { status, coverage, tmp } = check(archive);
    expect(status).toBe(0);
    expect(coverage.acquisition.kind).toBe('ios-fs');
    expect(problems(coverage)).toEqual(['bomb dump.tar.gz', 'truncated private/var/mobile/Library/SMS/sms.db']);
    expect(coverage.acquisition_problems[0]?.message).toBe(
      'dump.tar.gz expands more than 1000 times its compressed size (a decompression bomb), so reading stopped there; the members before that point are read',
    );
    expect(readdirSync(tmp)).toEqual([]);
  });
});
