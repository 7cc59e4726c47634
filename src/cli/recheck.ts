/** `exhibit recheck RESULTS`: re-run detection on stored records with today's indicators. */
import type { Command } from 'commander';
import { isAbsolute, relative } from 'node:path';
import type { RecheckResult } from '../pipeline/recheck.js';

interface RecheckFlags {
  output?: string;
  iocs: string[];
  json?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export function formatRecheck(result: RecheckResult): string {
  const lines = [
    `Re-checked ${result.records.toLocaleString('en')} records of ${result.info.name} with ${result.indicatorCount.toLocaleString('en')} indicators.`,
    `Findings: ${result.findings.length} (${result.diff.added.length} new, ${result.diff.removed.length} no longer found, ${result.diff.unchanged} unchanged since ${result.comparedWith}).`,
  ];
  for (const finding of result.diff.added) lines.push(`  NEW ${finding.severity.toUpperCase().padEnd(13)} ${finding.explanation}`);
  for (const finding of result.diff.removed) lines.push(`  GONE ${finding.severity.toUpperCase().padEnd(12)} ${finding.explanation}`);
  lines.push(`Results: ${shown(result.outputDir)}/ (findings.json, diff.json, timeline-findings.csv, run.log)`);
  return lines.join('\n');
}

export function registerRecheck(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('recheck')
    .description('re-run detection on the records of an earlier check with the current indicators, without the acquisition')
    .argument('<results>', 'the results folder of an earlier `exhibit check`')
    .option('-o, --output <dir>', 'where to write (default: <results>/rechecks/<time>/)')
    .option('-i, --iocs <file>', 'an extra STIX2 indicator bundle (repeatable)', collect, [])
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (results: string, flags: RecheckFlags) => {
      const { runRecheck } = await import('../pipeline/recheck.js');
      const result = await runRecheck({
        resultsDir: results,
        ...(flags.output !== undefined ? { output: flags.output } : {}),
        iocFiles: flags.iocs,
        iocEnvironment: process.env['EXHIBIT_IOCS'],
      });
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              exit_code: result.exitCode,
              output_dir: result.outputDir,
              compared_with: result.comparedWith,
              records: result.records,
              counts: result.counts,
              new: result.diff.added.map((f) => f.id),
              removed: result.diff.removed.map((f) => f.id),
              unchanged: result.diff.unchanged,
            },
            null,
            2,
          )}\n`,
        );
      } else {
        process.stdout.write(`${formatRecheck(result)}\n`);
      }
      setExitCode(result.exitCode);
    });
}
