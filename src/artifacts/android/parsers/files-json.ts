/**
 * androidqf's files.json: one object per file found on the device (JSON array, or JSON
 * lines in some versions), with its path, mode, owner, SELinux context, Unix times in
 * seconds and, for some files, hashes (empty strings when not computed).
 */
import { isObject, num, text } from './json-values.js';

export interface DeviceFile {
  path: string;
  size: number | null;
  mode: string | null;
  userName: string | null;
  groupName: string | null;
  userId: number | null;
  groupId: number | null;
  changedTime: number | null;
  modifiedTime: number | null;
  accessTime: number | null;
  context: string | null;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  sha512: string | null;
  error: string | null;
}

export function readDeviceFile(value: unknown): DeviceFile | null {
  if (!isObject(value)) return null;
  const path = text(value, 'path');
  if (path === null) return null;
  return {
    path,
    size: num(value, 'size'),
    mode: text(value, 'mode'),
    userName: text(value, 'user_name'),
    groupName: text(value, 'group_name'),
    userId: num(value, 'user_id'),
    groupId: num(value, 'group_id'),
    changedTime: num(value, 'changed_time'),
    modifiedTime: num(value, 'modified_time'),
    accessTime: num(value, 'access_time'),
    context: text(value, 'context'),
    md5: text(value, 'md5'),
    sha1: text(value, 'sha1'),
    sha256: text(value, 'sha256'),
    sha512: text(value, 'sha512'),
    error: text(value, 'error'),
  };
}

/** Whether a mode string (`-rwxr-x---`) has any execute bit. */
export function isExecutable(mode: string | null): boolean {
  // Lower-case s/t are setuid/sticky with execute; upper-case S/T are without it.
  return mode !== null && mode.startsWith('-') && /[xst]/.test(mode.slice(1));
}

/** androidqf's own collector binary, which it pushes to /data/local/tmp while it runs. */
export const ANDROIDQF_COLLECTOR = '/data/local/tmp/collector';

/**
 * Whether a path lies under /data/local/tmp/ (a folder only the adb shell and root can
 * write), leaving out androidqf's collector itself.
 */
export function isUnderDataLocalTmp(path: string): boolean {
  const normalized = path.replace(/\/{2,}/g, '/');
  if (!normalized.startsWith('/data/local/tmp/') || normalized === '/data/local/tmp/') return false;
  return normalized !== ANDROIDQF_COLLECTOR && !normalized.startsWith(`${ANDROIDQF_COLLECTOR}/`);
}
