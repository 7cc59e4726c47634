/**
 * The report model: everything the page shows, built from a results folder's files and
 * nothing else (findings and records, never the acquisition). It holds no words of any
 * language; the page renders it in one. Redaction happens here, so hidden values never
 * reach the page at all.
 */
import type { SourceProblem } from '../../acquisition/source.js';
import type { ArtifactIssue } from '../../artifacts/types.js';
import type { Finding } from '../../detection/finding.js';
import type { CoverageEntry } from '../../pipeline/coverage.js';
import { createRedactor, deviceIdentifiers, NO_REDACTION, type Redactor } from './redact.js';
import { evidenceView, type EvidenceView } from './evidence-view.js';
import { readResultsFolder, type AcquisitionFile, type FindingsFile } from './results-folder.js';
import { scanRecords, type FindingContext } from './record-scan.js';
import type { TimelineColumns } from './timeline-data.js';
import { verdictOf, type Verdict } from './verdict.js';

export interface ReportFinding extends FindingContext {
  finding: Finding;
}

export interface ReportModel {
  tool: { name: string; version: string };
  redacted: boolean;
  acquisition: AcquisitionFile;
  indicators: FindingsFile['indicators'];
  indicatorTotal: number;
  rules: FindingsFile['rules'];
  coverage: CoverageEntry[];
  /** coverage.json's `cannot_show`, in English as the check wrote it. */
  cannotShow: string[];
  /** Members of the acquisition refused or unreadable (coverage.json's `acquisition_problems`). */
  problems: SourceProblem[];
  findings: ReportFinding[];
  verdict: Verdict;
  /** Records in records/, with or without a time. */
  records: number;
  range: { first: string; last: string } | null;
  timeline: TimelineColumns;
  seal: EvidenceView;
  attestation: EvidenceView;
}

export interface ModelOptions {
  redact?: boolean;
}

function redactIssue(issue: ArtifactIssue, redactor: Redactor): ArtifactIssue {
  const out: ArtifactIssue = { code: issue.code, message: redactor.text(issue.message) };
  if (issue.path !== undefined) out.path = redactor.text(issue.path);
  return out;
}

function redactCoverage(entry: CoverageEntry, redactor: Redactor): CoverageEntry {
  const out: CoverageEntry = {
    ...entry,
    files: entry.files.map((file) => redactor.text(file)),
    issues: entry.issues.map((issue) => redactIssue(issue, redactor)),
  };
  if (entry.message !== undefined) out.message = redactor.text(entry.message);
  return out;
}

function redactAcquisition(acquisition: AcquisitionFile, redactor: Redactor): AcquisitionFile {
  if (!redactor.active) return acquisition;
  return {
    ...acquisition,
    name: redactor.text(acquisition.name),
    device: redactor.device(acquisition.device as Record<string, unknown>),
    files_read: acquisition.files_read.map((file) => ({ ...file, path: redactor.text(file.path) })),
  };
}

export async function buildReportModel(resultsDir: string, options: ModelOptions = {}): Promise<ReportModel> {
  const folder = readResultsFolder(resultsDir);
  const findings = folder.findings.findings;
  const redactor = options.redact
    ? createRedactor({
        known: deviceIdentifiers(folder.acquisition.device as Record<string, unknown>),
        keep: findings.map((finding) => finding.matched.value),
      })
    : NO_REDACTION;
  const scan = await scanRecords(resultsDir, findings, redactor);
  return {
    tool: folder.findings.tool,
    redacted: redactor.active,
    acquisition: redactAcquisition(folder.acquisition, redactor),
    indicators: folder.findings.indicators,
    indicatorTotal: folder.findings.indicators.reduce((sum, set) => sum + (Number.isFinite(set.indicators) ? set.indicators : 0), 0),
    rules: folder.findings.rules,
    coverage: folder.coverage.artifacts.map((entry) => redactCoverage(entry, redactor)),
    problems: (Array.isArray(folder.coverage.acquisition_problems) ? folder.coverage.acquisition_problems : []).map((problem) => ({
      ...problem,
      path: redactor.text(String(problem.path)),
      message: redactor.text(String(problem.message)),
    })),
    cannotShow: Array.isArray(folder.coverage.cannot_show) ? folder.coverage.cannot_show.filter((item) => typeof item === 'string') : [],
    findings: findings.map((finding, index) => ({
      // findings.json's English explanation quotes record fields; redacted like any text.
      finding: redactor.active ? { ...finding, explanation: redactor.text(finding.explanation) } : finding,
      ...(scan.contexts[index] ?? { record: null, before: [], after: [] }),
    })),
    verdict: verdictOf(findings),
    records: scan.records,
    range: scan.range,
    timeline: scan.timeline,
    seal: evidenceView(folder.seal, redactor),
    attestation: evidenceView(folder.attestation, redactor),
  };
}
