/**
 * End-to-end: the real CLI on synthetic backups built with the real layout. Findings are
 * stated exactly; near-misses planted beside them must stay silent.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIosBackup } from '../builders/ios-backup.js';
import { cleanBackupSpec, pegasusBackupSpec } from '../scenarios/ios-backups.js';
import { runCli } from '../support/cli.js';
import { hashTree } from '../support/tree-hash.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

interface FindingsFile {
  summary: Record<string, number>;
  findings: {
    id: string;
    rule: { id: string };
    severity: string;
    confidence: string;
    matched: { field: string; value: string };
    indicator?: { malware: string | null; bundle: { file: string; sha256: string }; stixId: string };
    records: { origin: { path: string; stored: string; sha256: string; locator: unknown } }[];
    explanation: string;
  }[];
}

function readFindings(dir: string): FindingsFile {
  return JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsFile;
}

function brief(file: FindingsFile): [string, string, string, string, string][] {
  return file.findings.map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.confidence]);
}

const PEGASUS_FINDINGS: [string, string, string, string, string][] = [
  ['ios.datausage.process', 'process', 'bh', 'critical', 'high'],
  ['ios.datausage.process', 'process', 'roleaccountd', 'critical', 'high'],
  ['ios.datausage.process', 'process', 'CommsCenterRootH', 'critical', 'medium'],
  ['ios.id_status_cache.email', 'email', 'bergers.o79@gmail.com', 'critical', 'high'],
  ['ios.os_analytics_ad_daily.process', 'process', 'bh', 'critical', 'high'],
  ['ios.safari-history.url-indicator', 'url', 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz', 'critical', 'high'],
  ['ios.sms.link-indicator', 'links', 'https://baramije.net/Qw3rTy', 'critical', 'high'],
  ['ios.webkit-resource-load-statistics.domain-indicator', 'registrable_domain', 'free247downloads.com', 'critical', 'high'],
  // The LocalStorage file name in Safari's container: a webkit_website_data record, no longer a Manifest mention.
  ['ios.webkit-website-data.url-indicator', 'url', 'https://urlpush.net', 'critical', 'high'],
  ['ios.datausage.manipulated-process-entry', 'orphan_process_pk', '5', 'high', 'medium'],
  ['ios.manifest.file-path', 'device_path', '/private/var/root/Library/Preferences/roleaccountd.plist', 'high', 'high'],
  [
    'ios.safari-history.injection-redirect',
    'redirect_destination_url',
    'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
    'medium',
    'low',
  ],
  ['ios.datausage.missing-process', 'missing_pk', '5', 'low', 'low'],
];

describe('exhibit check on an iPhone backup', () => {
  const parent = newDir();
  const backup = buildIosBackup(parent, pegasusBackupSpec({ safariHistory: true }));

  it('finds exactly the planted Pegasus traces and nothing in their near-misses', () => {
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = readFindings(out);
    expect(brief(findings)).toEqual(PEGASUS_FINDINGS);
    expect(findings.summary).toEqual({ critical: 9, high: 2, medium: 1, low: 1, informational: 0 });
    // Near-misses planted beside the traces: process bhx, notfree247downloads.com, a benign look-up.
    const values = findings.findings.map((f) => f.matched.value).join(' ');
    expect(values).not.toMatch(/bhx|notfree247downloads|friend@example\.com|apple\.com/);
    expect(run.stdout).toContain('Findings: 9 critical, 2 high, 1 medium, 1 low, 0 informational');
  });

  it('names the indicator, its bundle and the exact bytes each finding rests on', () => {
    const out = join(newDir(), 'results');
    runCli(['check', backup, '--output', out, '--no-progress']);
    const sms = readFindings(out).findings.find((f) => f.rule.id === 'ios.sms.link-indicator');
    expect(sms?.indicator?.malware).toBe('Pegasus');
    expect(sms?.indicator?.bundle.file).toBe('pegasus.stix2');
    expect(sms?.indicator?.bundle.sha256).toBe('df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586');
    expect(sms?.indicator?.stixId).toMatch(/^indicator--/);
    expect(sms?.records[0]?.origin).toEqual({
      path: 'HomeDomain/Library/SMS/sms.db',
      stored: '3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      locator: { kind: 'sqlite', table: 'message', rowid: '1' },
    });
    expect(sms?.explanation).toContain('https://baramije.net/Qw3rTy');
    const acquisition = JSON.parse(readFileSync(join(out, 'acquisition.json'), 'utf8')) as {
      files_read: { path: string; stored: string; sha256: string }[];
    };
    const smsFile = acquisition.files_read.find((f) => f.path === 'HomeDomain/Library/SMS/sms.db');
    expect(smsFile?.sha256).toBe(sms?.records[0]?.origin.sha256);
    expect(acquisition.files_read.map((f) => f.path)).toEqual(
      expect.arrayContaining(['Manifest.db', 'Info.plist', 'WirelessDomain/Library/Databases/DataUsage.sqlite']),
    );
  });

  it('writes the whole results folder, with coverage per artifact', () => {
    const out = join(newDir(), 'results');
    runCli(['check', backup, '--output', out, '--no-progress']);
    expect(readdirSync(out).sort()).toEqual([
      'acquisition.json', 'attestation.json', 'coverage.json', 'custody.log', 'findings.json', 'indicator-entries.json', 'records',
      'report.html', 'run.log', 'seal-files.jsonl', 'seal-secret.key', 'seal.json', 'timeline-findings.csv', 'timeline.csv',
    ]);
    const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as {
      artifacts: { artifact: string; status: string; records: number }[];
      cannot_show: string[];
    };
    const status = Object.fromEntries(coverage.artifacts.map((a) => [a.artifact, `${a.status}:${a.records}`]));
    expect(status).toEqual({
      backup_info: 'parsed:1',
      manifest: 'parsed:28',
      applications: 'parsed:0',
      configuration_profiles: 'missing:0',
      profile_events: 'missing:0',
      global_preferences: 'parsed:1',
      datausage: 'parsed:7',
      os_analytics_ad_daily: 'parsed:2',
      id_status_cache: 'parsed:2',
      tcc: 'parsed:1',
      sms: 'parsed:2',
      sms_attachments: 'parsed:0',
      safari_history: 'parsed:2',
      safari_browser_state: 'missing:0',
      webkit_resource_load_statistics: 'parsed:2',
      webkit_session_resource_log: 'missing:0',
      whatsapp: 'missing:0',
      whatsapp_contacts: 'missing:0',
      interaction_c: 'missing:0',
      calls: 'missing:0',
      contacts: 'missing:0',
      calendar: 'missing:0',
      chrome_history: 'missing:0',
      chrome_favicon: 'missing:0',
      firefox_history: 'missing:0',
      firefox_favicon: 'missing:0',
      shortcuts: 'missing:0',
      locationd_clients: 'missing:0',
      safari_favicon: 'missing:0',
      webkit_website_data: 'parsed:1',
    });
    expect(coverage.cannot_show.join(' ')).toMatch(/encrypted/);
    const sms = readFileSync(join(out, 'records', 'sms.jsonl'), 'utf8').trim().split('\n');
    expect(sms).toHaveLength(2);
    const timeline = readFileSync(join(out, 'timeline.csv'), 'utf8').split('\n');
    expect(timeline[0]).toBe('time_utc,artifact,event,summary,source_path,locator');
    const times = timeline.slice(1, -1).map((line) => line.slice(0, 27));
    expect(times).toEqual([...times].sort());
    expect(readFileSync(join(out, 'timeline-findings.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + PEGASUS_FINDINGS.length);
  });

  it('gives byte-identical deterministic outputs on two runs', () => {
    const a = join(newDir(), 'a');
    const b = join(newDir(), 'b');
    runCli(['check', backup, '--output', a, '--no-progress']);
    runCli(['check', backup, '--output', b, '--no-progress']);
    // report.html is not in this list: it shows the seal, whose salts (a random secret) and signing time differ per run.
    for (const file of ['findings.json', 'timeline.csv', 'timeline-findings.csv', 'acquisition.json']) {
      expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
    }
    // coverage.json times each artifact; everything else in it is the same.
    const untimed = (dir: string): string => readFileSync(join(dir, 'coverage.json'), 'utf8').replace(/\n *"duration_ms": \d+,?/g, '');
    expect(untimed(a)).toBe(untimed(b));
    expect(readFileSync(join(a, 'coverage.json'), 'utf8')).toMatch(/"duration_ms": \d+/);
    for (const file of readdirSync(join(a, 'records'))) {
      expect(readFileSync(join(a, 'records', file)).equals(readFileSync(join(b, 'records', file))), file).toBe(true);
    }
    expect(readFileSync(join(a, 'findings.json'), 'utf8')).not.toContain(parent);
  });

  it('never writes to the acquisition', () => {
    const fresh = buildIosBackup(newDir(), pegasusBackupSpec({ safariHistory: true }));
    const before = hashTree(fresh);
    const run = runCli(['check', fresh, '--output', join(newDir(), 'results'), '--no-progress']);
    expect(run.status).toBe(1);
    expect(hashTree(fresh)).toEqual(before);
  });

  it('prints a JSON summary for scripts', () => {
    const run = runCli(['check', backup, '--output', join(newDir(), 'results'), '--json']);
    expect(run.status).toBe(1);
    const summary = JSON.parse(run.stdout) as { exit_code: number; counts: Record<string, number>; findings: unknown[] };
    expect(summary.exit_code).toBe(1);
    expect(summary.counts['critical']).toBe(9);
    expect(summary.findings).toHaveLength(PEGASUS_FINDINGS.length);
  });

  it('accepts the parent folder of exactly one backup', () => {
    const run = runCli(['check', parent, '--output', join(newDir(), 'results'), '--no-progress']);
    expect(run.status).toBe(1);
  });

  it('exits 0 on a clean backup, with the near-misses silent', () => {
    const clean = buildIosBackup(newDir(), cleanBackupSpec());
    const out = join(newDir(), 'results');
    const run = runCli(['check', clean, '--output', out, '--no-progress']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFindings(out).findings).toEqual([]);
    expect(run.stdout).toContain('No findings');
  });
});

describe('exhibit check on damaged and partial backups', () => {
  it('reports a file listed in Manifest.db but absent, and goes on', () => {
    const spec = pegasusBackupSpec();
    spec.files = spec.files.map((file) => (file.relativePath === 'Library/SMS/sms.db' ? { ...file, omitBlob: true } : file));
    const backup = buildIosBackup(newDir(), spec);
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.status).toBe(1);
    const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as {
      artifacts: { artifact: string; status: string; message?: string; issues: { code: string; path?: string }[] }[];
    };
    const sms = coverage.artifacts.find((a) => a.artifact === 'sms');
    expect(sms?.status).toBe('missing');
    expect(sms?.message).toMatch(/absent/);
    expect(sms?.issues).toEqual([expect.objectContaining({ code: 'missing-file', path: 'HomeDomain/Library/SMS/sms.db' })]);
    expect(readFindings(out).findings.some((f) => f.rule.id === 'ios.datausage.process')).toBe(true);
  });

  it('turns a corrupt database into a coverage entry, not a crash', () => {
    const spec = pegasusBackupSpec();
    spec.files = spec.files.map((file) =>
      file.relativePath === 'Library/SMS/sms.db' ? { ...file, content: Buffer.from('this is not a database at all'.repeat(40)) } : file,
    );
    const backup = buildIosBackup(newDir(), spec);
    const out = join(newDir(), 'results');
    const run = runCli(['check', backup, '--output', out, '--no-progress']);
    expect(run.status).toBe(1);
    const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as {
      artifacts: { artifact: string; status: string; issues: { code: string }[] }[];
    };
    const sms = coverage.artifacts.find((a) => a.artifact === 'sms');
    expect(sms?.status).toBe('failed');
    expect(sms?.issues[0]?.code).toBe('corrupt');
    expect(coverage.artifacts.find((a) => a.artifact === 'datausage')?.status).toBe('parsed');
  });
});

describe('exhibit check errors: one sentence, exit code 2', () => {
  function expectOneSentence(run: { status: number; stderr: string; stdout: string }, pattern: RegExp): void {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  }

  it('refuses a path that does not exist', () => {
    expectOneSentence(runCli(['check', join(newDir(), 'nope')]), /does not exist/);
  });

  it('refuses a folder that is not a backup', () => {
    const dir = newDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expectOneSentence(runCli(['check', dir]), /is not an acquisition Exhibit reads; point it at an iPhone backup folder/);
  });

  it('refuses a file', () => {
    const file = join(newDir(), 'backup.zip');
    writeFileSync(file, 'PK');
    expectOneSentence(runCli(['check', file]), /backup\.zip is not an acquisition Exhibit reads/);
  });

  it('refuses an encrypted backup, for now, in one sentence', () => {
    const spec = cleanBackupSpec();
    const backup = buildIosBackup(newDir(), { ...spec, encryptedFlag: true });
    expectOneSentence(runCli(['check', backup]), /^exhibit: This backup is encrypted; /);
  });

  it('refuses a parent folder holding several backups', () => {
    const parent = newDir();
    buildIosBackup(parent, cleanBackupSpec());
    buildIosBackup(parent, pegasusBackupSpec());
    expectOneSentence(runCli(['check', parent]), /holds 2 backups/);
  });

  it('refuses a non-empty results folder and one inside the acquisition', () => {
    const backup = buildIosBackup(newDir(), cleanBackupSpec());
    const busy = newDir();
    writeFileSync(join(busy, 'keep.txt'), 'x');
    expectOneSentence(runCli(['check', backup, '--output', busy]), /is not empty/);
    expectOneSentence(runCli(['check', backup, '--output', join(backup, 'results')]), /inside the acquisition/);
    expect(existsSync(join(backup, 'results'))).toBe(false);
  });

  it('refuses an unreadable indicator file and names it', () => {
    const backup = buildIosBackup(newDir(), cleanBackupSpec());
    const bad = join(newDir(), 'broken.stix2');
    writeFileSync(bad, '{"type": "bundle", "objects": [');
    expectOneSentence(runCli(['check', backup, '--iocs', bad, '--output', join(newDir(), 'r')]), /broken\.stix2/);
    expectOneSentence(runCli(['check', backup, '--iocs', join(newDir(), 'missing.stix2'), '--output', join(newDir(), 'r')]), /missing\.stix2/);
  });

  it('exits 2 on an unknown option, with usage', () => {
    const run = runCli(['check', '--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
  });
});

describe('extra indicators', () => {
  const bundle = {
    type: 'bundle',
    id: 'bundle--00000000-0000-4000-8000-000000000001',
    objects: [
      { type: 'malware', id: 'malware--00000000-0000-4000-8000-000000000002', name: 'TestSpy', is_family: true },
      {
        type: 'indicator',
        id: 'indicator--00000000-0000-4000-8000-000000000003',
        pattern: "[domain-name:value = 'apple.com']",
        pattern_type: 'stix',
        valid_from: '2024-01-01T00:00:00Z',
      },
      {
        type: 'relationship',
        id: 'relationship--00000000-0000-4000-8000-000000000004',
        relationship_type: 'indicates',
        source_ref: 'indicator--00000000-0000-4000-8000-000000000003',
        target_ref: 'malware--00000000-0000-4000-8000-000000000002',
      },
    ],
  };

  it('loads --iocs and EXHIBIT_IOCS bundles beside the shipped ones', () => {
    const backup = buildIosBackup(newDir(), cleanBackupSpec());
    const folder = newDir();
    mkdirSync(join(folder, 'feeds'));
    const file = join(folder, 'feeds', 'testspy.stix2');
    writeFileSync(file, JSON.stringify(bundle));
    for (const [args, env] of [
      [['--iocs', file], {}],
      [[], { EXHIBIT_IOCS: join(folder, 'feeds') }],
    ] as const) {
      const out = join(newDir(), 'results');
      const run = runCli(['check', backup, '--output', out, '--no-progress', ...args], { env });
      expect(run.status).toBe(1);
      const findings = readFindings(out).findings;
      expect(findings.map((f) => [f.rule.id, f.matched.value, f.indicator?.malware])).toEqual([
        ['ios.sms.link-indicator', 'https://www.apple.com/', 'TestSpy'],
      ]);
    }
    rmSync(folder, { recursive: true, force: true });
  });
});
