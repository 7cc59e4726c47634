/**
 * Mount table lines (`mount` and /proc/mounts, as androidqf's mounts.json lists them):
 * `<device> on <mount point> type <fs> (<options>)` or the /proc/mounts form
 * `<device> <mount point> <fs> <options> 0 0`.
 */

export interface MountEntry {
  device: string;
  mountPoint: string;
  filesystem: string;
  options: string[];
}

const MOUNT_FORM = /^(\S+) on (\S+) type (\S+) \(([^)]*)\)\s*$/;
const PROC_FORM = /^(\S+) (\S+) (\S+) (\S+)(?: \d+ \d+)?\s*$/;

export function parseMountLine(line: string): MountEntry | null {
  const trimmed = line.trim();
  const match = MOUNT_FORM.exec(trimmed) ?? PROC_FORM.exec(trimmed);
  if (!match) return null;
  return {
    device: match[1] ?? '',
    mountPoint: match[2] ?? '',
    filesystem: match[3] ?? '',
    options: (match[4] ?? '').split(',').map((o) => o.trim()).filter((o) => o !== ''),
  };
}

/** Partitions that hold the operating system and are mounted read-only on a healthy phone. */
export const SYSTEM_PARTITIONS = ['/system', '/vendor', '/product', '/system_ext'] as const;

/**
 * The system partition a mount point is, or lies under. `/` is left out: before Android 10
 * it was a writable ramdisk on every phone.
 */
export function systemPartitionOf(mountPoint: string): string | null {
  for (const partition of SYSTEM_PARTITIONS) {
    if (mountPoint === partition || mountPoint.startsWith(`${partition}/`)) return partition;
  }
  return null;
}

/**
 * Options besides `rw` that on a system partition suggest it was remounted by hand (MVT's
 * list without `noatime`, which stock phones use on their system partitions).
 */
export const SUSPICIOUS_SYSTEM_OPTIONS = ['remount', 'nodiratime'] as const;
