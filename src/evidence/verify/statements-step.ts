/** Step: the seal and the attestation are the in-toto statements Exhibit writes. */
import { decodeAnalysis, decodeSeal } from '../signed-documents.js';
import { Problems } from './outcome.js';
import type { Step } from './types.js';

export const statementsStep: Step = {
  id: 'statements',
  title: 'Seal and attestation statements',
  async run(input) {
    const problems = new Problems();
    const seal = decodeSeal(input.packet.seal);
    if (!seal.ok) problems.add('STATEMENT_INVALID', `The seal is not an Exhibit seal statement: ${seal.problem}.`);
    const analysis = decodeAnalysis(input.packet.attestation);
    if (!analysis.ok) problems.add('STATEMENT_INVALID', `The attestation is not an Exhibit analysis statement: ${analysis.problem}.`);
    return problems.outcome(['The seal and the attestation are in-toto statements of the expected types.']);
  },
};
