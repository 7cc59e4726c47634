/** Step: each disclosed rule is the exact rule the attestation names (id, version, digest). */
import { canonicalDigest } from '../canonical.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

export const rulesStep: Step = {
  id: 'rules',
  title: 'Rules are the attested ones',
  async run(input, options) {
    if (input.analysis === null) return notChecked('The attestation could not be read.');
    const problems = new Problems();
    const usedBy = (id: string): string[] => input.packet.findings.filter((f) => f.rule?.id === id).map((f) => f.id);
    for (const rule of input.packet.rules) {
      const attested = input.analysis.rules.list.find((r) => r.id === rule.id);
      if (attested === undefined || attested.version !== rule.version || attested.sha256 !== canonicalDigest(options.crypto.sha256, rule)) {
        problems.add('RULE_ALTERED', `The rule ${rule.id} differs from the rule the attestation names.`, usedBy(rule.id));
      }
    }
    for (const finding of input.packet.findings) {
      if (!input.packet.rules.some((r) => r.id === finding.rule?.id)) {
        problems.add('RULE_MISSING', `The rule ${finding.rule?.id ?? '?'} of finding ${finding.id} is not in the packet.`, [finding.id]);
      }
    }
    return problems.outcome([`All ${input.packet.rules.length} rules are the attested ones (rule set ${input.analysis.rules.version}).`]);
  },
};
