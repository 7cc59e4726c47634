/**
 * `exhibit recheck`: detection again, on the records a check already extracted, with the
 * indicators and rules of today — no acquisition needed. This is how last year's phones
 * are re-checked the day a new indicator set comes out. The original results stay as they
 * were; the re-check writes a folder of its own beside them, with what changed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AcquisitionInfo } from '../acquisition/acquisition.js';
import { Detector } from '../detection/engine.js';
import { compareFindings, type Finding } from '../detection/finding.js';
import { diffFindings, type FindingsDiff } from '../detection/findings-diff.js';
import { RULES, RULE_SET_VERSION } from '../detection/rule-set.js';
import type { Rule, Severity } from '../detection/rule-types.js';
import { UsageError } from '../errors.js';
import { severityCounts, writeFindingsJson } from '../report/findings-json.js';
import { readRecords } from '../report/records-read.js';
import { writeFindingsTimeline } from '../report/timeline-csv.js';
import { loadRunIndicators, type IndicatorOptions } from './indicators.js';
import { exitCodeFor } from './outcome.js';
import { RunLog } from './run-log.js';

export interface RecheckOptions extends IndicatorOptions {
  resultsDir: string;
  /** Where to write; default `<results>/rechecks/<UTC time>/`. */
  output?: string;
  rules?: readonly Rule[];
  /** The run's time, for the default folder name (injected so tests can fix it). */
  now?: Date;
}

export interface RecheckResult {
  outputDir: string;
  /** Which earlier findings the diff compares with, relative to the results folder. */
  comparedWith: string;
  info: AcquisitionInfo;
  records: number;
  findings: Finding[];
  counts: Record<Severity, number>;
  diff: FindingsDiff;
  indicatorCount: number;
  exitCode: 0 | 1;
}

interface FindingsFile {
  findings?: Finding[];
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    throw new UsageError('INVALID_ARGUMENT', `${path} cannot be read as ${what}; point Exhibit at the results folder of a check.`);
  }
}

/** The most recent earlier findings: the last re-check if there was one, else the check's own. */
function latestFindings(resultsDir: string): string {
  const rechecks = join(resultsDir, 'rechecks');
  if (existsSync(rechecks)) {
    const done = readdirSync(rechecks)
      .filter((name) => existsSync(join(rechecks, name, 'findings.json')))
      .sort();
    const last = done[done.length - 1];
    if (last !== undefined) return join('rechecks', last, 'findings.json');
  }
  return 'findings.json';
}

/** A new folder name for this re-check: its UTC time, made unique if a re-check ran in the same millisecond. */
function newRecheckDir(resultsDir: string, now: Date): string {
  const base = join(resultsDir, 'rechecks', now.toISOString().replace(/[-:]/g, ''));
  let candidate = base;
  for (let n = 2; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

export async function runRecheck(options: RecheckOptions): Promise<RecheckResult> {
  const resultsDir = resolve(options.resultsDir);
  for (const required of ['acquisition.json', 'findings.json']) {
    if (!existsSync(join(resultsDir, required))) {
      throw new UsageError(
        'PATH_NOT_FOUND',
        `${options.resultsDir} has no ${required}; point Exhibit at the results folder of a check.`,
      );
    }
  }
  const info = readJson<AcquisitionInfo>(join(resultsDir, 'acquisition.json'), 'acquisition metadata');
  const comparedWith = latestFindings(resultsDir);
  const previous = readJson<FindingsFile>(join(resultsDir, comparedWith), 'findings').findings ?? [];

  const outputDir = resolve(options.output ?? newRecheckDir(resultsDir, options.now ?? new Date()));
  if (existsSync(outputDir) && readdirSync(outputDir).length > 0) {
    throw new UsageError('OUTPUT_NOT_EMPTY', `The folder ${outputDir} is not empty; choose a new or empty folder.`);
  }
  const log = new RunLog();
  const index = await loadRunIndicators(options, log);
  const rules = options.rules ?? RULES;
  const detector = new Detector(rules, index);
  const found = new Map<string, Finding>();
  let records = 0;
  for await (const record of readRecords(resultsDir)) {
    records += 1;
    for (const finding of detector.inspect(record)) found.set(finding.id, finding);
  }
  const findings = [...found.values()].sort(compareFindings);
  const diff = diffFindings(previous, findings);

  mkdirSync(outputDir, { recursive: true, mode: 0o700 });
  log.attach(join(outputDir, 'run.log'));
  log.info(`re-check of ${records} records; compared with ${comparedWith}`);
  writeFindingsJson(join(outputDir, 'findings.json'), {
    info,
    bundles: index.bundles(),
    ruleSetVersion: RULE_SET_VERSION,
    rules,
    findings,
  });
  writeFindingsTimeline(join(outputDir, 'timeline-findings.csv'), findings);
  const brief = (finding: Finding) => ({
    id: finding.id,
    severity: finding.severity,
    rule: finding.rule.id,
    matched: finding.matched,
    malware: finding.indicator?.malware ?? null,
    explanation: finding.explanation,
  });
  writeFileSync(
    join(outputDir, 'diff.json'),
    `${JSON.stringify(
      { compared_with: comparedWith, added: diff.added.map(brief), removed: diff.removed.map(brief), unchanged: diff.unchanged },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  log.info(`findings: ${findings.length}; new ${diff.added.length}, no longer found ${diff.removed.length}`);
  return {
    outputDir,
    comparedWith,
    info,
    records,
    findings,
    counts: severityCounts(findings),
    diff,
    indicatorCount: index.size(),
    exitCode: exitCodeFor(findings),
  };
}
