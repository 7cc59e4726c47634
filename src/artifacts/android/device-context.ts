/**
 * Facts about the device and the acquisition that several Android artifacts need: the
 * device's time zone (to turn device-local times into UTC) and the date of the acquisition
 * (the reference for "the security patch is more than six months old" — never the wall
 * clock of the machine running the check, so a result does not change with the day it is
 * computed).
 */
import type { Source } from '../../acquisition/source.js';
import { decodeText } from './parsers/text-lines.js';
import { parseGetprop, propertyMap } from './parsers/getprop.js';
import { dumpstateBanner } from './parsers/dumpsys-sections.js';
import { isoFromLocal, type LocalZone } from './parsers/local-time.js';
import { zoneFromProperties } from './dumpsys-text.js';
import { isObject, text } from './parsers/json-values.js';
import { isoFromUnixMillis } from '../../formats/time.js';

export interface ReferenceDate {
  /** UTC ISO time of the acquisition. */
  at: string;
  /** Where it was read, e.g. `acquisition.json started`. */
  from: string;
}

/** The properties of androidqf's getprop.txt, or an empty map when it is absent or unreadable. */
export async function androidqfProperties(source: Source): Promise<Map<string, string>> {
  if (!source.hasContent('getprop.txt')) return new Map();
  try {
    const { bytes } = await source.readFile('getprop.txt', { maxBytes: 16 * 1024 * 1024 });
    return propertyMap(parseGetprop(decodeText(bytes)).properties);
  } catch {
    return new Map();
  }
}

/** The device's zone from androidqf's getprop.txt; unknown when it is absent. */
export async function androidqfZone(source: Source): Promise<LocalZone> {
  return zoneFromProperties(await androidqfProperties(source));
}

/**
 * When an androidqf collection was made: acquisition.json's `started`, else the
 * modification time the collection records for getprop.txt (zip member or file time).
 */
export async function androidqfDate(source: Source): Promise<ReferenceDate | null> {
  if (source.hasContent('acquisition.json')) {
    try {
      const { bytes } = await source.readFile('acquisition.json', { maxBytes: 1024 * 1024 });
      const parsed: unknown = JSON.parse(decodeText(bytes));
      const started = isObject(parsed) ? text(parsed, 'started') : null;
      const millis = started === null ? Number.NaN : Date.parse(started);
      const at = Number.isFinite(millis) ? isoFromUnixMillis(millis) : null;
      if (at !== null) return { at, from: 'acquisition.json started' };
    } catch {
      // Falls back to the file time below.
    }
  }
  const modified = source.stat('getprop.txt')?.times.modified;
  return modified ? { at: modified, from: 'modification time of getprop.txt' } : null;
}

/** When a bugreport was taken: its `== dumpstate:` banner (device-local), converted with the zone. */
export function bugreportDate(mainText: string, zone: LocalZone): ReferenceDate | null {
  const banner = dumpstateBanner(mainText);
  if (!banner) return null;
  const at = isoFromLocal(banner.local, zone);
  return at ? { at, from: `dumpstate banner (line ${banner.line})` } : null;
}

/** Whole days from `earlier` to `later` (ISO times), rounded down. */
export function daysBetween(earlier: string, later: string): number | null {
  const a = Date.parse(earlier);
  const b = Date.parse(later);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.floor((b - a) / 86_400_000);
}
