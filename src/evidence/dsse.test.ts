import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromUtf8, utf8 } from './bytes.js';
import { addSignature, pae, signEnvelope, type Signer } from './dsse.js';
import { ed25519RawFromSpki } from './ed25519-spki.js';
import { keyIdOf } from './fingerprint.js';
import { sha256 } from './node-crypto.js';

function testSigner(): Signer & { verify(message: Uint8Array, sig: Uint8Array): boolean } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = ed25519RawFromSpki(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })))!;
  return {
    keyid: keyIdOf(sha256, raw),
    publicKey: raw,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
    verify: (message, sig) => verify(null, message, publicKey, sig),
  };
}

describe('DSSE', () => {
  it('encodes PAE as the DSSE v1 protocol gives it', () => {
    expect(fromUtf8(pae('http://example.com/HelloWorld', utf8('hello world')))).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    // Lengths count bytes, not characters.
    expect(fromUtf8(pae('t', utf8('é')))).toBe('DSSEv1 1 t 2 é');
    expect(fromUtf8(pae('', new Uint8Array(0)))).toBe('DSSEv1 0  0 ');
  });

  it('signs PAE(type, payload), so the signature does not carry over to another type', () => {
    const signer = testSigner();
    const payload = utf8('{"a":1}');
    const envelope = signEnvelope('application/vnd.in-toto+json', payload, [signer]);
    expect(fromBase64(envelope.payload)).toEqual(payload);
    const sig = fromBase64(envelope.signatures[0]!.sig)!;
    expect(envelope.signatures[0]!.keyid).toBe(signer.keyid);
    expect(signer.verify(pae('application/vnd.in-toto+json', payload), sig)).toBe(true);
    expect(signer.verify(pae('application/json', payload), sig)).toBe(false);
  });

  it('adds a second signer once, leaving the payload and the first signature as they were', () => {
    const analyst = testSigner();
    const witness = testSigner();
    const envelope = signEnvelope('t', utf8('x'), [analyst]);
    const cosigned = addSignature(envelope, witness);
    expect(cosigned.payload).toBe(envelope.payload);
    expect(cosigned.signatures.map((s) => s.keyid)).toEqual([analyst.keyid, witness.keyid]);
    expect(cosigned.signatures[0]).toEqual(envelope.signatures[0]);
    expect(addSignature(cosigned, witness)).toBe(cosigned);
  });
});
