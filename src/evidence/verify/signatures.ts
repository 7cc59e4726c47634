/**
 * Step: every signature of the seal and of the attestation verifies, each document has at
 * least one, and — when the verifier named trusted keys — at least one is by a trusted key.
 */
import { keyIdOf } from '../fingerprint.js';
import { checkSignatures } from '../signed-documents.js';
import { Problems, short } from './outcome.js';
import type { SignerVerdict, Step } from './types.js';

export const signaturesStep: Step = {
  id: 'signatures',
  title: 'Signatures',
  async run(input, options) {
    const problems = new Problems();
    const trustedIds = new Set(options.trusted.map((key) => keyIdOf(options.crypto.sha256, key)));
    const signers: SignerVerdict[] = [];
    const notes: string[] = [];
    for (const [document, doc] of [['seal', input.packet.seal], ['attestation', input.packet.attestation]] as const) {
      const checks = await checkSignatures(options.crypto, doc);
      if (checks.length === 0) problems.add('UNSIGNED', `The ${document} carries no signature.`);
      for (const check of checks) {
        const trusted = check.valid && trustedIds.has(check.keyid);
        signers.push({ document, keyid: check.keyid, fingerprint: check.fingerprint, role: check.role, name: check.name, valid: check.valid, trusted });
        if (!check.valid) problems.add('SIGNATURE_INVALID', `A signature of the ${document} (key ${short(check.keyid)}) is not valid: ${check.problem ?? 'it does not verify'}.`);
        else notes.push(`The ${document} is signed by ${check.role ?? 'a signer'} "${check.name ?? '?'}", fingerprint ${check.fingerprint ?? '?'}${trusted ? ' (trusted)' : ''}.`);
      }
      if (trustedIds.size > 0 && checks.length > 0 && !checks.some((c) => c.valid && trustedIds.has(c.keyid))) {
        problems.add('SIGNER_NOT_TRUSTED', `No signature of the ${document} is by a key you trust.`);
      }
    }
    if (trustedIds.size === 0) notes.push('No trusted key was given: compare the fingerprints above with the ones the signers published.');
    const outcome = problems.outcome(notes);
    return { ...outcome, messages: problems.empty ? notes : [...problems.messages, ...notes], signers };
  },
};
