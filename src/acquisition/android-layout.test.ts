import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutRootFromNames, layoutRootInFolder } from './android-layout.js';
import { zipMemberNames } from './zip-names.js';
import { writeTreeFolder, writeTreeZip, rawZip } from '../../test/builders/archives.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Android layouts', () => {
  it('finds androidqf files at the root or one folder down', () => {
    expect(layoutRootFromNames('androidqf', ['getprop.txt', 'packages.json', 'backup.ab'])).toBe('');
    expect(layoutRootFromNames('androidqf', ['uuid/getprop.txt', 'uuid/ps.txt'])).toBe('uuid');
    expect(layoutRootFromNames('androidqf', ['acquisition.json', 'hashes.csv'])).toBe('');
    expect(layoutRootFromNames('androidqf', ['a/b/getprop.txt', 'a/b/ps.txt'])).toBeUndefined();
    expect(layoutRootFromNames('androidqf', ['getprop.txt'])).toBeUndefined();
  });

  it('finds a bugreport by main_entry.txt or by its dumpstate text with version.txt or FS/', () => {
    expect(layoutRootFromNames('bugreport', ['main_entry.txt', 'x.txt'])).toBe('');
    expect(layoutRootFromNames('bugreport', ['bugreport-a-b-2024.txt', 'version.txt'])).toBe('');
    expect(layoutRootFromNames('bugreport', ['r/dumpstate.txt', 'r/FS/data/x'])).toBe('r');
    expect(layoutRootFromNames('bugreport', ['dumpstate_log.txt', 'version.txt'])).toBeUndefined();
    expect(layoutRootFromNames('bugreport', ['getprop.txt', 'ps.txt'])).toBeUndefined();
  });

  it('reads folders and zip central directories the same way', async () => {
    const folder = writeTreeFolder(join(dir, 'aqf'), { nodes: [{ path: 'UUID/getprop.txt', content: '' }, { path: 'UUID/ps.txt', content: '' }] });
    expect(layoutRootInFolder('androidqf', folder)).toBe('UUID');
    expect(layoutRootInFolder('bugreport', folder)).toBeUndefined();
    const zip = await writeTreeZip(join(dir, 'aqf.zip'), { nodes: [{ path: 'getprop.txt', content: 'a' }, { path: 'processes.json', content: '[]' }] });
    expect(zipMemberNames(zip)).toEqual(['getprop.txt', 'processes.json']);
    writeFileSync(join(dir, 'raw.zip'), rawZip([{ name: '../evil', content: Buffer.from('x') }]));
    expect(zipMemberNames(join(dir, 'raw.zip'))).toEqual(['../evil']);
    writeFileSync(join(dir, 'not.zip'), 'not a zip at all, but long enough to look for an end record');
    expect(zipMemberNames(join(dir, 'not.zip'))).toBeNull();
    expect(zipMemberNames(join(dir, 'missing.zip'))).toBeNull();
  });
});
