/**
 * How much an archive may make Exhibit decompress and write. A member is refused — and the
 * refusal reported — when it is larger than any real artifact, when it claims to expand
 * more than a compressor can honestly achieve on real data, or when keeping it would go
 * over the run's budget for the working folder or the free space of its disk.
 */
import { statfsSync } from 'node:fs';

export interface ArchiveLimits {
  /** Largest member kept in the working folder (a big sms.db or Photos.sqlite fits). */
  maxMemberBytes: number;
  /** Most bytes one Source writes to the working folder over a run. */
  maxSpoolBytes: number;
  /** Largest uncompressed/compressed ratio accepted for a member, and for a whole .tar.gz. */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxMemberBytes: 4 * 1024 ** 3,
  maxSpoolBytes: 32 * 1024 ** 3,
  maxRatio: 1000,
};

/** Below this size a high ratio is just a small, repetitive file (a zeroed header, a log). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Space always left free on the working folder's disk. */
const DISK_RESERVE_BYTES = 512 * 1024 * 1024;

export function withDefaults(limits: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** The bytes one Source has written to the working folder, against its limits. */
export class SpoolBudget {
  private used = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly folder: string,
  ) {}

  get spooled(): number {
    return this.used;
  }

  /** Free space of the working folder's disk, minus a reserve; Infinity where it cannot be read. */
  private diskAllowance(): number {
    try {
      const stats = statfsSync(this.folder);
      const free = stats.bavail * stats.bsize;
      return free - Math.min(DISK_RESERVE_BYTES, free / 2);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }

  /** Reserves room for `bytes`, or says in one clause why the member cannot be kept. */
  reserve(bytes: number): { ok: true } | { ok: false; code: 'too-large' | 'spool-limit'; reason: string } {
    if (bytes > this.limits.maxMemberBytes) {
      return { ok: false, code: 'too-large', reason: `it is ${formatBytes(bytes)}, more than the ${formatBytes(this.limits.maxMemberBytes)} limit for one member` };
    }
    if (this.used + bytes > this.limits.maxSpoolBytes) {
      return { ok: false, code: 'spool-limit', reason: `keeping it would take the working folder past its ${formatBytes(this.limits.maxSpoolBytes)} limit` };
    }
    if (bytes > this.diskAllowance()) {
      return { ok: false, code: 'spool-limit', reason: `the disk of the working folder has no room left for its ${formatBytes(bytes)}` };
    }
    this.used += bytes;
    return { ok: true };
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
