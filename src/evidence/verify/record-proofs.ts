/**
 * Step: each disclosed record, with its salt, hashes to a leaf whose inclusion proof leads
 * to the root the seal signed for its artifact — the record is byte for byte one that was
 * sealed, at that position.
 */
import { fromHex } from '../bytes.js';
import { recordLeaf } from '../leaves.js';
import { checkInclusionProof } from '../merkle.js';
import { findingsOnLeaf } from './context.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

const PROBLEM_TEXT = {
  'index-out-of-range': 'its position is outside the sealed tree',
  'path-too-long': 'its proof has too many hashes',
  'path-too-short': 'its proof has too few hashes',
  'root-mismatch': 'it does not lead to the sealed root',
} as const;

export const recordProofsStep: Step = {
  id: 'record-proofs',
  title: 'Disclosed records belong to the seal',
  async run(input, options) {
    if (input.seal === null) return notChecked('The seal could not be read.');
    const { crypto } = options;
    const problems = new Problems();
    for (const disclosed of input.packet.records) {
      const where = `record ${disclosed.index} of ${disclosed.artifact}`;
      const findings = findingsOnLeaf(input, disclosed.artifact, disclosed.index);
      const sealed = input.seal.records.find((r) => r.artifact === disclosed.artifact);
      const root = sealed === undefined ? null : fromHex(sealed.root);
      const salt = fromHex(disclosed.salt);
      const proof = disclosed.proof.map(fromHex);
      if (sealed === undefined || root === null) {
        problems.add('RECORD_PROOF_INVALID', `The seal has no records of ${disclosed.artifact}, so ${where} cannot be in it.`, findings);
        continue;
      }
      if (disclosed.record.artifact !== disclosed.artifact || salt === null || proof.some((p) => p === null)) {
        problems.add('RECORD_PROOF_INVALID', `The disclosure of ${where} is inconsistent (artifact, salt or proof).`, findings);
        continue;
      }
      const leaf = recordLeaf(crypto.sha256, salt, disclosed.record);
      const problem = checkInclusionProof(crypto.sha256, disclosed.index, sealed.count, leaf, proof as Uint8Array[], root);
      if (problem !== null) problems.add('RECORD_PROOF_INVALID', `The disclosed ${where} is not the sealed one: ${PROBLEM_TEXT[problem]}.`, findings);
    }
    return problems.outcome([`All ${input.packet.records.length} disclosed records are in the sealed record trees.`]);
  },
};
