import type { ArtifactIssue, CoverageStatus } from '../artifacts/types.js';

/** What happened to one artifact in a run. */
export interface CoverageEntry {
  artifact: string;
  title: string;
  status: CoverageStatus;
  records: number;
  /** Paths (inside the acquisition's tree) this artifact read. */
  files: string[];
  issues: ArtifactIssue[];
  message?: string;
}
