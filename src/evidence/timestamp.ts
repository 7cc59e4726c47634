/**
 * RFC 3161 time-stamps: the request Exhibit sends, and the checks it makes on a token —
 * in Node and in the verifier page alike (no node: imports; the signature check goes
 * through the injected VerifyCrypto).
 *
 * What a token check establishes: the token is CMS SignedData over a TSTInfo; the TSTInfo's
 * message imprint is SHA-256 of exactly the bytes we expect; the signed attributes bind the
 * TSTInfo (content type and message digest); and the signature over them verifies with the
 * public key of the certificate the token names as its signer. What it does not establish:
 * that this certificate chains to an authority you trust, was valid and unrevoked at the
 * time, or carries the time-stamping key usage — the verdict prints the certificate's
 * subject and SHA-256 so a reader can check it against the authority's published one.
 */
import {
  Asn1Error,
  children,
  contextTag,
  DER_NULL,
  DER_TRUE,
  encode,
  encodeOid,
  encodeSequence,
  encodeUnsignedInteger,
  expectTag,
  parseDer,
  readGeneralizedTime,
  readIntegerHex,
  readOid,
  readSmallInteger,
  TAG,
  type Asn1Node,
} from './asn1.js';
import { concatBytes, equalBytes, toHex } from './bytes.js';
import type { DigestName, SignatureScheme, VerifyCrypto } from './crypto-port.js';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

const DIGEST_BY_OID: Record<string, DigestName> = { [OID.sha256]: 'SHA-256', [OID.sha384]: 'SHA-384', [OID.sha512]: 'SHA-512' };

/** DER TimeStampReq for a SHA-256 digest, with a nonce and a request for the signer's certificate. */
export function timestampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  const imprint = encodeSequence(encodeSequence(encodeOid(OID.sha256), DER_NULL), encode(TAG.OCTET_STRING, digest));
  return encodeSequence(encodeUnsignedInteger(Uint8Array.of(1)), imprint, encodeUnsignedInteger(nonce), DER_TRUE);
}

export type ResponseOutcome = { ok: true; token: Uint8Array } | { ok: false; reason: string };

const STATUS_TEXT = ['granted', 'granted with modifications', 'rejected', 'waiting', 'revocation warning', 'revocation notification'];

/** Takes the token out of a TimeStampResp, or says why there is none. */
export function tokenFromResponse(response: Uint8Array): ResponseOutcome {
  try {
    const [statusInfo, token] = children(expectTag(parseDer(response), TAG.SEQUENCE, 'TimeStampResp'));
    const [status] = children(expectTag(statusInfo, TAG.SEQUENCE, 'PKIStatusInfo'));
    const code = readSmallInteger(expectTag(status, TAG.INTEGER, 'status'));
    if (code !== 0 && code !== 1) return { ok: false, reason: `the authority answered "${STATUS_TEXT[code] ?? `status ${code}`}"` };
    if (token === undefined) return { ok: false, reason: 'the authority granted the request but sent no token' };
    return { ok: true, token: token.der.slice() };
  } catch (error) {
    return { ok: false, reason: `the answer is not a time-stamp response (${error instanceof Error ? error.message : String(error)})` };
  }
}

export interface TokenFacts {
  genTime: string;
  serial: string;
  policy: string;
  nonce: string | null;
  /** The imprint the token carries, hex. */
  imprint: string;
  imprintAlgorithm: string;
  signer: { subject: string; certificateSha256: string } | null;
}

export type TokenCheck =
  | { ok: true; facts: TokenFacts }
  | { ok: false; problem: 'malformed' | 'imprint-mismatch' | 'content-digest-mismatch' | 'no-certificate' | 'signature-invalid' | 'unsupported'; message: string; facts?: TokenFacts };

interface ParsedToken {
  tstInfoBytes: Uint8Array;
  facts: TokenFacts;
  certificates: Asn1Node[];
  signerInfo: Asn1Node[];
}

function commonName(name: Asn1Node): string {
  for (const rdn of children(name)) {
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (type !== undefined && value !== undefined && readOid(type) === OID.commonName) return new TextDecoder().decode(value.value);
    }
  }
  return '(no common name)';
}

function parseToken(token: Uint8Array): ParsedToken {
  const [contentType, explicit] = children(expectTag(parseDer(token), TAG.SEQUENCE, 'ContentInfo'));
  if (readOid(expectTag(contentType, TAG.OID, 'contentType')) !== OID.signedData) throw new Asn1Error('the token is not CMS SignedData');
  const [signedData] = children(expectTag(explicit, contextTag(0, true), 'content'));
  const parts = children(expectTag(signedData, TAG.SEQUENCE, 'SignedData'));
  const encap = children(expectTag(parts[2], TAG.SEQUENCE, 'encapContentInfo'));
  if (readOid(expectTag(encap[0], TAG.OID, 'eContentType')) !== OID.tstInfo) throw new Asn1Error('the signed content is not a TSTInfo');
  const [eContent] = children(expectTag(encap[1], contextTag(0, true), 'eContent'));
  const tstInfoBytes = expectTag(eContent, TAG.OCTET_STRING, 'eContent').value;
  const certificates: Asn1Node[] = [];
  let signerInfos: Asn1Node | undefined;
  for (const part of parts.slice(3)) {
    if (part.tag === contextTag(0, true)) certificates.push(...children(part));
    else if (part.tag === TAG.SET) signerInfos = part;
  }
  const [signerInfo] = children(expectTag(signerInfos, TAG.SET, 'signerInfos'));
  const tst = children(expectTag(parseDer(tstInfoBytes), TAG.SEQUENCE, 'TSTInfo'));
  const [imprintAlg, imprintHash] = children(expectTag(tst[2], TAG.SEQUENCE, 'messageImprint'));
  const [algOid] = children(expectTag(imprintAlg, TAG.SEQUENCE, 'hashAlgorithm'));
  let nonce: string | null = null;
  for (const field of tst.slice(5)) if (field.tag === TAG.INTEGER) nonce = readIntegerHex(field);
  return {
    tstInfoBytes,
    certificates,
    signerInfo: children(expectTag(signerInfo, TAG.SEQUENCE, 'SignerInfo')),
    facts: {
      policy: readOid(expectTag(tst[1], TAG.OID, 'policy')),
      imprintAlgorithm: readOid(expectTag(algOid, TAG.OID, 'hash algorithm')),
      imprint: toHex(expectTag(imprintHash, TAG.OCTET_STRING, 'hashedMessage').value),
      serial: readIntegerHex(expectTag(tst[3], TAG.INTEGER, 'serialNumber')),
      genTime: readGeneralizedTime(expectTag(tst[4], TAG.GENERALIZED_TIME, 'genTime')),
      nonce,
      signer: null,
    },
  };
}

interface CertificateParts {
  issuer: Asn1Node;
  serial: Asn1Node;
  subject: Asn1Node;
  spki: Asn1Node;
  subjectKeyId: Uint8Array | null;
}

function certificateParts(certificate: Asn1Node): CertificateParts {
  const [tbs] = children(expectTag(certificate, TAG.SEQUENCE, 'certificate'));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'tbsCertificate'));
  const offset = fields[0]?.tag === contextTag(0, true) ? 1 : 0;
  const [serial, , issuer, , subject, spki] = fields.slice(offset);
  let subjectKeyId: Uint8Array | null = null;
  const extensions = fields.find((f) => f.tag === contextTag(3, true));
  if (extensions !== undefined) {
    for (const extension of children(expectTag(children(extensions)[0], TAG.SEQUENCE, 'extensions'))) {
      const items = children(extension);
      if (items[0] !== undefined && readOid(items[0]) === OID.subjectKeyIdentifier) {
        const octets = items.at(-1);
        if (octets !== undefined) subjectKeyId = expectTag(parseDer(octets.value), TAG.OCTET_STRING, 'subjectKeyIdentifier').value;
      }
    }
  }
  return {
    issuer: expectTag(issuer, TAG.SEQUENCE, 'issuer'),
    serial: expectTag(serial, TAG.INTEGER, 'serialNumber'),
    subject: expectTag(subject, TAG.SEQUENCE, 'subject'),
    spki: expectTag(spki, TAG.SEQUENCE, 'subjectPublicKeyInfo'),
    subjectKeyId,
  };
}

function signerMatches(sid: Asn1Node, cert: CertificateParts): boolean {
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(sid);
    return issuer !== undefined && serial !== undefined && equalBytes(issuer.der, cert.issuer.der) && equalBytes(serial.der, cert.serial.der);
  }
  if (sid.tag === contextTag(0, false)) return cert.subjectKeyId !== null && equalBytes(sid.value, cert.subjectKeyId);
  return false;
}

function signatureScheme(signatureOid: string, digest: DigestName, spki: Asn1Node): SignatureScheme | null {
  const [algorithm] = children(spki);
  const [keyOid, parameters] = children(expectTag(algorithm, TAG.SEQUENCE, 'key algorithm'));
  const keyType = readOid(expectTag(keyOid, TAG.OID, 'key algorithm'));
  const rsaHash: Record<string, DigestName> = { [OID.sha256WithRsa]: 'SHA-256', [OID.sha384WithRsa]: 'SHA-384', [OID.sha512WithRsa]: 'SHA-512' };
  const ecHash: Record<string, DigestName> = { [OID.ecdsaSha256]: 'SHA-256', [OID.ecdsaSha384]: 'SHA-384', [OID.ecdsaSha512]: 'SHA-512' };
  if (keyType === OID.rsaEncryption) {
    if (signatureOid === OID.rsaEncryption) return { kind: 'rsa-pkcs1-v1_5', hash: digest };
    const hash = rsaHash[signatureOid];
    return hash === undefined ? null : { kind: 'rsa-pkcs1-v1_5', hash };
  }
  if (keyType === OID.ecPublicKey && parameters !== undefined) {
    const curveOid = readOid(parameters);
    const curve = curveOid === OID.p256 ? 'P-256' : curveOid === OID.p384 ? 'P-384' : curveOid === OID.p521 ? 'P-521' : null;
    const hash = ecHash[signatureOid];
    return curve === null || hash === undefined ? null : { kind: 'ecdsa', hash, curve };
  }
  return null;
}

/** Checks a token against the SHA-256 digest it must time-stamp. Never throws. */
export async function checkTimestampToken(crypto: VerifyCrypto, token: Uint8Array, expected: Uint8Array): Promise<TokenCheck> {
  let parsed: ParsedToken;
  try {
    parsed = parseToken(token);
  } catch (error) {
    return { ok: false, problem: 'malformed', message: `the token cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
  const facts = parsed.facts;
  if (facts.imprintAlgorithm !== OID.sha256 || facts.imprint !== toHex(expected)) {
    return { ok: false, problem: 'imprint-mismatch', message: 'the token time-stamps other bytes than this signature', facts };
  }
  try {
    const [, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = parsed.signerInfo;
    const [digestOid] = children(expectTag(digestAlgorithm, TAG.SEQUENCE, 'digestAlgorithm'));
    const digestName = DIGEST_BY_OID[readOid(expectTag(digestOid, TAG.OID, 'digest algorithm'))];
    if (digestName === undefined) return { ok: false, problem: 'unsupported', message: 'the token uses a digest algorithm this verifier does not know', facts };
    const attrs = expectTag(signedAttrs, contextTag(0, true), 'signedAttrs');
    let contentTypeOk = false;
    let messageDigest: Uint8Array | null = null;
    for (const attribute of children(attrs)) {
      const [type, values] = children(attribute);
      const oid = readOid(expectTag(type, TAG.OID, 'attribute type'));
      const [value] = children(expectTag(values, TAG.SET, 'attribute values'));
      if (oid === OID.contentType) contentTypeOk = value !== undefined && readOid(value) === OID.tstInfo;
      if (oid === OID.messageDigest) messageDigest = expectTag(value, TAG.OCTET_STRING, 'messageDigest').value;
    }
    const contentDigest = await crypto.digest(digestName, parsed.tstInfoBytes);
    if (!contentTypeOk || messageDigest === null || !equalBytes(messageDigest, contentDigest)) {
      return { ok: false, problem: 'content-digest-mismatch', message: 'the signed attributes do not bind the time-stamp content', facts };
    }
    if (sid === undefined) throw new Asn1Error('the SignerInfo names no signer');
    const found = parsed.certificates.map((node) => ({ node, parts: certificateParts(node) })).find(({ parts }) => signerMatches(sid, parts));
    if (found === undefined) {
      return { ok: false, problem: 'no-certificate', message: "the token does not hold its signer's certificate", facts };
    }
    const certificate = found.parts;
    facts.signer = { subject: commonName(certificate.subject), certificateSha256: toHex(await crypto.digest('SHA-256', found.node.der)) };
    const [signatureOid] = children(expectTag(signatureAlgorithm, TAG.SEQUENCE, 'signatureAlgorithm'));
    const scheme = signatureScheme(readOid(expectTag(signatureOid, TAG.OID, 'signature algorithm')), digestName, certificate.spki);
    if (scheme === null) return { ok: false, problem: 'unsupported', message: 'the token is signed with an algorithm this verifier does not know', facts };
    // The signature covers the DER of the attributes as a SET, not as the [0] they are stored under.
    const signed = concatBytes(Uint8Array.of(TAG.SET), attrs.der.subarray(1));
    const valid = await crypto.verifySpki(certificate.spki.der, scheme, expectTag(signature, TAG.OCTET_STRING, 'signature').value, signed);
    return valid ? { ok: true, facts } : { ok: false, problem: 'signature-invalid', message: "the authority's signature on the token does not verify", facts };
  } catch (error) {
    return { ok: false, problem: 'malformed', message: `the token cannot be read (${error instanceof Error ? error.message : String(error)})`, facts };
  }
}
