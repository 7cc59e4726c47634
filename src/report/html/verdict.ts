/**
 * The verdict a person reads first, from the findings alone:
 *
 * - `strong` — strong signs of a known spyware: at least one finding is a match with a
 *   published indicator (an indicator rule) of severity critical or high AND confidence
 *   high. Loose matches (a truncated process name, a path component, a value known to
 *   collide) have their confidence lowered by the engine, so they do not count here.
 * - `review` — signs worth an expert's look: any other finding of severity low or above:
 *   every heuristic, whatever its severity, and indicator matches of medium or low
 *   confidence. Heuristics describe patterns that ordinary events can also leave, so on
 *   their own they never make the verdict `strong`.
 * - `clean` — no traces found: no finding, or only informational ones (Lockdown Mode on).
 *
 * This matches the exit code of `exhibit check`: 0 for `clean`, 1 otherwise.
 */
import type { Finding } from '../../detection/finding.js';

export type VerdictLevel = 'clean' | 'review' | 'strong';

export interface Verdict {
  level: VerdictLevel;
  /** Spyware named by the findings that make the verdict strong, sorted; empty otherwise. */
  malware: string[];
  /** Whether a strong finding's indicator names no spyware. */
  unnamed: boolean;
}

export function isStrongFinding(finding: Finding): boolean {
  return (
    finding.rule.type === 'indicator' &&
    finding.indicator !== undefined &&
    (finding.severity === 'critical' || finding.severity === 'high') &&
    finding.confidence === 'high'
  );
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  const strong = findings.filter(isStrongFinding);
  if (strong.length > 0) {
    const names = new Set<string>();
    let unnamed = false;
    for (const finding of strong) {
      const malware = finding.indicator?.malware;
      if (malware) names.add(malware);
      else unnamed = true;
    }
    return { level: 'strong', malware: [...names].sort(), unnamed };
  }
  const alarming = findings.some((finding) => finding.severity !== 'informational');
  return { level: alarming ? 'review' : 'clean', malware: [], unnamed: false };
}
