/**
 * Step: each indicator entry is the one the attestation names for its finding, from a
 * bundle the attestation lists by digest.
 */
import { canonicalDigest } from '../canonical.js';
import { notChecked, Problems } from './outcome.js';
import type { Step } from './types.js';

export const indicatorEntriesStep: Step = {
  id: 'indicator-entries',
  title: 'Indicator entries are the attested ones',
  async run(input, options) {
    if (input.analysis === null) return notChecked('The attestation could not be read.');
    const problems = new Problems();
    let count = 0;
    for (const finding of input.packet.findings) {
      const attested = input.analysis.findings.find((f) => f.id === finding.id)?.indicator;
      if (attested === undefined) continue;
      count += 1;
      const bundle = input.packet.indicators.find((b) => b.sha256 === attested.bundle);
      const entry = bundle?.entries.find((e) => e.stixId === attested.stixId);
      if (!input.analysis.indicators.some((b) => b.sha256 === attested.bundle)) {
        problems.add('INDICATOR_ENTRY_ALTERED', `Finding ${finding.id} names a bundle the attestation does not list.`, [finding.id]);
      } else if (entry === undefined || !Array.isArray(entry.objects) || canonicalDigest(options.crypto.sha256, entry.objects) !== attested.entry) {
        problems.add('INDICATOR_ENTRY_ALTERED', `The indicator entry ${attested.stixId} of finding ${finding.id} differs from the attested one.`, [finding.id]);
      }
    }
    if (count === 0) return notChecked('No disclosed finding rests on an indicator.');
    return problems.outcome([`All ${count} indicator entries are the attested ones.`]);
  },
};
