/**
 * End-to-end: encrypted iPhone backups through the real CLI. The same findings as the
 * unencrypted twin; a decrypted copy that checks the same; wrong and damaged keys refused
 * in one sentence that never holds the password; and no decrypted database left in the
 * temporary folder after a run, after an error, or after Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIosBackup, fileIdFor, type BackupSpec } from '../builders/ios-backup.js';
import { BackupEncryptor, REAL_DPIC, REAL_ITER, type BackupEncryptionSpec } from '../builders/ios-backup-encryption.js';
import { pegasusBackupSpec } from '../scenarios/ios-backups.js';
import { ensureBuilt, ROOT, runCli, type CliRun } from '../support/cli.js';
import { hashTree } from '../support/tree-hash.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

const PASSWORD = 'Tr0ub4dor&3 — ünïcode';
const WRONG_PASSWORD_SENTENCE =
  "exhibit: The password does not unlock this backup; check that it is the backup password set in Finder, iTunes or idevicebackup2 (not the phone's passcode) and try again.\n";
const DERIVING = 'Deriving the backup key (this takes a few seconds)…';

interface FindingsFile {
  summary: Record<string, number>;
  findings: { id: string; records: { origin: { path: string; stored: string; sha256: string } }[] }[];
}
interface CoverageFile {
  artifacts: { artifact: string; status: string; records: number; issues: { code: string; path?: string; message: string }[] }[];
}
interface AcquisitionFile {
  backup: { encrypted: boolean };
  files_read: { path: string; stored: string; size: number; sha256: string; plaintext?: { size: number; sha256: string } }[];
}

const readJson = <T>(dir: string, name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

/**
 * Findings without what depends on the bytes as stored: the id (a hash over the origin)
 * and the origins' sha256. Everything else — rule, value, severity, path, stored path,
 * locator, explanation — must be identical.
 */
function comparableFindings(dir: string): unknown {
  const file = readJson<FindingsFile>(dir, 'findings.json');
  return {
    summary: file.summary,
    findings: file.findings.map(({ id: _id, records, ...rest }) => ({
      ...rest,
      records: records.map(({ origin: { sha256: _sha256, ...origin }, ...record }) => ({ ...record, origin })),
    })),
  };
}

function coverageStatus(dir: string): Record<string, string> {
  return Object.fromEntries(readJson<CoverageFile>(dir, 'coverage.json').artifacts.map((a) => [a.artifact, `${a.status}:${a.records}`]));
}

function pegasusSpec(encryption?: Partial<BackupEncryptionSpec>): BackupSpec {
  const spec = pegasusBackupSpec({ safariHistory: true });
  return encryption ? { ...spec, encryption: { password: PASSWORD, ...encryption } } : spec;
}

function passwordFile(password = PASSWORD): string {
  const file = join(newDir(), 'password.txt');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}

/** A fresh TMPDIR for the child, so that what it leaves behind can be listed exactly. */
function freshTmp(): string {
  const dir = join(newDir(), 'tmp');
  mkdirSync(dir);
  return dir;
}

/** Every file under a folder, recursively, as text: to prove a secret was not written. */
function allText(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return text;
}

function expectNoSecret(run: CliRun, ...folders: string[]): void {
  for (const text of [run.stdout, run.stderr, ...folders.filter(existsSync).map(allText)]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('Tr0ub4dor');
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('exhibit check on an encrypted backup', () => {
  const twin = buildIosBackup(newDir(), pegasusSpec());
  const backup = buildIosBackup(newDir(), pegasusSpec({}));
  const twinOut = join(newDir(), 'results');
  runCli(['check', twin, '--output', twinOut, '--no-progress']);

  it('gives the same findings and coverage as its unencrypted twin, and says it derived the key', () => {
    const tmp = freshTmp();
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--password-file', passwordFile()], { env: { TMPDIR: tmp } });
    expect(run.stderr).toBe(`${DERIVING}\n`);
    expect(run.status).toBe(1);
    expect(comparableFindings(out)).toEqual(comparableFindings(twinOut));
    expect(readJson<FindingsFile>(out, 'findings.json').findings).toHaveLength(13);
    expect(coverageStatus(out)).toEqual(coverageStatus(twinOut));
    expect(readFileSync(join(out, 'run.log'), 'utf8')).toContain(`INFO ${DERIVING}`);
    expectNoSecret(run, out);
    // Nothing decrypted is left in the temporary folder after the run.
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('records the SHA-256 of the bytes as stored, which anyone can re-hash, and that of the plaintext', () => {
    const out = join(newDir(), 'results');
    runCli(['check', backup, '--output', out, '--no-progress'], { env: { EXHIBIT_BACKUP_PASSWORD: PASSWORD } });
    const acquisition = readJson<AcquisitionFile>(out, 'acquisition.json');
    expect(acquisition.backup.encrypted).toBe(true);
    const id = fileIdFor('HomeDomain', 'Library/SMS/sms.db');
    const sms = acquisition.files_read.find((f) => f.path === 'HomeDomain/Library/SMS/sms.db');
    const stored = readFileSync(join(backup, id.slice(0, 2), id));
    const plain = readFileSync(join(twin, id.slice(0, 2), id));
    expect(sms).toEqual({
      path: 'HomeDomain/Library/SMS/sms.db',
      stored: `${id.slice(0, 2)}/${id}`,
      size: stored.length,
      sha256: sha256(stored),
      plaintext: { size: plain.length, sha256: sha256(plain) },
    });
    const manifest = acquisition.files_read.find((f) => f.path === 'Manifest.db');
    expect(manifest?.sha256).toBe(sha256(readFileSync(join(backup, 'Manifest.db'))));
    // PKCS#7 always pads: the stored size is the plaintext's rounded up to the next whole block.
    const plainSize = manifest?.plaintext?.size ?? 0;
    expect(manifest?.size).toBe(plainSize - (plainSize % 16) + 16);
    // The finding on sms.db rests on the stored bytes.
    const finding = readJson<FindingsFile>(out, 'findings.json').findings.find((f) => f.records[0]?.origin.path === 'HomeDomain/Library/SMS/sms.db');
    expect(finding?.records[0]?.origin.sha256).toBe(sha256(stored));
  });

  it('never writes to the backup', () => {
    const fresh = buildIosBackup(newDir(), pegasusSpec({}));
    const before = hashTree(fresh);
    const run = runCli(['check', fresh, '--output', join(newDir(), 'results'), '--no-progress', '--password-file', passwordFile()]);
    expect(run.status).toBe(1);
    expect(hashTree(fresh)).toEqual(before);
  });

  it('turns a file whose key does not unwrap into a coverage issue and goes on', () => {
    const damaged = buildIosBackup(newDir(), pegasusSpec({ unwrappableFiles: ['HomeDomain/Library/SMS/sms.db'] }));
    const out = join(newDir(), 'results');
    const run = runCli(['check', damaged, '--output', out, '--no-progress', '--password-file', passwordFile()]);
    expect(run.status).toBe(1);
    const sms = readJson<CoverageFile>(out, 'coverage.json').artifacts.find((a) => a.artifact === 'sms');
    expect(sms?.status).toBe('failed');
    expect(sms?.issues).toEqual([
      {
        code: 'corrupt',
        path: 'HomeDomain/Library/SMS/sms.db',
        message: 'HomeDomain/Library/SMS/sms.db cannot be decrypted: its EncryptionKey does not unwrap with the key of protection class 3',
      },
    ]);
    const findings = readJson<FindingsFile>(out, 'findings.json').findings;
    expect(findings).toHaveLength(12);
    expect(findings.some((f) => f.records[0]?.origin.path === 'HomeDomain/Library/SMS/sms.db')).toBe(false);
  });
});

describe('exhibit check refuses what does not unlock, in one sentence, keeping the password out', () => {
  const backup = buildIosBackup(newDir(), pegasusSpec({}));

  it('a wrong password, detected at the keybag before any result is written', () => {
    const tmp = freshTmp();
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress', '--password-file', passwordFile('Tr0ub4dor&3 — unicode')], {
      env: { TMPDIR: tmp },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(WRONG_PASSWORD_SENTENCE);
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
    expect(run.stderr).not.toContain('Tr0ub4dor');
  });

  it('a wrong password from the environment', () => {
    const run = runCli(['check', backup, '--output', join(newDir(), 'r'), '--no-progress'], { env: { EXHIBIT_BACKUP_PASSWORD: 'hunter2' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(WRONG_PASSWORD_SENTENCE);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('a damaged keybag', () => {
    const damaged = buildIosBackup(newDir(), pegasusSpec({ keybag: (bytes) => bytes.subarray(0, 100) }));
    const run = runCli(['check', damaged, '--output', join(newDir(), 'r'), '--no-progress', '--password-file', passwordFile()]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'exhibit: The keybag of this backup (BackupKeyBag in Manifest.plist) is damaged: it ends in the middle of an item header at byte 96; the backup cannot be decrypted, so make it again.\n',
    );
    expectNoSecret(run);
  });

  it('no password at all, naming the ways to give one', () => {
    const run = runCli(['check', backup, '--output', join(newDir(), 'r'), '--no-progress']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'exhibit: This backup is encrypted; give its password with --password-file FILE, --password (asked for without echo) or the EXHIBIT_BACKUP_PASSWORD environment variable, or its key with --key-file FILE.\n',
    );
  });

  it('--password without a terminal, and two ways at once', () => {
    const noTty = runCli(['check', backup, '--password', '--no-progress']);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toBe(
      'exhibit: --password asks for the password on a terminal and none is attached; use --password-file FILE or the EXHIBIT_BACKUP_PASSWORD environment variable instead.\n',
    );
    const both = runCli(['check', backup, '--password', '--password-file', passwordFile()]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('exhibit: Give only one of --password-file, --password; each says on its own how to unlock the backup.\n');
  });

  it('a password given as a value of --password is refused without being echoed', () => {
    const run = runCli(['check', backup, '--password=hunter2', '--no-progress']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("error: unknown option '--password=<hidden>'");
    expect(run.stderr).not.toContain('hunter2');
  });

  it('leaves no decrypted database behind after an error that comes after decryption', () => {
    const tmp = freshTmp();
    const busy = newDir();
    writeFileSync(join(busy, 'keep.txt'), 'x');
    const run = runCli(['check', backup, '--output', busy, '--no-progress', '--password-file', passwordFile()], { env: { TMPDIR: tmp } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`exhibit: The results folder ${busy} is not empty; choose a new or empty folder.\n`);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('exhibit decrypt', () => {
  const twin = buildIosBackup(newDir(), pegasusSpec());
  const backup = buildIosBackup(newDir(), pegasusSpec({}));

  it('writes a decrypted copy in the backup layout that checks like the original', () => {
    const copy = join(newDir(), 'copy');
    const tmp = freshTmp();
    const run = runCli(['decrypt', backup, '--output', copy, '--no-progress', '--password-file', passwordFile()], { env: { TMPDIR: tmp } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `Wrote a decrypted copy of the backup to ${copy}: 14 files. It holds the phone's data in clear: keep it as safe as the backup password, and delete it when done.\n`,
    );
    expect(readdirSync(tmp)).toEqual([]);
    expectNoSecret(run, copy);

    // The same layout; every file's content is the twin's, byte for byte.
    const names = readdirSync(copy).sort();
    expect(names).toEqual(readdirSync(twin).sort());
    for (const name of names.filter((n) => /^[0-9a-f]{2}$/.test(n))) {
      for (const id of readdirSync(join(copy, name))) {
        expect(readFileSync(join(copy, name, id)).equals(readFileSync(join(twin, name, id))), id).toBe(true);
        expect(statSync(join(copy, name, id)).mode & 0o777).toBe(0o600);
      }
    }
    expect(statSync(copy).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(copy, 'Manifest.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
    const manifestPlist = readFileSync(join(copy, 'Manifest.plist'), 'utf8');
    expect(manifestPlist).toMatch(/<key>IsEncrypted<\/key>\s*<false\/>/);
    expect(manifestPlist).not.toContain('ManifestKey');
    expect(manifestPlist).toContain('BackupKeyBag');
    expect(readFileSync(join(copy, 'Info.plist')).equals(readFileSync(join(backup, 'Info.plist')))).toBe(true);

    // The copy checks without a password, with the findings of the original.
    const fromCopy = join(newDir(), 'results');
    const fromBackup = join(newDir(), 'results');
    expect(runCli(['check', copy, '--output', fromCopy, '--no-progress']).status).toBe(1);
    runCli(['check', backup, '--output', fromBackup, '--no-progress', '--password-file', passwordFile()]);
    expect(comparableFindings(fromCopy)).toEqual(comparableFindings(fromBackup));
    expect(coverageStatus(fromCopy)).toEqual(coverageStatus(fromBackup));
    // The copy's hashes are the plaintext hashes a check of the encrypted backup records.
    const plain = readJson<AcquisitionFile>(fromBackup, 'acquisition.json').files_read;
    const clear = readJson<AcquisitionFile>(fromCopy, 'acquisition.json').files_read;
    for (const file of clear.filter((f) => f.path !== 'Manifest.plist')) {
      const original = plain.find((p) => p.path === file.path);
      expect(original?.plaintext?.sha256 ?? original?.sha256, file.path).toBe(file.sha256);
    }
  });

  it('refuses the backup itself, a folder inside it, a non-empty folder and a backup in clear', () => {
    const inside = runCli(['decrypt', backup, '--output', join(backup, 'clear'), '--password-file', passwordFile()]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toBe(
      `exhibit: The output folder ${join(backup, 'clear')} is inside the backup; choose a folder outside it, because evidence is never written to.\n`,
    );
    expect(existsSync(join(backup, 'clear'))).toBe(false);
    expect(runCli(['decrypt', backup, '--output', backup, '--password-file', passwordFile()]).stderr).toMatch(/is inside the backup/);
    const busy = newDir();
    writeFileSync(join(busy, 'keep.txt'), 'x');
    expect(runCli(['decrypt', backup, '--output', busy, '--password-file', passwordFile()]).stderr).toBe(
      `exhibit: The output folder ${busy} is not empty; choose a new or empty folder.\n`,
    );
    const clear = runCli(['decrypt', twin, '--output', join(newDir(), 'c')]);
    expect(clear.status).toBe(2);
    expect(clear.stderr).toBe(`exhibit: ${twin} is not an encrypted backup, so there is nothing to decrypt; check it directly.\n`);
  });

  it('refuses a wrong password before writing anything', () => {
    const copy = join(newDir(), 'copy');
    const run = runCli(['decrypt', backup, '--output', copy, '--password-file', passwordFile('nope')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${DERIVING}\n${WRONG_PASSWORD_SENTENCE}`);
    expect(existsSync(copy)).toBe(false);
  });

  it('writes what it can and lists the files it could not decrypt, with exit code 1', () => {
    const damaged = buildIosBackup(newDir(), pegasusSpec({ truncatedFiles: ['HomeDomain/Library/SMS/sms.db'] }));
    const copy = join(newDir(), 'copy');
    const run = runCli(['decrypt', damaged, '--output', copy, '--no-progress', '--password-file', passwordFile()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'exhibit: not decrypted: HomeDomain/Library/SMS/sms.db cannot be decrypted: its content does not decrypt with its key (the padding is wrong)\n',
    );
    expect(run.stdout).toMatch(/: 13 files; 1 could not be decrypted \(listed above\)\. /);
    const id = fileIdFor('HomeDomain', 'Library/SMS/sms.db');
    expect(existsSync(join(copy, id.slice(0, 2), id))).toBe(false);
  });
});

describe('exhibit derive-key', () => {
  const backup = buildIosBackup(newDir(), pegasusSpec({}));
  const key = new BackupEncryptor({ password: PASSWORD }, pegasusSpec().udid ?? '').derivedKey;

  it('prints the key, with a warning on stderr', () => {
    const run = runCli(['derive-key', backup, '--no-progress'], { env: { EXHIBIT_BACKUP_PASSWORD: PASSWORD } });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${key.toString('hex')}\n`);
    expect(run.stderr).toBe('exhibit: warning: this key unlocks the backup exactly as its password does; keep it as safe as the password.\n');
  });

  it('refuses a wrong password, a missing one, a key file inside the backup and a backup in clear', () => {
    const wrong = runCli(['derive-key', backup, '--password-file', passwordFile('not it')]);
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toBe(`${DERIVING}\n${WRONG_PASSWORD_SENTENCE}`);
    expect(runCli(['derive-key', backup]).stderr).toBe(
      'exhibit: derive-key needs the backup password; give it with --password-file FILE, --password (asked for without echo) or the EXHIBIT_BACKUP_PASSWORD environment variable.\n',
    );
    const inside = join(backup, 'key.txt');
    expect(runCli(['derive-key', backup, '--output', inside, '--password-file', passwordFile()]).stderr).toBe(
      `exhibit: The key file ${inside} would be inside the backup; choose a place outside it.\n`,
    );
    expect(existsSync(inside)).toBe(false);
    const clear = buildIosBackup(newDir(), pegasusSpec());
    expect(runCli(['derive-key', clear, '--password-file', passwordFile()]).stderr).toBe(
      `exhibit: ${clear} is not an encrypted backup, so it has no key; check it directly.\n`,
    );
  });
});

/** The CLI as a child process the test can signal, with TMPDIR of its own. */
function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): {
  stderr: () => string;
  running: () => boolean;
  kill: (signal: NodeJS.Signals) => void;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  ensureBuilt();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'exhibit.js'), ...args], {
    cwd: ROOT,
    // Its own key store, as runCli gives: a check never creates keys in the user's home.
    env: { ...process.env, EXHIBIT_IOCS: '', EXHIBIT_DATA_DIR: newDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  let running = true;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  return { stderr: () => stderr, running: () => running, kill: (signal) => child.kill(signal), exit };
}

/** Polls until `probe` answers; gives up at once if the child has ended meanwhile. */
async function until<T>(probe: () => T | undefined, child: { running: () => boolean; stderr: () => string }, what: string): Promise<T> {
  for (let attempt = 0; attempt < 3000; attempt++) {
    const value = probe();
    if (value !== undefined) return value;
    if (!child.running()) throw new Error(`the check ended before ${what}: ${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Files under a folder that start with SQLite's header: decrypted databases. */
function plaintextDatabases(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (readFileSync(path).subarray(0, 15).toString('latin1') === 'SQLite format 3') found.push(path);
  }
  return found;
}

describe('--password on a terminal', () => {
  it('asks without echo, through a real pseudo-terminal', async () => {
    ensureBuilt();
    const backup = buildIosBackup(newDir(), pegasusSpec({}));
    const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;
    const command = [process.execPath, join(ROOT, 'bin', 'exhibit.js'), 'derive-key', backup, '--password'].map(quote).join(' ');
    // util-linux `script` runs the command on a pseudo-terminal fed from our pipe.
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, EXHIBIT_DATA_DIR: newDir() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    // Typed only once the prompt is up: before raw mode, the terminal itself would echo it.
    await until(() => (output.includes('Backup password: ') ? true : undefined), { running: () => child.exitCode === null, stderr: () => output }, 'the prompt');
    child.stdin.write(`${PASSWORD}\r`);
    expect(await exit).toBe(0);
    const key = new BackupEncryptor({ password: PASSWORD }, pegasusSpec().udid ?? '').derivedKey.toString('hex');
    expect(output.replace(/\r/g, '')).toBe(
      `Backup password: \n${DERIVING}\nexhibit: warning: this key unlocks the backup exactly as its password does; keep it as safe as the password.\n${key}\n`,
    );
    expect(output).not.toContain('Tr0ub4dor');
  });
});

describe('Ctrl-C', () => {
  it('removes the working folder with the decrypted databases in it', async () => {
    // Safari's History.db is a FIFO: reading it blocks until the test writes, which holds the
    // run at a known point, with Manifest.db already decrypted in the working folder.
    const spec = pegasusSpec({});
    spec.files = spec.files.map((file) => (file.relativePath === 'Library/Safari/History.db' ? { ...file, omitBlob: true } : file));
    const backup = buildIosBackup(newDir(), spec);
    const id = fileIdFor('HomeDomain', 'Library/Safari/History.db');
    mkdirSync(join(backup, id.slice(0, 2)), { recursive: true });
    const fifo = join(backup, id.slice(0, 2), id);
    execFileSync('mkfifo', [fifo]);

    const tmp = freshTmp();
    const child = spawnCli(['check', backup, '--output', join(newDir(), 'results'), '--no-progress', '--password-file', passwordFile()], { TMPDIR: tmp });
    // Opening a FIFO for writing without blocking succeeds only once the reader has it open.
    const writer = await until(() => {
      try {
        return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        return undefined;
      }
    }, child, 'reaching Safari history');
    try {
      const [workDir, ...others] = readdirSync(tmp);
      expect(others).toEqual([]);
      expect(workDir).toMatch(/^exhibit-/);
      const databases = plaintextDatabases(join(tmp, workDir ?? ''));
      expect(databases.map((path) => path.slice(join(tmp, workDir ?? '').length))).toEqual(
        expect.arrayContaining(['/1/Manifest.db']),
      );
      child.kill('SIGINT');
      // The child is still blocked reading the FIFO: the signal alone must end it.
      expect(await child.exit).toEqual({ code: null, signal: 'SIGINT' });
    } finally {
      closeSync(writer);
    }
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('at the real iteration counts (DPIC 10,000,000, ITER 10,000)', () => {
  const backup = buildIosBackup(newDir(), pegasusSpec({ dpic: REAL_DPIC, iter: REAL_ITER }));
  const expectedKey = new BackupEncryptor({ password: PASSWORD, dpic: REAL_DPIC, iter: REAL_ITER }, pegasusSpec().udid ?? '').derivedKey;

  it('derive-key writes the key once (0600), and --key-file checks without deriving again', () => {
    const keyFile = join(newDir(), 'backup.key');
    const derive = runCli(['derive-key', backup, '--output', keyFile, '--password-file', passwordFile()]);
    expect(derive.status).toBe(0);
    expect(derive.stderr).toBe(
      `${DERIVING}\nexhibit: warning: this key unlocks the backup exactly as its password does; keep it as safe as the password.\n`,
    );
    expect(derive.stdout).toBe(`Wrote the backup key to ${keyFile}; pass it to exhibit check with --key-file.\n`);
    expect(readFileSync(keyFile, 'utf8')).toBe(`${expectedKey.toString('hex')}\n`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(runCli(['derive-key', backup, '--output', keyFile, '--password-file', passwordFile()]).stderr).toBe(
      `exhibit: The key file ${keyFile} already exists; choose a new file name.\n`,
    );

    const out = join(newDir(), 'results');
    const check = runCli(['check', backup, '--output', out, '--key-file', keyFile]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    expect(readJson<FindingsFile>(out, 'findings.json').findings).toHaveLength(13);
    expect(allText(out)).not.toContain(expectedKey.toString('hex'));

    const wrongKey = join(newDir(), 'wrong.key');
    writeFileSync(wrongKey, `${'00'.repeat(32)}\n`);
    expect(runCli(['check', backup, '--output', join(newDir(), 'r'), '--key-file', wrongKey]).stderr).toBe(
      'exhibit: The key given does not unlock this backup; derive it again with exhibit derive-key, or give the password instead.\n',
    );
  });

  it('Ctrl-C during the derivation ends the run at once and removes the working folder', async () => {
    const tmp = freshTmp();
    const child = spawnCli(['check', backup, '--output', join(newDir(), 'results'), '--password-file', passwordFile()], { TMPDIR: tmp });
    await until(() => (child.stderr().includes(DERIVING) ? true : undefined), child, 'the derivation started');
    expect(readdirSync(tmp)).toHaveLength(1);
    child.kill('SIGINT');
    expect(await child.exit).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(tmp)).toEqual([]);
  });
});
