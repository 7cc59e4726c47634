/** `exhibit seal ACQUISITION`: seal an acquisition right after it is made, before any analysis. */
import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { EVIDENCE_OPTIONS, evidenceOptionsFrom, formatEvidenceSummary, type EvidenceFlags } from './evidence-options.js';
import { readSecrets, SECRET_OPTIONS, type SecretFlags } from './secrets.js';

interface SealFlags extends EvidenceFlags, SecretFlags {
  output?: string;
}

function defaultOutput(input: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = basename(resolve(input)).replace(/[^A-Za-z0-9._-]/g, '_');
  return resolve(`exhibit-results-${name}-${stamp}`);
}

export function registerSeal(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('seal')
    .description('seal an acquisition before analysis: hash every file and record into a signed seal; check later with --output into the same folder')
    .argument('<acquisition>', 'the acquisition (e.g. the backup folder)')
    .option('-o, --output <dir>', 'folder for the seal (default: a new exhibit-results-<name>-<time> folder here)')
    .option(...SECRET_OPTIONS.passwordFile)
    .option(...SECRET_OPTIONS.password)
    .option(...SECRET_OPTIONS.keyFile)
    .option(...EVIDENCE_OPTIONS.signingKey)
    .option(...EVIDENCE_OPTIONS.signingPassphraseFile)
    .option(...EVIDENCE_OPTIONS.operator)
    .option(...EVIDENCE_OPTIONS.tsa)
    .action(async (acquisition: string, flags: SealFlags) => {
      const { sealAcquisition } = await import('../evidence/seal-acquisition.js');
      const secrets = await readSecrets(flags);
      const result = await sealAcquisition({
        input: acquisition,
        output: flags.output ?? defaultOutput(acquisition),
        ...(secrets === undefined ? {} : { secrets }),
        evidence: evidenceOptionsFrom(flags),
        progress: (text) => process.stderr.write(`${text}\n`),
      });
      process.stdout.write(`Sealed ${result.info.kind} ${result.info.name} into ${result.resultsDir}${formatEvidenceSummary(result.evidence)}\n`);
      process.stdout.write(`Check it later with: exhibit check ${acquisition} --output ${result.resultsDir}\n`);
      // The seal is this command's whole output: a time-stamp that was asked for and is missing is a failure.
      setExitCode(result.evidence.timestampProblem === null ? 0 : 2);
    });
}
