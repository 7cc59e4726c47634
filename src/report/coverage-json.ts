/** coverage.json: per artifact, found / parsed with N records / missing / failed, and why. */
import { writeFileSync } from 'node:fs';
import type { AcquisitionInfo } from '../acquisition/detect.js';
import type { CoverageEntry } from '../pipeline/coverage.js';
import type { SourceProblem } from '../acquisition/source.js';
import { acquisitionLimits } from './acquisition-limits.js';

export function writeCoverageJson(
  path: string,
  info: AcquisitionInfo,
  coverage: readonly CoverageEntry[],
  /** Members the acquisition's Source refused or could not read (unsafe names, bombs, an unopened nested archive). */
  problems: readonly SourceProblem[] = [],
): void {
  const doc = {
    acquisition: { kind: info.kind, name: info.name },
    cannot_show: acquisitionLimits(info.kind),
    artifacts: coverage,
    acquisition_problems: problems,
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}
