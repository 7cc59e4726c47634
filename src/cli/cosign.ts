/** `exhibit cosign RESULTS`: a witness adds their signature to the seal (or the attestation). */
import type { Command } from 'commander';
import type { CosignTarget } from '../evidence/cosign.js';
import { EvidenceError } from '../evidence/errors.js';
import { EVIDENCE_OPTIONS, signingOptionsFrom, type EvidenceFlags } from './evidence-options.js';

interface CosignFlags extends EvidenceFlags {
  document: string;
}

export function registerCosign(program: Command): void {
  program
    .command('cosign')
    .description("add a witness's signature to a results folder's seal (or attestation); the witness's key signs")
    .argument('<results>', 'the results folder')
    .option('--document <which>', 'seal, attestation or both', 'seal')
    .option(...EVIDENCE_OPTIONS.signingKey)
    .option(...EVIDENCE_OPTIONS.signingPassphraseFile)
    .option(...EVIDENCE_OPTIONS.operator)
    .action(async (results: string, flags: CosignFlags) => {
      const { cosign } = await import('../evidence/cosign.js');
      if (!['seal', 'attestation', 'both'].includes(flags.document)) {
        throw new EvidenceError('INVALID_ARGUMENT', `--document must be seal, attestation or both, not ${flags.document}.`);
      }
      const result = await cosign(results, flags.document as CosignTarget, signingOptionsFrom(flags));
      for (const doc of result.documents) {
        process.stdout.write(
          doc.added
            ? `Co-signed ${doc.name} (${doc.digest}) with key "${result.signer.name}" ${result.signer.fingerprint}\n`
            : `${doc.name} already carries the signature of key "${result.signer.name}"\n`,
        );
      }
    });
}
