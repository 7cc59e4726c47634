/**
 * Reading and checking seal.json / attestation.json: decode the statement from the DSSE
 * payload, and check every signature against the key beside it. Pure functions over an
 * injected VerifyCrypto (used by the verifier page too), plus Node shorthands.
 */
import { fromBase64, fromUtf8 } from './bytes.js';
import type { VerifyCrypto } from './crypto-port.js';
import { pae } from './dsse.js';
import { fingerprintOf, keyIdOf } from './fingerprint.js';
import { ANALYSIS_PREDICATE_TYPE, INTOTO_PAYLOAD_TYPE, SEAL_PREDICATE_TYPE, STATEMENT_TYPE, type Statement } from './intoto.js';
import type { AnalysisPredicate, SealPredicate, SignedDocument, SignerKey } from './statements.js';

export interface SignatureCheck {
  keyid: string;
  fingerprint: string | null;
  role: SignerKey['role'] | null;
  name: string | null;
  valid: boolean;
  /** Why it is not valid, when it is not. */
  problem?: string;
}

/** Each signature of the envelope, checked against the public key the document carries for it. */
export async function checkSignatures(crypto: VerifyCrypto, doc: SignedDocument): Promise<SignatureCheck[]> {
  const payload = fromBase64(doc.envelope.payload);
  const checks: SignatureCheck[] = [];
  for (const signature of doc.envelope.signatures) {
    const key = doc.keys.find((k) => k.keyid === signature.keyid);
    const publicKey = key === undefined ? null : fromBase64(key.publicKey);
    const base: SignatureCheck = {
      keyid: signature.keyid,
      fingerprint: publicKey === null ? null : fingerprintOf(crypto.sha256, publicKey),
      role: key?.role ?? null,
      name: key?.name ?? null,
      valid: false,
    };
    if (payload === null) {
      checks.push({ ...base, problem: 'the payload is not base64' });
    } else if (publicKey === null) {
      checks.push({ ...base, problem: 'no public key is given for this signature' });
    } else if (keyIdOf(crypto.sha256, publicKey) !== signature.keyid) {
      checks.push({ ...base, problem: 'the key id is not the digest of the key given for it' });
    } else {
      const sig = fromBase64(signature.sig);
      const valid = sig !== null && (await crypto.verifyEd25519(publicKey, sig, pae(doc.envelope.payloadType, payload)));
      checks.push(valid ? { ...base, valid } : { ...base, problem: 'the signature does not verify' });
    }
  }
  return checks;
}

export type Decoded<P> = { ok: true; statement: Statement<P> } | { ok: false; problem: string };

function decode(doc: SignedDocument, predicateType: string): Decoded<unknown> {
  if (doc.envelope.payloadType !== INTOTO_PAYLOAD_TYPE) return { ok: false, problem: `the payload type is ${doc.envelope.payloadType}, not an in-toto statement` };
  const payload = fromBase64(doc.envelope.payload);
  if (payload === null) return { ok: false, problem: 'the payload is not base64' };
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(payload));
  } catch {
    return { ok: false, problem: 'the payload is not JSON' };
  }
  const statement = value as Partial<Statement<unknown>>;
  if (typeof value !== 'object' || value === null || statement._type !== STATEMENT_TYPE || !Array.isArray(statement.subject)) {
    return { ok: false, problem: 'the payload is not an in-toto Statement v1' };
  }
  if (statement.predicateType !== predicateType) return { ok: false, problem: `the predicate type is ${String(statement.predicateType)}, not ${predicateType}` };
  if (typeof statement.predicate !== 'object' || statement.predicate === null) return { ok: false, problem: 'the statement has no predicate' };
  return { ok: true, statement: statement as Statement<unknown> };
}

function hasFields(value: unknown, fields: Record<string, 'string' | 'object' | 'number'>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Object.entries(fields).every(([key, type]) => typeof v[key] === type && v[key] !== null);
}

export function decodeSeal(doc: SignedDocument): Decoded<SealPredicate> {
  const decoded = decode(doc, SEAL_PREDICATE_TYPE);
  if (!decoded.ok) return decoded;
  const p = decoded.statement.predicate as SealPredicate;
  if (!hasFields(p, { format: 'string', files: 'object', acquisition: 'object', secretCommitment: 'string' }) || !Array.isArray(p.records) || typeof p.files.root !== 'string' || typeof p.files.count !== 'number') {
    return { ok: false, problem: 'the seal predicate lacks its roots' };
  }
  return decoded as Decoded<SealPredicate>;
}

export function decodeAnalysis(doc: SignedDocument): Decoded<AnalysisPredicate> {
  const decoded = decode(doc, ANALYSIS_PREDICATE_TYPE);
  if (!decoded.ok) return decoded;
  const p = decoded.statement.predicate as AnalysisPredicate;
  if (!hasFields(p, { format: 'string', seal: 'string', rules: 'object' }) || !Array.isArray(p.findings) || !Array.isArray(p.indicators) || !Array.isArray(p.rules.list)) {
    return { ok: false, problem: 'the analysis predicate lacks its findings, rules or indicators' };
  }
  return decoded as Decoded<AnalysisPredicate>;
}
