/** Step: the attestation is about this seal (its subject is the seal statement's digest). */
import { fail, notChecked, pass, short } from './outcome.js';
import type { Step } from './types.js';

export const subjectStep: Step = {
  id: 'attestation-subject',
  title: 'Attestation names this seal',
  async run(input) {
    if (input.analysis === null || input.sealDigest === null) return notChecked('The statements could not be read.');
    if (input.attestationSubject !== input.sealDigest || input.analysis.seal !== input.sealDigest) {
      return fail('ATTESTATION_NOT_FOR_SEAL', [`The attestation is about seal ${short(input.attestationSubject ?? '?')}, not the seal in this packet (${short(input.sealDigest)}).`]);
    }
    return pass(`The attestation's subject is this seal (${short(input.sealDigest)}).`);
  },
};
