/** coverage.json: per artifact, found / parsed with N records / missing / failed, and why. */
import { writeFileSync } from 'node:fs';
import type { AcquisitionInfo } from '../acquisition/detect.js';
import type { CoverageEntry } from '../pipeline/coverage.js';
import { acquisitionLimits } from './acquisition-limits.js';

export function writeCoverageJson(path: string, info: AcquisitionInfo, coverage: readonly CoverageEntry[]): void {
  const doc = {
    acquisition: { kind: info.kind, name: info.name },
    cannot_show: acquisitionLimits(info.kind),
    artifacts: coverage,
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}
