/**
 * Stand-in for node:crypto in the verifier page: the engine computes finding ids with
 * createHash('sha256') synchronously, which WebCrypto cannot do, so the plain-TypeScript
 * SHA-256 answers instead. Only what the engine calls is here.
 */
import { concatBytes, toHex, utf8 } from '../../bytes.js';
import { sha256Sync } from '../../sha256.js';

export interface PageHash {
  update(data: string | Uint8Array): PageHash;
  digest(encoding: 'hex'): string;
}

export function createHash(algorithm: string): PageHash {
  if (algorithm !== 'sha256') throw new Error(`the verifier page has no ${algorithm}`);
  const parts: Uint8Array[] = [];
  const hash: PageHash = {
    update(data) {
      parts.push(typeof data === 'string' ? utf8(data) : data);
      return hash;
    },
    digest: () => toHex(sha256Sync(concatBytes(...parts))),
  };
  return hash;
}
