/**
 * The archives an androidqf collection holds — its `bugreport.zip` and its `backup.ab` —
 * opened and mounted into the collection's tree, so that one check reads them all (as MVT
 * does, but with their findings in the same results). An archive that cannot be opened is
 * reported as a problem of the acquisition and the rest goes on; only a wrong password is
 * fatal, since the user asked for that backup to be read.
 */
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isExhibitError, describeError } from '../errors.js';
import type { OpenOptions } from './acquisition.js';
import type { FileDigest, SourceProblem } from './source.js';
import { FolderSource } from './folder-source.js';
import { ZipSource, openZipSource } from './zip-source.js';
import { MountedSource, mountPointOf, type ClosableSource } from './mounted-source.js';
import { openAndroidBackupFile } from './android-backup-open.js';
import { zipMemberNames } from './zip-names.js';
import { layoutRootFromNames } from './android-layout.js';

async function sha256Of(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(path), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { sha256: hash.digest('hex'), size };
}

/**
 * The nested archive as a file on disk: the file itself inside a folder acquisition (read,
 * never written), or a private copy of the zip member. The digest is of its bytes as stored.
 */
async function physicalOf(base: ClosableSource, basePath: string): Promise<{ physical: string; stored: string; digest?: FileDigest }> {
  if (base instanceof FolderSource) {
    const physical = realpathSync(join(base.root, basePath));
    if (!physical.startsWith(base.root + sep) || !lstatSync(physical).isFile()) {
      throw new Error(`${basePath} leads outside the acquisition folder or is not a regular file`);
    }
    const { sha256, size } = await sha256Of(physical);
    return { physical, stored: basePath, digest: { path: basePath, stored: basePath, size, sha256 } };
  }
  if (base instanceof ZipSource) {
    const { physical, digest } = await base.materialize(basePath);
    // materialize() records the digest in the zip Source itself.
    return { physical, stored: digest.stored };
  }
  throw new Error(`${basePath} is in an acquisition whose archives cannot be opened`);
}

function problemOf(path: string, error: unknown, code: SourceProblem['code'] = 'corrupt'): SourceProblem {
  return { path, code, message: `${path} was not read: ${describeError(error)}` };
}

/** Mounts every `*bugreport.zip` and `*.ab` at the collection's root. */
export async function mountNestedArchives(tree: MountedSource, base: ClosableSource, baseRoot: string, options: OpenOptions): Promise<void> {
  const rootFiles = tree.find('*').filter((entry) => entry.type === 'file');
  const toBase = (path: string): string => (baseRoot === '' ? path : `${baseRoot}/${path}`);
  for (const entry of rootFiles) {
    const isBugreport = entry.path.toLowerCase().endsWith('bugreport.zip');
    const isBackup = entry.path.toLowerCase().endsWith('.ab');
    if (!isBugreport && !isBackup) continue;
    let located: Awaited<ReturnType<typeof physicalOf>>;
    try {
      located = await physicalOf(base, toBase(entry.path));
    } catch (error) {
      tree.addProblem(problemOf(entry.path, error, 'unreadable'));
      continue;
    }
    if (located.digest) tree.addDigest({ ...located.digest, path: entry.path });
    if (isBugreport) await mountBugreport(tree, entry.path, located.physical, located.stored, options);
    else await mountBackup(tree, entry.path, located.physical, located.stored, options);
  }
}

async function mountBugreport(tree: MountedSource, path: string, physical: string, stored: string, options: OpenOptions): Promise<void> {
  let zip: ZipSource;
  try {
    zip = await openZipSource(physical, 'android-bugreport', options.workDir, { storedPrefix: `${stored}!/`, name: path });
  } catch (error) {
    tree.addProblem(problemOf(path, error));
    return;
  }
  const inner = layoutRootFromNames('bugreport', zipMemberNames(physical) ?? []) ?? '';
  tree.mount({ at: mountPointOf(path), source: inner === '' ? zip : new MountedSource(zip, inner) });
}

async function mountBackup(tree: MountedSource, path: string, physical: string, stored: string, options: OpenOptions): Promise<void> {
  try {
    const opened = await openAndroidBackupFile({ physical, path, stored }, options);
    tree.mount({ at: mountPointOf(path), source: opened.source });
    if (opened.problem) tree.addProblem(opened.problem);
  } catch (error) {
    if (isExhibitError(error) && error.code === 'BACKUP_PASSWORD_WRONG') throw error;
    if (isExhibitError(error) && error.code === 'ENCRYPTED_BACKUP') {
      tree.addProblem({
        path,
        code: 'encrypted',
        message: `${path} is encrypted, so it was not read; give its password with --password-file FILE, --password or the EXHIBIT_BACKUP_PASSWORD environment variable.`,
      });
      return;
    }
    tree.addProblem(problemOf(path, error));
  }
}
