/**
 * The `exhibit` command. One place decides what a user sees on failure: a known error is
 * one sentence and exit code 2; anything else is an internal error with its stack.
 * Commands load their pipeline inside their action (a dynamic import), so starting
 * `exhibit iocs list` does not load every extractor, the report and the evidence code.
 */
import { Command, CommanderError } from 'commander';
import { isExhibitError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerCheck } from './check.js';
import { registerIocs } from './iocs.js';
import { registerRecheck } from './recheck.js';
import { registerDecrypt } from './decrypt.js';
import { redactSecrets } from './secrets.js';
import { registerDeriveKey } from './derive-key.js';
import { registerReport } from './report.js';
import { registerEvidence } from './evidence.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = new Command();
  program
    .name('exhibit')
    .description('Check phone acquisitions for traces of mercenary spyware.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError()
    // Subcommands inherit this: an error echoing `--password=…` must not echo the password.
    .configureOutput({ outputError: (text, write) => write(redactSecrets(text)) });
  registerCheck(program, (code) => {
    exitCode = code;
  });
  registerIocs(program, (code) => {
    exitCode = code;
  });
  registerRecheck(program, (code) => {
    exitCode = code;
  });
  registerDecrypt(program, (code) => {
    exitCode = code;
  });
  registerDeriveKey(program);
  registerReport(program);
  registerEvidence(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    }
    if (isExhibitError(error)) {
      process.stderr.write(`exhibit: ${error.message}\n`);
      return EXIT_ERROR;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`exhibit: internal error — please report it with this text:\n${detail}\n`);
    return EXIT_ERROR;
  }
}
