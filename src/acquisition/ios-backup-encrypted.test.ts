/**
 * An encrypted backup through the Source: the same tree, the same bytes as its unencrypted
 * twin, digests of the bytes as stored plus those of the plaintext, and one clear sentence
 * for each way unlocking can fail — before any file is touched.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryPlist, buildIosBackup, fileIdFor, type BackupSpec, type PlistInputDict } from '../../test/builders/ios-backup.js';
import { BackupEncryptor, type BackupEncryptionSpec } from '../../test/builders/ios-backup-encryption.js';
import { buildSmsDb } from '../../test/builders/ios/sms-db.js';
import { AcquisitionError, ArtifactError } from '../errors.js';
import { decodePlist } from '../formats/plist-decode.js';
import { isPlistDict } from '../formats/plist.js';
import type { AcquisitionSecrets } from './acquisition.js';
import { openAcquisition } from './detect.js';
import { DERIVING_MESSAGE, NO_SECRET_MESSAGE, WRONG_KEY_MESSAGE, WRONG_PASSWORD_MESSAGE } from './ios-backup-unlock.js';
import type { SourceEntry } from './source.js';
import { WorkingDir } from './working-dir.js';

const scratch = mkdtempSync(join(tmpdir(), 'exhibit-encrypted-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const newDir = (): string => {
  counter += 1;
  return join(scratch, String(counter));
};

const PASSWORD = 'correct horse battery staple';
const SMS_PATH = 'HomeDomain/Library/SMS/sms.db';
const PLIST_PATH = 'HomeDomain/Library/Preferences/com.example.plist';

function spec(): BackupSpec {
  return {
    files: [
      {
        domain: 'HomeDomain',
        relativePath: 'Library/SMS/sms.db',
        content: buildSmsDb({ handles: [{ rowid: 1, id: '+33600000002' }], messages: [{ rowid: 1, handleId: 1, text: 'hello' }] }),
      },
      { domain: 'HomeDomain', relativePath: 'Library/Preferences/com.example.plist', content: binaryPlist({ answer: 42 }), protectionClass: 4 },
      { domain: 'HomeDomain', relativePath: 'Library/empty.txt', content: '', protectionClass: 1 },
      { domain: 'HomeDomain', relativePath: 'Library/Preferences/other.plist', content: 'other', protectionClass: 2 },
      { domain: 'MediaDomain', relativePath: 'Media/absent.jpg', content: 'x', omitBlob: true },
    ],
  };
}

function encrypted(encryption: Partial<BackupEncryptionSpec> = {}): string {
  return buildIosBackup(newDir(), { ...spec(), encryption: { password: PASSWORD, ...encryption } });
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const blob = (root: string, path: string): Buffer => {
  const slash = path.indexOf('/');
  const id = fileIdFor(path.slice(0, slash), path.slice(slash + 1));
  return readFileSync(join(root, id.slice(0, 2), id));
};

/** Opens, runs `use`, and always cleans up; returns the progress messages too. */
async function withOpened<T>(
  root: string,
  secrets: AcquisitionSecrets | undefined,
  use: (opened: Awaited<ReturnType<typeof openAcquisition>>, workDir: WorkingDir) => Promise<T>,
): Promise<{ value: T; messages: string[] }> {
  const workDir = WorkingDir.create();
  const messages: string[] = [];
  try {
    const opened = await openAcquisition(root, { workDir, secrets, progress: (m) => messages.push(m) });
    try {
      return { value: await use(opened, workDir), messages };
    } finally {
      opened.source.close();
    }
  } finally {
    workDir.remove();
  }
}

/** The error opening throws, with the working folder's content at that moment. */
async function openFailure(root: string, secrets: AcquisitionSecrets | undefined): Promise<{ error: AcquisitionError; workDirContent: string[] }> {
  const workDir = WorkingDir.create();
  try {
    await openAcquisition(root, { workDir, secrets });
  } catch (error) {
    expect(error).toBeInstanceOf(AcquisitionError);
    return { error: error as AcquisitionError, workDirContent: readdirSync(workDir.path) };
  } finally {
    workDir.remove();
  }
  throw new Error('the backup opened');
}

function comparable(entry: SourceEntry): unknown {
  return entry;
}

function rewriteManifestPlist(root: string, change: (dict: Record<string, unknown>) => void): void {
  const value = decodePlist(readFileSync(join(root, 'Manifest.plist')));
  if (!isPlistDict(value)) throw new Error('Manifest.plist is not a dict');
  const dict: Record<string, unknown> = { ...value };
  change(dict);
  writeFileSync(join(root, 'Manifest.plist'), binaryPlist(dict as PlistInputDict));
}

describe('an encrypted backup as a Source', () => {
  const twin = buildIosBackup(newDir(), spec());
  const root = encrypted();

  it('presents the same tree as its unencrypted twin, and derives the key once, saying so', async () => {
    // Rows of Manifest.db only: the plists at the root differ (keybag) and carry file-system times.
    const plain = await withOpened(twin, undefined, async ({ source }) => [...source.entries()].filter((e) => e.backup).map(comparable));
    const { value, messages } = await withOpened(root, { password: PASSWORD }, async ({ source, info }) => {
      expect(info.backup?.encrypted).toBe(true);
      return [...source.entries()].filter((e) => e.backup).map(comparable);
    });
    expect(value).toEqual(plain.value);
    expect(messages).toEqual([DERIVING_MESSAGE]);
  });

  it('reads every file as its plaintext, with the digest of the bytes as stored and of the plaintext', async () => {
    await withOpened(root, { password: PASSWORD }, async ({ source }) => {
      const { bytes, digest } = await source.readFile(PLIST_PATH);
      expect(bytes.equals(blob(twin, PLIST_PATH))).toBe(true);
      const stored = blob(root, PLIST_PATH);
      expect(stored.equals(bytes)).toBe(false);
      expect(digest).toEqual({
        path: PLIST_PATH,
        stored: `${fileIdFor('HomeDomain', 'Library/Preferences/com.example.plist').slice(0, 2)}/${fileIdFor('HomeDomain', 'Library/Preferences/com.example.plist')}`,
        size: stored.length,
        sha256: sha256(stored),
        plaintext: { size: bytes.length, sha256: sha256(bytes) },
      });
      expect((await source.readPlist(PLIST_PATH)).value).toEqual({ answer: 42 });
      expect((await source.readFile('HomeDomain/Library/empty.txt')).bytes.length).toBe(0);
      expect(source.hasContent('MediaDomain/Media/absent.jpg')).toBe(false);
    });
  });

  it('opens databases from decrypted copies in the working folder, never beside the evidence', async () => {
    await withOpened(root, { password: PASSWORD }, async ({ source }, workDir) => {
      const { db, digests } = await source.openSqlite(SMS_PATH);
      const rows = [...db.iterate('SELECT text FROM message')];
      db.close();
      expect(rows).toEqual([{ text: 'hello' }]);
      expect(digests[0]?.sha256).toBe(sha256(blob(root, SMS_PATH)));
      expect(digests[0]?.plaintext?.sha256).toBe(sha256(blob(twin, SMS_PATH)));
      // Manifest.db and sms.db, both decrypted, each in its own sub-folder of the working folder.
      expect(readdirSync(workDir.path).sort()).toEqual(['1', '2']);
      expect(readFileSync(join(workDir.path, '2', 'db')).subarray(0, 15).toString()).toBe('SQLite format 3');
      const manifest = source.digests().find((d) => d.stored === 'Manifest.db');
      expect(manifest?.sha256).toBe(sha256(readFileSync(join(root, 'Manifest.db'))));
      expect(manifest?.plaintext?.sha256).toBe(sha256(readFileSync(join(workDir.path, '1', 'Manifest.db'))));
    });
  });

  it('serves Manifest.db itself decrypted', async () => {
    await withOpened(root, { password: PASSWORD }, async ({ source }) => {
      const { bytes, digest } = await source.readFile('Manifest.db');
      expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
      expect(digest.sha256).toBe(sha256(readFileSync(join(root, 'Manifest.db'))));
      expect(source.stat('Manifest.db')?.size).toBe(bytes.length);
    });
  });

  it('takes a key derived earlier instead of the password, without deriving', async () => {
    const key = new BackupEncryptor({ password: PASSWORD }, '00008101-000A1B2C3D4E5F6A').derivedKey;
    const { value, messages } = await withOpened(root, { key }, async ({ source }) => (await source.readFile(PLIST_PATH)).bytes);
    expect(value.equals(blob(twin, PLIST_PATH))).toBe(true);
    expect(messages).toEqual([]);
  });

  it('refuses a wrong password at the keybag, before any file is copied', async () => {
    const { error, workDirContent } = await openFailure(root, { password: 'Correct horse battery staple' });
    expect(error.code).toBe('BACKUP_PASSWORD_WRONG');
    expect(error.message).toBe(WRONG_PASSWORD_MESSAGE);
    expect(error.message).not.toContain('Correct horse');
    expect(workDirContent).toEqual([]);
  });

  it('refuses a wrong key', async () => {
    const { error } = await openFailure(root, { key: Buffer.alloc(32, 1) });
    expect(error.message).toBe(WRONG_KEY_MESSAGE);
  });

  it('asks for a password or key when none is given', async () => {
    const { error } = await openFailure(root, undefined);
    expect(error.code).toBe('ENCRYPTED_BACKUP');
    expect(error.message).toBe(NO_SECRET_MESSAGE);
  });

  it('ignores a password given for a backup that is not encrypted, and says so', async () => {
    const { messages } = await withOpened(twin, { password: PASSWORD }, async () => undefined);
    expect(messages).toEqual(['This backup is not encrypted, so the password or key given is not used.']);
  });
});

describe('damaged encrypted backups', () => {
  it('names a truncated keybag', async () => {
    const root = encrypted({ keybag: (bytes) => bytes.subarray(0, bytes.length - 10) });
    const { error } = await openFailure(root, { password: PASSWORD });
    expect(error.code).toBe('BACKUP_KEYBAG_INVALID');
    expect(error.message).toMatch(
      /^The keybag of this backup \(BackupKeyBag in Manifest\.plist\) is damaged: its WPKY item at byte \d+ is 40 bytes long but only 30 remain; the backup cannot be decrypted, so make it again\.$/,
    );
  });

  it('refuses a keybag holding a protection class twice, and one whose iteration count is hostile', async () => {
    const duplicate = encrypted({
      keybag: (bytes) => {
        const at = bytes.indexOf(Buffer.from('CLAS\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0002', 'latin1'));
        const copy = Buffer.from(bytes);
        copy.writeUInt32BE(1, at + 8);
        return copy;
      },
    });
    expect((await openFailure(duplicate, { password: PASSWORD })).error.message).toContain('it holds two records for protection class 1');
    const hostile = encrypted({
      keybag: (bytes) => {
        const at = bytes.indexOf(Buffer.from('DPIC', 'latin1'));
        const copy = Buffer.from(bytes);
        copy.writeUInt32BE(0xffffffff, at + 8);
        return copy;
      },
    });
    expect((await openFailure(hostile, { password: PASSWORD })).error.message).toContain(
      'its DPIC iteration count 4294967295 is above the 50000000 Exhibit accepts',
    );
  });

  it('names a missing keybag and a missing ManifestKey', async () => {
    const noKeybag = encrypted();
    rewriteManifestPlist(noKeybag, (dict) => delete dict['BackupKeyBag']);
    expect((await openFailure(noKeybag, { password: PASSWORD })).error.message).toBe(
      'This backup is encrypted but its Manifest.plist holds no BackupKeyBag, so it cannot be decrypted; the backup is damaged or incomplete, so make it again.',
    );
    const noManifestKey = encrypted();
    rewriteManifestPlist(noManifestKey, (dict) => delete dict['ManifestKey']);
    expect((await openFailure(noManifestKey, { password: PASSWORD })).error.message).toBe(
      'This encrypted backup has no ManifestKey in Manifest.plist, so its Manifest.db cannot be decrypted; the backup is damaged or incomplete, so make it again.',
    );
  });

  it('names a ManifestKey that does not unwrap and a Manifest.db that does not decrypt', async () => {
    const badKey = encrypted();
    rewriteManifestPlist(badKey, (dict) => {
      const key = Buffer.from(dict['ManifestKey'] as Buffer);
      key[20] = (key[20] ?? 0) ^ 0xff;
      dict['ManifestKey'] = key;
    });
    expect((await openFailure(badKey, { password: PASSWORD })).error.message).toBe(
      'The ManifestKey in Manifest.plist does not unwrap with the key of protection class 4, so Manifest.db cannot be decrypted; the backup is damaged, so make it again.',
    );
    const badDb = encrypted();
    const bytes = readFileSync(join(badDb, 'Manifest.db'));
    writeFileSync(join(badDb, 'Manifest.db'), bytes.subarray(0, bytes.length - 16));
    expect((await openFailure(badDb, { password: PASSWORD })).error.message).toBe(
      "Manifest.db does not decrypt to a database with the backup's ManifestKey; the backup is damaged or incomplete, so make it again.",
    );
  });

  it('fails only the file whose key does not unwrap or whose content does not decrypt', async () => {
    const root = encrypted({ unwrappableFiles: [SMS_PATH], truncatedFiles: [PLIST_PATH], misSizedFiles: ['HomeDomain/Library/empty.txt'] });
    await withOpened(root, { password: PASSWORD }, async ({ source }) => {
      await expect(source.openSqlite(SMS_PATH)).rejects.toThrow(
        new ArtifactError(
          'BACKUP_DECRYPTION_FAILED',
          'HomeDomain/Library/SMS/sms.db cannot be decrypted: its EncryptionKey does not unwrap with the key of protection class 3',
        ),
      );
      await expect(source.readFile(PLIST_PATH)).rejects.toThrow(
        'HomeDomain/Library/Preferences/com.example.plist cannot be decrypted: its content does not decrypt with its key (the padding is wrong)',
      );
      await expect(source.readFile('HomeDomain/Library/empty.txt')).rejects.toThrow(
        'HomeDomain/Library/empty.txt cannot be decrypted: it decrypts to 0 bytes but Manifest.db records 1',
      );
      // The other files read fine.
      expect((await source.readFile('HomeDomain/Library/Preferences/other.plist')).bytes.length).toBe(5);
    });
  });
});

describe('backups between encrypted and clear', () => {
  it('reads an iOS 10.0–10.1 backup: Manifest.db in clear without ManifestKey, files encrypted', async () => {
    const twin = buildIosBackup(newDir(), spec());
    const root = encrypted({ omitManifestKey: true });
    expect(readFileSync(join(root, 'Manifest.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
    const { value } = await withOpened(root, { password: PASSWORD }, async ({ source }) => (await source.readFile(PLIST_PATH)).bytes);
    expect(value.equals(blob(twin, PLIST_PATH))).toBe(true);
    expect((await openFailure(root, undefined)).error.message).toBe(NO_SECRET_MESSAGE);
  });

  it('reads a copy another tool decrypted (Manifest.plist unchanged, content in clear) without a password', async () => {
    const root = encrypted();
    const copy = buildIosBackup(newDir(), spec());
    copyFileSync(join(root, 'Manifest.plist'), join(copy, 'Manifest.plist'));
    const { value, messages } = await withOpened(copy, undefined, async ({ source, info }) => {
      expect(info.backup?.encrypted).toBe(true);
      return (await source.readPlist(PLIST_PATH)).value;
    });
    expect(value).toEqual({ answer: 42 });
    expect(messages).toEqual(['Manifest.db of this backup is already decrypted (a copy made by a decryption tool), so it is read as it is.']);
  });
});
