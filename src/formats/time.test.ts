import { describe, expect, it } from 'vitest';
import {
  isoFromMacSeconds,
  isoFromMacSecondsOrNanos,
  isoFromUnixSeconds,
  isoFromWebkitMicros,
  isoFromUnixMillis,
} from './time.js';

describe('time bases', () => {
  it('converts sms.db nanoseconds exactly, without truncating digits', () => {
    // The reference's example: 588813210539788032 ns → 2019-08-29 23:13:30.539788 UTC.
    expect(isoFromMacSecondsOrNanos(588813210539788032n)).toBe('2019-08-29T23:13:30.539788Z');
  });

  it('reads old sms.db seconds by magnitude', () => {
    expect(isoFromMacSecondsOrNanos(588813210n)).toBe('2019-08-29T23:13:30.000000Z');
  });

  it('converts Mac absolute seconds with sub-second precision', () => {
    expect(isoFromMacSeconds(646012345.125)).toBe('2021-06-21T23:52:25.125000Z');
  });

  it('converts WebKit/Chrome microseconds since 1601', () => {
    expect(isoFromWebkitMicros(13270000000000000n)).toBe('2021-07-05T23:06:40.000000Z');
  });

  it('refuses unset and implausible values instead of inventing dates', () => {
    expect(isoFromMacSeconds(0)).toBeNull();
    expect(isoFromMacSecondsOrNanos(0n)).toBeNull();
    expect(isoFromUnixSeconds(-1)).toBeNull();
    expect(isoFromUnixSeconds(1e12)).toBeNull();
    expect(isoFromUnixMillis(null)).toBeNull();
  });
});
