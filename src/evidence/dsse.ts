/**
 * DSSE envelopes (secure-systems-lab/dsse, v1): the signature covers the pre-authentication
 * encoding PAE(type, body) = "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in
 * bytes as decimal ASCII. Because the type is inside the signed bytes, a signature made for
 * one kind of statement cannot be replayed as another.
 */
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes.js';

export interface DsseSignature {
  keyid: string;
  /** Base64 of the raw 64-byte Ed25519 signature. */
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** Base64 of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

/** Something that signs: the analyst's or a witness's key (style.md: Signer and Witness). */
export interface Signer {
  keyid: string;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

export function signEnvelope(payloadType: string, payload: Uint8Array, signers: readonly Signer[]): DsseEnvelope {
  const message = pae(payloadType, payload);
  return {
    payloadType,
    payload: toBase64(payload),
    signatures: signers.map((signer) => ({ keyid: signer.keyid, sig: toBase64(signer.sign(message)) })),
  };
}

/** The envelope with one more signature; a key that already signed is not added twice. */
export function addSignature(envelope: DsseEnvelope, signer: Signer): DsseEnvelope {
  if (envelope.signatures.some((s) => s.keyid === signer.keyid)) return envelope;
  const payload = fromBase64(envelope.payload);
  if (payload === null) throw new Error('the envelope payload is not base64');
  const sig = toBase64(signer.sign(pae(envelope.payloadType, payload)));
  return { ...envelope, signatures: [...envelope.signatures, { keyid: signer.keyid, sig }] };
}
