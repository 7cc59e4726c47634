/** `exhibit check ACQUISITION`: check an acquisition and write a results folder. */
import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { systemLanguage } from '../report/i18n/locale.js';
import { languageOption } from './report.js';
import { formatSummary, summaryJson } from './summary.js';
import { terminalProgress } from './progress.js';
import { readAgeIdentity, readSecrets, SECRET_OPTIONS } from './secrets.js';
import { EVIDENCE_OPTIONS, evidenceOptionsFrom, formatEvidenceSummary, type EvidenceFlags } from './evidence-options.js';

interface CheckFlags extends EvidenceFlags {
  output?: string;
  iocs: string[];
  json?: boolean;
  progress: boolean;
  passwordFile?: string;
  password?: boolean;
  keyFile?: string;
  ageIdentity?: string;
  lang?: string;
}

function defaultOutput(input: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = basename(resolve(input)).replace(/[^A-Za-z0-9._-]/g, '_');
  return resolve(`exhibit-results-${name}-${stamp}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('check')
    .description('check an acquisition (an iPhone backup folder) for traces of spyware and write a results folder')
    .argument('<acquisition>', 'the backup folder (the one named after the UDID, or its parent holding exactly one)')
    .option('-o, --output <dir>', 'results folder (default: a new exhibit-results-<name>-<time> folder here)')
    .option('-i, --iocs <file>', 'an extra STIX2 indicator bundle (repeatable)', collect, [])
    .option('--json', 'print the summary as JSON on stdout, for scripts')
    .option('--no-progress', 'do not draw a progress bar')
    .addOption(languageOption())
    .option(...SECRET_OPTIONS.passwordFile)
    .option(...SECRET_OPTIONS.password)
    .option(...SECRET_OPTIONS.keyFile)
    .option('--age-identity <file>', "age identity file (androidqf's key.txt) for an age-encrypted androidqf collection")
    .option(...EVIDENCE_OPTIONS.signingKey)
    .option(...EVIDENCE_OPTIONS.signingPassphraseFile)
    .option(...EVIDENCE_OPTIONS.operator)
    .option(...EVIDENCE_OPTIONS.tsa)
    .action(async (acquisition: string, flags: CheckFlags) => {
      const { runCheck } = await import('../pipeline/check.js');
      // Asked before the progress bar exists, so the prompt is not drawn over.
      const given = await readSecrets(flags);
      const secrets = flags.ageIdentity === undefined ? given : { ...given, ageIdentity: readAgeIdentity(flags.ageIdentity) };
      const bar = terminalProgress(flags.progress && !flags.json);
      try {
        const result = await runCheck({
          input: acquisition,
          output: flags.output ?? defaultOutput(acquisition),
          iocFiles: flags.iocs,
          iocEnvironment: process.env['EXHIBIT_IOCS'],
          progress: {
            ...bar.progress,
            message: (text) => {
              if (flags.progress) process.stderr.write(`${text}\n`);
            },
          },
          secrets,
          reportLanguage: systemLanguage(flags.lang),
          evidence: evidenceOptionsFrom(flags),
        });
        bar.stop();
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ ...(summaryJson(result) as object), evidence: result.evidence ?? null }, null, 2)}\n`
            : `${formatSummary(result)}${formatEvidenceSummary(result.evidence)}\n`,
        );
        setExitCode(result.exitCode);
      } finally {
        bar.stop();
      }
    });
}
