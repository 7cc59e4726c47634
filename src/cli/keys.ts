/** `exhibit keys create | list | export-public`: the analyst's and witnesses' signing keys. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { createKey, findKey, keyStoreDir, listKeys, publicKeyPem, readPassphraseFile } from '../evidence/keys.js';
import { EvidenceError } from '../evidence/errors.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('create and list the Ed25519 keys that sign seals, attestations and custody logs');
  keys
    .command('create')
    .description('create a signing key (private key file mode 0600)')
    .option('--name <name>', 'key name', 'default')
    .option('--passphrase-file <file>', 'protect the private key with the passphrase on the first line of this file')
    .action((flags: { name: string; passphraseFile?: string }) => {
      const passphrase = flags.passphraseFile === undefined ? undefined : readPassphraseFile(flags.passphraseFile);
      const info = createKey({ name: flags.name, ...(passphrase === undefined ? {} : { passphrase }) });
      process.stdout.write(
        `Created key "${info.name}"${info.encrypted ? ' (passphrase-protected)' : ''}\n` +
          `  fingerprint ${info.fingerprint}\n  private key ${info.privatePath}\n  public key  ${info.publicPath}\n` +
          'Read the fingerprint to whoever will verify your work, or send them the public key file.\n',
      );
    });
  keys
    .command('list')
    .description('list the keys in the key store')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const list = listKeys();
      if (flags.json) {
        const out = list.map((k) => ({ name: k.name, keyid: k.keyid, fingerprint: k.fingerprint, encrypted: k.encrypted, publicKey: k.publicPath }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      if (list.length === 0) {
        process.stdout.write(`No keys in ${keyStoreDir()}; create one with exhibit keys create.\n`);
        return;
      }
      for (const k of list) process.stdout.write(`${k.name.padEnd(16)} ${k.fingerprint}${k.encrypted ? '  (passphrase)' : ''}\n`);
    });
  keys
    .command('export-public')
    .description("write a key's public key (PEM), the file a verifier passes to exhibit verify --trust")
    .option('--name <name>', 'key name', 'default')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action((flags: { name: string; output?: string }) => {
      const pem = publicKeyPem(findKey(flags.name));
      if (flags.output === undefined) {
        process.stdout.write(pem);
        return;
      }
      try {
        writeFileSync(flags.output, pem, { mode: 0o644, flag: 'wx' });
      } catch (error) {
        throw new EvidenceError('INVALID_ARGUMENT', `The public key cannot be written to ${flags.output} (it may exist already); choose another file.`, error);
      }
    });
}
