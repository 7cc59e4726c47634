/** `exhibit iocs list`: which indicator bundles are loaded, what they hold, what was skipped. */
import type { Command } from 'commander';
import { loadIndicatorSet } from '../indicators/load.js';

interface ListFlags {
  iocs: string[];
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerIocs(program: Command): void {
  const iocs = program.command('iocs').description('inspect the indicator bundles Exhibit loads');
  iocs
    .command('list')
    .description('list loaded indicator bundles with their digests, counts by kind and skipped entries')
    .option('-i, --iocs <file>', 'an extra STIX2 indicator bundle (repeatable)', collect, [])
    .option('--json', 'print as JSON')
    .action(async (flags: ListFlags) => {
      const index = await loadIndicatorSet({ files: flags.iocs, environment: process.env['EXHIBIT_IOCS'], includeShipped: true });
      const bundles = index.bundles().map((bundle) => ({
        file: bundle.file,
        origin: bundle.origin,
        sha256: bundle.sha256,
        malware: bundle.malware,
        total: bundle.total,
        counts: bundle.counts,
        skipped: bundle.skipped,
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ total: index.size(), bundles }, null, 2)}\n`);
        return;
      }
      for (const bundle of bundles) {
        const kinds = Object.entries(bundle.counts)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ');
        process.stdout.write(
          `${bundle.file} (${bundle.origin}) ${bundle.malware.join(', ') || 'no malware named'}\n` +
            `  sha256 ${bundle.sha256}\n  ${bundle.total} indicators: ${kinds}\n`,
        );
        for (const skipped of bundle.skipped) process.stdout.write(`  skipped: ${skipped.reason}\n`);
      }
      process.stdout.write(`${index.size()} indicators in ${bundles.length} bundles\n`);
    });
}
