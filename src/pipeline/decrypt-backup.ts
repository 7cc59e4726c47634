/**
 * `exhibit decrypt`: a decrypted copy of an encrypted iPhone backup, in the same layout,
 * for tools that cannot decrypt (and for anyone who wants to look at the files).
 *
 * What the copy holds:
 * - `Manifest.db` decrypted, byte for byte what the ManifestKey gives: its MBFile records
 *   keep their EncryptionKey (the keys stay wrapped by the keybag; nothing reads them in a
 *   clear copy), and its SHA-256 is the `plaintext.sha256` a check of the encrypted backup
 *   records in acquisition.json, so the two are tied together.
 * - every file present, decrypted, at `<fileID[0:2]>/<fileID>`, with its recorded mtime;
 * - `Info.plist` and `Status.plist` unchanged;
 * - `Manifest.plist` rewritten as an XML property list with `IsEncrypted` false and the
 *   `ManifestKey` removed, so that Exhibit and other tools read the copy as a backup in
 *   clear; every other key (the keybag included) is kept.
 *
 * The copy is personal data in clear: folders are created 0700 and files 0600, and it is
 * never written inside the backup.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { build as buildXmlPlist, type PlistValue as XmlPlistValue } from 'plist';
import type { AcquisitionSecrets } from '../acquisition/acquisition.js';
import { IosBackupSource } from '../acquisition/ios-backup.js';
import { iosBackupEncryption, iosBackupOpener } from '../acquisition/ios-backup-open.js';
import { WorkingDir } from '../acquisition/working-dir.js';
import { decodePlist } from '../formats/plist-decode.js';
import { isPlistDict, PlistUid, type PlistValue } from '../formats/plist.js';
import { describeError, isExhibitError, UsageError } from '../errors.js';

const FILE_ID = /^[0-9a-f]{40}$/;

export interface DecryptOptions {
  input: string;
  output: string;
  secrets?: AcquisitionSecrets;
  progress?: (message: string) => void;
}

export interface DecryptResult {
  output: string;
  /** Files written, the root files included. */
  written: number;
  /** Rows whose file is absent from the backup (a partial backup). */
  absent: number;
  /** Files that could not be decrypted, with why. */
  failed: { path: string; message: string }[];
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function checkOutput(output: string, backupRoot: string, input: string): string {
  const dir = resolve(output);
  if (isInside(dir, backupRoot) || isInside(dir, resolve(input))) {
    throw new UsageError(
      'OUTPUT_INSIDE_ACQUISITION',
      `The output folder ${output} is inside the backup; choose a folder outside it, because evidence is never written to.`,
    );
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError('OUTPUT_NOT_EMPTY', `The output folder ${output} is not empty; choose a new or empty folder.`);
  }
  return dir;
}

/** PlistValue to what the `plist` package writes; keyed-archiver UIDs use their XML spelling. */
function toXmlValue(value: PlistValue): XmlPlistValue | undefined {
  if (value === null) return undefined;
  if (value instanceof PlistUid) return { 'CF$UID': value.uid };
  // A Manifest.plist holds no integer beyond 2^53; writing one as a string would change its type.
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toXmlValue).filter((item): item is XmlPlistValue => item !== undefined);
  if (isPlistDict(value)) {
    const out: Record<string, XmlPlistValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toXmlValue(item);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return value as string | number | boolean | Date | Buffer;
}

function clearManifestPlist(bytes: Buffer): Buffer {
  const value = decodePlist(bytes);
  if (!isPlistDict(value)) throw new UsageError('PLIST_INVALID', 'Manifest.plist of the backup is not a dictionary; the backup is damaged.');
  const copy: Record<string, PlistValue> = { ...value, IsEncrypted: false };
  delete copy['ManifestKey'];
  const xml = toXmlValue(copy);
  return Buffer.from(buildXmlPlist(xml ?? {}), 'utf8');
}

export async function runDecrypt(options: DecryptOptions): Promise<DecryptResult> {
  const { root, encrypted } = iosBackupEncryption(options.input);
  if (!encrypted) {
    throw new UsageError('INVALID_ARGUMENT', `${options.input} is not an encrypted backup, so there is nothing to decrypt; check it directly.`);
  }
  const output = checkOutput(options.output, root, options.input);
  const workDir = WorkingDir.create();
  let source: IosBackupSource | undefined;
  try {
    const opened = await iosBackupOpener.open(options.input, {
      workDir,
      secrets: options.secrets,
      progress: options.progress,
    });
    if (!(opened.source instanceof IosBackupSource)) throw new Error('the iPhone backup opener returned another kind of Source');
    source = opened.source;
    mkdirSync(output, { recursive: true, mode: 0o700 });
    options.progress?.('Decrypting the backup…');

    const result: DecryptResult = { output, written: 0, absent: 0, failed: [] };
    await source.copyContent('Manifest.db', join(output, 'Manifest.db'));
    result.written += 1;
    for (const name of ['Info.plist', 'Status.plist']) {
      if (!existsSync(join(root, name))) continue;
      copyFileSync(join(root, name), join(output, name));
      chmodSync(join(output, name), 0o600);
      result.written += 1;
    }
    if (existsSync(join(root, 'Manifest.plist'))) {
      writeFileSync(join(output, 'Manifest.plist'), clearManifestPlist(readFileSync(join(root, 'Manifest.plist'))), { mode: 0o600 });
      result.written += 1;
    }

    for (const entry of source.entries()) {
      const row = entry.backup;
      if (!row || entry.type !== 'file') continue;
      if (!FILE_ID.test(row.fileID)) {
        result.failed.push({ path: entry.path, message: `${entry.path} has an invalid file ID in Manifest.db, so it was not read` });
        continue;
      }
      if (!row.present) {
        result.absent += 1;
        continue;
      }
      const folder = join(output, row.fileID.slice(0, 2));
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const destination = join(folder, row.fileID);
      try {
        await source.copyContent(entry.path, destination);
      } catch (error) {
        if (!isExhibitError(error)) throw error;
        result.failed.push({ path: entry.path, message: describeError(error) });
        continue;
      }
      if (entry.times.modified) {
        const mtime = new Date(entry.times.modified);
        utimesSync(destination, mtime, mtime);
      }
      result.written += 1;
    }
    return result;
  } finally {
    source?.close();
    workDir.remove();
  }
}
