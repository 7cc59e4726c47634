/** Reading and copying evidence files while hashing them, so each byte is read once. */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ArtifactError } from '../errors.js';
import { hashFileInPool } from './hash-pool.js';

export const DEFAULT_MAX_READ_BYTES = 256 * 1024 * 1024;

/** Reads a whole file (bounded) and returns its bytes with their SHA-256. */
export async function readAndHash(
  physicalPath: string,
  maxBytes: number = DEFAULT_MAX_READ_BYTES,
): Promise<{ bytes: Buffer; sha256: string }> {
  const size = statSync(physicalPath).size;
  if (size > maxBytes) {
    throw new ArtifactError(
      'FILE_TOO_LARGE',
      `the file is ${size} bytes, more than the ${maxBytes} bytes this artifact reads`,
    );
  }
  const handle = await open(physicalPath, 'r');
  try {
    const bytes = await handle.readFile();
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } finally {
    await handle.close();
  }
}

/** Copies a file to the working folder and hashes it in the same pass. */
export async function copyAndHash(physicalPath: string, destination: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(physicalPath), tap, createWriteStream(destination, { mode: 0o600 }));
  return { size, sha256: hash.digest('hex') };
}

/**
 * SHA-256 and size of a file, streamed on a worker thread: the seal hashes every file
 * without holding any, beside the extraction rather than before it.
 */
export function hashFileStream(physicalPath: string): Promise<{ size: number; sha256: string }> {
  return hashFileInPool(physicalPath);
}
