import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatedZeros, rawTar, tarGzBomb, zipBomb } from './archives.js';

describe('archive builders', () => {
  it('chains sync-flushed deflate blocks into a valid stream of zeros with its CRC', () => {
    const { data, uncompressedSize, crc } = deflatedZeros(3, Buffer.from('head'));
    const inflated = zlib.inflateRawSync(data);
    expect(inflated.length).toBe(uncompressedSize);
    expect(inflated.subarray(0, 4).toString()).toBe('head');
    expect(inflated.subarray(4).every((byte) => byte === 0)).toBe(true);
    expect(zlib.crc32(inflated)).toBe(crc);
    expect(uncompressedSize / data.length).toBeGreaterThan(1000);
  });

  it('writes a .tar.gz bomb that gunzip accepts, holding a tar of the declared size', () => {
    const bomb = tarGzBomb('bomb.bin', 2);
    const tar = zlib.gunzipSync(bomb);
    expect(tar.length).toBe(512 + 512 + 512 + 2 * 1024 * 1024 + 1024);
    expect(tar.subarray(0, 10).toString('latin1')).toBe('readme.txt');
    expect(zipBomb('b', 1).readUInt32LE(0)).toBe(0x04034b50);
  });

  it('writes tar members byte for byte, with a pax header when ustar cannot hold the name', () => {
    const long = `dir/${'x'.repeat(120)}.txt`;
    const tar = rawTar([{ name: long, content: Buffer.from('x') }]);
    expect(tar.includes(Buffer.from(` path=${long}\n`))).toBe(true);
    expect(rawTar([{ name: '../evil' }]).subarray(0, 8).toString('latin1')).toBe('../evil\u0000');
  });
});
