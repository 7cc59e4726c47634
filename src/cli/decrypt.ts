/** `exhibit decrypt BACKUP --output DIR`: a decrypted copy of an encrypted iPhone backup. */
import type { Command } from 'commander';
import { readSecrets, SECRET_OPTIONS, type SecretFlags } from './secrets.js';

interface DecryptFlags extends SecretFlags {
  output: string;
  progress: boolean;
}

/** Exit 0: a complete copy; 1: a copy without the files listed on stderr; 2: an error, one sentence. */
export function registerDecrypt(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('decrypt')
    .description('write a decrypted copy of an encrypted iPhone backup, in the same layout, for other tools')
    .argument('<backup>', 'the encrypted backup folder (or its parent holding exactly one)')
    .requiredOption('-o, --output <dir>', 'new or empty folder for the decrypted copy, outside the backup')
    .option(...SECRET_OPTIONS.passwordFile)
    .option(...SECRET_OPTIONS.password)
    .option(...SECRET_OPTIONS.keyFile)
    .option('--no-progress', 'do not print progress messages')
    .action(async (backup: string, flags: DecryptFlags) => {
      const { runDecrypt } = await import('../pipeline/decrypt-backup.js');
      const secrets = await readSecrets(flags);
      const result = await runDecrypt({
        input: backup,
        output: flags.output,
        secrets,
        progress: (text) => {
          if (flags.progress) process.stderr.write(`${text}\n`);
        },
      });
      for (const failure of result.failed) process.stderr.write(`exhibit: not decrypted: ${failure.message}\n`);
      const absent = result.absent > 0 ? `; ${result.absent} files listed in Manifest.db are absent from the backup` : '';
      const failed = result.failed.length > 0 ? `; ${result.failed.length} could not be decrypted (listed above)` : '';
      process.stdout.write(
        `Wrote a decrypted copy of the backup to ${flags.output}: ${result.written} files${absent}${failed}. ` +
          'It holds the phone\'s data in clear: keep it as safe as the backup password, and delete it when done.\n',
      );
      setExitCode(result.failed.length > 0 ? 1 : 0);
    });
}
