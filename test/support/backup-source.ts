/**
 * Test support: builds a synthetic backup with the real layout and opens it as the
 * Source extractors see, so extractor tests exercise Manifest.db look-ups too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIosBackup, type BackupSpec } from '../builders/ios-backup.js';
import { openAcquisition } from '../../src/acquisition/detect.js';
import { WorkingDir } from '../../src/acquisition/working-dir.js';
import type { Source } from '../../src/acquisition/source.js';
import type { ArtifactIssue, ArtifactRecord, Extractor } from '../../src/artifacts/types.js';

export interface ExtractionResult {
  records: ArtifactRecord[];
  issues: ArtifactIssue[];
}

/** Builds the backup, runs one extractor on it, and cleans everything up. */
export async function extractFromBackup(spec: BackupSpec, extractor: Extractor): Promise<ExtractionResult> {
  return withBackupSource(spec, async (source) => {
    const records: ArtifactRecord[] = [];
    const issues: ArtifactIssue[] = [];
    for await (const record of extractor.extract(source, { issue: (issue) => issues.push(issue) })) {
      records.push(record);
    }
    return { records, issues };
  });
}

export async function withBackupSource<T>(spec: BackupSpec, use: (source: Source) => Promise<T>): Promise<T> {
  const parent = mkdtempSync(join(tmpdir(), 'exhibit-test-'));
  const workDir = WorkingDir.create();
  try {
    const folder = buildIosBackup(parent, spec);
    const { source } = await openAcquisition(folder, { workDir });
    try {
      return await use(source);
    } finally {
      source.close();
    }
  } finally {
    workDir.remove();
    rmSync(parent, { recursive: true, force: true });
  }
}
