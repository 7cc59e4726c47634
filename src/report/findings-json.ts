/**
 * findings.json: deterministic — the same acquisition, indicators and version give the
 * same bytes. No clock, no machine path, a fixed order.
 */
import { writeFileSync } from 'node:fs';
import type { AcquisitionInfo } from '../acquisition/detect.js';
import type { Finding } from '../detection/finding.js';
import { SEVERITIES, type Rule, type Severity } from '../detection/rule-types.js';
import type { LoadedBundle } from '../indicators/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export const FINDINGS_FORMAT = 'exhibit-findings/1';

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

export interface FindingsDocument {
  info: AcquisitionInfo;
  bundles: readonly LoadedBundle[];
  ruleSetVersion: string;
  rules: readonly Rule[];
  findings: readonly Finding[];
}

export function findingsDocument(doc: FindingsDocument): unknown {
  const bundles = [...doc.bundles]
    .map((bundle) => ({ file: bundle.file, sha256: bundle.sha256, origin: bundle.origin, indicators: bundle.total }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.sha256 < b.sha256 ? -1 : 1));
  return {
    format: FINDINGS_FORMAT,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    acquisition: { kind: doc.info.kind, name: doc.info.name },
    indicators: bundles,
    rules: { version: doc.ruleSetVersion, count: doc.rules.length },
    summary: severityCounts(doc.findings),
    findings: doc.findings,
  };
}

export function writeFindingsJson(path: string, doc: FindingsDocument): void {
  writeFileSync(path, `${JSON.stringify(findingsDocument(doc), null, 2)}\n`, { mode: 0o600 });
}
