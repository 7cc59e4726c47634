/** `exhibit timestamp RESULTS --tsa URL`: add an RFC 3161 time-stamp to a seal made earlier. */
import type { Command } from 'commander';
import { EVIDENCE_OPTIONS, signingOptionsFrom, type EvidenceFlags } from './evidence-options.js';

export function registerTimestamp(program: Command): void {
  program
    .command('timestamp')
    .description("time-stamp a results folder's seal with an RFC 3161 authority (only a SHA-256 digest is sent)")
    .argument('<results>', 'the results folder')
    .requiredOption('--tsa <url>', 'the time-stamp authority')
    .option(...EVIDENCE_OPTIONS.signingKey)
    .option(...EVIDENCE_OPTIONS.signingPassphraseFile)
    .option(...EVIDENCE_OPTIONS.operator)
    .action(async (results: string, flags: EvidenceFlags & { tsa: string }) => {
      const { timestampResults } = await import('../evidence/timestamp-results.js');
      const stamped = await timestampResults(results, flags.tsa, signingOptionsFrom(flags));
      process.stdout.write(`Time-stamped the seal: ${stamped.time} from ${stamped.authority}\n`);
    });
}
