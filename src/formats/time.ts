/**
 * Time bases of phone artifacts, converted once, in the extractor, to UTC ISO strings with
 * microsecond precision. Every converter returns null for absent, zero-as-unset or
 * implausible values instead of inventing a 1970 or 2001 date.
 */

/** Seconds between the Unix epoch and Apple's 2001-01-01 reference date. */
export const MAC_EPOCH_OFFSET = 978_307_200;
/** Seconds between 1601-01-01 (WebKit/Chrome) and the Unix epoch. */
export const WEBKIT_EPOCH_OFFSET = 11_644_473_600;

const MIN_UNIX = 946_684_800; // 2000-01-01: nothing on a phone is older
const MAX_UNIX = 4_102_444_800; // 2100-01-01

/** Formats Unix microseconds (an integer) as ISO 8601 UTC with six fractional digits. */
export function isoFromUnixMicros(micros: bigint): string {
  const secondsPart = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  let seconds = secondsPart;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const base = date.toISOString().slice(0, 19);
  return `${base}.${fraction.toString().padStart(6, '0')}Z`;
}

function plausible(unixSeconds: number): boolean {
  return Number.isFinite(unixSeconds) && unixSeconds >= MIN_UNIX && unixSeconds <= MAX_UNIX;
}

/** Unix seconds (integer or fractional). */
export function isoFromUnixSeconds(seconds: number | bigint | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const value = Number(seconds);
  if (!plausible(value)) return null;
  return isoFromUnixMicros(BigInt(Math.round(value * 1_000_000)));
}

/** Unix milliseconds. */
export function isoFromUnixMillis(millis: number | bigint | null | undefined): string | null {
  if (millis === null || millis === undefined) return null;
  if (typeof millis === 'bigint') {
    if (!plausible(Number(millis / 1000n))) return null;
    return isoFromUnixMicros(millis * 1000n);
  }
  return isoFromUnixSeconds(millis / 1000);
}

/** Unix microseconds. */
export function isoFromUnixMicrosValue(micros: number | bigint | null | undefined): string | null {
  if (micros === null || micros === undefined) return null;
  const big = typeof micros === 'bigint' ? micros : BigInt(Math.round(micros));
  if (!plausible(Number(big / 1_000_000n))) return null;
  return isoFromUnixMicros(big);
}

/** Mac absolute time in seconds (REAL), as in Core Data and most Apple databases. */
export function isoFromMacSeconds(seconds: number | bigint | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const value = Number(seconds);
  if (value === 0) return null;
  return isoFromUnixSeconds(value + MAC_EPOCH_OFFSET);
}

/**
 * Mac absolute time that is nanoseconds on iOS 11 and later and seconds before (sms.db
 * `message.date`). Decided by magnitude and converted exactly: no digit truncation.
 */
export function isoFromMacSecondsOrNanos(value: number | bigint | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const big = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  if (big === 0n) return null;
  const abs = big < 0n ? -big : big;
  if (abs > 100_000_000_000n) {
    // Nanoseconds: 1e11 ns is 100 s after 2001, while 1e11 s is three millennia.
    const micros = big / 1000n + BigInt(MAC_EPOCH_OFFSET) * 1_000_000n;
    if (!plausible(Number(micros / 1_000_000n))) return null;
    return isoFromUnixMicros(micros);
  }
  return isoFromMacSeconds(typeof value === 'bigint' ? Number(value) : value);
}

/** WebKit/Chrome time: microseconds since 1601-01-01. */
export function isoFromWebkitMicros(value: number | bigint | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const big = typeof value === 'bigint' ? value : BigInt(Math.round(value));
  if (big === 0n) return null;
  const micros = big - BigInt(WEBKIT_EPOCH_OFFSET) * 1_000_000n;
  if (!plausible(Number(micros / 1_000_000n))) return null;
  return isoFromUnixMicros(micros);
}

/** A JavaScript Date (from a plist <date>). */
export function isoFromDate(date: Date | null | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return isoFromUnixSeconds(date.getTime() / 1000);
}
