/**
 * How an androidqf collection and a bugreport are told apart from anything else, by the
 * names of their files — at the root, or one folder down (the older androidqf wrote its
 * files into a `<UUID>/` folder; a zipped folder keeps it). Only names are looked at.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AcquisitionError } from '../errors.js';

export type AndroidLayout = 'androidqf' | 'bugreport';

const PROCESS_LISTS = ['packages.json', 'processes.json', 'processes.txt', 'ps.txt', 'dumpsys.txt'];

function isAndroidqf(names: ReadonlySet<string>): boolean {
  if (names.has('getprop.txt') && PROCESS_LISTS.some((name) => names.has(name))) return true;
  return names.has('acquisition.json') && (names.has('hashes.csv') || names.has('getprop.txt') || names.has('command.log'));
}

const MAIN_TEXT = /^(?:bugreport-.+\.txt|dumpstate(?:-.+)?\.txt|dumpState_.+\.log)$/;

function isBugreport(names: ReadonlySet<string>, hasFs: boolean): boolean {
  if (names.has('main_entry.txt')) return true;
  const hasMain = [...names].some((name) => MAIN_TEXT.test(name));
  return hasMain && (names.has('version.txt') || hasFs);
}

function matches(layout: AndroidLayout, names: ReadonlySet<string>, hasFs: boolean): boolean {
  return layout === 'androidqf' ? isAndroidqf(names) : isBugreport(names, hasFs);
}

/**
 * The folders (relative, '' for the root) holding the layout's files, from a flat list of
 * archive member names: the root alone when it matches, else every matching folder one
 * level down, in name order.
 */
export function layoutRootsFromNames(layout: AndroidLayout, memberNames: readonly string[]): string[] {
  const byFolder = new Map<string, { names: Set<string>; hasFs: boolean }>();
  const note = (folder: string, rest: string): void => {
    const slot = byFolder.get(folder) ?? { names: new Set<string>(), hasFs: false };
    if (!rest.includes('/')) slot.names.add(rest);
    else if (rest.startsWith('FS/')) slot.hasFs = true;
    byFolder.set(folder, slot);
  };
  for (const raw of memberNames) {
    const name = raw.replace(/^\.\//, '');
    if (name === '' || name.endsWith('/')) continue;
    note('', name);
    const slash = name.indexOf('/');
    if (slash > 0) note(name.slice(0, slash), name.slice(slash + 1));
  }
  const root = byFolder.get('');
  if (root && matches(layout, root.names, root.hasFs)) return [''];
  return [...byFolder.keys()]
    .filter((folder) => folder !== '')
    .sort()
    .filter((folder) => {
      const slot = byFolder.get(folder);
      return slot !== undefined && matches(layout, slot.names, slot.hasFs);
    });
}

/** The first folder holding the layout's files (see layoutRootsFromNames), or undefined. */
export function layoutRootFromNames(layout: AndroidLayout, memberNames: readonly string[]): string | undefined {
  return layoutRootsFromNames(layout, memberNames)[0];
}

/**
 * The one folder an acquisition starts in. Several candidates are refused: guessing would
 * check the wrong phone.
 */
export function onlyRoot(roots: readonly string[], what: string): string {
  if (roots.length > 1) {
    throw new AcquisitionError('MULTIPLE_ACQUISITIONS', `This holds ${roots.length} ${what} (${roots.join(', ')}); extract or point Exhibit at one of them.`);
  }
  return roots[0] ?? '';
}

function listNames(dir: string): { files: string[]; folders: string[] } | undefined {
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    return {
      files: entries.filter((e) => e.isFile()).map((e) => e.name),
      folders: entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(),
    };
  } catch {
    return undefined;
  }
}

/** The folders (relative to `dir`) holding the layout's files: the root alone, or every matching subfolder. */
export function layoutRootsInFolder(layout: AndroidLayout, dir: string): string[] {
  const top = listNames(dir);
  if (!top) return [];
  if (matches(layout, new Set(top.files), top.folders.includes('FS'))) return [''];
  return top.folders.filter((folder) => {
    const inner = listNames(join(dir, folder));
    return inner !== undefined && matches(layout, new Set(inner.files), inner.folders.includes('FS'));
  });
}

/** The first folder holding the layout's files, or undefined. */
export function layoutRootInFolder(layout: AndroidLayout, dir: string): string | undefined {
  return layoutRootsInFolder(layout, dir)[0];
}
