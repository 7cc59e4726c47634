/**
 * Times inside a sysdiagnose. Daemon logs (mobileactivationd, MobileInstallation) write the
 * phone's wall clock with no zone (`Tue Jan  2 10:11:12 2026`); only the archive's name says
 * which zone the phone was in, so they become UTC with that offset, or stay as written. Crash
 * reports carry their own offset (`2026-01-02 10:11:12.00 +0100`).
 */
import type { LocalTimeZone } from '../../types.js';
import { isoFromUnixMicrosValue } from '../../../formats/time.js';

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

/** A wall-clock time as the phone wrote it, before any zone is applied. */
export interface WallClock {
  /** Milliseconds of the wall clock read as if it were UTC. */
  millis: number;
  /** The sub-second part, in microseconds (`millis` holds whole seconds only). */
  fractionMicros: number;
  /** `YYYY-MM-DDTHH:MM:SS[.ffffff]`, no zone: what a record keeps when no zone is known. */
  text: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string | undefined): WallClock | null {
  if (month < 0 || month > 11 || hour > 23 || minute > 59 || second > 59) return null;
  const millis = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(millis);
  // 31 February must not roll into March.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return null;
  const digits = (fraction ?? '').slice(0, 6);
  const fractionMicros = digits === '' ? 0 : Number(digits.padEnd(6, '0'));
  const text = `${year}-${pad(month + 1)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${digits === '' ? '' : `.${digits.padEnd(6, '0')}`}`;
  return { millis, fractionMicros, text };
}

const CTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? (\d{4})$/;

/** `Tue Jan  2 10:11:12 2026` (ctime, as Apple daemons log) as a wall clock; null otherwise. */
export function wallClockFromCtime(text: string): WallClock | null {
  const match = CTIME.exec(text);
  if (!match) return null;
  const [, month, day, hour, minute, second, fraction, year] = match;
  const monthIndex = MONTHS[month ?? ''];
  if (monthIndex === undefined) return null;
  return wallClock(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second), fraction);
}

/** The wall clock as UTC ISO, given the phone's offset; null when implausible. */
export function isoFromWallClock(wall: WallClock, zone: LocalTimeZone): string | null {
  const utcMillis = wall.millis - zone.offsetMinutes * 60_000;
  return isoFromUnixMicrosValue(BigInt(utcMillis) * 1000n + BigInt(wall.fractionMicros));
}

const OFFSET_STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ?([+-])(\d{2}):?(\d{2})$/;

/** `2026-01-02 10:11:12.00 +0100` (crash reports, with their own offset) as UTC ISO; null otherwise. */
export function isoFromOffsetStamp(text: string): string | null {
  const match = OFFSET_STAMP.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, sign, zoneHours, zoneMinutes] = match;
  const wall = wallClock(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), fraction);
  if (!wall || Number(zoneMinutes) > 59) return null;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  return isoFromWallClock(wall, { offsetMinutes, label: `${sign}${zoneHours}${zoneMinutes}` });
}
