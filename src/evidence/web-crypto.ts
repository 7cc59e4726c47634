/**
 * The VerifyCrypto of the verifier page: WebCrypto for signatures and the larger digests,
 * the plain-TypeScript SHA-256 for the synchronous hashes. It uses only globals every
 * current browser has (and Node has too, which is how its unit test runs).
 */
import { ecdsaDerToRaw } from './asn1.js';
import type { SignatureScheme, VerifyCrypto } from './crypto-port.js';
import { hmacSha256Sync, sha256Sync } from './sha256.js';

const CURVE_BYTES = { 'P-256': 32, 'P-384': 48, 'P-521': 66 } as const;

// WebCrypto wants an ArrayBuffer-backed view it may read; copying also detaches it from subarrays.
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

async function safely(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

export function webVerifyCrypto(): VerifyCrypto {
  const subtle = globalThis.crypto.subtle;
  return {
    sha256: sha256Sync,
    hmacSha256: hmacSha256Sync,
    digest: async (name, data) => new Uint8Array(await subtle.digest(name, own(data))),
    verifyEd25519: (publicKey, signature, message) =>
      safely(async () => {
        if (publicKey.length !== 32 || signature.length !== 64) return false;
        const key = await subtle.importKey('raw', own(publicKey), { name: 'Ed25519' }, false, ['verify']);
        return subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
      }),
    verifySpki: (spki: Uint8Array, scheme: SignatureScheme, signature: Uint8Array, message: Uint8Array) =>
      safely(async () => {
        if (scheme.kind === 'rsa-pkcs1-v1_5') {
          const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash };
          const key = await subtle.importKey('spki', own(spki), algorithm, false, ['verify']);
          return subtle.verify(algorithm, key, own(signature), own(message));
        }
        const key = await subtle.importKey('spki', own(spki), { name: 'ECDSA', namedCurve: scheme.curve }, false, ['verify']);
        const raw = ecdsaDerToRaw(signature, CURVE_BYTES[scheme.curve]);
        return subtle.verify({ name: 'ECDSA', hash: scheme.hash }, key, own(raw), own(message));
      }),
  };
}
