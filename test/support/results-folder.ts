/**
 * Writes a results folder directly, without a check: the real writers of findings.json,
 * coverage.json, acquisition.json and records/*.jsonl, fed with records and findings a
 * test makes itself. For report tests that need exact inputs or very many records.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AcquisitionInfo } from '../../src/acquisition/acquisition.js';
import type { FileDigest } from '../../src/acquisition/source.js';
import type { ArtifactRecord } from '../../src/artifacts/types.js';
import { compareFindings, type Finding } from '../../src/detection/finding.js';
import { RULES, RULE_SET_VERSION } from '../../src/detection/rule-set.js';
import type { LoadedBundle } from '../../src/indicators/types.js';
import type { CoverageEntry } from '../../src/pipeline/coverage.js';
import { writeAcquisitionJson } from '../../src/report/acquisition-json.js';
import { writeCoverageJson } from '../../src/report/coverage-json.js';
import { writeFindingsJson } from '../../src/report/findings-json.js';
import { RecordsWriter } from '../../src/report/records-jsonl.js';

export interface SyntheticResults {
  info: AcquisitionInfo;
  records: Iterable<ArtifactRecord>;
  findings: readonly Finding[];
  /** A function when the coverage is known only once the records have been written. */
  coverage: readonly CoverageEntry[] | (() => readonly CoverageEntry[]);
  bundles?: readonly LoadedBundle[];
  digests?: readonly FileDigest[];
}

export function writeResultsFolder(dir: string, spec: SyntheticResults): string {
  mkdirSync(join(dir, 'records'), { recursive: true });
  const writer = new RecordsWriter(join(dir, 'records'));
  for (const record of spec.records) writer.write(record);
  writer.close();
  writeFindingsJson(join(dir, 'findings.json'), {
    info: spec.info,
    bundles: spec.bundles ?? [],
    ruleSetVersion: RULE_SET_VERSION,
    rules: RULES,
    findings: [...spec.findings].sort(compareFindings),
  });
  writeCoverageJson(join(dir, 'coverage.json'), spec.info, typeof spec.coverage === 'function' ? spec.coverage() : spec.coverage);
  writeAcquisitionJson(join(dir, 'acquisition.json'), spec.info, spec.digests ?? []);
  return dir;
}

/** A coverage entry for an artifact that was read. */
export function parsed(artifact: string, title: string, records: number, files: string[]): CoverageEntry {
  return { artifact, title, status: 'parsed', records, files, issues: [] };
}
