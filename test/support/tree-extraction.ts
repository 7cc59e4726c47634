/**
 * Test support: writes a tree (a dump or a sysdiagnose folder) and runs one extractor on it
 * as a folder Source of the given kind, so extractor tests do not depend on recognition.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTreeFolder, type TreeSpec } from '../builders/archives.js';
import { openFolderSource } from '../../src/acquisition/folder-source.js';
import { WorkingDir } from '../../src/acquisition/working-dir.js';
import type { AcquisitionKind } from '../../src/acquisition/source.js';
import type { ArtifactIssue, ArtifactRecord, Extractor, LocalTimeZone } from '../../src/artifacts/types.js';

export interface TreeExtraction {
  records: ArtifactRecord[];
  issues: ArtifactIssue[];
}

export async function extractFromTree(
  tree: TreeSpec,
  kind: AcquisitionKind,
  extractor: Extractor,
  options: { timeZone?: LocalTimeZone } = {},
): Promise<TreeExtraction> {
  const parent = mkdtempSync(join(tmpdir(), 'exhibit-tree-'));
  const workDir = WorkingDir.create();
  try {
    const source = await openFolderSource(writeTreeFolder(join(parent, 'tree'), tree), kind, workDir);
    try {
      const records: ArtifactRecord[] = [];
      const issues: ArtifactIssue[] = [];
      const context = { issue: (issue: ArtifactIssue) => issues.push(issue), ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
      for await (const record of extractor.extract(source, context)) records.push(record);
      return { records, issues };
    } finally {
      source.close();
    }
  } finally {
    workDir.remove();
    rmSync(parent, { recursive: true, force: true });
  }
}
