/**
 * Reading the files of a results folder the report is made from: findings.json,
 * coverage.json, acquisition.json, and seal.json / attestation.json when present. A
 * results folder may have travelled, so each file is checked for the shape the report
 * needs and a damaged one is named in one sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcquisitionInfo } from '../../acquisition/acquisition.js';
import type { AcquisitionKind, FileDigest, SourceProblem } from '../../acquisition/source.js';
import type { Finding } from '../../detection/finding.js';
import { SEVERITIES, type Severity } from '../../detection/rule-types.js';
import type { BundleOrigin } from '../../indicators/types.js';
import type { CoverageEntry } from '../../pipeline/coverage.js';
import { UsageError } from '../../errors.js';
import { VOCABULARY_EN } from '../i18n/en.js';

export interface IndicatorSetRef {
  file: string;
  sha256: string;
  origin: BundleOrigin;
  indicators: number;
}

export interface FindingsFile {
  format: string;
  tool: { name: string; version: string };
  acquisition: { kind: AcquisitionKind; name: string };
  indicators: IndicatorSetRef[];
  rules: { version: string; count: number };
  summary: Record<Severity, number>;
  findings: Finding[];
}

export interface CoverageFile {
  acquisition: { kind: AcquisitionKind; name: string };
  cannot_show: string[];
  artifacts: CoverageEntry[];
  /** Members of the acquisition its Source refused or could not read (absent in older results). */
  acquisition_problems?: SourceProblem[];
}

export interface AcquisitionFile extends AcquisitionInfo {
  tool: { name: string; version: string };
  files_read: FileDigest[];
}

/** A signed document of the results folder, kept as parsed JSON (its format is the evidence module's). */
export type EvidenceFile = { present: false } | { present: true; readable: true; value: unknown } | { present: true; readable: false };

export interface ResultsFolder {
  findings: FindingsFile;
  coverage: CoverageFile;
  acquisition: AcquisitionFile;
  seal: EvidenceFile;
  attestation: EvidenceFile;
}

function damaged(dir: string, file: string, what: string): UsageError {
  return new UsageError(
    'RESULTS_INVALID',
    `${file} in ${dir} ${what}; point Exhibit at an undamaged results folder or re-run the check.`,
  );
}

function readJson(dir: string, file: string): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new UsageError('PATH_NOT_FOUND', `${dir} has no ${file}; point Exhibit at the results folder of a check.`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    throw damaged(dir, file, 'is not valid JSON');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KINDS = new Set<string>(Object.keys(VOCABULARY_EN.kinds));

function isKind(value: unknown): value is AcquisitionKind {
  return typeof value === 'string' && KINDS.has(value);
}

function isFinding(value: unknown): value is Finding {
  if (!isObject(value)) return false;
  const rule = value['rule'];
  const matched = value['matched'];
  return (
    typeof value['id'] === 'string' &&
    isObject(rule) &&
    typeof rule['id'] === 'string' &&
    typeof rule['title'] === 'string' &&
    (rule['type'] === 'indicator' || rule['type'] === 'heuristic') &&
    typeof value['artifact'] === 'string' &&
    SEVERITIES.includes(value['severity'] as Severity) &&
    ['low', 'medium', 'high'].includes(value['confidence'] as string) &&
    isObject(matched) &&
    typeof matched['field'] === 'string' &&
    typeof matched['value'] === 'string' &&
    Array.isArray(value['records']) &&
    typeof value['explanation'] === 'string' &&
    Array.isArray(value['harmless']) &&
    Array.isArray(value['references'])
  );
}

function findingsFile(dir: string, value: unknown): FindingsFile {
  const file = 'findings.json';
  if (!isObject(value) || typeof value['format'] !== 'string' || !value['format'].startsWith('exhibit-findings/')) {
    throw damaged(dir, file, 'is not an Exhibit findings file');
  }
  const acquisition = value['acquisition'];
  if (!isObject(acquisition) || !isKind(acquisition['kind']) || typeof acquisition['name'] !== 'string') {
    throw damaged(dir, file, 'does not name its acquisition');
  }
  const findings = value['findings'];
  if (!Array.isArray(findings) || !findings.every(isFinding)) throw damaged(dir, file, 'holds a malformed finding');
  if (!Array.isArray(value['indicators']) || !isObject(value['rules']) || !isObject(value['tool'])) {
    throw damaged(dir, file, 'lacks its indicator sets, rules or tool');
  }
  return value as unknown as FindingsFile;
}

function coverageFile(dir: string, value: unknown): CoverageFile {
  const file = 'coverage.json';
  if (!isObject(value) || !Array.isArray(value['artifacts']) || !isObject(value['acquisition'])) {
    throw damaged(dir, file, 'is not an Exhibit coverage file');
  }
  for (const entry of value['artifacts']) {
    if (!isObject(entry) || typeof entry['artifact'] !== 'string' || typeof entry['status'] !== 'string' || typeof entry['records'] !== 'number') {
      throw damaged(dir, file, 'holds a malformed artifact entry');
    }
  }
  return value as unknown as CoverageFile;
}

function acquisitionFile(dir: string, value: unknown): AcquisitionFile {
  const file = 'acquisition.json';
  if (!isObject(value) || !isKind(value['kind']) || typeof value['name'] !== 'string' || !isObject(value['device'])) {
    throw damaged(dir, file, 'is not an Exhibit acquisition file');
  }
  if (!Array.isArray(value['files_read'])) throw damaged(dir, file, 'lacks the list of files read');
  return value as unknown as AcquisitionFile;
}

function evidenceFile(dir: string, file: string): EvidenceFile {
  const path = join(dir, file);
  if (!existsSync(path)) return { present: false };
  try {
    return { present: true, readable: true, value: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch {
    // A damaged seal is reported in the page, not fatal: the findings can still be read.
    return { present: true, readable: false };
  }
}

export function readResultsFolder(dir: string): ResultsFolder {
  if (!existsSync(dir)) throw new UsageError('PATH_NOT_FOUND', `${dir} does not exist; point Exhibit at the results folder of a check.`);
  return {
    findings: findingsFile(dir, readJson(dir, 'findings.json')),
    coverage: coverageFile(dir, readJson(dir, 'coverage.json')),
    acquisition: acquisitionFile(dir, readJson(dir, 'acquisition.json')),
    seal: evidenceFile(dir, 'seal.json'),
    attestation: evidenceFile(dir, 'attestation.json'),
  };
}
