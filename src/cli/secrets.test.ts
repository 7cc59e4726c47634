import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { promptHidden, readSecrets, redactSecrets, type PromptInput, type Terminal } from './secrets.js';

const scratch = mkdtempSync(join(tmpdir(), 'exhibit-secrets-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** A terminal stand-in: keystrokes are pushed as data events, raw mode is recorded. */
class FakeTty extends EventEmitter implements PromptInput {
  isTTY = true;
  rawModes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}

function terminal(): { terminal: Terminal; tty: FakeTty; written: () => string } {
  const tty = new FakeTty();
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { terminal: { input: tty, output }, tty, written: () => Buffer.concat(chunks).toString('utf8') };
}

async function usageError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('no error');
}

describe('readSecrets', () => {
  const noEnv = {};

  it('gives nothing when no option and no environment variable is set', async () => {
    expect(await readSecrets({}, noEnv)).toBeUndefined();
    expect(await readSecrets({}, { EXHIBIT_BACKUP_PASSWORD: '' })).toBeUndefined();
  });

  it('reads the first line of a password file, keeping spaces but not the newline', async () => {
    expect(await readSecrets({ passwordFile: file('pw1', ' pass word \n') }, noEnv)).toEqual({ password: ' pass word ' });
    expect(await readSecrets({ passwordFile: file('pw2', 'pässwörd\r\nsecond line\n') }, noEnv)).toEqual({ password: 'pässwörd' });
    expect(await readSecrets({ passwordFile: file('pw3', 'no newline') }, noEnv)).toEqual({ password: 'no newline' });
  });

  it('reads a 64-hex-character key file', async () => {
    const hex = 'ab'.repeat(32);
    expect(await readSecrets({ keyFile: file('key', `${hex}\n`) }, noEnv)).toEqual({ key: Buffer.from(hex, 'hex') });
  });

  it('takes the environment variable only when no option is given', async () => {
    const env = { EXHIBIT_BACKUP_PASSWORD: 'from env' };
    expect(await readSecrets({}, env)).toEqual({ password: 'from env' });
    expect(await readSecrets({ passwordFile: file('pw4', 'from file\n') }, env)).toEqual({ password: 'from file' });
  });

  it('refuses two options at once', async () => {
    expect(await usageError(readSecrets({ passwordFile: 'a', keyFile: 'b' }, noEnv))).toBe(
      'Give only one of --password-file, --key-file; each says on its own how to unlock the backup.',
    );
  });

  it('names the file, never its content, when a file is unusable', async () => {
    expect(await usageError(readSecrets({ passwordFile: join(scratch, 'missing') }, noEnv))).toBe(
      `The password file ${join(scratch, 'missing')} cannot be read (ENOENT); check its path and permissions.`,
    );
    const empty = file('empty', '\n');
    expect(await usageError(readSecrets({ passwordFile: empty }, noEnv))).toBe(
      `The password file ${empty} is empty; write the backup password on its first line.`,
    );
    const notHex = file('nothex', 'hunter2-is-not-a-key');
    const message = await usageError(readSecrets({ keyFile: notHex }, noEnv));
    expect(message).toBe(`The key file ${notHex} does not hold a key of 64 hexadecimal characters; write one with exhibit derive-key --output.`);
    expect(message).not.toContain('hunter2');
    const huge = file('huge', 'x'.repeat(70_000));
    expect(await usageError(readSecrets({ passwordFile: huge }, noEnv))).toBe(
      `The password file ${huge} is too long to hold a password; check that it is the right file.`,
    );
  });

  it('refuses --password without a terminal, in one sentence', async () => {
    const stdin = new PassThrough() as unknown as PromptInput;
    expect(await usageError(readSecrets({ password: true }, noEnv, { input: stdin, output: new PassThrough() }))).toBe(
      '--password asks for the password on a terminal and none is attached; use --password-file FILE or the EXHIBIT_BACKUP_PASSWORD environment variable instead.',
    );
  });

  it('asks on the terminal for --password', async () => {
    const { terminal: term, tty } = terminal();
    const secrets = readSecrets({ password: true }, noEnv, term);
    tty.emit('data', Buffer.from('s3cret\r'));
    expect(await secrets).toEqual({ password: 's3cret' });
  });
});

describe('promptHidden', () => {
  it('echoes nothing but the prompt, in raw mode, and restores the terminal', async () => {
    const { terminal: term, tty, written } = terminal();
    const answer = promptHidden('Backup password: ', term);
    tty.emit('data', Buffer.from('pa'));
    tty.emit('data', Buffer.from('ss\n'));
    expect(await answer).toBe('pass');
    expect(written()).toBe('Backup password: \n');
    expect(tty.rawModes).toEqual([true, false]);
    expect(tty.listenerCount('data')).toBe(0);
  });

  it('handles backspace, multi-byte characters split across reads, and ignores escape sequences', async () => {
    const { terminal: term, tty } = terminal();
    const answer = promptHidden('> ', term);
    const e = Buffer.from('é');
    tty.emit('data', Buffer.from('abx\u007f'));
    tty.emit('data', e.subarray(0, 1));
    tty.emit('data', Buffer.concat([e.subarray(1), Buffer.from('\u001b[D\r')]));
    // The escape byte is dropped; '[D' are printable and kept, as a terminal would send them.
    expect(await answer).toBe('abé[D');
  });

  it('cancels on Ctrl-C and on an empty answer, with one sentence', async () => {
    const first = terminal();
    const cancelled = promptHidden('> ', first.terminal);
    first.tty.emit('data', Buffer.from('abc\u0003'));
    expect(await usageError(cancelled)).toBe('The password prompt was interrupted; nothing was checked.');
    expect(first.tty.rawModes).toEqual([true, false]);
    const second = terminal();
    const empty = promptHidden('> ', second.terminal);
    second.tty.emit('data', Buffer.from('\r'));
    expect(await usageError(empty)).toBe('No password was entered; nothing was checked.');
  });
});

describe('redactSecrets', () => {
  it('hides the value of any password-like option in a usage error, and nothing else', () => {
    expect(redactSecrets("error: unknown option '--password=hunter2'")).toBe("error: unknown option '--password=<hidden>'");
    expect(redactSecrets('error: unknown option --PassWD=x y')).toBe('error: unknown option --PassWD=<hidden> y');
    expect(redactSecrets("error: unknown option '--signing-passphrase=abc'")).toBe("error: unknown option '--signing-passphrase=<hidden>'");
    expect(redactSecrets("error: unknown option '--output=results'")).toBe("error: unknown option '--output=results'");
  });
});
