/**
 * Where the password or key of an encrypted backup comes from on the command line.
 *
 * A secret is never taken as an option value: values show in `ps`, in shell history and in
 * CI logs. So `--password` takes none and asks on the terminal without echo, and the other
 * ways are a file (`--password-file`, `--key-file`) or the EXHIBIT_BACKUP_PASSWORD
 * environment variable. Precedence: the command-line options first (giving two of them is
 * refused, since one would silently lose), then the environment variable. No message here
 * ever contains a secret, only the file name it was to be read from.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { AcquisitionSecrets } from '../acquisition/acquisition.js';
import { describeError, UsageError } from '../errors.js';

export const PASSWORD_ENV = 'EXHIBIT_BACKUP_PASSWORD';
/** A password or key file is a line; anything much longer is the wrong file. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

export interface SecretFlags {
  passwordFile?: string;
  password?: boolean;
  keyFile?: string;
}

/** The three options, as `.option(...SECRET_OPTIONS.password)` arguments. */
export const SECRET_OPTIONS = {
  passwordFile: ['--password-file <file>', 'read the backup password from the first line of this file (or a pipe)'],
  password: ['--password', `ask for the backup password on the terminal, without echo (or set ${PASSWORD_ENV})`],
  keyFile: ['--key-file <file>', 'read the key written by exhibit derive-key, to skip the slow key derivation'],
} as const;

/**
 * Usage errors echo the offending argument; `--password=hunter2` must not be echoed with
 * its value. Any option whose name mentions a password or passphrase loses its `=value`.
 */
export function redactSecrets(text: string): string {
  return text.replace(/(--[A-Za-z-]*pass[A-Za-z-]*=)[^\s'"]*/gi, '$1<hidden>');
}

/** Terminal input as the prompt needs it: process.stdin, or a stand-in in tests. */
export interface PromptInput extends NodeJS.EventEmitter {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface Terminal {
  input: PromptInput;
  output: NodeJS.WritableStream;
}

/** Reads to the end, so that a pipe works too (`--password-file <(pass show backup)`). */
function readSecretFile(file: string, what: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(4096);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_SECRET_FILE_BYTES) {
        throw new UsageError('SECRET_UNAVAILABLE', `The ${what} file ${file} is too long to hold a ${what}; check that it is the right file.`);
      }
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      'SECRET_UNAVAILABLE',
      `The ${what} file ${file} cannot be read (${code ?? describeError(error)}); check its path and permissions.`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The first line of a password file: a trailing newline is the editor's, not the password's. */
export function passwordFromFile(file: string): string {
  const text = readSecretFile(file, 'password');
  const password = text.replace(/\r?\n[\s\S]*$/, '');
  if (password === '') throw new UsageError('SECRET_UNAVAILABLE', `The password file ${file} is empty; write the backup password on its first line.`);
  return password;
}

export function keyFromFile(file: string): Buffer {
  const text = readSecretFile(file, 'key').trim();
  if (!KEY_HEX.test(text)) {
    throw new UsageError(
      'SECRET_UNAVAILABLE',
      `The key file ${file} does not hold a key of 64 hexadecimal characters; write one with exhibit derive-key --output.`,
    );
  }
  return Buffer.from(text, 'hex');
}

/**
 * Reads a line from the terminal without echo. Raw mode also delivers Ctrl-C as a byte,
 * so it is handled here: the prompt is cancelled rather than the process killed mid-way.
 */
export function promptHidden(prompt: string, terminal: Terminal): Promise<string> {
  const { input, output } = terminal;
  return new Promise((resolvePassword, reject) => {
    const decoder = new StringDecoder('utf8');
    let typed = '';
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolvePassword(typed);
    };
    const onEnd = (): void => finish(new UsageError('SECRET_UNAVAILABLE', 'No password was entered; nothing was checked.'));
    const onData = (chunk: Buffer | string): void => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const char of text) {
        if (char === '\r' || char === '\n') {
          finish(typed === '' ? new UsageError('SECRET_UNAVAILABLE', 'No password was entered; nothing was checked.') : null);
          return;
        }
        if (char === '\u0003') {
          finish(new UsageError('SECRET_UNAVAILABLE', 'The password prompt was interrupted; nothing was checked.'));
          return;
        }
        if (char === '\u0004') {
          onEnd();
          return;
        }
        if (char === '\u007f' || char === '\b') {
          typed = [...typed].slice(0, -1).join('');
          continue;
        }
        // Other control characters (arrows, escape sequences) are not part of a password.
        if (char < ' ') continue;
        typed += char;
      }
    };
    // Echo goes off before the prompt shows, so nothing typed after it can be echoed.
    input.setRawMode?.(true);
    output.write(prompt);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** The secrets the user gave, or undefined when none; see the module comment for precedence. */
export async function readSecrets(
  flags: SecretFlags,
  env: NodeJS.ProcessEnv = process.env,
  terminal: Terminal = { input: process.stdin, output: process.stderr },
): Promise<AcquisitionSecrets | undefined> {
  const given = [
    flags.passwordFile !== undefined ? '--password-file' : null,
    flags.password === true ? '--password' : null,
    flags.keyFile !== undefined ? '--key-file' : null,
  ].filter((name): name is string => name !== null);
  if (given.length > 1) {
    throw new UsageError('INVALID_ARGUMENT', `Give only one of ${given.join(', ')}; each says on its own how to unlock the backup.`);
  }
  if (flags.keyFile !== undefined) return { key: keyFromFile(flags.keyFile) };
  if (flags.passwordFile !== undefined) return { password: passwordFromFile(flags.passwordFile) };
  if (flags.password === true) {
    if (!terminal.input.isTTY || typeof terminal.input.setRawMode !== 'function') {
      throw new UsageError(
        'SECRET_UNAVAILABLE',
        `--password asks for the password on a terminal and none is attached; use --password-file FILE or the ${PASSWORD_ENV} environment variable instead.`,
      );
    }
    return { password: await promptHidden('Backup password: ', terminal) };
  }
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { password: fromEnv };
  return undefined;
}

/** The text of an age identity file (androidqf's key.txt); treated like a password file. */
export function readAgeIdentity(file: string): string {
  return readSecretFile(file, 'age identity');
}
