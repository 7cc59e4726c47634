/**
 * Writes iOS backups with the real layout (reference/artifacts.md §1): a
 * `<UDID>/` folder with Info.plist, Manifest.plist, Status.plist, Manifest.db and one blob
 * per regular file at `<fileID[0:2]>/<fileID>`; with `encryption`, an encrypted backup with
 * a real keybag (ios-backup-encryption.ts). Output is a pure function of the spec: no wall
 * clock, no randomness, so the same spec gives the same bytes.
 *
 * Also the plist and SQLite writers other builders use.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import bplistCreator, { Real } from 'bplist-creator';
import { build as buildXml, type PlistValue as XmlValue } from 'plist';
import { PlistUid } from '../../src/formats/plist.js';
import { BackupEncryptor, type BackupEncryptionSpec } from './ios-backup-encryption.js';

export type { BackupEncryptionSpec } from './ios-backup-encryption.js';

// ---------------------------------------------------------------------------------------
// Plist writers

/** Forces a binary plist `real` for a number that happens to be integral. */
export class PlistReal {
  constructor(readonly value: number) {}
}

/** What the writers accept; `undefined` dictionary values are left out. */
export type PlistInput =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Buffer
  | PlistUid
  | PlistReal
  | readonly PlistInput[]
  | PlistInputDict;
export type PlistInputDict = { readonly [key: string]: PlistInput | undefined };

/** bplist-creator's own input: `{ UID: n }` is a UID, Real a real, integral numbers integers. */
type CreatorValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Buffer
  | Real
  | { UID: number }
  | CreatorValue[]
  | { [key: string]: CreatorValue };

function isInputDict(value: PlistInput): value is PlistInputDict {
  return (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof PlistUid) &&
    !(value instanceof PlistReal)
  );
}

function toCreator(value: PlistInput): CreatorValue {
  if (value instanceof PlistUid) return { UID: value.uid };
  if (value instanceof PlistReal) return new Real(value.value);
  if (Array.isArray(value)) return value.map(toCreator);
  if (isInputDict(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    // bplist-creator would silently write these shapes as something else.
    if (keys.length === 1 && keys[0] === 'UID') throw new Error('binaryPlist: a dict whose only key is "UID" reads as a UID; use PlistUid.');
    if (keys.includes('bplistOverride')) throw new Error('binaryPlist: the key "bplistOverride" is reserved by bplist-creator.');
    const out: { [key: string]: CreatorValue } = {};
    for (const key of keys) out[key] = toCreator(value[key] as PlistInput);
    return out;
  }
  // Array.isArray does not narrow readonly arrays away, so the remaining scalars need a cast.
  return value as Exclude<PlistInput, readonly PlistInput[] | PlistInputDict | PlistUid | PlistReal>;
}

/** A `bplist00` binary plist. Integral numbers become integers; wrap in PlistReal for a real. */
export function binaryPlist(value: PlistInputDict | readonly PlistInput[]): Buffer {
  const converted = toCreator(value);
  if (typeof converted !== 'object' || converted instanceof Date || Buffer.isBuffer(converted)) {
    throw new Error('binaryPlist: the root must be a dict or an array.');
  }
  return bplistCreator(converted);
}

function toXml(value: PlistInput): XmlValue {
  // XML spells keyed-archiver references as a one-key dict.
  if (value instanceof PlistUid) return { 'CF$UID': value.uid };
  if (value instanceof PlistReal) return value.value;
  if (typeof value === 'bigint') {
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new Error('xmlPlist: integers beyond 2^53 are not supported.');
    }
    return Number(value);
  }
  if (Array.isArray(value)) return value.map(toXml);
  if (isInputDict(value)) {
    const out: { [key: string]: XmlValue } = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toXml(item);
    return out;
  }
  // Same readonly-array narrowing gap as in toCreator.
  return value as string | number | boolean | Date | Buffer;
}

/** An XML plist (UTF-8, Apple's DOCTYPE). Integral numbers become <integer>. */
export function xmlPlist(value: PlistInput): Buffer {
  return Buffer.from(buildXml(toXml(value)), 'utf8');
}

// ---------------------------------------------------------------------------------------
// SQLite

export type SqliteDb = Database.Database;

/** Builds a database in memory and returns its file image, for writing artifact databases. */
export function sqliteBytes(build: (db: SqliteDb) => void): Buffer {
  const db = new Database(':memory:');
  try {
    build(db);
    return db.serialize();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------
// MBFile

/** fileID: lower-case hex SHA-1 of `domain-relativePath`. */
export function fileIdFor(domain: string, relativePath: string): string {
  return createHash('sha1').update(`${domain}-${relativePath}`, 'utf8').digest('hex');
}

/** Fields of one MBFile record; times are Unix seconds as in modern backups. */
export interface MbFileFields {
  relativePath: string;
  birth: number;
  lastModified: number;
  lastStatusChange: number;
  size: number;
  mode: number;
  userId?: number;
  groupId?: number;
  inode: number;
  flags?: number;
  protectionClass: number;
  target?: string;
  digest?: Buffer;
  extendedAttributes?: Buffer;
  /** Encrypted backups: u32le(class) ‖ 40-byte wrapped key, stored as NSMutableData. */
  encryptionKey?: Buffer;
}

/** The Manifest.db `file` blob: an NSKeyedArchiver plist with the MBFile root at `$objects[1]`. */
export function mbFileBlob(fields: MbFileFields): Buffer {
  const objects: PlistInput[] = ['$null', 'root placeholder'];
  const add = (value: PlistInput): PlistUid => new PlistUid(objects.push(value) - 1);
  const relativePath = add(fields.relativePath);
  const target = fields.target === undefined ? undefined : add(fields.target);
  const digest = fields.digest === undefined ? undefined : add(fields.digest);
  const extendedAttributes = fields.extendedAttributes === undefined ? undefined : add(fields.extendedAttributes);
  let encryptionKey: PlistUid | undefined;
  if (fields.encryptionKey !== undefined) {
    const keyIndex = objects.length;
    const dataClass = new PlistUid(keyIndex + 1);
    encryptionKey = add({ $class: dataClass, 'NS.data': fields.encryptionKey });
    add({ $classname: 'NSMutableData', $classes: ['NSMutableData', 'NSData', 'NSObject'] });
  }
  const mbFileClass = add({ $classname: 'MBFile', $classes: ['MBFile', 'NSObject'] });
  objects[1] = {
    LastModified: Math.floor(fields.lastModified),
    Flags: fields.flags ?? 0,
    GroupID: fields.groupId ?? 501,
    LastStatusChange: Math.floor(fields.lastStatusChange),
    Birth: Math.floor(fields.birth),
    Size: fields.size,
    InodeNumber: fields.inode,
    Mode: fields.mode,
    ProtectionClass: fields.protectionClass,
    RelativePath: relativePath,
    UserID: fields.userId ?? 501,
    Target: target,
    Digest: digest,
    ExtendedAttributes: extendedAttributes,
    EncryptionKey: encryptionKey,
    $class: mbFileClass,
  };
  return binaryPlist({
    $version: 100000,
    $archiver: 'NSKeyedArchiver',
    $top: { root: new PlistUid(1) },
    $objects: objects,
  });
}

// ---------------------------------------------------------------------------------------
// Backup spec

export interface BackupFileSpec {
  domain: string;
  relativePath: string;
  content: Buffer | string;
  mode?: number;
  times?: { birth?: Date; modified?: Date; statusChanged?: Date };
  protectionClass?: number;
  /** Row in Manifest.db but no file on disk: a partial backup. */
  omitBlob?: boolean;
}

export interface BackupSpec {
  udid?: string;
  device?: {
    name?: string;
    productType?: string;
    productVersion?: string;
    buildVersion?: string;
    serialNumber?: string;
    imei?: string;
    phoneNumber?: string;
    iccid?: string;
  };
  lastBackupDate?: Date;
  /** Time of directories, symlinks and files declared without times (default DEFAULT_FILE_TIME). */
  fileTime?: Date;
  files: BackupFileSpec[];
  symlinks?: { domain: string; relativePath: string; target: string }[];
  applications?: Record<string, { iTunesMetadata?: Record<string, unknown> }>;
  /** Only sets Manifest.plist IsEncrypted=true, for the "this backup is encrypted" error path. */
  encryptedFlag?: boolean;
  /** A really encrypted backup: keybag, ManifestKey, encrypted Manifest.db and files. */
  encryption?: BackupEncryptionSpec;
  infoPlistFormat?: 'binary' | 'xml';
  omitManifestPlist?: boolean;
  omitStatusPlist?: boolean;
}

export const DEFAULT_UDID = '00008101-000A1B2C3D4E5F6A';
export const DEFAULT_BACKUP_DATE = new Date('2024-05-01T10:00:00Z');
/** Times given to files and directories the spec leaves undated. */
export const DEFAULT_FILE_TIME = new Date('2024-04-30T09:00:00Z');

export const DEFAULT_DEVICE = {
  name: 'Exhibit Test iPhone',
  productType: 'iPhone13,2',
  productVersion: '17.4.1',
  buildVersion: '21E236',
  serialNumber: 'F2LXQ0TESTAA',
  imei: '356938035643809',
  phoneNumber: '+1 (555) 010-0199',
  iccid: '8901260000000000000',
} as const;

export const FLAG_FILE = 1;
export const FLAG_DIRECTORY = 2;
export const FLAG_SYMLINK = 4;

const MODE_FILE = 0o100644;
const MODE_DIRECTORY = 0o40755;
const MODE_SYMLINK = 0o120755;
/** NSFileProtectionCompleteUntilFirstUserAuthentication, the iOS default for app data. */
const DEFAULT_FILE_PROTECTION = 3;

const PRODUCT_NAMES: Record<string, string> = {
  'iPhone9,3': 'iPhone 7',
  'iPhone12,1': 'iPhone 11',
  'iPhone13,2': 'iPhone 12',
  'iPhone14,5': 'iPhone 13',
  'iPhone15,2': 'iPhone 14 Pro',
  'iPhone16,1': 'iPhone 15 Pro',
};

interface ManifestRow {
  fileID: string;
  domain: string;
  relativePath: string;
  flags: number;
  file: Buffer;
}

function unixSeconds(date: Date | undefined, fallback: Date): number {
  return Math.floor((date ?? fallback).getTime() / 1000);
}

/** Deterministic, plausible inode numbers: the same path always gets the same one. */
function inodeFor(fileID: string): number {
  return 100_000 + Number.parseInt(fileID.slice(0, 7), 16);
}

function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function uuidFrom(seed: string): string {
  const hex = sha1Hex(seed).toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The rows of Manifest.db in insertion order, with every domain root and parent directory. */
class ManifestRows {
  readonly rows = new Map<string, ManifestRow>();

  /** `defaultTime` is used for directories, symlinks and files without times of their own. */
  constructor(private readonly defaultTime: Date) {}

  private add(domain: string, relativePath: string, flags: number, file: Buffer): void {
    const fileID = fileIdFor(domain, relativePath);
    if (this.rows.has(fileID)) throw new Error(`buildIosBackup: ${domain} ${relativePath} is declared twice.`);
    this.rows.set(fileID, { fileID, domain, relativePath, flags, file });
  }

  private directory(domain: string, relativePath: string): void {
    const existing = this.rows.get(fileIdFor(domain, relativePath));
    if (existing) {
      if (existing.flags !== FLAG_DIRECTORY) {
        throw new Error(`buildIosBackup: ${domain} ${relativePath} is both a file and a directory.`);
      }
      return;
    }
    const fileID = fileIdFor(domain, relativePath);
    const time = unixSeconds(undefined, this.defaultTime);
    this.add(
      domain,
      relativePath,
      FLAG_DIRECTORY,
      mbFileBlob({
        relativePath,
        birth: time,
        lastModified: time,
        lastStatusChange: time,
        size: 0,
        mode: MODE_DIRECTORY,
        inode: inodeFor(fileID),
        protectionClass: 0,
      }),
    );
  }

  /** The domain root (relativePath '') and every directory above `relativePath`. */
  parents(domain: string, relativePath: string): void {
    if (relativePath === '' || relativePath.startsWith('/') || relativePath.endsWith('/')) {
      throw new Error(`buildIosBackup: "${relativePath}" is not a relative path of a file.`);
    }
    this.directory(domain, '');
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) this.directory(domain, parts.slice(0, i).join('/'));
  }

  file(spec: BackupFileSpec, size: number, encryptionKey?: Buffer): void {
    this.parents(spec.domain, spec.relativePath);
    const fileID = fileIdFor(spec.domain, spec.relativePath);
    this.add(
      spec.domain,
      spec.relativePath,
      FLAG_FILE,
      mbFileBlob({
        relativePath: spec.relativePath,
        birth: unixSeconds(spec.times?.birth, this.defaultTime),
        lastModified: unixSeconds(spec.times?.modified, this.defaultTime),
        lastStatusChange: unixSeconds(spec.times?.statusChanged, this.defaultTime),
        size,
        mode: spec.mode ?? MODE_FILE,
        inode: inodeFor(fileID),
        protectionClass: spec.protectionClass ?? DEFAULT_FILE_PROTECTION,
        encryptionKey,
      }),
    );
  }

  symlink(domain: string, relativePath: string, target: string): void {
    this.parents(domain, relativePath);
    const fileID = fileIdFor(domain, relativePath);
    const time = unixSeconds(undefined, this.defaultTime);
    this.add(
      domain,
      relativePath,
      FLAG_SYMLINK,
      mbFileBlob({
        relativePath,
        birth: time,
        lastModified: time,
        lastStatusChange: time,
        size: 0,
        mode: MODE_SYMLINK,
        inode: inodeFor(fileID),
        protectionClass: 0,
        target,
      }),
    );
  }
}

const MANIFEST_SCHEMA = `
CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB);
CREATE INDEX FilesDomainIdx ON Files(domain);
CREATE INDEX FilesRelativePathIdx ON Files(relativePath);
CREATE INDEX FilesFlagsIdx ON Files(flags);
CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB);
`;

function manifestDb(rows: Iterable<ManifestRow>): Buffer {
  return sqliteBytes((db) => {
    db.exec(MANIFEST_SCHEMA);
    const insert = db.prepare('INSERT INTO Files (fileID, domain, relativePath, flags, file) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const row of rows) insert.run(row.fileID, row.domain, row.relativePath, row.flags, row.file);
    })();
  });
}

function systemDomainsVersion(productVersion: string): string {
  const major = Number.parseInt(productVersion, 10);
  if (major <= 14) return '17.0';
  if (major === 15) return '19.0';
  if (major === 16) return '20.0';
  return '24.0';
}

type Device = { -readonly [K in keyof typeof DEFAULT_DEVICE]: string };

function manifestPlist(
  spec: BackupSpec,
  udid: string,
  device: Device,
  date: Date,
  encryption?: { keybag: Buffer; manifestKey: Buffer | undefined },
): Buffer {
  const applications: { [bundleId: string]: PlistInput } = {};
  for (const bundleId of Object.keys(spec.applications ?? {})) {
    const bundleName = bundleId.split('.').pop() ?? bundleId;
    applications[bundleId] = {
      CFBundleIdentifier: bundleId,
      CFBundleVersion: '1',
      ContainerContentClass: 'Data/Application',
      Path: `/private/var/containers/Bundle/Application/${uuidFrom(`app-${bundleId}`)}/${bundleName}.app`,
    };
  }
  return binaryPlist({
    Version: '10.0',
    IsEncrypted: spec.encryptedFlag === true || encryption !== undefined,
    BackupKeyBag: encryption?.keybag,
    ManifestKey: encryption?.manifestKey,
    Date: date,
    SystemDomainsVersion: systemDomainsVersion(device.productVersion),
    WasPasscodeSet: true,
    Lockdown: {
      ProductVersion: device.productVersion,
      ProductType: device.productType,
      BuildVersion: device.buildVersion,
      UniqueDeviceID: udid,
      SerialNumber: device.serialNumber,
      DeviceName: device.name,
    },
    Applications: applications,
  });
}

/** Turns free-form iTunesMetadata into plist input, refusing what a plist cannot hold. */
function asPlistInput(value: unknown, where: string): PlistInput {
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof Date ||
    Buffer.isBuffer(value)
  ) {
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => asPlistInput(item, where));
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: PlistInput } = {};
    for (const [key, item] of Object.entries(value)) out[key] = asPlistInput(item, `${where}.${key}`);
    return out;
  }
  throw new Error(`buildIosBackup: ${where} cannot be written to a plist.`);
}

function infoPlist(spec: BackupSpec, udid: string, device: Device, date: Date): Buffer {
  const bundleIds = Object.keys(spec.applications ?? {});
  const info: { [key: string]: PlistInput } = {
    'Build Version': device.buildVersion,
    'Device Name': device.name,
    'Display Name': device.name,
    GUID: sha1Hex(`guid-${udid}`).slice(0, 32).toUpperCase(),
    ICCID: device.iccid,
    IMEI: device.imei,
    'Installed Applications': bundleIds,
    'Last Backup Date': date,
    'Phone Number': device.phoneNumber,
    'Product Name': PRODUCT_NAMES[device.productType] ?? 'iPhone',
    'Product Type': device.productType,
    'Product Version': device.productVersion,
    'Serial Number': device.serialNumber,
    'Target Identifier': udid.toLowerCase(),
    'Target Type': 'Device',
    'Unique Identifier': udid.toUpperCase(),
    'iTunes Version': '12.13.2.3',
  };
  if (spec.applications) {
    const applications: { [bundleId: string]: PlistInput } = {};
    for (const [bundleId, app] of Object.entries(spec.applications)) {
      const metadata = app.iTunesMetadata;
      applications[bundleId] =
        metadata === undefined
          ? {}
          : { iTunesMetadata: binaryPlist(asPlistInput(metadata, `${bundleId}.iTunesMetadata`) as PlistInputDict) };
    }
    info['Applications'] = applications;
  }
  return spec.infoPlistFormat === 'xml' ? xmlPlist(info) : binaryPlist(info);
}

function statusPlist(udid: string, date: Date): Buffer {
  return binaryPlist({
    BackupState: 'new',
    Date: date,
    IsFullBackup: false,
    SnapshotState: 'finished',
    UUID: uuidFrom(`status-${udid}`),
    Version: '3.3',
  });
}

/** Writes the backup and returns its folder, `<parentDir>/<udid>`. */
export function buildIosBackup(parentDir: string, spec: BackupSpec): string {
  const udid = spec.udid ?? DEFAULT_UDID;
  const device: Device = { ...DEFAULT_DEVICE };
  for (const [key, value] of Object.entries(spec.device ?? {})) {
    if (value !== undefined) device[key as keyof Device] = value;
  }
  const date = spec.lastBackupDate ?? DEFAULT_BACKUP_DATE;
  const root = path.join(parentDir, udid);
  mkdirSync(root, { recursive: true });

  const rows = new ManifestRows(spec.fileTime ?? DEFAULT_FILE_TIME);
  const encryptor = spec.encryption ? new BackupEncryptor(spec.encryption, udid) : undefined;
  for (const file of spec.files) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const fileID = fileIdFor(file.domain, file.relativePath);
    const encrypted = encryptor?.file(
      `${file.domain}/${file.relativePath}`,
      fileID,
      file.protectionClass ?? DEFAULT_FILE_PROTECTION,
      content,
    );
    const size = encryptor?.recordedSize(`${file.domain}/${file.relativePath}`, content.length) ?? content.length;
    rows.file(file, size, encrypted?.encryptionKey);
    if (file.omitBlob) continue;
    mkdirSync(path.join(root, fileID.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(root, fileID.slice(0, 2), fileID), encrypted?.stored ?? content);
  }
  for (const link of spec.symlinks ?? []) rows.symlink(link.domain, link.relativePath, link.target);

  const manifest = manifestDb(rows.rows.values());
  const encryptedManifest = encryptor?.manifest(manifest);
  writeFileSync(path.join(root, 'Manifest.db'), encryptedManifest?.stored ?? manifest);
  writeFileSync(path.join(root, 'Info.plist'), infoPlist(spec, udid, device, date));
  const encryption = encryptor && encryptedManifest ? { keybag: encryptor.keybag, manifestKey: encryptedManifest.manifestKey } : undefined;
  if (!spec.omitManifestPlist) writeFileSync(path.join(root, 'Manifest.plist'), manifestPlist(spec, udid, device, date, encryption));
  if (!spec.omitStatusPlist) writeFileSync(path.join(root, 'Status.plist'), statusPlist(udid, date));
  return root;
}
