/**
 * analyticsd's daily journals (`private/var/db/analyticsd/Analytics-Journal-*.ips`): each
 * starts with a one-line JSON header naming the system version that wrote it and when, e.g.
 * `{"timestamp":"2021-03-02 10:11:12.00 +0100","os_version":"iPhone OS 14.4 (18D52)",…}`.
 * One record per journal gives the phone's version history: timeline context, no detection.
 */
import type { Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { isoFromUnixMicros } from '../../formats/time.js';
import { describeError } from '../../errors.js';

export const IOS_VERSION_HISTORY_ARTIFACT = 'ios_version_history';
export const IOS_VERSION_HISTORY_PATHS = { 'ios-fs': ['private/var/db/analyticsd/Analytics-Journal-*.ips'] } as const;

/** The header is a short line; a journal is read only this far. */
const MAX_HEADER_BYTES = 64 * 1024;

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** `YYYY-MM-DD HH:MM:SS[.ffffff] ±HHMM` (the journal's local time and its offset) to UTC. */
export function isoFromJournalTimestamp(value: string): string | null {
  const match = STAMP.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = '', utc, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(wall) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return null;
  const offset = utc ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const micros = BigInt(wall - offset * 60_000) * 1000n + BigInt(fraction.padEnd(6, '0') || '0');
  return isoFromUnixMicros(micros);
}

/** `iPhone OS 14.4 (18D52)` → product, version and build; null parts when the text differs. */
export function splitOsVersion(text: string): { product: string | null; version: string | null; build: string | null } {
  const match = /^\s*(.*?)\s*(\d+(?:\.\d+)*)\s*\(([0-9A-Za-z]+)\)\s*$/.exec(text);
  if (!match) return { product: null, version: null, build: null };
  const [, product = '', version = null, build = null] = match;
  return { product: product === '' ? null : product, version, build };
}

async function* extractIosVersionHistory(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  for (const file of filesWithContent(source, pathsFor(IOS_VERSION_HISTORY_PATHS, source), context)) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    let header: Record<string, unknown>;
    let digest;
    try {
      const read = await source.readFile(file.path);
      digest = read.digest;
      const end = read.bytes.indexOf(0x0a);
      const line = read.bytes.subarray(0, end < 0 ? Math.min(read.bytes.length, MAX_HEADER_BYTES) : Math.min(end, MAX_HEADER_BYTES)).toString('utf8');
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the first line is JSON but not an object');
      header = parsed as Record<string, unknown>;
    } catch (error) {
      context.issue({ code: 'corrupt', path: file.path, message: `the first line of ${file.path} is not the journal's JSON header: ${describeError(error)}` });
      continue;
    }
    const osVersion = typeof header['os_version'] === 'string' ? header['os_version'] : null;
    const timestamp = typeof header['timestamp'] === 'string' ? header['timestamp'] : null;
    if (osVersion === null) {
      context.issue({ code: 'unsupported-schema', path: file.path, message: `the header of ${file.path} has no os_version, so it says nothing about the system version` });
      continue;
    }
    const at = timestamp === null ? null : isoFromJournalTimestamp(timestamp);
    if (timestamp !== null && at === null) {
      context.issue({ code: 'corrupt', path: file.path, message: `the header of ${file.path} has a timestamp "${timestamp}" that is not "YYYY-MM-DD HH:MM:SS ±HHMM"; the version is kept without a time` });
    }
    const { product, version, build } = splitOsVersion(osVersion);
    yield makeRecord(
      IOS_VERSION_HISTORY_ARTIFACT,
      { os_version: osVersion, product, version, build, timestamp_raw: timestamp, journal: name },
      originOf(digest, { kind: 'line', line: 1 }),
      [{ at, meaning: 'recorded' }],
    );
  }
}

export const iosVersionHistoryExtractor: Extractor = {
  id: IOS_VERSION_HISTORY_ARTIFACT,
  title: 'iOS versions named by the daily analytics journals (Analytics-Journal-*.ips)',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: IOS_VERSION_HISTORY_PATHS,
  extract: extractIosVersionHistory,
};
