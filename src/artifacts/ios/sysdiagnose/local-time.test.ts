import { describe, expect, it } from 'vitest';
import { isoFromOffsetStamp, isoFromWallClock, wallClockFromCtime } from './local-time.js';

describe('sysdiagnose local times', () => {
  it('reads ctime stamps as wall clocks and applies the zone', () => {
    const wall = wallClockFromCtime('Fri Jan  2 10:11:12 2026');
    expect(wall?.text).toBe('2026-01-02T10:11:12');
    expect(wall && isoFromWallClock(wall, { offsetMinutes: 330, label: '+0530' })).toBe('2026-01-02T04:41:12.000000Z');
    expect(wall && isoFromWallClock(wall, { offsetMinutes: -480, label: '-0800' })).toBe('2026-01-02T18:11:12.000000Z');
    expect(wallClockFromCtime('Mon Dec 31 23:59:59.123456 2029')?.text).toBe('2029-12-31T23:59:59.123456');
  });

  it('refuses impossible or foreign stamps', () => {
    expect(wallClockFromCtime('Fri Feb 30 10:11:12 2026')).toBeNull();
    expect(wallClockFromCtime('Fri Foo  2 10:11:12 2026')).toBeNull();
    expect(wallClockFromCtime('Fri Jan  2 25:11:12 2026')).toBeNull();
    expect(wallClockFromCtime('2026-01-02 10:11:12')).toBeNull();
  });

  it('reads crash report stamps with their own offset', () => {
    expect(isoFromOffsetStamp('2026-01-02 10:11:12.00 +0100')).toBe('2026-01-02T09:11:12.000000Z');
    expect(isoFromOffsetStamp('2026-01-01 23:45:10.4567 +0530')).toBe('2026-01-01T18:15:10.456700Z');
    expect(isoFromOffsetStamp('2021-07-14 02:11:12 -0800')).toBe('2021-07-14T10:11:12.000000Z');
    expect(isoFromOffsetStamp('2021-07-14 02:11:12')).toBeNull();
    expect(isoFromOffsetStamp('1970-01-01 00:00:01.00 +0000')).toBeNull();
  });
});
