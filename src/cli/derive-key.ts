/**
 * `exhibit derive-key BACKUP`: the key the backup password derives, so that repeated
 * checks can pass `--key-file` and skip the slow derivation. The key unlocks the backup
 * exactly as the password does, and is treated like it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { describeError, UsageError } from '../errors.js';
import { PASSWORD_ENV, readSecrets, SECRET_OPTIONS, type SecretFlags } from './secrets.js';

interface DeriveKeyFlags extends SecretFlags {
  output?: string;
  progress: boolean;
}

const WARNING = 'exhibit: warning: this key unlocks the backup exactly as its password does; keep it as safe as the password.\n';

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function writeKeyFile(file: string, hex: string): void {
  try {
    // 'wx': never overwrite, and the key is readable by its owner only from the first byte.
    writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError('OUTPUT_NOT_EMPTY', `The key file ${file} already exists; choose a new file name.`);
    throw new UsageError('SECRET_UNAVAILABLE', `The key file ${file} cannot be written (${code ?? describeError(error)}); check the folder.`);
  }
}

export function registerDeriveKey(program: Command): void {
  program
    .command('derive-key')
    .description('print the key derived from an encrypted backup\'s password, for --key-file (it is as secret as the password)')
    .argument('<backup>', 'the encrypted backup folder (or its parent holding exactly one)')
    .option('-o, --output <file>', 'write the key to this new file (mode 0600) instead of printing it')
    .option(...SECRET_OPTIONS.passwordFile)
    .option(...SECRET_OPTIONS.password)
    .option('--no-progress', 'do not print progress messages')
    .action(async (backup: string, flags: DeriveKeyFlags) => {
      const { deriveIosBackupKey, resolveBackupFolder } = await import('../acquisition/ios-backup-open.js');
      const secrets = await readSecrets(flags);
      if (secrets?.password === undefined) {
        throw new UsageError(
          'SECRET_UNAVAILABLE',
          `derive-key needs the backup password; give it with --password-file FILE, --password (asked for without echo) or the ${PASSWORD_ENV} environment variable.`,
        );
      }
      const root = resolveBackupFolder(resolve(backup));
      // Refused before the slow derivation, not after it.
      if (flags.output !== undefined && isInside(resolve(flags.output), root)) {
        throw new UsageError('OUTPUT_INSIDE_ACQUISITION', `The key file ${flags.output} would be inside the backup; choose a place outside it.`);
      }
      if (flags.output !== undefined && existsSync(flags.output)) {
        throw new UsageError('OUTPUT_NOT_EMPTY', `The key file ${flags.output} already exists; choose a new file name.`);
      }
      const key = await deriveIosBackupKey(resolve(backup), secrets.password, (text) => {
        if (flags.progress) process.stderr.write(`${text}\n`);
      });
      const hex = key.toString('hex');
      process.stderr.write(WARNING);
      if (flags.output !== undefined) {
        writeKeyFile(flags.output, hex);
        process.stdout.write(`Wrote the backup key to ${flags.output}; pass it to exhibit check with --key-file.\n`);
      } else {
        process.stdout.write(`${hex}\n`);
      }
    });
}
