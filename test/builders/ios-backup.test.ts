import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMbFile } from '../../src/acquisition/mbfile.js';
import { isPlistDict, type PlistValue } from '../../src/formats/plist.js';
import { decodePlist } from '../../src/formats/plist-decode.js';
import {
  buildIosBackup,
  DEFAULT_BACKUP_DATE,
  DEFAULT_UDID,
  fileIdFor,
  FLAG_DIRECTORY,
  FLAG_FILE,
  FLAG_SYMLINK,
  sqliteBytes,
  type BackupSpec,
} from './ios-backup.js';

const workDir = mkdtempSync(path.join(tmpdir(), 'exhibit-ios-backup-'));
let counter = 0;
const freshDir = (): string => path.join(workDir, String(counter++));

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

interface Row {
  fileID: string;
  domain: string;
  relativePath: string;
  flags: number;
  file: Buffer;
}

function readRows(backup: string): Row[] {
  const db = new Database(path.join(backup, 'Manifest.db'), { readonly: true });
  try {
    return db.prepare('SELECT fileID, domain, relativePath, flags, file FROM Files').all() as Row[];
  } finally {
    db.close();
  }
}

function plistAt(backup: string, name: string): { [key: string]: PlistValue } {
  const value = decodePlist(readFileSync(path.join(backup, name)));
  if (!isPlistDict(value)) throw new Error(`${name} is not a dict`);
  return value;
}

const MODIFIED = new Date('2024-03-02T12:34:56Z');

const SPEC: BackupSpec = {
  files: [
    { domain: 'HomeDomain', relativePath: 'Library/SMS/sms.db', content: 'sqlite bytes', times: { modified: MODIFIED } },
    { domain: 'HomeDomain', relativePath: 'Library/Preferences/com.apple.x.plist', content: Buffer.from([1, 2, 3]), protectionClass: 4, mode: 0o100600 },
    { domain: 'RootDomain', relativePath: 'Library/Caches/locationd/clients.plist', content: 'x', omitBlob: true },
    { domain: 'AppDomain-net.whatsapp.WhatsApp', relativePath: 'Documents/ChatStorage.sqlite', content: 'chats' },
  ],
  symlinks: [{ domain: 'HomeDomain', relativePath: 'Library/Link', target: '/private/var/mobile/Library/Elsewhere' }],
  applications: {
    'net.whatsapp.WhatsApp': { iTunesMetadata: { itemName: 'WhatsApp', softwareVersionBundleId: 'net.whatsapp.WhatsApp' } },
    'com.example.NoMetadata': {},
  },
};

describe('fileIdFor', () => {
  it('is the SHA-1 of domain-relativePath', () => {
    expect(fileIdFor('HomeDomain', 'Library/SMS/sms.db')).toBe('3d0d7e5fb2ce288813306e4d4636395e047a3d28');
  });
});

describe('buildIosBackup', () => {
  const backup = buildIosBackup(freshDir(), SPEC);
  const rows = readRows(backup);
  const byPath = new Map(rows.map((row) => [`${row.domain}/${row.relativePath}`, row]));

  it('puts the backup in <parent>/<udid> with the four metadata files', () => {
    expect(path.basename(backup)).toBe(DEFAULT_UDID);
    for (const name of ['Info.plist', 'Manifest.plist', 'Status.plist', 'Manifest.db']) {
      expect(existsSync(path.join(backup, name))).toBe(true);
    }
  });

  it('uses the exact Manifest.db schema', () => {
    const db = new Database(path.join(backup, 'Manifest.db'), { readonly: true });
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all();
    db.close();
    expect(schema).toEqual([
      { type: 'table', name: 'Files', sql: 'CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)' },
      { type: 'index', name: 'FilesDomainIdx', sql: 'CREATE INDEX FilesDomainIdx ON Files(domain)' },
      { type: 'index', name: 'FilesFlagsIdx', sql: 'CREATE INDEX FilesFlagsIdx ON Files(flags)' },
      { type: 'index', name: 'FilesRelativePathIdx', sql: 'CREATE INDEX FilesRelativePathIdx ON Files(relativePath)' },
      { type: 'table', name: 'Properties', sql: 'CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)' },
    ]);
  });

  it('gives every row the fileID sha1(domain-relativePath) and an MBFile that agrees with it', () => {
    for (const row of rows) {
      const expected = createHash('sha1').update(`${row.domain}-${row.relativePath}`).digest('hex');
      expect(row.fileID).toBe(expected);
      const mbFile = decodeMbFile(row.file);
      expect(mbFile.relativePath).toBe(row.relativePath);
      expect(mbFile.userId).toBe(501);
      expect(mbFile.flags).toBe(0);
      expect(mbFile.inode).toBeGreaterThan(0);
    }
  });

  it('adds a root row per domain and a row per intermediate directory', () => {
    const directories = rows.filter((row) => row.flags === FLAG_DIRECTORY).map((row) => `${row.domain}/${row.relativePath}`);
    expect(directories.sort()).toEqual(
      [
        'AppDomain-net.whatsapp.WhatsApp/',
        'AppDomain-net.whatsapp.WhatsApp/Documents',
        'HomeDomain/',
        'HomeDomain/Library',
        'HomeDomain/Library/Preferences',
        'HomeDomain/Library/SMS',
        'RootDomain/',
        'RootDomain/Library',
        'RootDomain/Library/Caches',
        'RootDomain/Library/Caches/locationd',
      ].sort(),
    );
    const dir = decodeMbFile(byPath.get('HomeDomain/Library/SMS')?.file ?? Buffer.alloc(0));
    expect(dir).toMatchObject({ mode: 0o40755, size: 0, protectionClass: 0 });
    expect(rows).toHaveLength(directories.length + 5);
  });

  it('writes file blobs at <fileID[0:2]>/<fileID> with the MBFile fields of the spec', () => {
    const row = byPath.get('HomeDomain/Library/SMS/sms.db');
    expect(row?.flags).toBe(FLAG_FILE);
    const fileID = row?.fileID ?? '';
    expect(readFileSync(path.join(backup, fileID.slice(0, 2), fileID), 'utf8')).toBe('sqlite bytes');
    expect(decodeMbFile(row?.file ?? Buffer.alloc(0))).toMatchObject({
      size: 12,
      mode: 0o100644,
      protectionClass: 3,
      lastModified: '2024-03-02T12:34:56.000000Z',
      birth: '2024-04-30T09:00:00.000000Z',
    });
    const prefs = decodeMbFile(byPath.get('HomeDomain/Library/Preferences/com.apple.x.plist')?.file ?? Buffer.alloc(0));
    expect(prefs).toMatchObject({ size: 3, mode: 0o100600, protectionClass: 4 });
  });

  it('writes blobs for regular files only, and none for omitBlob', () => {
    const blobs = readdirSync(backup)
      .filter((name) => /^[0-9a-f]{2}$/.test(name))
      .flatMap((folder) => readdirSync(path.join(backup, folder)));
    const fileRows = rows.filter((row) => row.flags === FLAG_FILE);
    const omitted = byPath.get('RootDomain/Library/Caches/locationd/clients.plist');
    expect(omitted?.flags).toBe(FLAG_FILE);
    expect(blobs.sort()).toEqual(fileRows.filter((row) => row !== omitted).map((row) => row.fileID).sort());
    const omittedID = omitted?.fileID ?? '';
    expect(existsSync(path.join(backup, omittedID.slice(0, 2), omittedID))).toBe(false);
    expect(decodeMbFile(omitted?.file ?? Buffer.alloc(0)).size).toBe(1);
  });

  it('writes symlinks as flags=4 rows with their Target', () => {
    const link = byPath.get('HomeDomain/Library/Link');
    expect(link?.flags).toBe(FLAG_SYMLINK);
    expect(decodeMbFile(link?.file ?? Buffer.alloc(0))).toMatchObject({ target: '/private/var/mobile/Library/Elsewhere', mode: 0o120755 });
  });

  it('writes Info.plist with the keys tools read', () => {
    const info = plistAt(backup, 'Info.plist');
    expect(readFileSync(path.join(backup, 'Info.plist')).subarray(0, 8).toString()).toBe('bplist00');
    expect(info).toMatchObject({
      'Product Type': 'iPhone13,2',
      'Product Name': 'iPhone 12',
      'Product Version': '17.4.1',
      'Target Identifier': DEFAULT_UDID.toLowerCase(),
      'Unique Identifier': DEFAULT_UDID.toUpperCase(),
      'Target Type': 'Device',
      'Last Backup Date': DEFAULT_BACKUP_DATE,
      'Installed Applications': ['net.whatsapp.WhatsApp', 'com.example.NoMetadata'],
    });
    for (const key of ['Build Version', 'Device Name', 'Display Name', 'GUID', 'ICCID', 'IMEI', 'Phone Number', 'Serial Number', 'iTunes Version']) {
      expect(typeof info[key]).toBe('string');
    }
    const apps = info['Applications'] as { [id: string]: { iTunesMetadata?: Buffer } };
    expect(decodePlist(apps['net.whatsapp.WhatsApp']?.iTunesMetadata ?? Buffer.alloc(0))).toEqual({
      itemName: 'WhatsApp',
      softwareVersionBundleId: 'net.whatsapp.WhatsApp',
    });
    expect(apps['com.example.NoMetadata']).toEqual({});
  });

  it('writes Manifest.plist and Status.plist as binary plists', () => {
    const manifest = plistAt(backup, 'Manifest.plist');
    expect(manifest).toMatchObject({
      Version: '10.0',
      IsEncrypted: false,
      Date: DEFAULT_BACKUP_DATE,
      WasPasscodeSet: true,
      Lockdown: { ProductVersion: '17.4.1', ProductType: 'iPhone13,2', UniqueDeviceID: DEFAULT_UDID },
    });
    expect(typeof manifest['SystemDomainsVersion']).toBe('string');
    expect(Object.keys(manifest['Applications'] as object)).toEqual(['net.whatsapp.WhatsApp', 'com.example.NoMetadata']);
    const status = plistAt(backup, 'Status.plist');
    expect(status).toMatchObject({ BackupState: 'new', IsFullBackup: false, SnapshotState: 'finished', Version: '3.3', Date: DEFAULT_BACKUP_DATE });
    expect(status['UUID']).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('produces identical bytes for the same spec', () => {
    const again = buildIosBackup(freshDir(), SPEC);
    const listing = (root: string): string[] =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(path.join(root, name)).isFile())
        .sort();
    expect(listing(again)).toEqual(listing(backup));
    for (const name of listing(backup)) {
      expect(readFileSync(path.join(again, name)).equals(readFileSync(path.join(backup, name))), name).toBe(true);
    }
  });
});

describe('buildIosBackup options', () => {
  it('honours udid, device, dates, XML Info.plist, the encrypted flag and omitted plists', () => {
    const backup = buildIosBackup(freshDir(), {
      udid: 'a'.repeat(40),
      device: { productType: 'iPhone9,3', productVersion: '14.3', name: 'Pat' },
      lastBackupDate: new Date('2021-01-02T03:04:05Z'),
      files: [],
      infoPlistFormat: 'xml',
      encryptedFlag: true,
      omitStatusPlist: true,
    });
    expect(path.basename(backup)).toBe('a'.repeat(40));
    expect(readFileSync(path.join(backup, 'Info.plist'), 'utf8')).toContain('<?xml');
    expect(plistAt(backup, 'Info.plist')).toMatchObject({
      'Product Name': 'iPhone 7',
      'Device Name': 'Pat',
      'Last Backup Date': new Date('2021-01-02T03:04:05Z'),
      'Installed Applications': [],
    });
    expect(plistAt(backup, 'Info.plist')['Applications']).toBeUndefined();
    expect(plistAt(backup, 'Manifest.plist')).toMatchObject({ IsEncrypted: true, SystemDomainsVersion: '17.0' });
    expect(existsSync(path.join(backup, 'Status.plist'))).toBe(false);
    expect(readRows(backup)).toEqual([]);

    const bare = buildIosBackup(freshDir(), { files: [], omitManifestPlist: true });
    expect(existsSync(path.join(bare, 'Manifest.plist'))).toBe(false);
    expect(existsSync(path.join(bare, 'Info.plist'))).toBe(true);
  });

  it('refuses specs that declare a path twice or use a file as a directory', () => {
    const dup = { domain: 'HomeDomain', relativePath: 'a/b', content: '' };
    expect(() => buildIosBackup(freshDir(), { files: [dup, dup] })).toThrow(/declared twice/);
    expect(() =>
      buildIosBackup(freshDir(), { files: [{ domain: 'HomeDomain', relativePath: 'a', content: '' }, { domain: 'HomeDomain', relativePath: 'a/b', content: '' }] }),
    ).toThrow(/both a file and a directory/);
    expect(() => buildIosBackup(freshDir(), { files: [{ domain: 'HomeDomain', relativePath: '/abs', content: '' }] })).toThrow(/relative path/);
  });
});

describe('sqliteBytes', () => {
  it('returns a SQLite file image of what the callback built', () => {
    const bytes = sqliteBytes((db) => {
      db.exec('CREATE TABLE t (x INTEGER)');
      db.prepare('INSERT INTO t VALUES (?)').run(42);
    });
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const db = new Database(bytes);
    expect(db.prepare('SELECT x FROM t').get()).toEqual({ x: 42 });
    db.close();
  });
});
