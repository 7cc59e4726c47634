import { describe, expect, it } from 'vitest';
import { isKnownZone, isoFromLocal, isoFromOffsetTime, zoneLabel } from './local-time.js';

describe('device-local times', () => {
  it('converts with the device zone, summer and winter', () => {
    expect(isoFromLocal('2024-04-30 11:00:00', { zone: 'Europe/Rome' })).toBe('2024-04-30T09:00:00.000000Z');
    expect(isoFromLocal('2024-01-15 11:00:00.123', { zone: 'Europe/Rome' })).toBe('2024-01-15T10:00:00.123000Z');
    expect(isoFromLocal('2024-04-30 11:00', { zone: 'America/New_York' })).toBe('2024-04-30T15:00:00.000000Z');
  });

  it('reads the time as UTC when the zone is unknown, and says so', () => {
    expect(isoFromLocal('2024-04-30 11:00:00', { zone: null })).toBe('2024-04-30T11:00:00.000000Z');
    expect(zoneLabel({ zone: null })).toBe('unknown (device-local times read as UTC)');
    expect(zoneLabel({ zone: 'Europe/Rome' })).toBe('Europe/Rome');
  });

  it('takes the earlier instant in the repeated hour and the old offset in the skipped hour', () => {
    // Europe/Rome: clocks went back at 03:00 on 2023-10-29 and forward at 02:00 on 2024-03-31.
    expect(isoFromLocal('2023-10-29 02:30:00', { zone: 'Europe/Rome' })).toBe('2023-10-29T00:30:00.000000Z');
    expect(isoFromLocal('2024-03-31 02:30:00', { zone: 'Europe/Rome' })).toBe('2024-03-31T01:30:00.000000Z');
  });

  it('refuses what is not a time and impossible dates', () => {
    expect(isoFromLocal('yesterday', { zone: null })).toBeNull();
    expect(isoFromLocal('2024-02-30 10:00:00', { zone: null })).toBeNull();
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(isKnownZone('Europe/Rome')).toBe(true);
  });

  it('reads tombstone times with a numeric offset, nanoseconds cut to microseconds', () => {
    expect(isoFromOffsetTime('2021-09-29 17:43:49.485960624+0200')).toBe('2021-09-29T15:43:49.485960Z');
    expect(isoFromOffsetTime('2021-09-29 17:43:49-05:30')).toBe('2021-09-29T23:13:49.000000Z');
    expect(isoFromOffsetTime('2021-09-29 17:43:49')).toBeNull();
  });
});
