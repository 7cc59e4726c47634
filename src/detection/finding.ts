/** A finding: what fired, on which record, with which value, and why it matters. */
import { createHash } from 'node:crypto';
import type { Origin } from '../artifacts/types.js';
import type { IndicatorKind, MatchHow } from '../indicators/types.js';
import type { Confidence, Severity } from './rule-types.js';

export interface FindingIndicator {
  stixId: string;
  kind: IndicatorKind;
  value: string;
  malware: string | null;
  bundle: { file: string; sha256: string };
  how: MatchHow;
}

export interface FindingRecordRef {
  artifact: string;
  origin: Origin;
  /** The record's main time, when it has one. */
  time: string | null;
}

export interface Finding {
  /** Hash of the finding's content: the same evidence always gives the same id. */
  id: string;
  rule: { id: string; version: number; type: 'indicator' | 'heuristic'; title: string };
  artifact: string;
  severity: Severity;
  confidence: Confidence;
  matched: { field: string; value: string };
  indicator?: FindingIndicator;
  records: FindingRecordRef[];
  explanation: string;
  harmless: readonly string[];
  references: readonly string[];
}

/** JSON with object keys sorted, so a hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function findingId(content: Omit<Finding, 'id' | 'explanation' | 'harmless' | 'references'>): string {
  const digest = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return digest.slice(0, 24);
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, informational: 4 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of findings.json: most severe first, then by where the evidence sits. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareStrings(a.artifact, b.artifact) ||
    compareStrings(a.records[0]?.origin.path ?? '', b.records[0]?.origin.path ?? '') ||
    compareStrings(canonicalJson(a.records[0]?.origin.locator), canonicalJson(b.records[0]?.origin.locator)) ||
    compareStrings(a.rule.id, b.rule.id) ||
    compareStrings(a.matched.value, b.matched.value) ||
    compareStrings(a.id, b.id)
  );
}
