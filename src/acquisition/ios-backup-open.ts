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
import { IosBackupSource, looksLikeSqlite, type BackupDecryption } from './ios-backup.js';
import { backupKey, classKeysFor, readKeybag, unlockBackup } from './ios-backup-unlock.js';

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
export function resolveBackupFolder(input: string): string {
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
  const decryption = await decryptionFor(inputPath, manifestPlist, encrypted, manifestIsSqlite, options);
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
  const source = await IosBackupSource.open(root, options.workDir, decryption);
  return { root, source, info };
}

/**
 * How the backup is read: in clear (undefined) or with keys unlocked before any file is
 * touched. An encrypted backup whose Manifest.db is nevertheless in clear while
 * Manifest.plist holds a ManifestKey is a copy another tool decrypted (mvt-ios
 * decrypt-backup copies Manifest.plist unchanged): it is read in clear. Without a
 * ManifestKey it is an iOS 10.0–10.1 backup, whose files are encrypted all the same.
 */
function readsInClear(manifestPlist: PlistDict | undefined, manifestIsSqlite: boolean): boolean {
  const encrypted = bool(manifestPlist, 'IsEncrypted') === true;
  return manifestIsSqlite && (!encrypted || manifestPlist?.['ManifestKey'] !== undefined);
}

async function decryptionFor(
  inputPath: string,
  manifestPlist: PlistDict | undefined,
  encrypted: boolean,
  manifestIsSqlite: boolean,
  options: OpenOptions,
): Promise<BackupDecryption | undefined> {
  const hasManifestKey = manifestPlist?.['ManifestKey'] !== undefined;
  const secretGiven = options.secrets?.password !== undefined || options.secrets?.key !== undefined;
  if (readsInClear(manifestPlist, manifestIsSqlite)) {
    if (encrypted) options.progress?.('Manifest.db of this backup is already decrypted (a copy made by a decryption tool), so it is read as it is.');
    if (secretGiven) options.progress?.('This backup is not encrypted, so the password or key given is not used.');
    return undefined;
  }
  if (!manifestIsSqlite && !encrypted && !hasManifestKey && manifestPlist?.['BackupKeyBag'] === undefined) {
    throw new AcquisitionError(
      'NOT_AN_ACQUISITION',
      `Manifest.db in ${inputPath} is not a SQLite database; the backup is damaged or incomplete, so make the backup again.`,
    );
  }
  return unlockBackup(manifestPlist, manifestIsSqlite, options.secrets, options.progress);
}

/** The backup folder at `input` (the folder or its parent) and whether reading it needs a password. */
export function iosBackupEncryption(input: string): { root: string; encrypted: boolean } {
  const root = resolveBackupFolder(input);
  const manifestPlist = readPlistFile(join(root, 'Manifest.plist'));
  return { root, encrypted: !readsInClear(manifestPlist, looksLikeSqlite(join(root, 'Manifest.db'))) };
}

/**
 * `exhibit derive-key`: the key the password derives, checked against the keybag so that
 * a wrong password is refused rather than written to a key file.
 */
export async function deriveIosBackupKey(
  input: string,
  password: string,
  progress: ((message: string) => void) | undefined,
): Promise<Buffer> {
  const { root, encrypted } = iosBackupEncryption(input);
  if (!encrypted) {
    throw new AcquisitionError('NOT_AN_ACQUISITION', `${input} is not an encrypted backup, so it has no key; check it directly.`);
  }
  const keybag = readKeybag(readPlistFile(join(root, 'Manifest.plist')));
  const { key, from } = await backupKey(keybag, { password }, progress);
  classKeysFor(keybag, key, from);
  return key;
}

export const iosBackupOpener: AcquisitionOpener = {
  label: 'an iPhone backup folder (holding Manifest.db)',
  recognise: (input, stats) => stats.isDirectory() && hasBackupBelow(input),
  open: openIosBackup,
};
