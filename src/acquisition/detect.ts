/**
 * What is this path? Recognises an acquisition, refuses what it cannot read with one
 * sentence the user can act on, and opens the matching Source.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AcquisitionError, describeError } from '../errors.js';
import { decodePlist } from '../formats/plist-decode.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../formats/plist.js';
import { isoFromDate } from '../formats/time.js';
import type { AcquisitionKind, Source } from './source.js';
import { IosBackupSource, looksLikeSqlite } from './ios-backup.js';
import type { WorkingDir } from './working-dir.js';

export interface DeviceInfo {
  udid?: string;
  deviceName?: string;
  productType?: string;
  productName?: string;
  productVersion?: string;
  buildVersion?: string;
  serialNumber?: string;
  imei?: string;
  phoneNumber?: string;
}

export interface AcquisitionInfo {
  kind: AcquisitionKind;
  /** The folder or file name the user gave, without the machine's path. */
  name: string;
  device: DeviceInfo;
  backup?: {
    date?: string;
    encrypted: boolean;
    fullBackup?: boolean;
    snapshotState?: string;
    manifestVersion?: string;
    passcodeSet?: boolean;
  };
}

export interface OpenedAcquisition {
  /** Absolute path of the acquisition's root folder (never written to outputs). */
  root: string;
  source: Source & { close(): void };
  info: AcquisitionInfo;
}

function isBackupFolder(dir: string): boolean {
  return (
    existsSync(join(dir, 'Manifest.db')) &&
    (existsSync(join(dir, 'Info.plist')) || existsSync(join(dir, 'Manifest.plist')))
  );
}

function readPlistFile(path: string): PlistDict | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value = decodePlist(readFileSync(path));
    return isPlistDict(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function str(dict: PlistDict | undefined, key: string): string | undefined {
  const value: PlistValue | undefined = dict?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bool(dict: PlistDict | undefined, key: string): boolean | undefined {
  const value = dict?.[key];
  return typeof value === 'boolean' ? value : undefined;
}

function date(dict: PlistDict | undefined, key: string): string | undefined {
  const value = dict?.[key];
  return value instanceof Date ? (isoFromDate(value) ?? undefined) : undefined;
}

/** Finds the backup folder: the path itself, or the one backup folder inside it. */
function resolveBackupFolder(input: string): string {
  if (isBackupFolder(input)) return input;
  let children: string[];
  try {
    children = readdirSync(input, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isBackupFolder(join(input, entry.name)))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new AcquisitionError('NOT_AN_ACQUISITION', `${input} cannot be read (${describeError(error)}); check the path and its permissions.`);
  }
  if (children.length === 1 && children[0] !== undefined) return join(input, children[0]);
  if (children.length > 1) {
    throw new AcquisitionError(
      'MULTIPLE_BACKUPS',
      `${input} holds ${children.length} backups (${children.join(', ')}); point Exhibit at one of them.`,
    );
  }
  if (existsSync(join(input, 'Manifest.mbdb'))) {
    throw new AcquisitionError(
      'NOT_AN_ACQUISITION',
      `${input} is a backup in the Manifest.mbdb format of iOS 9 and earlier, which Exhibit does not read; make a new backup with a current iTunes, Finder or idevicebackup2.`,
    );
  }
  throw new AcquisitionError(
    'NOT_AN_ACQUISITION',
    `${input} is not an iPhone backup (no Manifest.db with Info.plist in it or in one folder below); point Exhibit at the backup folder named after the device's UDID.`,
  );
}

export async function openAcquisition(inputPath: string, workDir: WorkingDir): Promise<OpenedAcquisition> {
  const input = resolve(inputPath);
  if (!existsSync(input)) {
    throw new AcquisitionError('PATH_NOT_FOUND', `${inputPath} does not exist; check the path of the acquisition.`);
  }
  if (!statSync(input).isDirectory()) {
    throw new AcquisitionError(
      'NOT_AN_ACQUISITION',
      `${inputPath} is a file, not an iPhone backup folder; point Exhibit at the folder that holds Manifest.db.`,
    );
  }
  const root = resolveBackupFolder(input);
  const manifestPlist = readPlistFile(join(root, 'Manifest.plist'));
  const infoPlist = readPlistFile(join(root, 'Info.plist'));
  const encrypted = bool(manifestPlist, 'IsEncrypted') === true;
  const manifestIsSqlite = looksLikeSqlite(join(root, 'Manifest.db'));
  if (encrypted || !manifestIsSqlite) {
    if (encrypted || manifestPlist?.['BackupKeyBag'] !== undefined) {
      throw new AcquisitionError(
        'ENCRYPTED_BACKUP',
        `This backup is encrypted; Exhibit cannot decrypt backups yet, so decrypt it first with the backup password (for example with mvt-ios decrypt-backup) and check the decrypted copy.`,
      );
    }
    throw new AcquisitionError(
      'NOT_AN_ACQUISITION',
      `Manifest.db in ${inputPath} is not a SQLite database; the backup is damaged or incomplete, so make the backup again.`,
    );
  }
  const lockdown = isPlistDict(manifestPlist?.['Lockdown']) ? (manifestPlist['Lockdown'] as PlistDict) : undefined;
  const status = readPlistFile(join(root, 'Status.plist'));
  const device: DeviceInfo = {
    udid: str(infoPlist, 'Unique Identifier') ?? str(lockdown, 'UniqueDeviceID') ?? basename(root),
    deviceName: str(infoPlist, 'Device Name') ?? str(lockdown, 'DeviceName'),
    productType: str(infoPlist, 'Product Type') ?? str(lockdown, 'ProductType'),
    productName: str(infoPlist, 'Product Name'),
    productVersion: str(infoPlist, 'Product Version') ?? str(lockdown, 'ProductVersion'),
    buildVersion: str(infoPlist, 'Build Version') ?? str(lockdown, 'BuildVersion'),
    serialNumber: str(infoPlist, 'Serial Number') ?? str(lockdown, 'SerialNumber'),
    imei: str(infoPlist, 'IMEI'),
    phoneNumber: str(infoPlist, 'Phone Number'),
  };
  const info: AcquisitionInfo = {
    kind: 'ios-backup',
    name: basename(input),
    device: Object.fromEntries(Object.entries(device).filter(([, v]) => v !== undefined)) as DeviceInfo,
    backup: {
      date: date(infoPlist, 'Last Backup Date') ?? date(manifestPlist, 'Date') ?? date(status, 'Date'),
      encrypted,
      fullBackup: bool(status, 'IsFullBackup'),
      snapshotState: str(status, 'SnapshotState'),
      manifestVersion: str(manifestPlist, 'Version'),
      passcodeSet: bool(manifestPlist, 'WasPasscodeSet'),
    },
  };
  const source = await IosBackupSource.open(root, workDir);
  return { root, source, info };
}
