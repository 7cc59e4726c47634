/** The VerifyCrypto of the CLI: node:crypto. */
import { createHash, createHmac, createPublicKey, verify } from 'node:crypto';
import type { DigestName, SignatureScheme, VerifyCrypto } from './crypto-port.js';
import { ed25519Spki } from './ed25519-spki.js';

const NODE_DIGEST: Record<DigestName, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function safely(check: () => boolean): boolean {
  // A malformed key or signature from a packet is a failed check, not a crash.
  try {
    return check();
  } catch {
    return false;
  }
}

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

export const nodeVerifyCrypto: VerifyCrypto = {
  sha256,
  hmacSha256: (key, data) => new Uint8Array(createHmac('sha256', key).update(data).digest()),
  digest: async (name, data) => new Uint8Array(createHash(NODE_DIGEST[name]).update(data).digest()),
  verifyEd25519: async (publicKey, signature, message) =>
    safely(() => {
      if (publicKey.length !== 32 || signature.length !== 64) return false;
      const key = createPublicKey({ key: Buffer.from(ed25519Spki(publicKey)), format: 'der', type: 'spki' });
      return verify(null, message, key, signature);
    }),
  verifySpki: async (spki: Uint8Array, scheme: SignatureScheme, signature, message) =>
    safely(() => {
      const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      const expected = scheme.kind === 'ecdsa' ? 'ec' : 'rsa';
      if (key.asymmetricKeyType !== expected) return false;
      return verify(NODE_DIGEST[scheme.hash], message, key, signature);
    }),
};
