/**
 * End-to-end: the real CLI on a synthetic iPhone file-system dump, as a folder and as a
 * .tar.gz with the tree one folder down. Predator, KingsPawn and Coruna file paths, a
 * Pegasus client still running at a shutdown from its staging folder, Pegasus in DataUsage
 * and a Predator link in an SMS give exactly these findings; the near-misses planted
 * beside them stay silent; and every finding verifies from a disclosed packet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFsDump } from '../builders/ios-fs.js';
import { infectedDumpSpec } from '../scenarios/ios-fs.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

interface FindingsFile {
  summary: Record<string, number>;
  findings: { id: string; rule: { id: string }; severity: string; confidence: string; matched: { field: string; value: string }; indicator?: { malware: string | null } }[];
}

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

const EXPECTED: [string, string, string, string, string][] = [
  ['ios.datausage.process', 'process', 'bh', 'critical', 'high'],
  ['ios.shutdown-log.process-in-path', 'client_path_normalised', `${STAGING}/rolexd`, 'critical', 'medium'],
  ['ios.sms.link-indicator', 'links', 'https://cnn.gr.com/article/2024', 'critical', 'high'],
  ['ios.filesystem.file-path', 'path', `${STAGING}/subridged`, 'high', 'high'],
  // Coruna publishes both the full path and the file name: two indicators, two findings.
  ['ios.filesystem.file-path', 'path', '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', 'high', 'high'],
  ['ios.filesystem.file-path', 'path', '/private/var/mobile/Library/Caches/.com.apple.mobileassetd.cache', 'high', 'high'],
  ['ios.filesystem.file-path', 'path', '/private/var/tmp/UserEventAgent', 'high', 'high'],
  // Predator's `/private/var/tmp/l/` folder indicator, matched on the folder itself.
  ['ios.filesystem.file-path', 'path', '/private/var/tmp/l', 'high', 'high'],
  ['ios.filesystem.file-path', 'path', '/private/var/tmp/pl.core.lock', 'high', 'high'],
  ['ios.filesystem.file-path', 'path', '/private/var/tmp/pl.core.lock', 'high', 'high'],
  ['ios.datausage.binary-not-found', 'process', 'bh', 'medium', 'low'],
  ['ios.shutdown-log.unusual-location', 'client_path_normalised', `${STAGING}/rolexd`, 'medium', 'low'],
];

function brief(file: FindingsFile): [string, string, string, string, string][] {
  return file.findings.map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.confidence]);
}

describe('exhibit check on an iPhone file-system dump', () => {
  for (const packaging of ['folder', 'tar.gz'] as const) {
    it(`finds exactly the planted traces in a ${packaging}, and none of the near-misses`, async () => {
      const dump = await buildFsDump(newDir(), infectedDumpSpec(packaging === 'folder' ? {} : { prefix: 'iPhone-FFS/' }), packaging);
      const out = join(newDir(), 'results');
      const run = runCli(['check', dump, '--output', out, '--no-progress']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as FindingsFile;
      expect(brief(findings)).toEqual(EXPECTED);
      expect(findings.summary).toEqual({ critical: 3, high: 7, medium: 2, low: 0, informational: 0 });
      const values = findings.findings.map((f) => f.matched.value).join(' ');
      expect(values).not.toMatch(/lockdown\.log|tmp2|bhx|mobileassetd\b(?!\.cache)|cnn\.com/);
      const coverage = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { acquisition: { kind: string }; artifacts: { artifact: string; status: string }[] };
      expect(coverage.acquisition.kind).toBe('ios-fs');
      const parsed = coverage.artifacts.filter((a) => a.status === 'parsed').map((a) => a.artifact);
      expect(parsed).toEqual(['datausage', 'sms', 'sms_attachments', 'filesystem', 'shutdown_log']);

      if (packaging !== 'tar.gz') return;
      const packet = join(newDir(), 'packet.json');
      const ids = findings.findings.flatMap((f) => ['--finding', f.id]);
      expect(runCli(['disclose', out, ...ids, '--output', packet]).status).toBe(0);
      const verify = runCli(['verify', packet]);
      expect(verify.status).toBe(0);
      expect(verify.stdout.match(/\[VERIFIED\]/g)?.length).toBe(EXPECTED.length);
    });
  }
});
