/**
 * Deterministic randomness for the scale generator: the same seed gives the same
 * acquisition byte for byte, so figures from two runs are measured on identical data.
 */

/** sfc32: fast, good enough for test data, and trivially seedable. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick: empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Log-uniform in [min, max]: most values small, a long tail, like real file sizes. */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))));
  }

  /** An index in [0, count) skewed toward 0, for popular sites and frequent contacts. */
  skewed(count: number, exponent = 3): number {
    return Math.min(count - 1, Math.floor(count * this.next() ** exponent));
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32).toUpperCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * A pool of pseudo-random bytes that file contents are cut from: slices at different
 * offsets give every file distinct bytes (distinct digests) without generating gigabytes
 * of randomness.
 */
export class BytePool {
  readonly bytes: Buffer;

  constructor(seed: number, size = 64 * 1024 * 1024) {
    const words = new Uint32Array(size / 4);
    const prng = new Prng(seed);
    for (let i = 0; i < words.length; i++) words[i] = prng.nextUint32();
    this.bytes = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  }

  /** `length` bytes starting at a random offset; at most the pool's size. */
  slice(prng: Prng, length: number): Buffer {
    const capped = Math.min(length, this.bytes.length);
    const offset = Math.floor(prng.next() * (this.bytes.length - capped + 1));
    return this.bytes.subarray(offset, offset + capped);
  }
}
