/**
 * Unlocking an encrypted iPhone backup before any of its files is touched: parse the
 * keybag, derive the key from the password once (or take a key derived earlier), unwrap
 * the class keys — the step where a wrong password shows — and unwrap the ManifestKey.
 * Every failure is one sentence that never contains a secret.
 */
import { AcquisitionError } from '../errors.js';
import type { PlistDict } from '../formats/plist.js';
import type { AcquisitionSecrets } from './acquisition.js';
import {
  BACKUP_KEY_LENGTH,
  deriveBackupKey,
  unlockClassKeys,
  unwrapClassWrappedKey,
  type ClassKeys,
} from './ios-backup-crypto.js';
import type { BackupDecryption } from './ios-backup.js';
import { KeybagError, parseKeybag, type Keybag } from './ios-keybag.js';

export const DERIVING_MESSAGE = 'Deriving the backup key (this takes a few seconds)…';

export const NO_SECRET_MESSAGE =
  'This backup is encrypted; give its password with --password-file FILE, --password (asked for without echo) or the EXHIBIT_BACKUP_PASSWORD environment variable, or its key with --key-file FILE.';

export const WRONG_PASSWORD_MESSAGE =
  "The password does not unlock this backup; check that it is the backup password set in Finder, iTunes or idevicebackup2 (not the phone's passcode) and try again.";

export const WRONG_KEY_MESSAGE =
  'The key given does not unlock this backup; derive it again with exhibit derive-key, or give the password instead.';

function damaged(detail: string, cause?: unknown): AcquisitionError {
  return new AcquisitionError(
    'BACKUP_KEYBAG_INVALID',
    `The keybag of this backup (BackupKeyBag in Manifest.plist) is damaged: ${detail}; the backup cannot be decrypted, so make it again.`,
    cause,
  );
}

/** The keybag of Manifest.plist, or a sentence saying why there is none that works. */
export function readKeybag(manifestPlist: PlistDict | undefined): Keybag {
  const bytes = manifestPlist?.['BackupKeyBag'];
  if (!Buffer.isBuffer(bytes)) {
    throw new AcquisitionError(
      'BACKUP_KEYBAG_INVALID',
      manifestPlist === undefined
        ? 'This backup is encrypted but its Manifest.plist is missing or unreadable, so it cannot be decrypted; the backup is damaged or incomplete, so make it again.'
        : 'This backup is encrypted but its Manifest.plist holds no BackupKeyBag, so it cannot be decrypted; the backup is damaged or incomplete, so make it again.',
    );
  }
  try {
    return parseKeybag(bytes);
  } catch (error) {
    if (error instanceof KeybagError) throw damaged(error.message, error);
    throw error;
  }
}

/** The key from the password (slow, once per run) or the key given. */
export async function backupKey(
  keybag: Keybag,
  secrets: AcquisitionSecrets | undefined,
  progress: ((message: string) => void) | undefined,
): Promise<{ key: Buffer; from: 'password' | 'key' }> {
  if (secrets?.key !== undefined) {
    if (secrets.key.length !== BACKUP_KEY_LENGTH) {
      throw new AcquisitionError('SECRET_UNAVAILABLE', `The key given is not ${BACKUP_KEY_LENGTH} bytes long; derive it again with exhibit derive-key.`);
    }
    return { key: secrets.key, from: 'key' };
  }
  if (secrets?.password === undefined) throw new AcquisitionError('ENCRYPTED_BACKUP', NO_SECRET_MESSAGE);
  progress?.(DERIVING_MESSAGE);
  return { key: await deriveBackupKey(secrets.password, keybag), from: 'password' };
}

/** Unwraps the class keys with the key; this is where a wrong password is detected. */
export function classKeysFor(keybag: Keybag, key: Buffer, from: 'password' | 'key'): ClassKeys {
  const unlocked = unlockClassKeys(keybag, key);
  if (unlocked.ok) return unlocked.classKeys;
  if (unlocked.reason === 'wrong') {
    throw new AcquisitionError('BACKUP_PASSWORD_WRONG', from === 'password' ? WRONG_PASSWORD_MESSAGE : WRONG_KEY_MESSAGE);
  }
  throw damaged(unlocked.detail);
}

/**
 * Everything needed to read an encrypted backup. `manifestIsSqlite` tells the iOS 10.0–10.1
 * case apart: no ManifestKey and a Manifest.db in clear, while the files are encrypted.
 */
export async function unlockBackup(
  manifestPlist: PlistDict | undefined,
  manifestIsSqlite: boolean,
  secrets: AcquisitionSecrets | undefined,
  progress: ((message: string) => void) | undefined,
): Promise<BackupDecryption> {
  if (secrets?.key === undefined && secrets?.password === undefined) {
    throw new AcquisitionError('ENCRYPTED_BACKUP', NO_SECRET_MESSAGE);
  }
  const keybag = readKeybag(manifestPlist);
  const { key, from } = await backupKey(keybag, secrets, progress);
  const classKeys = classKeysFor(keybag, key, from);
  const manifestKeyBytes = manifestPlist?.['ManifestKey'];
  if (manifestKeyBytes === undefined) {
    if (manifestIsSqlite) return { classKeys, manifestKey: null };
    throw new AcquisitionError(
      'BACKUP_DECRYPTION_FAILED',
      'This encrypted backup has no ManifestKey in Manifest.plist, so its Manifest.db cannot be decrypted; the backup is damaged or incomplete, so make it again.',
    );
  }
  if (!Buffer.isBuffer(manifestKeyBytes)) {
    throw new AcquisitionError(
      'BACKUP_DECRYPTION_FAILED',
      'The ManifestKey in Manifest.plist is not data, so Manifest.db cannot be decrypted; the backup is damaged, so make it again.',
    );
  }
  const unwrapped = unwrapClassWrappedKey(manifestKeyBytes, classKeys);
  if ('problem' in unwrapped) {
    throw new AcquisitionError(
      'BACKUP_DECRYPTION_FAILED',
      `The ManifestKey in Manifest.plist ${unwrapped.problem}, so Manifest.db cannot be decrypted; the backup is damaged, so make it again.`,
    );
  }
  return { classKeys, manifestKey: unwrapped.key };
}
