/**
 * Android tools print many times as the device's wall-clock time with no zone (dumpsys,
 * dumpstate, getprop). They become UTC here, once, with the device's IANA zone
 * (`persist.sys.timezone`) when it is known; otherwise they are read as UTC and the record
 * says so, rather than silently shifting a timeline by hours.
 */
import { isoFromUnixMicros } from '../../../formats/time.js';

/** The zone a record's device-local times were converted with, as the record states it. */
export interface LocalZone {
  /** IANA name, e.g. Europe/Rome; null when the device's zone is unknown. */
  zone: string | null;
}

/** What a record says about how its local times were read. */
export function zoneLabel(zone: LocalZone): string {
  return zone.zone ?? 'unknown (device-local times read as UTC)';
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether the name is an IANA zone this Node.js knows. */
export function isKnownZone(zone: string): boolean {
  return zone !== '' && formatterFor(zone) !== null;
}

/** Offset of the zone from UTC at an instant, in milliseconds (wall clock minus UTC). */
function offsetAt(formatter: Intl.DateTimeFormat, utcMillis: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(utcMillis))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall - Math.floor(utcMillis / 1000) * 1000;
}

/**
 * A device-local `YYYY-MM-DD HH:MM[:SS[.fff]]` as UTC ISO. With an unknown zone the
 * wall-clock time is read as UTC. Returns null for text that is not such a time. In the
 * hour a clock goes back, the earlier of the two instants is chosen.
 */
export function isoFromLocal(text: string, zone: LocalZone): string | null {
  const match = LOCAL.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const wallMillis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  if (Number.isNaN(wallMillis)) return null;
  const check = new Date(wallMillis);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  let utcMillis = wallMillis;
  const formatter = zone.zone === null ? null : formatterFor(zone.zone);
  if (formatter) {
    // The offsets on either side of a possible change give at most two candidates; the one
    // whose own offset maps back to the wall clock is right. In the repeated hour of a clock
    // going back both are, and the earlier is chosen; in the skipped hour of a clock going
    // forward neither is, and the offset before the change is used.
    const before = wallMillis - offsetAt(formatter, wallMillis - 43_200_000);
    const after = wallMillis - offsetAt(formatter, wallMillis + 43_200_000);
    const valid = [before, after].filter((candidate) => candidate + offsetAt(formatter, candidate) === wallMillis);
    utcMillis = valid.length > 0 ? Math.min(...valid) : before;
  }
  const micros = BigInt(utcMillis) * 1000n + BigInt((fraction ?? '').padEnd(6, '0').slice(0, 6) || '0');
  return isoFromUnixMicros(micros);
}

/** A time with an explicit numeric offset, as in tombstones: `2021-09-29 17:43:49+0200`. */
export function isoFromOffsetTime(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?\s*([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, date, time, fraction, sign, oh, om] = match;
  const wall = isoFromLocal(`${date} ${time}${fraction ? `.${fraction}` : ''}`, { zone: null });
  if (wall === null) return null;
  const offsetMinutes = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  const base = BigInt(Date.parse(wall.slice(0, 19) + 'Z')) * 1000n + BigInt(wall.slice(20, 26));
  return isoFromUnixMicros(base - BigInt(offsetMinutes) * 60_000_000n);
}
