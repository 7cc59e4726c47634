/**
 * iOS file-system dumps for tests: a list of device files (paths as on the phone, without
 * the leading `/`, e.g. `private/var/mobile/Library/SMS/sms.db`) written as a folder, a
 * .zip, a .tar or a .tar.gz, optionally one folder down (`prefix`, as extractors of
 * commercial tools name it). Byte-for-byte a function of the spec.
 */
import { join } from 'node:path';
import { writeTreeFolder, writeTreeTar, writeTreeZip, type TreeNode, type TreeSpec } from './archives.js';

export interface FsDumpSpec {
  nodes: readonly TreeNode[];
  /** A folder the dump sits in, e.g. `iPhone-FFS/` (default: `private/` at the root). */
  prefix?: string;
  /** Time of nodes without their own. */
  time?: Date;
}

/** Folders every real dump has, so a dump of a few planted files still looks like one. */
const SKELETON: readonly TreeNode[] = [
  { path: 'private/var/mobile/Library', directory: true },
  { path: 'private/var/root/Library', directory: true },
  { path: 'private/var/db', directory: true },
  { path: 'private/var/tmp', directory: true },
];

export function fsDumpTree(spec: FsDumpSpec): TreeSpec {
  const prefix = spec.prefix ?? '';
  const declared = new Set(spec.nodes.map((node) => node.path));
  const nodes = [...SKELETON.filter((node) => !declared.has(node.path)), ...spec.nodes].map((node) => ({ ...node, path: `${prefix}${node.path}` }));
  return spec.time ? { nodes, time: spec.time } : { nodes };
}

export type DumpPackaging = 'folder' | 'zip' | 'tar' | 'tar.gz';

/** Writes the dump in `parent` as `<name>` (folder) or `<name>.<packaging>`; returns its path. */
export async function buildFsDump(parent: string, spec: FsDumpSpec, packaging: DumpPackaging = 'folder', name = 'iphone-dump'): Promise<string> {
  const tree = fsDumpTree(spec);
  switch (packaging) {
    case 'folder':
      return writeTreeFolder(join(parent, name), tree);
    case 'zip':
      return writeTreeZip(join(parent, `${name}.zip`), tree);
    case 'tar':
      return writeTreeTar(join(parent, `${name}.tar`), tree);
    case 'tar.gz':
      return writeTreeTar(join(parent, `${name}.tar.gz`), tree, { gzip: true });
  }
}
