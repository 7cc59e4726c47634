/** `exhibit verifier --output verify.html`: the self-contained verifier page. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { EvidenceError } from '../evidence/errors.js';
import { TOOL_VERSION } from '../version.js';

export function registerVerifier(program: Command): void {
  program
    .command('verifier')
    .description('write the verifier page: one HTML file that verifies a dropped packet in any current browser, offline')
    .requiredOption('-o, --output <file>', 'the HTML file to write')
    .action(async (flags: { output: string }) => {
      const { buildVerifierPage } = await import('../evidence/verifier-page/build-page.js');
      const page = buildVerifierPage(TOOL_VERSION);
      try {
        writeFileSync(flags.output, page, { mode: 0o644 });
      } catch (error) {
        throw new EvidenceError('INVALID_ARGUMENT', `The page cannot be written to ${flags.output}; choose another path.`, error);
      }
      process.stdout.write(`Wrote ${flags.output} (${Math.round(page.length / 1024)} KiB). Open it in a browser and drop a packet on it.\n`);
    });
}
