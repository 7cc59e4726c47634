/**
 * `exhibit cosign RESULTS`: a witness adds their signature to the seal (and, if asked, the
 * attestation). The witness signs the same statement bytes, so their signature says "I saw
 * this seal" and nothing the analyst did not sign; the custody log records it, signed by
 * the witness.
 */
import { join } from 'node:path';
import { toBase64 } from './bytes.js';
import { appendCustody } from './custody-file.js';
import { addSignature } from './dsse.js';
import { EvidenceError } from './errors.js';
import { ATTESTATION_FILE, SEAL_FILE, readSignedDocument, verifyOwnSignatures, writeSignedDocument } from './evidence-files.js';
import { TOOL } from './evidence-run.js';
import { payloadDigest } from './seal.js';
import { resolveSigner, type SigningOptions } from './signing.js';

export type CosignTarget = 'seal' | 'attestation' | 'both';

export interface CosignResult {
  signer: { name: string; fingerprint: string };
  documents: { name: string; digest: string; added: boolean }[];
}

export async function cosign(resultsDir: string, target: CosignTarget, signing: SigningOptions, now: () => Date = () => new Date()): Promise<CosignResult> {
  const resolved = resolveSigner(signing);
  const files = target === 'both' ? [SEAL_FILE, ATTESTATION_FILE] : [target === 'seal' ? SEAL_FILE : ATTESTATION_FILE];
  const documents: CosignResult['documents'] = [];
  for (const file of files) {
    const path = join(resultsDir, file);
    const doc = readSignedDocument(path);
    // A witness only adds to what verifies: signing over a damaged document would vouch for it.
    const problems = await verifyOwnSignatures(doc);
    if (problems.length > 0) throw new EvidenceError('EVIDENCE_INVALID', `${file} does not verify (${problems.join('; ')}); do not co-sign it.`);
    const added = !doc.envelope.signatures.some((s) => s.keyid === resolved.signer.keyid);
    if (added) {
      writeSignedDocument(path, {
        ...doc,
        envelope: addSignature(doc.envelope, resolved.signer),
        keys: [...doc.keys, { keyid: resolved.signer.keyid, publicKey: toBase64(resolved.signer.publicKey), role: 'witness', name: resolved.signer.name }],
      });
      appendCustody(
        resultsDir,
        { at: now().toISOString(), event: 'cosigned', operator: resolved.operator, tool: TOOL, details: { document: file, digest: payloadDigest(doc) } },
        resolved.signer,
      );
    }
    documents.push({ name: file, digest: payloadDigest(doc), added });
  }
  return { signer: { name: resolved.signer.name, fingerprint: resolved.signer.fingerprint }, documents };
}
