/**
 * Recognising and opening an iTunes/Finder or idevicebackup2 backup folder: the folder
 * itself or its parent holding one `<UDID>` folder, with its device metadata.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AcquisitionError, describeError } from '../errors.js';
import { decodePlist } from '../formats/plist-decode.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../formats/plist.js';
import { isoFromDate } from '../formats/time.js';
import type { AcquisitionInfo, AcquisitionOpener, DeviceInfo, OpenOptions, OpenedAcquisition } from './acquisition.js';
import { IosBackupSource, looksLikeSqlite } from './ios-backup.js';

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

function hasBackupBelow(input: string): boolean {
  if (isBackupFolder(input) || existsSync(join(input, 'Manifest.mbdb'))) return true;
  try {
    return readdirSync(input, { withFileTypes: true }).some(
      (entry) => entry.isDirectory() && isBackupFolder(join(input, entry.name)),
    );
  } catch {
    return false;
  }
}

async function openIosBackup(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const inputPath = input;
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
  const source = await IosBackupSource.open(root, options.workDir);
  return { root, source, info };
}

export const iosBackupOpener: AcquisitionOpener = {
  label: 'an iPhone backup folder (holding Manifest.db)',
  recognise: (input, stats) => stats.isDirectory() && hasBackupBelow(input),
  open: openIosBackup,
};
