/** `exhibit disclose RESULTS --finding ID… --output PACKET`: the packet a sceptic verifies. */
import type { Command } from 'commander';
import { EVIDENCE_OPTIONS, signingOptionsFrom, type EvidenceFlags } from './evidence-options.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerDisclose(program: Command): void {
  program
    .command('disclose')
    .description('write a finding packet: only the records the chosen findings rest on, with proofs, signatures, rules and indicator entries')
    .argument('<results>', 'the results folder of the check')
    .requiredOption('-f, --finding <id>', 'a finding id from findings.json (repeatable)', collect, [])
    .requiredOption('-o, --output <file>', 'the packet file to write (JSON)')
    .option(...EVIDENCE_OPTIONS.signingKey)
    .option(...EVIDENCE_OPTIONS.signingPassphraseFile)
    .option(...EVIDENCE_OPTIONS.operator)
    .action(async (results: string, flags: EvidenceFlags & { finding: string[]; output: string }) => {
      const { disclose } = await import('../evidence/disclose.js');
      const result = await disclose({ resultsDir: results, findings: flags.finding, output: flags.output, signing: signingOptionsFrom(flags) });
      process.stdout.write(
        `Wrote ${result.output}: ${result.findings.length} finding(s), ${result.records} record(s), ${result.files} file leaf(s); nothing else of the acquisition.\n` +
          'The disclosure is in custody.log. Verify with: exhibit verify PACKET, or the page exhibit verifier writes.\n',
      );
    });
}
