/**
 * The cryptography verification needs, as one small injected interface (style.md, "crypto
 * is small, standard and injected"): node:crypto behind it in the CLI, WebCrypto and the
 * plain-TypeScript SHA-256 behind it in the verifier page. Hashes are synchronous because
 * Merkle proofs and finding ids are computed in tight loops; signature checks are not,
 * because WebCrypto's are not.
 */

export type DigestName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** How a timestamp authority's signature is checked, read from its certificate and SignerInfo. */
export type SignatureScheme =
  | { kind: 'rsa-pkcs1-v1_5'; hash: DigestName }
  | { kind: 'ecdsa'; hash: DigestName; curve: 'P-256' | 'P-384' | 'P-521' };

export interface VerifyCrypto {
  sha256(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  digest(name: DigestName, data: Uint8Array): Promise<Uint8Array>;
  /** Ed25519 (RFC 8032) with a raw 32-byte public key. */
  verifyEd25519(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean>;
  /**
   * A signature by a key given as DER SubjectPublicKeyInfo. ECDSA signatures are the DER
   * `Ecdsa-Sig-Value` found in CMS.
   */
  verifySpki(spki: Uint8Array, scheme: SignatureScheme, signature: Uint8Array, message: Uint8Array): Promise<boolean>;
}
