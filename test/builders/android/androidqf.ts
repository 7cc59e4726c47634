/**
 * androidqf collections in both layouts (reference/artifacts.md §3.1):
 * - old: a `<UUID>/` folder with the files (ps.txt as the process list), as older androidqf
 *   wrote it and as a zipped folder keeps it;
 * - new: the files at the root, with acquisition.json and hashes.csv (one
 *   `name,sha256` row per file, none for itself), as current androidqf streams its zip.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeTreeFolder, writeTreeZip, type TreeNode, type TreeSpec } from '../archives.js';

export interface AndroidqfSpec {
  layout: 'old' | 'new';
  uuid?: string;
  /** Files by their name at the collection's root (e.g. `getprop.txt`, `logs/data/anr/a`). */
  files: Readonly<Record<string, Buffer | string>>;
  /** Modification time of every file (default: the archives builder's default). */
  time?: Date;
}

export const DEFAULT_UUID = '2c9c6f3e-59a4-4c1b-9d5e-0f6a1b2c3d4e';

function bytesOf(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

export function androidqfTree(spec: AndroidqfSpec): TreeSpec {
  const files = new Map(Object.entries(spec.files).map(([name, content]) => [name, bytesOf(content)]));
  if (spec.layout === 'new' && !files.has('hashes.csv')) {
    const rows = [...files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, bytes]) => `${name},${createHash('sha256').update(bytes).digest('hex')}\n`);
    files.set('hashes.csv', Buffer.from(rows.join(''), 'utf8'));
  }
  const prefix = spec.layout === 'old' ? `${spec.uuid ?? DEFAULT_UUID}/` : '';
  const nodes: TreeNode[] = [...files.entries()].map(([name, content]) => ({ path: `${prefix}${name}`, content }));
  return spec.time ? { nodes, time: spec.time } : { nodes };
}

/** Writes the collection as a folder under `parent`; returns the path to give to Exhibit. */
export function buildAndroidqfFolder(parent: string, spec: AndroidqfSpec, name = 'androidqf'): string {
  return writeTreeFolder(join(parent, name), androidqfTree(spec));
}

/** Writes the collection as a zip under `parent`; returns its path. */
export function buildAndroidqfZip(parent: string, spec: AndroidqfSpec, name = `${spec.uuid ?? DEFAULT_UUID}.zip`): Promise<string> {
  return writeTreeZip(join(parent, name), androidqfTree(spec));
}
