/** `exhibit export-case RESULTS`: the provenance as CASE/UCO JSON-LD. */
import type { Command } from 'commander';
import { join } from 'node:path';

export function registerExportCase(program: Command): void {
  program
    .command('export-case')
    .description('write the provenance of a results folder (acquisition, files, seal, analyses, findings, custody) as CASE/UCO JSON-LD')
    .argument('<results>', 'the results folder')
    .option('-o, --output <file>', 'the JSON-LD file (default: case-uco.jsonld in the results folder)')
    .action(async (results: string, flags: { output?: string }) => {
      const { exportCase } = await import('../evidence/case-uco.js');
      const written = exportCase(results, flags.output ?? join(results, 'case-uco.jsonld'));
      process.stdout.write(`Wrote ${written.output} (${written.nodes} nodes).\n`);
    });
}
