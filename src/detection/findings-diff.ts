/**
 * What changed between two sets of findings. Findings are compared by what they say — the
 * rule, the evidence and the indicator value — not by id, because a re-published bundle
 * changes its digest (and so every id) without changing what was found.
 */
import { canonicalJson, type Finding } from './finding.js';

export interface FindingsDiff {
  added: Finding[];
  removed: Finding[];
  unchanged: number;
}

export function findingKey(finding: Finding): string {
  return canonicalJson({
    rule: finding.rule.id,
    artifact: finding.artifact,
    matched: finding.matched,
    records: finding.records.map((record) => ({ path: record.origin.path, locator: record.origin.locator })),
    indicator: finding.indicator
      ? { kind: finding.indicator.kind, value: finding.indicator.value, malware: finding.indicator.malware }
      : null,
  });
}

export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const beforeKeys = new Set(before.map(findingKey));
  const afterKeys = new Set(after.map(findingKey));
  return {
    added: after.filter((finding) => !beforeKeys.has(findingKey(finding))),
    removed: before.filter((finding) => !afterKeys.has(findingKey(finding))),
    unchanged: after.filter((finding) => beforeKeys.has(findingKey(finding))).length,
  };
}
