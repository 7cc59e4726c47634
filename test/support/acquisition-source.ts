/**
 * Test support: opens any acquisition path the way `exhibit check` does (openAcquisition)
 * and runs one extractor on its Source, collecting records and issues.
 */
import { openAcquisition } from '../../src/acquisition/detect.js';
import { WorkingDir } from '../../src/acquisition/working-dir.js';
import type { AcquisitionSecrets, OpenedAcquisition } from '../../src/acquisition/acquisition.js';
import type { ArtifactIssue, ArtifactRecord, Extractor } from '../../src/artifacts/types.js';

export interface Extraction {
  records: ArtifactRecord[];
  issues: ArtifactIssue[];
}

export async function withAcquisition<T>(path: string, use: (opened: OpenedAcquisition) => Promise<T>, secrets?: AcquisitionSecrets): Promise<T> {
  const workDir = WorkingDir.create();
  try {
    const opened = await openAcquisition(path, secrets ? { workDir, secrets } : { workDir });
    try {
      return await use(opened);
    } finally {
      opened.source.close();
    }
  } finally {
    workDir.remove();
  }
}

export function extractFrom(path: string, extractor: Extractor, secrets?: AcquisitionSecrets): Promise<Extraction> {
  return withAcquisition(
    path,
    async ({ source }) => {
      const records: ArtifactRecord[] = [];
      const issues: ArtifactIssue[] = [];
      for await (const record of extractor.extract(source, { issue: (issue) => issues.push(issue) })) records.push(record);
      return { records, issues };
    },
    secrets,
  );
}
