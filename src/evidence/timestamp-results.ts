/** `exhibit timestamp RESULTS --tsa URL`: time-stamp an existing seal (e.g. when the TSA was unreachable at check time). */
import { join } from 'node:path';
import { appendCustody } from './custody-file.js';
import { EvidenceError } from './errors.js';
import { SEAL_FILE, readSignedDocument, verifyOwnSignatures, writeSignedDocument } from './evidence-files.js';
import { TOOL } from './evidence-run.js';
import { payloadDigest } from './seal.js';
import { resolveSigner, type SigningOptions } from './signing.js';
import { timestampSeal } from './timestamp-seal.js';

export async function timestampResults(resultsDir: string, url: string, signing: SigningOptions): Promise<{ time: string; authority: string }> {
  const path = join(resultsDir, SEAL_FILE);
  const doc = readSignedDocument(path);
  const problems = await verifyOwnSignatures(doc);
  if (problems.length > 0) throw new EvidenceError('EVIDENCE_INVALID', `seal.json does not verify (${problems.join('; ')}); restore it from a copy.`);
  const analyst = doc.keys.find((k) => k.role === 'analyst') ?? doc.keys[0];
  if (analyst === undefined) throw new EvidenceError('EVIDENCE_INVALID', 'seal.json names no signer to time-stamp; seal again.');
  const resolved = resolveSigner(signing);
  const stamped = await timestampSeal(doc, analyst.keyid, url);
  writeSignedDocument(path, stamped.doc);
  appendCustody(
    resultsDir,
    { at: new Date().toISOString(), event: 'timestamped', operator: resolved.operator, tool: TOOL, details: { seal: payloadDigest(doc), authority: url, time: stamped.time } },
    resolved.signer,
  );
  return { time: stamped.time, authority: url };
}
