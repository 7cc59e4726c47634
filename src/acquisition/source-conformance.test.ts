/**
 * The conformance suite run against every Source: folder, zip, tar, tar.gz and the iOS
 * backup. Each target builds the same tree in its own format.
 */
import { join } from 'node:path';
import { describeSourceConformance, type ConformanceTarget } from './source-conformance.test-support.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';
import { openTarSource } from './tar-source.js';
import { IosBackupSource } from './ios-backup.js';
import { writeTreeFolder, writeTreeTar, writeTreeZip, type TreeSpec } from '../../test/builders/archives.js';
import { buildIosBackup, type BackupSpec } from '../../test/builders/ios-backup.js';

/** The tree as a backup: the first segment is the domain. Folders are implied by the builder. */
function asBackup(spec: TreeSpec): BackupSpec {
  const split = (path: string): { domain: string; relativePath: string } => {
    const slash = path.indexOf('/');
    return { domain: path.slice(0, slash), relativePath: path.slice(slash + 1) };
  };
  const backup: BackupSpec = { files: [], symlinks: [] };
  for (const node of spec.nodes) {
    if ('content' in node) backup.files.push({ ...split(node.path), content: node.content, ...(node.modified ? { times: { modified: node.modified } } : {}) });
    else if ('symlink' in node) backup.symlinks?.push({ ...split(node.path), target: node.symlink });
  }
  return backup;
}

const targets: ConformanceTarget[] = [
  {
    name: 'FolderSource',
    async open(spec, dir, workDir) {
      const root = writeTreeFolder(join(dir, 'dump'), spec);
      return { source: await openFolderSource(root, 'ios-fs', workDir), evidence: root };
    },
  },
  {
    name: 'ZipSource',
    async open(spec, dir, workDir) {
      const file = await writeTreeZip(join(dir, 'dump.zip'), spec);
      return { source: await openZipSource(file, 'ios-fs', workDir), evidence: file };
    },
  },
  {
    name: 'TarSource (.tar)',
    async open(spec, dir, workDir) {
      const file = writeTreeTar(join(dir, 'dump.tar'), spec);
      return { source: await openTarSource(file, 'ios-fs', workDir, { wanted: ['**'] }), evidence: file };
    },
  },
  {
    name: 'TarSource (.tar.gz)',
    async open(spec, dir, workDir) {
      const file = writeTreeTar(join(dir, 'dump.tar.gz'), spec, { gzip: true });
      return { source: await openTarSource(file, 'ios-fs', workDir, { wanted: ['**'] }), evidence: file };
    },
  },
  {
    name: 'IosBackupSource',
    async open(spec, dir, workDir) {
      const root = buildIosBackup(dir, asBackup(spec));
      return { source: await IosBackupSource.open(root, workDir), evidence: root };
    },
    skip: [
      {
        kind: 'known-deviation',
        cases: ['entries are sorted by path, each once'],
        reason: 'entries() yields the four root files first, then Manifest.db rows ordered by (domain, relativePath)',
      },
      {
        kind: 'known-deviation',
        cases: ['find: a leading ** matches at any depth'],
        reason: "find('**/x') narrows its SQL to relativePath GLOB 'x', so only files at a domain's root match",
      },
      {
        kind: 'known-deviation',
        cases: ['symlink: listed with its target, never followed by find'],
        reason: 'the target is reported as entry.backup.target, not entry.target',
      },
      {
        kind: 'not-applicable',
        cases: ['symlink: read through when it stays inside', 'symlink: one that escapes is refused with UNSAFE_PATH'],
        reason: "a backup's symlink rows carry no content and name device paths, so there is nothing to follow",
      },
    ],
  },
];

for (const target of targets) describeSourceConformance(target);
