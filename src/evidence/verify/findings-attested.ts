/**
 * Step: each disclosed finding is, word for word, one the signed attestation lists, and
 * every record leaf the attestation says it rests on is disclosed.
 */
import { toHex } from '../bytes.js';
import { canonicalDigest } from '../canonical.js';
import { fromHex } from '../bytes.js';
import { recordLeaf } from '../leaves.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

export const findingsAttestedStep: Step = {
  id: 'findings-attested',
  title: 'Findings are the attested ones',
  async run(input, options) {
    if (input.analysis === null) return notChecked('The attestation could not be read.');
    const { crypto } = options;
    const problems = new Problems();
    if (input.packet.findings.length === 0) problems.add('FINDING_NOT_ATTESTED', 'The packet discloses no finding.');
    for (const finding of input.packet.findings) {
      const attested = input.analysis.findings.find((f) => f.id === finding.id);
      if (attested === undefined || attested.sha256 !== canonicalDigest(crypto.sha256, finding)) {
        problems.add('FINDING_NOT_ATTESTED', `Finding ${finding.id} is not, word for word, a finding of the attestation.`, [finding.id]);
        continue;
      }
      for (const leaf of attested.leaves) {
        const disclosed = input.packet.records.find((r) => r.artifact === leaf.artifact && r.index === leaf.index);
        const salt = disclosed === undefined ? null : fromHex(disclosed.salt);
        if (disclosed === undefined || salt === null || toHex(recordLeaf(crypto.sha256, salt, disclosed.record)) !== leaf.leaf) {
          problems.add('FINDING_RECORDS_MISSING', `Finding ${finding.id} rests on record ${leaf.index} of ${leaf.artifact}, which the packet does not disclose as attested.`, [finding.id]);
        }
      }
    }
    return problems.outcome([`All ${input.packet.findings.length} findings are in the signed attestation, with the records they rest on.`]);
  },
};
