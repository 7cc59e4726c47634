/**
 * Bytes → indicators, the one way every bundle is read: from the shipped folder, a user's
 * file, the cache, or a fresh download that must prove itself before it may replace a
 * cached copy. The caller words the error, because only it knows where the bytes came from.
 */
import { createHash } from 'node:crypto';

import { describeError } from '../errors.js';
import { parseStix2Bundle } from './stix2-bundle.js';
import type { Indicator, IndicatorKind, SkippedEntry } from './types.js';

/** Far above any real bundle (the largest public one is 2.2 MB); stops a runaway read or download. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

export type BundleBytesResult =
  | {
      ok: true;
      indicators: Indicator[];
      malware: string[];
      skipped: SkippedEntry[];
      counts: Partial<Record<IndicatorKind, number>>;
    }
  | { ok: false; problem: 'not-json'; detail: string }
  | { ok: false; problem: 'not-a-bundle'; problems: string[] };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readBundleBytes(bytes: Uint8Array, file: string, sha256: string): BundleBytesResult {
  let json: unknown;
  try {
    let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'not-json', detail: describeError(error) };
  }
  const result = parseStix2Bundle(json, { file, sha256 });
  if (!result.ok) return { ok: false, problem: 'not-a-bundle', problems: result.problems };
  const counts: Partial<Record<IndicatorKind, number>> = {};
  for (const indicator of result.indicators) counts[indicator.kind] = (counts[indicator.kind] ?? 0) + 1;
  return { ok: true, indicators: result.indicators, malware: result.malware, skipped: result.skipped, counts };
}
