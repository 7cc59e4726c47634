/**
 * Time-stamping a seal: the authority signs the SHA-256 of the analyst's signature bytes,
 * as Sigstore time-stamps signatures. The signature covers the statement, so the token
 * proves the signed seal existed at that time, and co-signatures added later leave it valid.
 */
import { fromBase64, toBase64 } from './bytes.js';
import { EvidenceError } from './errors.js';
import { sha256 } from './node-crypto.js';
import type { SignedDocument } from './statements.js';
import { requestTimestamp } from './tsa-client.js';

export async function timestampSeal(doc: SignedDocument, keyid: string, url: string): Promise<{ doc: SignedDocument; time: string }> {
  const signature = doc.envelope.signatures.find((s) => s.keyid === keyid);
  const bytes = signature === undefined ? null : fromBase64(signature.sig);
  if (bytes === null) throw new EvidenceError('EVIDENCE_INVALID', 'The seal holds no readable signature by this key to time-stamp; seal again.');
  const { token, facts } = await requestTimestamp(url, sha256(bytes));
  return {
    doc: { ...doc, timestamps: [...doc.timestamps, { authority: url, keyid, token: toBase64(token) }] },
    time: facts.genTime,
  };
}
