/**
 * Where an acquisition starts inside a folder or archive. androidqf writes its files at the
 * root of its zip or one folder down; a dump may hold `private/var/...` at its root or in a
 * folder named after the device. findRoot says which; subtreeSource then presents that
 * folder as the root, so extractors keep their fixed paths whatever the packaging.
 */
import type { FileDigest, OpenedSqlite, Source, SourceEntry, SourceProblem } from './source.js';
import type { PlistValue } from '../formats/plist.js';
import { AcquisitionError } from '../errors.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder on disk where an acquisition starts: `input` itself when `isRoot` says so,
 * else its one subfolder that is. Several such subfolders are an error, as in findRoot.
 */
export function folderRoot(input: string, isRoot: (folder: string) => boolean, label: string): string | undefined {
  if (isRoot(input)) return input;
  let names: string[];
  try {
    names = readdirSync(input);
  } catch {
    return undefined;
  }
  const roots = names.filter((name) => {
    try {
      return statSync(join(input, name)).isDirectory() && isRoot(join(input, name));
    } catch {
      return false;
    }
  });
  if (roots.length > 1) {
    throw new AcquisitionError('MULTIPLE_ACQUISITIONS', `This holds ${roots.length} ${label} (${roots.sort().join(', ')}); point Exhibit at one of them.`);
  }
  return roots[0] === undefined ? undefined : join(input, roots[0]);
}

function hasAny(source: Source, prefix: string, markers: readonly string[]): boolean {
  return markers.some((marker) => source.find(`${prefix}${marker}`).length > 0);
}

/**
 * Every prefix (`''` for the root itself, or `'<folder>/'`) under which one of the marker
 * globs finds an entry: the root when it matches, otherwise the matching folders one level
 * down, in name order.
 */
export function findRoots(source: Source, markers: readonly string[]): string[] {
  if (hasAny(source, '', markers)) return [''];
  const roots: string[] = [];
  for (const entry of source.find('*')) {
    // `*` in a folder name would act as a wildcard in the markers below.
    if (entry.type !== 'directory' || entry.path.includes('*')) continue;
    if (hasAny(source, `${entry.path}/`, markers)) roots.push(`${entry.path}/`);
  }
  return roots;
}

/**
 * The one prefix where the acquisition starts, or undefined when no marker is found.
 * Several candidate folders are an error: guessing would check the wrong phone.
 */
export function findRoot(source: Source, markers: readonly string[], label = 'acquisitions'): string | undefined {
  const roots = findRoots(source, markers);
  if (roots.length > 1) {
    const names = roots.map((root) => root.slice(0, -1)).join(', ');
    throw new AcquisitionError('MULTIPLE_ACQUISITIONS', `This holds ${roots.length} ${label} (${names}); extract or point Exhibit at one of them.`);
  }
  return roots[0];
}

function strip(prefix: string, entry: SourceEntry): SourceEntry {
  return { ...entry, path: entry.path.slice(prefix.length) };
}

/** A view of the Source with `prefix` (e.g. `dump/`) as its root; reads go to the Source. */
export function subtreeSource<S extends Source & { close(): void }>(source: S, prefix: string): Source & { close(): void } {
  if (prefix === '') return source;
  const inside = (path: string): string => `${prefix}${path}`;
  const outside = (digest: FileDigest): FileDigest =>
    digest.path.startsWith(prefix) ? { ...digest, path: digest.path.slice(prefix.length) } : digest;
  const hashFile = source.hashFile?.bind(source);
  return {
    ...(hashFile ? { hashFile: async (path: string): Promise<FileDigest> => outside(await hashFile(inside(path))) } : {}),
    kind: source.kind,
    find: (pattern) => source.find(inside(pattern)).map((entry) => strip(prefix, entry)),
    *entries() {
      for (const entry of source.find(`${prefix}**`)) yield strip(prefix, entry);
    },
    stat: (path) => {
      const entry = source.stat(inside(path));
      return entry ? strip(prefix, entry) : undefined;
    },
    hasContent: (path) => source.hasContent(inside(path)),
    readFile: async (path, options) => {
      const { bytes, digest } = await source.readFile(inside(path), options);
      return { bytes, digest: outside(digest) };
    },
    readPlist: async (path): Promise<{ value: PlistValue; digest: FileDigest }> => {
      const { value, digest } = await source.readPlist(inside(path));
      return { value, digest: outside(digest) };
    },
    openSqlite: async (path): Promise<OpenedSqlite> => {
      const { db, digests } = await source.openSqlite(inside(path));
      return { db, digests: digests.map(outside) };
    },
    digests: () => source.digests().map(outside),
    problems: (): SourceProblem[] => source.problems?.() ?? [],
    close: () => source.close(),
  };
}
