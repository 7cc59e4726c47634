/**
 * The verifier page's crypto (WebCrypto plus the plain SHA-256) must agree with the CLI's
 * (node:crypto) on every operation verification uses; Node has WebCrypto too, so both run here.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SignatureScheme, VerifyCrypto } from './crypto-port.js';
import { ed25519RawFromSpki } from './ed25519-spki.js';
import { nodeVerifyCrypto } from './node-crypto.js';
import { webVerifyCrypto } from './web-crypto.js';

const both: [string, VerifyCrypto][] = [
  ['node:crypto', nodeVerifyCrypto],
  ['WebCrypto', webVerifyCrypto()],
];
const message = new Uint8Array(randomBytes(100));

describe.each(both)('%s', (_name, crypto) => {
  it('hashes and MACs like node:crypto', async () => {
    expect(Buffer.from(crypto.sha256(message)).toString('hex')).toBe(createHash('sha256').update(message).digest('hex'));
    expect(Buffer.from(await crypto.digest('SHA-384', message)).toString('hex')).toBe(createHash('sha384').update(message).digest('hex'));
    expect(crypto.hmacSha256(Uint8Array.of(1, 2), message)).toEqual(nodeVerifyCrypto.hmacSha256(Uint8Array.of(1, 2), message));
  });

  it('checks Ed25519 signatures, and refuses a changed message, signature or key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = ed25519RawFromSpki(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })))!;
    const sig = new Uint8Array(sign(null, message, privateKey));
    expect(await crypto.verifyEd25519(raw, sig, message)).toBe(true);
    expect(await crypto.verifyEd25519(raw, sig, message.map((b, i) => (i === 0 ? b ^ 1 : b)))).toBe(false);
    expect(await crypto.verifyEd25519(raw, sig.map((b, i) => (i === 0 ? b ^ 1 : b)), message)).toBe(false);
    expect(await crypto.verifyEd25519(raw.subarray(1), sig, message)).toBe(false);
  });

  it.each([
    ['RSA PKCS#1 v1.5 SHA-256', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'sha256', { kind: 'rsa-pkcs1-v1_5', hash: 'SHA-256' }],
    ['ECDSA P-256 SHA-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'sha256', { kind: 'ecdsa', hash: 'SHA-256', curve: 'P-256' }],
    ['ECDSA P-384 SHA-384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'sha384', { kind: 'ecdsa', hash: 'SHA-384', curve: 'P-384' }],
  ] as const)('checks %s signatures as CMS carries them', async (_label, make, hash, scheme) => {
    const { privateKey, publicKey } = make();
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    const sig = new Uint8Array(sign(hash, message, privateKey));
    expect(await crypto.verifySpki(spki, scheme as SignatureScheme, sig, message)).toBe(true);
    expect(await crypto.verifySpki(spki, scheme as SignatureScheme, sig, message.subarray(1))).toBe(false);
  });
});
