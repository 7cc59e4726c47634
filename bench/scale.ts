/**
 * What the scale generator writes, and how `--scale` and `--size` grow it. The 1× defaults
 * are small enough for the whole bench (1× and 4×) to finish in about ten minutes on a
 * 2-core machine.
 */

export interface BackupScale {
  /** Regular files in the backup besides the planted artifacts. */
  files: number;
  /** Total bytes of the backup folder (blobs, databases, Manifest.db). */
  bytes: number;
  safariVisits: number;
  messages: number;
  /** ZLIVEUSAGE rows; ZPROCESS gets half as many. */
  dataUsageRows: number;
}

export interface FsDumpScale {
  /** Regular files in the tar besides the planted ones. */
  entries: number;
  bytes: number;
}

export interface AndroidqfScale {
  filesJsonEntries: number;
}

export interface Scale {
  backup: BackupScale;
  fsDump: FsDumpScale;
  androidqf: AndroidqfScale;
}

export const MB = 1_000_000;
export const GB = 1_000_000_000;

export const BASE_SCALE: Scale = {
  backup: { files: 8_000, bytes: 800 * MB, safariVisits: 100_000, messages: 100_000, dataUsageRows: 50_000 },
  fsDump: { entries: 10_000, bytes: 600 * MB },
  androidqf: { filesJsonEntries: 100_000 },
};

export type AcquisitionName = 'backup' | 'fs-dump' | 'androidqf';
export const ACQUISITIONS: readonly AcquisitionName[] = ['backup', 'fs-dump', 'androidqf'];

/** Every count and size of `base` multiplied by `factor`. */
export function scaled(base: Scale, factor: number): Scale {
  const n = (value: number): number => Math.max(1, Math.round(value * factor));
  return {
    backup: {
      files: n(base.backup.files),
      bytes: n(base.backup.bytes),
      safariVisits: n(base.backup.safariVisits),
      messages: n(base.backup.messages),
      dataUsageRows: n(base.backup.dataUsageRows),
    },
    fsDump: { entries: n(base.fsDump.entries), bytes: n(base.fsDump.bytes) },
    androidqf: { filesJsonEntries: n(base.androidqf.filesJsonEntries) },
  };
}

/** `5GB`, `800MB`, `1.5G`, `123456` (bytes); decimal units, as disks are sold. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)b?$/i.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a size; write it like 800MB or 5GB.`);
  const units: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 };
  return Math.round(Number(match[1]) * (units[(match[2] ?? '').toLowerCase()] ?? 1));
}

export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(2)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** A short stable name for a scale, used as the data folder's name. */
export function scaleLabel(scale: Scale): string {
  return `backup-${scale.backup.files}f-${Math.round(scale.backup.bytes / MB)}MB_fs-${scale.fsDump.entries}f_aqf-${scale.androidqf.filesJsonEntries}`;
}
