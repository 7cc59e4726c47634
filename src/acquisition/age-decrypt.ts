/**
 * androidqf encrypts its collection with age when a key.txt with recipients is present
 * (`<UUID>.zip.age`). The collection is decrypted as a stream into the private working
 * folder — never beside the evidence — and then read like any androidqf zip.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { Decrypter } from 'age-encryption';
import { AcquisitionError, UsageError } from '../errors.js';
import type { WorkingDir } from './working-dir.js';

/** The `AGE-SECRET-KEY-…` lines of an identity file (age's key.txt); comments are skipped. */
export function ageIdentitiesFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(line));
}

/** Decrypts `input` into the working folder and returns the plaintext's path. */
export async function decryptAgeFile(input: string, name: string, identityText: string, workDir: WorkingDir): Promise<string> {
  const identities = ageIdentitiesFrom(identityText);
  if (identities.length === 0) {
    throw new UsageError('SECRET_UNAVAILABLE', 'The age identity file holds no AGE-SECRET-KEY line; give the key.txt androidqf was configured with.');
  }
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  const target = join(workDir.newSubdir(), 'collection.zip');
  try {
    // Node's and the library's web-stream types differ only in their type declarations.
    const source = Readable.toWeb(createReadStream(input)) as unknown as globalThis.ReadableStream<Uint8Array>;
    const plain = await decrypter.decrypt(source);
    await pipeline(Readable.fromWeb(plain as unknown as ReadableStream<Uint8Array>), createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/no identity matched/i.test(detail)) {
      throw new AcquisitionError('BACKUP_PASSWORD_WRONG', `The age identity does not unlock ${name}; give the key.txt whose recipient androidqf encrypted it to.`, error);
    }
    throw new AcquisitionError('BACKUP_DECRYPTION_FAILED', `${name} could not be decrypted with age (${detail}); the file may be damaged or truncated.`, error);
  }
  return target;
}
