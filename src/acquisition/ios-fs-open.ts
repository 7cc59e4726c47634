/**
 * Recognising and opening an iOS full file-system dump: a folder, .zip, .tar or .tar.gz
 * with `private/var/…` at its root or one folder down (extraction tools often wrap the
 * tree in a folder named after the device). Archives are read in place: a zip member by
 * member, a tar in one streamed pass that hashes every member and keeps only the files
 * some extractor will read.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { AcquisitionInfo, AcquisitionOpener, OpenOptions, OpenedAcquisition } from './acquisition.js';
import type { Source } from './source.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';
import { openTarSource } from './tar-source.js';
import { findRoot, folderRoot, subtreeSource } from './find-root.js';
import { zipMemberNames } from './zip-names.js';
import { tarMemberNames } from './tar-names.js';
import { AcquisitionError } from '../errors.js';
import { readSystemVersion } from './system-version.js';

/** Where a dump says which iOS it is; kept from an archive even when no extractor reads it. */
const SYSTEM_VERSION = 'System/Library/CoreServices/SystemVersion.plist';
const MARKERS = ['private/var'] as const;
/** Which app owns a container: read by several extractors, but never what makes an artifact present. */
const CONTAINER_METADATA = '**/.com.apple.mobile_container_manager.metadata.plist';

/** Whether member names put `private/var/` at the root or one folder down. */
export function namesLookLikeDump(names: readonly string[]): boolean {
  return names.some((raw) => {
    const segments = raw.replace(/^(\.\/)+/, '').split('/');
    if (segments[0] === 'private' && segments[1] === 'var') return true;
    return segments[1] === 'private' && segments[2] === 'var';
  });
}

function isDumpFolder(folder: string): boolean {
  return existsSync(join(folder, 'private', 'var'));
}

/** The folder holding `private/var`: the input, or its one subfolder that does. */
function dumpRootInFolder(input: string): string | undefined {
  return folderRoot(input, isDumpFolder, 'file-system dumps');
}

function recognise(input: string, stats: Stats): boolean {
  if (stats.isDirectory()) {
    try {
      return dumpRootInFolder(input) !== undefined;
    } catch {
      // Several dumps side by side: recognised, so that opening explains the choice.
      return true;
    }
  }
  if (!stats.isFile()) return false;
  const zipNames = zipMemberNames(input);
  if (zipNames !== null) return namesLookLikeDump(zipNames);
  const tarNames = tarMemberNames(input);
  return tarNames !== null && namesLookLikeDump(tarNames);
}

async function open(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const name = basename(input);
  const progress = options.progress ? { progress: options.progress } : {};
  let root = input;
  let source: Source & { close(): void };
  if (statSync(input).isDirectory()) {
    root = dumpRootInFolder(input) ?? input;
    source = await openFolderSource(root, 'ios-fs', options.workDir, progress);
  } else {
    const base = zipMemberNames(input) !== null
      ? await openZipSource(input, 'ios-fs', options.workDir, progress)
      : await openTarSource(input, 'ios-fs', options.workDir, { ...progress, wanted: [...(options.wanted?.('ios-fs') ?? ['**']), SYSTEM_VERSION, CONTAINER_METADATA] });
    let prefix: string | undefined;
    try {
      prefix = findRoot(base, MARKERS, 'file-system dumps');
    } catch (error) {
      base.close();
      throw error;
    }
    if (prefix === undefined) {
      base.close();
      throw new AcquisitionError('NOT_AN_ACQUISITION', `${name} holds no private/var folder at its root or one folder down; point Exhibit at the archive of a full file-system extraction.`);
    }
    source = subtreeSource(base, prefix);
  }
  const info: AcquisitionInfo = { kind: 'ios-fs', name, device: await readSystemVersion(source, SYSTEM_VERSION) };
  return { root, source, info };
}

export const iosFsOpener: AcquisitionOpener = {
  label: 'an iPhone file-system dump (a folder, .zip, .tar or .tar.gz holding private/var)',
  recognise,
  open,
};
