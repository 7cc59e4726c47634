/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain TypeScript, synchronous, for the
 * verifier page: WebCrypto's digest is asynchronous, and the detection engine computes a
 * finding's id synchronously. Node code uses node:crypto instead; the unit test holds this
 * implementation to node:crypto's output.
 */

/** Integer k-th root of a non-negative BigInt (floor), by Newton's method. */
function integerRoot(value: bigint, k: bigint): bigint {
  if (value < 2n) return value;
  let x = 1n << (BigInt(value.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * x + value / x ** (k - 1n)) / k;
    if (next >= x) return x;
    x = next;
  }
}

function firstPrimes(count: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n += 1) {
    if (primes.every((p) => n % p !== 0)) primes.push(n);
  }
  return primes;
}

/** The first 32 bits of the fractional part of the k-th root of p, computed exactly. */
function fractionBits(p: number, k: bigint): number {
  return Number(integerRoot(BigInt(p) << (32n * k), k) & 0xffffffffn);
}

// Derived from their definition (FIPS 180-4 §4.2.2 and §5.3.3) rather than transcribed.
const PRIMES = firstPrimes(64);
const K = Uint32Array.from(PRIMES, (p) => fractionBits(p, 3n));
const H0 = Uint32Array.from(PRIMES.slice(0, 8), (p) => fractionBits(p, 2n));

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

export function sha256Sync(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const h = Uint32Array.from(H0);
  const w = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 64; t += 1) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let t = 0; t < 64; t += 1) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i += 1) outView.setUint32(i * 4, h[i]!);
  return out;
}

const BLOCK = 64;

export function hmacSha256Sync(key: Uint8Array, data: Uint8Array): Uint8Array {
  const keyBlock = new Uint8Array(BLOCK);
  keyBlock.set(key.length > BLOCK ? sha256Sync(key) : key);
  const inner = new Uint8Array(BLOCK + data.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i += 1) {
    inner[i] = keyBlock[i]! ^ 0x36;
    outer[i] = keyBlock[i]! ^ 0x5c;
  }
  inner.set(data, BLOCK);
  outer.set(sha256Sync(inner), BLOCK);
  return sha256Sync(outer);
}
