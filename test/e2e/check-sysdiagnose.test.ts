/**
 * End-to-end: the real CLI on a synthetic sysdiagnose .tar.gz taken in a +0530 zone.
 * Pegasus running from its staging folder (process list and shutdown.log), Predator's
 * binary in /private/var/tmp and a crash report of `bh` give exactly these findings, the
 * near-misses stay silent, and local log times come out in UTC.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSysdiagnose } from '../builders/sysdiagnose.js';
import { infectedSysdiagnoseSpec } from '../scenarios/sysdiagnose.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

interface FindingsFile {
  summary: Record<string, number>;
  findings: { rule: { id: string }; severity: string; confidence: string; matched: { field: string; value: string }; records: { time: string | null; origin: { path: string } }[] }[];
}

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

// ps.txt and ps_thread.txt each list the running processes: each gives its own finding.
const EXPECTED: [string, string, string, string, string][] = [
  ['ios.shutdown-log.process-in-path', 'client_path_normalised', `${STAGING}/roleaccountd`, 'critical', 'medium'],
  ['ios.sysdiagnose-crash.process', 'process', 'bh', 'critical', 'high'],
  ['ios.sysdiagnose-ps.process', 'process', 'roleaccountd', 'critical', 'high'],
  ['ios.sysdiagnose-ps.file-path', 'executable_path', '/private/var/tmp/UserEventAgent', 'critical', 'high'],
  ['ios.sysdiagnose-ps.process', 'process', 'roleaccountd', 'critical', 'high'],
  ['ios.sysdiagnose-ps.file-path', 'executable_path', '/private/var/tmp/UserEventAgent', 'critical', 'high'],
  ['ios.shutdown-log.unusual-location', 'client_path_normalised', `${STAGING}/roleaccountd`, 'medium', 'low'],
  ['ios.sysdiagnose-crash.temporary-folder', 'executable_path', `${STAGING}/bh`, 'medium', 'low'],
  ['ios.sysdiagnose-ps.temporary-folder', 'executable_path', `${STAGING}/roleaccountd`, 'medium', 'low'],
  ['ios.sysdiagnose-ps.temporary-folder', 'executable_path', '/private/var/tmp/UserEventAgent', 'medium', 'low'],
  ['ios.sysdiagnose-ps.temporary-folder', 'executable_path', `${STAGING}/roleaccountd`, 'medium', 'low'],
  ['ios.sysdiagnose-ps.temporary-folder', 'executable_path', '/private/var/tmp/UserEventAgent', 'medium', 'low'],
];

describe('exhibit check on a sysdiagnose', () => {
  it('finds exactly the planted traces, in UTC, and none of the near-misses', () => {
    const archive = buildSysdiagnose(newDir(), infectedSysdiagnoseSpec(), 'tar.gz');
    const out = join(newDir(), 'results');
    const run = runCli(['check', archive, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsFile;
    expect(findings.findings.map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.confidence])).toEqual(EXPECTED);
    expect(findings.summary).toEqual({ critical: 6, high: 0, medium: 6, low: 0, informational: 0 });
    expect(findings.findings.map((f) => f.matched.value).join(' ')).not.toMatch(/bhx|tmp2/);
    // The crash report's header says 18:15 +0530; the shutdown's SIGTERM is a Unix time.
    expect(findings.findings[1]?.records[0]).toMatchObject({ time: '2026-03-10T12:45:00.000000Z', origin: { path: 'crashes_and_spins/bh-2026-03-10-181500.ips' } });
    expect(findings.findings[0]?.records[0]?.time).toBe('2026-03-10T11:00:00.000000Z');
    // Zone-less log lines are shifted by the zone in the archive's name.
    const installs = readFileSync(join(out, 'records', 'sysdiagnose_mobile_installation.jsonl'), 'utf8').trim().split('\n');
    expect((JSON.parse(installs[0] ?? '{}') as { times: { at: string }[] }).times[0]?.at).toBe('2026-03-10T02:30:01.000000Z');
    const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { acquisition: { kind: string }; artifacts: { artifact: string; status: string }[] };
    expect(coverage.acquisition.kind).toBe('ios-sysdiagnose');
    expect(coverage.artifacts.map((a) => `${a.artifact} ${a.status}`)).toEqual([
      'shutdown_log parsed',
      'sysdiagnose_info parsed',
      'sysdiagnose_ps parsed',
      'sysdiagnose_ps_thread parsed',
      'sysdiagnose_crash_reports parsed',
      'sysdiagnose_mobile_installation parsed',
      'sysdiagnose_mobile_activation parsed',
      'sysdiagnose_wifi_networks parsed',
    ]);
  });
});
