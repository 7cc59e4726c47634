/**
 * `exhibit check` as a pipeline: open the acquisition, run every extractor over its
 * Source, stream records into records/*.jsonl and the detector, then write the results
 * folder. It prints nothing itself; the CLI listens to its progress events.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve, isAbsolute, sep } from 'node:path';
import type { ArtifactIssue, ArtifactRecord, Extractor } from '../artifacts/types.js';
import { contentPathsFor, extractorsFor } from '../artifacts/registry.js';
import { openAcquisition, type AcquisitionInfo } from '../acquisition/detect.js';
import { WorkingDir } from '../acquisition/working-dir.js';
import type { AcquisitionSecrets } from '../acquisition/acquisition.js';
import type { Source } from '../acquisition/source.js';
import { Detector } from '../detection/engine.js';
import { compareFindings, type Finding } from '../detection/finding.js';
import { RULES, RULE_SET_VERSION } from '../detection/rule-set.js';
import type { Rule, Severity } from '../detection/rule-types.js';
import { loadRunIndicators } from './indicators.js';
import { exitCodeFor } from './outcome.js';
import type { IndicatorIndex } from '../indicators/indicator-index.js';
import { describeError, isExhibitError, UsageError } from '../errors.js';
import type { CoverageEntry } from './coverage.js';
import { recordingSource } from './recording-source.js';
import { RunLog } from './run-log.js';
import { RecordsWriter } from '../report/records-jsonl.js';
import { TimelineCollector, writeFindingsTimeline } from '../report/timeline-csv.js';
import { writeFindingsJson, severityCounts } from '../report/findings-json.js';
import { writeCoverageJson } from '../report/coverage-json.js';
import { writeAcquisitionJson } from '../report/acquisition-json.js';
import { writeReport } from '../report/html/write-report.js';
import { systemLanguage } from '../report/i18n/locale.js';
import type { Lang } from '../report/i18n/types.js';
import { EvidenceRun, type EvidenceOptions, type EvidenceSummary } from '../evidence/evidence-run.js';
import { isSealFolderFile } from '../evidence/evidence-files.js';

export interface CheckProgress {
  opened?(info: AcquisitionInfo, artifacts: number): void;
  artifactStarted?(extractor: Extractor, position: number): void;
  recordsRead?(extractor: Extractor, count: number): void;
  artifactDone?(entry: CoverageEntry): void;
  /** A slow or notable step while opening, e.g. deriving an encrypted backup's key. */
  message?(text: string): void;
}

export interface CheckOptions {
  input: string;
  /** Results folder; created if absent, must be empty if present. */
  output: string;
  iocFiles?: readonly string[];
  iocEnvironment?: string | undefined;
  rules?: readonly Rule[];
  progress?: CheckProgress;
  /** Password or key of an encrypted acquisition; never logged nor written to the results. */
  secrets?: AcquisitionSecrets;
  /** Language of report.html; default: the system locale, else English. */
  reportLanguage?: Lang;
  /** Seal, attest and log custody into the results folder (the CLI always does). */
  evidence?: EvidenceOptions;
}

export interface CheckResult {
  resultsDir: string;
  info: AcquisitionInfo;
  findings: Finding[];
  coverage: CoverageEntry[];
  counts: Record<Severity, number>;
  records: number;
  timeRange: { first: string; last: string } | null;
  indicatorCount: number;
  /** 0 clean, 1 findings at low severity or above. */
  exitCode: 0 | 1;
  evidence?: EvidenceSummary;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function prepareOutput(output: string, acquisitionRoot: string, input: string): string {
  const dir = resolve(output);
  if (isInside(dir, acquisitionRoot) || isInside(dir, resolve(input))) {
    throw new UsageError(
      'OUTPUT_INSIDE_ACQUISITION',
      `The results folder ${output} is inside the acquisition; choose a folder outside it, because evidence is never written to.`,
    );
  }
  if (existsSync(dir) && readdirSync(dir).some((name) => !isSealFolderFile(name))) {
    throw new UsageError('OUTPUT_NOT_EMPTY', `The results folder ${output} is not empty; choose a new or empty folder.`);
  }
  mkdirSync(join(dir, 'records'), { recursive: true, mode: 0o700 });
  return dir;
}

interface ArtifactOutcome {
  entry: CoverageEntry;
}

export async function runExtractor(
  extractor: Extractor,
  source: Source,
  info: Pick<AcquisitionInfo, 'timeZone'>,
  onRecord: (record: ArtifactRecord) => void,
  progress: CheckProgress | undefined,
): Promise<ArtifactOutcome> {
  const patterns = extractor.paths[source.kind] ?? [];
  const listed = patterns.flatMap((pattern) => source.find(pattern)).filter((entry) => entry.type === 'file');
  const base = { artifact: extractor.id, title: extractor.title };
  if (listed.length === 0) {
    return { entry: { ...base, status: 'missing', records: 0, files: [], issues: [], message: 'not in this acquisition' } };
  }
  if (!listed.some((entry) => source.hasContent(entry.path))) {
    const issues: ArtifactIssue[] = listed.map((entry) => ({
      code: 'missing-file',
      path: entry.path,
      message: `${entry.path} is listed in the acquisition but its content is absent`,
    }));
    return {
      entry: { ...base, status: 'missing', records: 0, files: [], issues, message: 'listed in the acquisition, but the file is absent' },
    };
  }
  const read = new Set<string>();
  const issues: ArtifactIssue[] = [];
  let count = 0;
  try {
    for await (const record of extractor.extract(recordingSource(source, read), {
      issue: (issue) => issues.push(issue),
      ...(info.timeZone ? { timeZone: info.timeZone } : {}),
    })) {
      count += 1;
      onRecord(record);
      if (count % 5000 === 0) {
        progress?.recordsRead?.(extractor, count);
        // A turn of the event loop, so the seal's hashing workers are handed more files during a long table.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch (error) {
    const unsupported = isExhibitError(error) && error.code === 'ARTIFACT_UNSUPPORTED_SCHEMA';
    return {
      entry: {
        ...base,
        status: unsupported ? 'unsupported' : 'failed',
        records: count,
        files: [...read].sort(),
        issues,
        message: describeError(error),
      },
    };
  }
  let status: CoverageEntry['status'] = 'parsed';
  let message: string | undefined;
  if (count === 0 && issues.length > 0) {
    const allUnsupported = issues.every((issue) => issue.code === 'unsupported-schema' || issue.code === 'missing-file');
    status = allUnsupported && issues.some((issue) => issue.code === 'unsupported-schema') ? 'unsupported' : 'failed';
    message = issues[0]?.message;
  }
  const entry: CoverageEntry = { ...base, status, records: count, files: [...read].sort(), issues };
  if (message !== undefined) entry.message = message;
  return { entry };
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const log = new RunLog();
  const workDir = WorkingDir.create();
  let source: (Source & { close(): void }) | undefined;
  try {
    const index: IndicatorIndex = await loadRunIndicators(options, log);
    const opened = await openAcquisition(options.input, {
      workDir,
      secrets: options.secrets,
      wanted: contentPathsFor,
      progress: (text) => {
        log.info(text);
        options.progress?.message?.(text);
      },
    });
    source = opened.source;
    const resultsDir = prepareOutput(options.output, opened.root, options.input);
    log.attach(join(resultsDir, 'run.log'));
    log.info(`acquisition: ${opened.info.kind} ${opened.info.name}`);
    const evidence = options.evidence ? await EvidenceRun.start(source, opened.info, resultsDir, options.evidence, log) : undefined;

    const extractors = extractorsFor(opened.info.kind);
    options.progress?.opened?.(opened.info, extractors.length);
    const detector = new Detector(options.rules ?? RULES, index);
    const records = new RecordsWriter(join(resultsDir, 'records'));
    const timeline = new TimelineCollector(workDir.newSubdir());
    const findings = new Map<string, Finding>();
    const coverage: CoverageEntry[] = [];
    const durations = new Map<string, number>();
    let recordTotal = 0;

    for (const [position, extractor] of extractors.entries()) {
      options.progress?.artifactStarted?.(extractor, position);
      const started = performance.now();
      const { entry } = await runExtractor(
        extractor,
        source,
        opened.info,
        (record) => {
          recordTotal += 1;
          records.write(record);
          timeline.add(record);
          const leaf = evidence?.addRecord(record);
          for (const finding of detector.inspect(record)) {
            findings.set(finding.id, finding);
            if (leaf) evidence?.cite(finding, leaf);
          }
        },
        options.progress,
      );
      durations.set(entry.artifact, Math.round(performance.now() - started));
      coverage.push(entry);
      log.info(`artifact ${entry.artifact}: ${entry.status}, ${entry.records} records${entry.message ? ` (${entry.message})` : ''}`);
      for (const issue of entry.issues) log.warn(`artifact ${entry.artifact}: ${issue.code} ${issue.path ?? ''} ${issue.message}`);
      options.progress?.artifactDone?.(entry);
    }
    await records.close();

    const sorted = [...findings.values()].sort(compareFindings);
    const counts = severityCounts(sorted);
    writeFindingsJson(join(resultsDir, 'findings.json'), {
      info: opened.info,
      bundles: index.bundles(),
      ruleSetVersion: RULE_SET_VERSION,
      rules: options.rules ?? RULES,
      findings: sorted,
    });
    timeline.write(join(resultsDir, 'timeline.csv'));
    writeFindingsTimeline(join(resultsDir, 'timeline-findings.csv'), sorted);
    writeCoverageJson(join(resultsDir, 'coverage.json'), opened.info, coverage, source.problems?.() ?? [], durations);
    writeAcquisitionJson(join(resultsDir, 'acquisition.json'), opened.info, source.digests());
    const evidenceSummary = await evidence?.finishCheck({
      findings: sorted,
      bundles: index.bundles(),
      rules: options.rules ?? RULES,
      ruleSetVersion: RULE_SET_VERSION,
      findingsJsonPath: join(resultsDir, 'findings.json'),
    });
    log.info(`findings: ${sorted.length} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    // Keep this last: the report reads every file written above. A report that cannot be
    // written is logged, never a reason to lose the check's results or its exit code.
    try {
      await writeReport(resultsDir, { lang: options.reportLanguage ?? systemLanguage() });
    } catch (error) {
      log.error(`report.html not written: ${describeError(error)}`);
      options.progress?.message?.(`report.html could not be written: ${describeError(error)}`);
    }

    return {
      resultsDir,
      info: opened.info,
      findings: sorted,
      coverage,
      counts,
      records: recordTotal,
      timeRange: timeline.range(),
      indicatorCount: index.size(),
      exitCode: exitCodeFor(sorted),
      ...(evidenceSummary ? { evidence: evidenceSummary } : {}),
    };
  } catch (error) {
    log.error(isExhibitError(error) ? error.message : (error instanceof Error ? error.stack ?? error.message : String(error)));
    throw error;
  } finally {
    source?.close();
    workDir.remove();
  }
}
