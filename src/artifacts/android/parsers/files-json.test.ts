import { describe, expect, it } from 'vitest';
import { isExecutable, isUnderDataLocalTmp, readDeviceFile } from './files-json.js';
import { parseJsonItems } from './json-values.js';
import { parseSettings, settingsNamespace } from './settings.js';
import { parseMountLine, systemPartitionOf } from './mounts.js';

describe('files.json', () => {
  it('reads a JSON array or JSON lines, reporting bad lines', () => {
    expect(parseJsonItems('[{"path":"/a"},{"path":"/b"}]')).toEqual({
      items: [
        { value: { path: '/a' }, index: 0 },
        { value: { path: '/b' }, index: 1 },
      ],
      format: 'array',
      badLines: [],
    });
    expect(parseJsonItems('{"path":"/a"}\nnot json\n\n{"path":"/b"}\n')).toEqual({
      items: [
        { value: { path: '/a' }, index: 0, line: 1 },
        { value: { path: '/b' }, index: 1, line: 4 },
      ],
      format: 'lines',
      badLines: [2],
    });
    expect(() => parseJsonItems('garbage')).toThrow(/neither a JSON array nor JSON lines/);
  });

  it('reads entries, empty hashes as null', () => {
    const file = readDeviceFile({ path: '/data/local/tmp/wd/fs.db', size: 8192, mode: '-rwxr-x---', user_name: 'shell', modified_time: 1690000000, sha256: '', md5: 'ab' });
    expect(file).toMatchObject({ path: '/data/local/tmp/wd/fs.db', size: 8192, sha256: null, md5: 'ab', modifiedTime: 1690000000 });
    expect(readDeviceFile({ size: 1 })).toBeNull();
    expect(isExecutable('-rwxr-x---')).toBe(true);
    expect(isExecutable('-rw-r--r--')).toBe(false);
    expect(isExecutable('drwxr-xr-x')).toBe(false);
  });

  it('marks /data/local/tmp/ but not androidqf\'s collector nor look-alike folders', () => {
    expect(isUnderDataLocalTmp('/data/local/tmp/wd/fs.db')).toBe(true);
    expect(isUnderDataLocalTmp('/data/local/tmp//dropbox')).toBe(true);
    expect(isUnderDataLocalTmp('/data/local/tmp/collector')).toBe(false);
    expect(isUnderDataLocalTmp('/data/local/tmp/')).toBe(false);
    expect(isUnderDataLocalTmp('/data/local/tmp2/x')).toBe(false);
  });
});

describe('settings and mounts', () => {
  it('reads key=value lines and the namespace of the file', () => {
    expect(parseSettings('package_verifier_enable=0\nodd\nurl=https://a/?b=c\n')).toEqual({
      settings: [
        { key: 'package_verifier_enable', value: '0', line: 1 },
        { key: 'url', value: 'https://a/?b=c', line: 3 },
      ],
      badLines: [2],
    });
    expect(settingsNamespace('settings_global.txt')).toBe('global');
  });

  it('reads both mount line forms and names system partitions', () => {
    expect(parseMountLine('/dev/block/dm-5 on /system type ext4 (rw,seclabel,relatime)')).toEqual({ device: '/dev/block/dm-5', mountPoint: '/system', filesystem: 'ext4', options: ['rw', 'seclabel', 'relatime'] });
    expect(parseMountLine('/dev/block/dm-6 /vendor ext4 ro,seclabel 0 0')).toEqual({ device: '/dev/block/dm-6', mountPoint: '/vendor', filesystem: 'ext4', options: ['ro', 'seclabel'] });
    expect(parseMountLine('nonsense')).toBeNull();
    expect(systemPartitionOf('/system')).toBe('/system');
    expect(systemPartitionOf('/vendor/firmware_mnt')).toBe('/vendor');
    expect(systemPartitionOf('/')).toBeNull();
    expect(systemPartitionOf('/systemx')).toBeNull();
  });
});
