/**
 * coverage.json: per artifact, found / parsed with N records / missing / failed, and why,
 * and how long its extraction took (`duration_ms`, wall time including matching and
 * writing its records: what records-per-second figures are computed from). The duration
 * is the one field that differs between two runs on the same acquisition.
 */
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
  /** Milliseconds each artifact took, by artifact id; runs that do not time artifacts leave it out. */
  durations?: ReadonlyMap<string, number>,
): void {
  const doc = {
    acquisition: { kind: info.kind, name: info.name },
    cannot_show: acquisitionLimits(info.kind),
    artifacts: coverage.map((entry) => {
      const duration = durations?.get(entry.artifact);
      return duration === undefined ? entry : { ...entry, duration_ms: duration };
    }),
    acquisition_problems: problems,
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}
