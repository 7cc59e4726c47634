/** The short summary printed after a check: counts, the top findings in plain words, where the results are. */
import picocolors from 'picocolors';
import { isAbsolute, relative } from 'node:path';
import type { CheckResult } from '../pipeline/check.js';
import { SEVERITIES, type Severity } from '../detection/rule-types.js';
import { TOOL_VERSION } from '../version.js';

const TOP = 8;

// Colour only for a person at a terminal: never in pipes, files or CI logs, and never with NO_COLOR.
const pc = picocolors.createColors(Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env));

const PAINT: Record<Severity, (text: string) => string> = {
  critical: (t) => pc.bold(pc.red(t)),
  high: pc.red,
  medium: pc.yellow,
  low: pc.cyan,
  informational: pc.dim,
};

const ACQUISITION_LABEL: Record<string, string> = {
  'ios-backup': 'iPhone backup',
  'android-androidqf': 'androidqf collection',
  'android-bugreport': 'Android bugreport',
  'android-backup': 'Android backup',
};

export function formatSummary(result: CheckResult): string {
  const lines: string[] = [];
  const device = result.info.device;
  const model = [device.productName ?? device.productType, device.productVersion ? `${result.info.kind.startsWith('android-') ? 'Android' : 'iOS'} ${device.productVersion}` : undefined]
    .filter(Boolean)
    .join(', ');
  lines.push(
    pc.bold(`Exhibit ${TOOL_VERSION}`) +
      ` — ${ACQUISITION_LABEL[result.info.kind] ?? result.info.kind} ${result.info.name}${model ? ` (${model})` : ''}`,
  );
  const byStatus = new Map<string, number>();
  for (const entry of result.coverage) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
  const statusText = [...byStatus.entries()].map(([status, n]) => `${n} ${status}`).join(', ');
  const range = result.timeRange ? ` · ${result.timeRange.first.slice(0, 10)} → ${result.timeRange.last.slice(0, 10)}` : '';
  lines.push(
    `Artifacts: ${result.coverage.length} (${statusText}) · ${result.records.toLocaleString('en')} records${range}`,
  );
  lines.push(`Indicators: ${result.indicatorCount.toLocaleString('en')}`);
  lines.push('');
  const counts = SEVERITIES.map((severity) => PAINT[severity](`${result.counts[severity]} ${severity}`)).join(', ');
  if (result.findings.length === 0) {
    lines.push(pc.green('No findings: no known indicator or heuristic matched what this acquisition holds.'));
  } else {
    lines.push(`Findings: ${counts}`);
    for (const finding of result.findings.slice(0, TOP)) {
      lines.push(`  ${PAINT[finding.severity](finding.severity.toUpperCase().padEnd(13))} ${finding.explanation}`);
    }
    if (result.findings.length > TOP) lines.push(`  … and ${result.findings.length - TOP} more in findings.json`);
  }
  const failed = result.coverage.filter((entry) => entry.status === 'failed' || entry.status === 'unsupported');
  for (const entry of failed) lines.push(pc.yellow(`Could not read ${entry.artifact}: ${entry.message ?? entry.status}`));
  lines.push('');
  const rel = relative(process.cwd(), result.resultsDir);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? result.resultsDir : rel;
  lines.push(`Results: ${shown}/ (report.html, findings.json, timeline.csv, coverage.json, records/, run.log)`);
  return lines.join('\n');
}

export function summaryJson(result: CheckResult): unknown {
  return {
    exit_code: result.exitCode,
    results_dir: result.resultsDir,
    acquisition: { kind: result.info.kind, name: result.info.name },
    records: result.records,
    counts: result.counts,
    coverage: result.coverage.map((entry) => ({ artifact: entry.artifact, status: entry.status, records: entry.records })),
    findings: result.findings.map((finding) => ({
      id: finding.id,
      severity: finding.severity,
      confidence: finding.confidence,
      rule: finding.rule.id,
      artifact: finding.artifact,
      matched: finding.matched,
      malware: finding.indicator?.malware ?? null,
      explanation: finding.explanation,
    })),
  };
}
