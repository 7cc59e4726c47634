/** What a set of findings means for the exit code: 1 when anything above informational. */
import type { Finding } from '../detection/finding.js';

export function exitCodeFor(findings: readonly Finding[]): 0 | 1 {
  return findings.some((finding) => finding.severity !== 'informational') ? 1 : 0;
}
