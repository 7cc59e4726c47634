/** Writing generated file contents fast: slices of one random pool, written in large chunks. */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { BytePool, Prng } from './prng.js';

const CHUNK = 8 * 1024 * 1024;

/** Writes `size` pseudo-random bytes to `path`. */
export function writeContent(path: string, size: number, pool: BytePool, prng: Prng): void {
  if (size <= CHUNK) {
    writeFileSync(path, pool.slice(prng, size));
    return;
  }
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < size; ) {
      const chunk = pool.slice(prng, Math.min(CHUNK, size - written));
      writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}

export type SizeClass = 'small' | 'medium' | 'large';

export interface SizePlan {
  sizes: Float64Array;
  classes: SizeClass[];
  total: number;
  /** Set when the byte budget was too small for the requested file count. */
  warning?: string;
}

const LARGE_SHARE = 0.03;
const MEDIUM_SHARE = 0.09;
const MIN_LARGE = 500_000;

/**
 * Sizes of `count` files totalling about `budget` bytes, in the mix of a real phone:
 * 88 % small (64 B – 32 kB: caches, plists, thumbnails), 9 % medium (32 – 256 kB), and 3 %
 * photos and videos that take whatever the budget leaves.
 */
export function planSizes(count: number, budget: number, prng: Prng): SizePlan {
  const sizes = new Float64Array(count);
  const classes: SizeClass[] = new Array<SizeClass>(count);
  const large = Math.max(1, Math.round(count * LARGE_SHARE));
  const medium = Math.round(count * MEDIUM_SHARE);
  let fixed = 0;
  for (let i = 0; i < count; i++) {
    if (i < large) {
      classes[i] = 'large';
      continue;
    }
    const isMedium = i < large + medium;
    classes[i] = isMedium ? 'medium' : 'small';
    sizes[i] = isMedium ? prng.logUniform(32_000, 256_000) : prng.logUniform(64, 32_000);
    fixed += sizes[i] ?? 0;
  }
  let average = (budget - fixed) / large;
  let warning: string | undefined;
  if (average < MIN_LARGE) {
    warning = `the byte budget leaves ${Math.round(average)} bytes per photo; photos get ${MIN_LARGE} bytes and the total exceeds the budget`;
    average = MIN_LARGE;
  }
  let total = fixed;
  for (let i = 0; i < large; i++) {
    const size = Math.round(average * (0.5 + prng.next()));
    sizes[i] = size;
    total += size;
  }
  // Spread the classes through the listing instead of all photos first.
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(prng.next() * (i + 1));
    const size = sizes[i] ?? 0;
    sizes[i] = sizes[j] ?? 0;
    sizes[j] = size;
    const kind = classes[i] ?? 'small';
    classes[i] = classes[j] ?? 'small';
    classes[j] = kind;
  }
  return warning === undefined ? { sizes, classes, total } : { sizes, classes, total, warning };
}
