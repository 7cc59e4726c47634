/**
 * End-to-end: `exhibit iocs update` against a loopback mirror of the feed index, then
 * `iocs list` and `check` reading the cache it filled — all through the real CLI, with the
 * data folder set by EXHIBIT_DATA_DIR.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildIosBackup } from '../builders/ios-backup.js';
import { domainPattern, stixBundle } from '../builders/stix2.js';
import { cleanBackupSpec } from '../scenarios/ios-backups.js';
import { runCliAsync } from '../support/cli-async.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { tempDirs } from '../support/temp.js';
import { hashTree } from '../support/tree-hash.js';
import { ROOT } from '../support/cli.js';
import { sha256Hex } from '../../src/indicators/bundle-bytes.js';

const newDir = tempDirs();

const SHIPPED_PEGASUS_SHA = 'df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586';
const RCS = readFileSync(join(ROOT, 'iocs', 'rcs.stix2'));
/** A "newer" Pegasus set: one domain the clean backup's SMS happens to mention, one new. */
const PEGASUS = stixBundle('Pegasus', [domainPattern('notfree247downloads.com'), domainPattern('newer-pegasus.example')]);
const INDEX = [
  'indicators:',
  '  - {type: download, name: NSO Group Pegasus Indicators of Compromise, download_url: bundles/pegasus.stix2}',
  '  - {type: download, name: RCS Lab Spyware Indicators of Compromise, download_url: bundles/rcs.stix2}',
  '  - {type: download, name: Candiru, download_url: bundles/candiru.stix2}',
  '  - {type: download, name: KingSpawn, download_url: bundles/kingspawn.stix2}',
  '',
].join('\n');

interface ListJson {
  total: number;
  cache: { folder: string; index: string | null; updated: string | null };
  bundles: {
    file: string;
    origin: string;
    sha256: string;
    source: { url: string; downloaded: string; supersedes: { file: string; sha256: string } | null } | null;
    total: number;
  }[];
}

describe('exhibit iocs update, list and check with the indicator cache', () => {
  let server: FeedServer;
  const data = newDir();
  const env = { EXHIBIT_DATA_DIR: data };
  const cache = join(data, 'indicators');
  const mirror = (text: string): string => text.replaceAll(server.base, 'http://mirror');

  beforeAll(async () => {
    server = await startFeedServer({
      '/feed/indicators.yaml': { body: INDEX },
      '/feed/bundles/pegasus.stix2': { body: PEGASUS },
      '/feed/bundles/rcs.stix2': { body: RCS },
      '/feed/bundles/kingspawn.stix2': { truncated: readFileSync(join(ROOT, 'iocs', 'kingspawn.stix2')), after: 4096 },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('updates what it can, says what failed, and exits 3', async () => {
    const run = await runCliAsync(['iocs', 'update', '--index', server.url('/feed/indicators.yaml')], { env });
    expect(run.stderr).toBe('');
    expect(mirror(run.stdout)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 4 bundles listed',
        '  pegasus.stix2: new, 2 indicators',
        '  rcs.stix2: new, 40 indicators',
        '  candiru.stix2: failed, HTTP 404 Not Found; nothing is cached for it',
        '  kingspawn.stix2: failed, the download broke off after 4096 of 170104 bytes; nothing is cached for it',
        '2 new, 0 updated, 0 unchanged, 2 failed.',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(3);
  });

  it('lists the cached bundles with their URL and time, in place of the shipped ones of the same name', async () => {
    const run = await runCliAsync(['iocs', 'list', '--json'], { env });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const list = JSON.parse(run.stdout) as ListJson;
    expect(list.cache).toEqual({ folder: cache, index: server.url('/feed/indicators.yaml'), updated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const cached = list.bundles.filter((bundle) => bundle.origin === 'cache');
    expect(cached.map((bundle) => [bundle.file, bundle.sha256, bundle.source?.url, bundle.source?.supersedes])).toEqual([
      ['pegasus.stix2', sha256Hex(Buffer.from(PEGASUS)), server.url('/feed/bundles/pegasus.stix2'), { file: 'pegasus.stix2', sha256: SHIPPED_PEGASUS_SHA }],
      ['rcs.stix2', sha256Hex(RCS), server.url('/feed/bundles/rcs.stix2'), { file: 'rcs.stix2', sha256: sha256Hex(RCS) }],
    ]);
    expect(list.bundles.filter((bundle) => bundle.file === 'pegasus.stix2' || bundle.file === 'rcs.stix2').map((b) => b.origin)).toEqual([
      'cache',
      'cache',
    ]);
    expect(list.bundles).toHaveLength(15);
    expect(list.bundles.find((bundle) => bundle.file === 'candiru.stix2')?.origin).toBe('shipped');
    expect(list.total).toBe(5367 - 1549 + 2);

    const text = await runCliAsync(['iocs', 'list'], { env });
    const lines = mirror(text.stdout).split('\n');
    const at = lines.indexOf('pegasus.stix2 (cache) Pegasus');
    expect(lines.slice(at, at + 4)).toEqual([
      'pegasus.stix2 (cache) Pegasus',
      expect.stringMatching(
        new RegExp(
          `^  cached from http://mirror/feed/bundles/pegasus\\.stix2, downloaded \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z; replaces the shipped pegasus\\.stix2 \\(sha256 ${SHIPPED_PEGASUS_SHA}\\)$`,
        ),
      ),
      `  sha256 ${sha256Hex(Buffer.from(PEGASUS))}`,
      '  2 indicators: domain 2',
    ]);
    expect(lines).toContain('candiru.stix2 (shipped) Candiru');
    expect(lines.at(-2)).toMatch(
      new RegExp(`^Indicator cache .*: 2 bundles, last updated .*Z from http://mirror/feed/indicators\\.yaml; a cached bundle replaces the shipped bundle of the same file name\\.$`),
    );
  });

  it('checks a backup with the cached indicators, offline', async () => {
    const backup = buildIosBackup(newDir(), cleanBackupSpec());
    const out = join(newDir(), 'results');
    const run = await runCliAsync(['check', backup, '--output', out, '--no-progress'], { env });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as {
      indicators: { file: string; sha256: string; origin: string; indicators: number }[];
      findings: { rule: { id: string }; matched: { value: string }; indicator?: { bundle: { file: string; sha256: string } } }[];
    };
    expect(findings.findings.map((f) => [f.rule.id, f.matched.value, f.indicator?.bundle])).toEqual([
      ['ios.sms.link-indicator', 'https://notfree247downloads.com/', { file: 'pegasus.stix2', sha256: sha256Hex(Buffer.from(PEGASUS)) }],
    ]);
    expect(findings.indicators.find((bundle) => bundle.file === 'pegasus.stix2')).toEqual({
      file: 'pegasus.stix2',
      sha256: sha256Hex(Buffer.from(PEGASUS)),
      origin: 'cache',
      indicators: 2,
    });
    // Without the cache the same backup is clean: the finding came from the cached bundle alone.
    const without = await runCliAsync(['check', backup, '--output', join(newDir(), 'results'), '--no-progress'], {
      env: { EXHIBIT_DATA_DIR: join(newDir(), 'empty') },
    });
    expect(without.status).toBe(0);
  });

  it('exits 0 once every bundle updates, reporting unchanged ones', async () => {
    server.serve({
      '/feed/indicators.yaml': { body: INDEX },
      '/feed/bundles/pegasus.stix2': { body: PEGASUS },
      '/feed/bundles/rcs.stix2': { body: RCS },
      '/feed/bundles/candiru.stix2': { body: readFileSync(join(ROOT, 'iocs', 'candiru.stix2')) },
      '/feed/bundles/kingspawn.stix2': { body: readFileSync(join(ROOT, 'iocs', 'kingspawn.stix2')) },
    });
    const run = await runCliAsync(['iocs', 'update', '--index', server.url('/feed/indicators.yaml')], { env });
    expect(mirror(run.stdout)).toBe(
      [
        'Indicator index http://mirror/feed/indicators.yaml: 4 bundles listed',
        '  pegasus.stix2: unchanged, 2 indicators',
        '  rcs.stix2: unchanged, 40 indicators',
        '  candiru.stix2: new, 125 indicators',
        '  kingspawn.stix2: new, 167 indicators',
        '2 new, 0 updated, 2 unchanged, 0 failed.',
        '',
      ].join('\n'),
    );
    expect(run.status).toBe(0);
  });

  it('exits 2 with one sentence, changing nothing, when the index is unusable', async () => {
    const before = hashTree(cache);
    server.serve({ '/feed/indicators.yaml': { body: 'indicators: [unclosed\n' } });
    const notYaml = await runCliAsync(['iocs', 'update', '--index', server.url('/feed/indicators.yaml')], { env });
    expect([notYaml.status, notYaml.stdout, mirror(notYaml.stderr)]).toEqual([
      2,
      '',
      'exhibit: The indicator index http://mirror/feed/indicators.yaml is not a usable indicators.yaml (not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1); check the --index URL.\n',
    ]);
    const plainHttp = await runCliAsync(['iocs', 'update', '--index', 'http://mirror.example/indicators.yaml'], { env });
    expect([plainHttp.status, plainHttp.stderr]).toEqual([
      2,
      'exhibit: The indicator index http://mirror.example/indicators.yaml could not be downloaded (plain http is accepted only for a loopback address (127.0.0.1, ::1, localhost); use https); check the network connection or the --index URL and try again.\n',
    ]);
    const badTimeout = await runCliAsync(['iocs', 'update', '--timeout', 'soon'], { env });
    expect([badTimeout.status, badTimeout.stderr]).toEqual([2, "exhibit: --timeout must be a number of seconds between 0 and 3600, not 'soon'.\n"]);
    expect(hashTree(cache)).toEqual(before);
  });

  it('documents the loopback exception, the cache folder and the exit codes in its help', async () => {
    const help = await runCliAsync(['iocs', 'update', '--help'], { env });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--index <url>');
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('(default: "https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml")');
    expect(flat).toContain('Plain http is accepted only for loopback addresses (127.0.0.0/8, ::1, localhost), to serve a local mirror.');
    expect(flat).toContain('The cache is $EXHIBIT_DATA_DIR/indicators, or the user\'s data folder');
    expect(flat).toContain('3 some bundles failed (their cached copies are kept) while the others were updated.');
  });
});
