/** The verdict in plain words, for the terminal (the page renders the same verdict as HTML). */
import type { Verdict } from './types.js';

const MARK = { pass: 'PASS', fail: 'FAIL', 'not-checked': 'n/a ' } as const;

export function formatVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  lines.push(verdict.ok ? 'VERIFIED: every check holds.' : 'NOT VERIFIED: at least one check failed.');
  lines.push('');
  lines.push('Signers:');
  if (verdict.signers.length === 0) lines.push('  (none could be read)');
  for (const s of verdict.signers) {
    lines.push(`  ${s.document.padEnd(11)} ${s.fingerprint ?? '(no key)'}  ${s.role ?? '?'} "${s.name ?? '?'}"${s.valid ? '' : '  INVALID'}${s.trusted ? '  trusted' : ''}`);
  }
  lines.push('');
  lines.push('Checks:');
  for (const step of verdict.steps) {
    lines.push(`  [${MARK[step.status]}] ${step.title}${step.code ? ` (${step.code})` : ''}`);
    for (const message of step.messages) lines.push(`         ${message}`);
  }
  lines.push('');
  lines.push('Findings:');
  for (const f of verdict.findings) {
    lines.push(`  [${f.status === 'verified' ? 'VERIFIED' : 'NOT VERIFIED'}] ${f.id} ${f.rule}: ${f.matched.field} = ${f.matched.value}`);
    for (const problem of f.problems) lines.push(`         ${problem}`);
  }
  return lines.join('\n');
}
