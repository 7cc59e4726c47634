/**
 * `exhibit recheck`: detection on stored records must give exactly what a fresh check with
 * the same indicators gives, and say what is new since the last check.
 */
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIosBackup } from '../builders/ios-backup.js';
import { pegasusBackupSpec } from '../scenarios/ios-backups.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

/** A "newly published" bundle naming a domain the scenario's near-miss message links to. */
function newBundle(dir: string): string {
  const file = join(dir, 'new-campaign.stix2');
  const indicator = 'indicator--6d1f3c2a-0000-4000-8000-00000000c0de';
  const malware = 'malware--6d1f3c2a-0000-4000-8000-00000000beef';
  writeFileSync(
    file,
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--6d1f3c2a-0000-4000-8000-000000000001',
      objects: [
        { type: 'malware', spec_version: '2.1', id: malware, name: 'NewCampaign', is_family: true },
        { type: 'indicator', spec_version: '2.1', id: indicator, pattern: "[domain-name:value = 'notfree247downloads.com']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' },
        { type: 'relationship', spec_version: '2.1', id: 'relationship--6d1f3c2a-0000-4000-8000-000000000002', relationship_type: 'indicates', source_ref: indicator, target_ref: malware },
      ],
    }),
  );
  return file;
}

interface FindingsFile {
  findings: { id: string; rule: { id: string }; matched: { value: string }; indicator?: { malware: string | null } }[];
}

describe('exhibit recheck', () => {
  const backup = buildIosBackup(newDir(), pegasusBackupSpec({ safariHistory: true }));
  const bundle = newBundle(newDir());

  it('gives the same findings as a fresh check with the same indicators, and names what is new', () => {
    const old = join(newDir(), 'old');
    expect(runCli(['check', backup, '--output', old, '--no-progress']).status).toBe(1);
    const fresh = join(newDir(), 'fresh');
    expect(runCli(['check', backup, '--output', fresh, '--no-progress', '--iocs', bundle]).status).toBe(1);

    const run = runCli(['recheck', old, '--iocs', bundle]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const [stampDir] = readdirSync(join(old, 'rechecks'));
    const recheckDir = join(old, 'rechecks', stampDir ?? '');
    const rechecked = JSON.parse(readFileSync(join(recheckDir, 'findings.json'), 'utf8')) as FindingsFile;
    const freshFindings = JSON.parse(readFileSync(join(fresh, 'findings.json'), 'utf8')) as FindingsFile;
    expect(rechecked.findings).toEqual(freshFindings.findings);
    expect(readFileSync(join(recheckDir, 'findings.json'), 'utf8')).toBe(readFileSync(join(fresh, 'findings.json'), 'utf8'));

    const diff = JSON.parse(readFileSync(join(recheckDir, 'diff.json'), 'utf8')) as {
      compared_with: string;
      added: { rule: string; matched: { value: string }; malware: string }[];
      removed: unknown[];
      unchanged: number;
    };
    expect(diff.compared_with).toBe('findings.json');
    expect(diff.added.map((f) => [f.rule, f.matched.value, f.malware])).toEqual([
      ['ios.sms.link-indicator', 'https://notfree247downloads.com/', 'NewCampaign'],
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.unchanged).toBe(13);
    expect(run.stdout).toContain('1 new, 0 no longer found, 13 unchanged since findings.json');
    expect(run.stdout).toContain('NEW CRITICAL');

    // The original results are left as they were.
    expect(readFileSync(join(old, 'findings.json'), 'utf8')).not.toContain('NewCampaign');

    // A second re-check compares with the first one: nothing new.
    const again = runCli(['recheck', old, '--iocs', bundle, '--json']);
    expect(again.status).toBe(1);
    const summary = JSON.parse(again.stdout) as { compared_with: string; new: string[]; unchanged: number };
    expect(summary.compared_with).toBe(join('rechecks', stampDir ?? '', 'findings.json'));
    expect(summary.new).toEqual([]);
    expect(summary.unchanged).toBe(14);
  });

  it('refuses a folder that is not the results of a check, in one sentence', () => {
    const run = runCli(['recheck', newDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/has no acquisition\.json; point Exhibit at the results folder of a check/);
  });

  it('refuses damaged records with the file and line', () => {
    const results = join(newDir(), 'results');
    runCli(['check', backup, '--output', results, '--no-progress']);
    appendFileSync(join(results, 'records', 'sms.jsonl'), '{"not": "a record"}\n');
    const run = runCli(['recheck', results]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Line 3 of .*sms\.jsonl is not a record; the results folder is damaged/);
  });
});
