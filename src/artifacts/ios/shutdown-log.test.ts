import { beforeAll, describe, expect, it } from 'vitest';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { inUnusualLocation, normaliseClientPath, parseShutdownLog, shutdownLogExtractor } from './shutdown-log.js';
import { shutdownLogRules } from '../../detection/rules/shutdown-log.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';
import type { ArtifactRecord } from '../types.js';

const DIAGNOSTICS = 'private/var/db/diagnostics';
const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';
const UUID = '9A1B2C3D-1111-4222-8333-444455556666';
const APP_UUID = '0F1E2D3C-5555-4666-8777-888899990000';

/**
 * Three shutdowns: Pegasus's rolexd at the first (after a client listed before any notice),
 * KingsPawn's subridged holding up the second for three notices beside near misses, and a
 * Coruna binary in a shutdown the file ends before its SIGTERM.
 */
const OLDER_LOG = [
  'remaining client pid: 1042 (/usr/libexec/mobileassetd)',
  'After 0.56s, these clients are still here:',
  '\tremaining client pid: 1042 (/usr/libexec/mobileassetd)',
  `\tremaining client pid: 2211 (${STAGING}/rolexd)`,
  'SIGTERM: [1626512345]',
  'After 0.10s, these clients are still here:',
  `\t\tremaining client pid: 310 (${STAGING}/subridged)`,
  '\t\tremaining client pid: 55 (/usr/libexec/bhx)',
  'After 1.10s, these clients are still here:',
  `\t\tremaining client pid: 310 (${STAGING}/subridged)`,
  'After 2.10s, these clients are still here:',
  `\t\tremaining client pid: 310 (${STAGING}/subridged)`,
  '\t\tremaining client pid: 77 (/private/var/tmp2/hooker)',
  'SIGTERM: [1626598745] All buffers flushed',
  'After 0.05s, these clients are still here:',
  '\t\tremaining client pid: 401 (/private/var/tmp/relaunch)',
  '',
].join('\n');

/** iOS 26: a rotated file, CRLF line ends and a UUID after each binary's path. */
const ROTATED_LOG = [
  'After 0.54s, these clients are still here:',
  '\t\tremaining client pid: 812 (/private/var/tmp/UserEventAgent)',
  `\t\tremaining client pid: 95 (/private/var/tmp/hooker/${UUID})`,
  `\t\tremaining client pid: 96 (/usr/sbin/filecoordinationd/${UUID.toLowerCase()})`,
  `\t\tremaining client pid: 97 (/private/var/containers/Bundle/Application/${APP_UUID}/Reader.app/Reader)`,
  'SIGTERM: [1700000000] All buffers flushed',
  '',
].join('\r\n');

function dump(files: Record<string, string>) {
  return fsDumpTree({ nodes: Object.entries(files).map(([name, content]) => ({ path: `${DIAGNOSTICS}/${name}`, content })) });
}

function summary(records: ArtifactRecord[]): unknown[] {
  return records.map((r) =>
    r.fields['kind'] === 'client'
      ? [r.fields['log_file'], r.fields['shutdown_index'], r.fields['client_path_normalised'], r.origin.locator]
      : [r.fields['log_file'], r.fields['shutdown_index'], 'shutdown', r.origin.locator],
  );
}

describe('parseShutdownLog', () => {
  it('groups clients up to the SIGTERM that closes their shutdown, and keeps a trailing group without time', () => {
    const shutdowns = parseShutdownLog(OLDER_LOG);
    expect(shutdowns.map((s) => [s.index, s.sigtermUnix, s.sigtermLine, s.lastLine, s.delayNotices, s.lastDelaySeconds, s.clients.length])).toEqual([
      [1, 1626512345, 5, 5, 1, 0.56, 2],
      [2, 1626598745, 14, 14, 3, 2.1, 3],
      [3, null, null, 16, 1, 0.05, 1],
    ]);
    expect(shutdowns[1]?.clients).toEqual([
      { pid: 310, path: `${STAGING}/subridged`, firstLine: 7, delaySeconds: 2.1, timesDelayed: 3 },
      { pid: 55, path: '/usr/libexec/bhx', firstLine: 8, delaySeconds: 0.1, timesDelayed: 1 },
      { pid: 77, path: '/private/var/tmp2/hooker', firstLine: 13, delaySeconds: 2.1, timesDelayed: 1 },
    ]);
  });

  it('counts a client listed before any notice without a delay', () => {
    expect(parseShutdownLog(OLDER_LOG)[0]?.clients[0]).toEqual({
      pid: 1042,
      path: '/usr/libexec/mobileassetd',
      firstLine: 1,
      delaySeconds: 0.56,
      timesDelayed: 1,
    });
    expect(parseShutdownLog('remaining client pid: 7 (/usr/libexec/a)\nSIGTERM: [1626512345]\n')[0]?.clients).toEqual([
      { pid: 7, path: '/usr/libexec/a', firstLine: 1, delaySeconds: null, timesDelayed: 0 },
    ]);
  });

  it('reads the older `@<unix>` time, and a SIGTERM without a readable time closes a shutdown with none', () => {
    const shutdowns = parseShutdownLog('remaining client pid: 1 (/a)\nSIGTERM: waited @1626512345 for clients\nremaining client pid: 2 (/b)\nSIGTERM: [soon]\n');
    expect(shutdowns.map((s) => [s.sigtermUnix, s.sigtermLine, s.clients.map((c) => c.path)])).toEqual([
      [1626512345, 2, ['/a']],
      [null, 4, ['/b']],
    ]);
  });

  it('yields nothing for an empty log or one with SIGTERM lines only', () => {
    expect(parseShutdownLog('')).toEqual([]);
    expect(parseShutdownLog('\n\n').length).toBe(0);
    expect(parseShutdownLog('SIGTERM: [1626512345]\n').map((s) => [s.sigtermUnix, s.clients.length, s.delayNotices])).toEqual([[1626512345, 0, 0]]);
  });

  it('removes a trailing UUID component only', () => {
    expect(normaliseClientPath(`/usr/sbin/filecoordinationd/${UUID.toLowerCase()}`)).toEqual({ path: '/usr/sbin/filecoordinationd', uuid: UUID });
    expect(normaliseClientPath(`/private/var/containers/Bundle/Application/${APP_UUID}/Reader.app/Reader`)).toEqual({
      path: `/private/var/containers/Bundle/Application/${APP_UUID}/Reader.app/Reader`,
      uuid: null,
    });
    expect(normaliseClientPath(`/${UUID}`)).toEqual({ path: `/${UUID}`, uuid: null });
    expect(normaliseClientPath('/usr/libexec/9A1B2C3D-1111-4222-8333-44445555666')).toEqual({ path: '/usr/libexec/9A1B2C3D-1111-4222-8333-44445555666', uuid: null });
  });

  it('knows the data folders implants ran from, and not their look-alikes', () => {
    expect(['/private/var/db/x', '/private/var/tmp/x', '/var/db/x', '/var/tmp/x', '/tmp/x'].map(inUnusualLocation)).toEqual([true, true, true, true, true]);
    expect(['/private/var/tmp2/x', '/private/var/dbx/x', '/usr/libexec/x', '/private/var/db'].map(inUnusualLocation)).toEqual([false, false, false, false]);
  });
});

describe('shutdown_log extractor', () => {
  let index: IndicatorIndex;
  let records: ArtifactRecord[];
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
    const extracted = await extractFromTree(dump({ 'shutdown.log': OLDER_LOG, 'shutdown.0.log': ROTATED_LOG, 'shutdown.log.bak': OLDER_LOG }), 'ios-fs', shutdownLogExtractor);
    expect(extracted.issues).toEqual([]);
    records = extracted.records;
  });

  it('reads every rotation, one record per client and shutdown, each pointing at its line', () => {
    expect(summary(records)).toEqual([
      ['shutdown.0.log', 1, '/private/var/tmp/UserEventAgent', { kind: 'line', line: 2 }],
      ['shutdown.0.log', 1, '/private/var/tmp/hooker', { kind: 'line', line: 3 }],
      ['shutdown.0.log', 1, '/usr/sbin/filecoordinationd', { kind: 'line', line: 4 }],
      ['shutdown.0.log', 1, `/private/var/containers/Bundle/Application/${APP_UUID}/Reader.app/Reader`, { kind: 'line', line: 5 }],
      ['shutdown.0.log', 1, 'shutdown', { kind: 'line', line: 6 }],
      ['shutdown.log', 1, '/usr/libexec/mobileassetd', { kind: 'line', line: 1 }],
      ['shutdown.log', 1, `${STAGING}/rolexd`, { kind: 'line', line: 4 }],
      ['shutdown.log', 1, 'shutdown', { kind: 'line', line: 5 }],
      ['shutdown.log', 2, `${STAGING}/subridged`, { kind: 'line', line: 7 }],
      ['shutdown.log', 2, '/usr/libexec/bhx', { kind: 'line', line: 8 }],
      ['shutdown.log', 2, '/private/var/tmp2/hooker', { kind: 'line', line: 13 }],
      ['shutdown.log', 2, 'shutdown', { kind: 'line', line: 14 }],
      ['shutdown.log', 3, '/private/var/tmp/relaunch', { kind: 'line', line: 16 }],
      ['shutdown.log', 3, 'shutdown', { kind: 'line', line: 16 }],
    ]);
    expect(new Set(records.map((r) => r.origin.path))).toEqual(new Set([`${DIAGNOSTICS}/shutdown.0.log`, `${DIAGNOSTICS}/shutdown.log`]));
  });

  it('describes a client with its delays and the UUID iOS 26 appended', () => {
    const hooker = records[1];
    expect(hooker?.fields).toEqual({
      kind: 'client',
      log_file: 'shutdown.0.log',
      shutdown_index: 1,
      sigterm_at: '2023-11-14T22:13:20.000000Z',
      pid: 95,
      client_path: `/private/var/tmp/hooker/${UUID}`,
      client_path_normalised: '/private/var/tmp/hooker',
      binary_uuid: UUID,
      process: 'hooker',
      delay_seconds: 0.54,
      times_delayed: 1,
      delays_before_sigterm: 1,
      in_unusual_location: true,
    });
    expect(hooker?.times).toEqual([{ at: '2023-11-14T22:13:20.000000Z', meaning: 'shutdown' }]);
    expect(hooker?.origin.sha256).toMatch(/^[0-9a-f]{64}$/);

    const subridged = records[8];
    expect(subridged?.fields).toMatchObject({ pid: 310, delay_seconds: 2.1, times_delayed: 3, delays_before_sigterm: 3, binary_uuid: null, process: 'subridged' });
  });

  it('describes each shutdown, and a trailing one without SIGTERM keeps no time', () => {
    expect(records[11]?.fields).toEqual({
      kind: 'shutdown',
      log_file: 'shutdown.log',
      shutdown_index: 2,
      sigterm_at: '2021-07-18T08:59:05.000000Z',
      sigterm_found: true,
      delays_before_sigterm: 3,
      last_delay_seconds: 2.1,
      client_count: 3,
    });
    expect(records[12]?.fields).toMatchObject({ sigterm_at: null, delay_seconds: 0.05, times_delayed: 1 });
    expect(records[12]?.times).toEqual([]);
    expect(records[13]?.fields).toMatchObject({ kind: 'shutdown', sigterm_found: false, sigterm_at: null, client_count: 1 });
  });

  it('raises the planted binaries, the data folders as leads and the delayed reboot, and nothing on near misses', () => {
    const detector = new Detector(shutdownLogRules, index);
    const fired = records.flatMap((record) =>
      detector.inspect(record).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.confidence, f.indicator?.value ?? null]),
    );
    expect(fired).toEqual([
      ['ios.shutdown-log.file-path', 'client_path_normalised', '/private/var/tmp/UserEventAgent', 'critical', 'high', '/private/var/tmp/UserEventAgent'],
      ['ios.shutdown-log.unusual-location', 'client_path_normalised', '/private/var/tmp/UserEventAgent', 'medium', 'low', null],
      // Without iOS 26's UUID the binary's path is the indicator itself, not a folder above it.
      ['ios.shutdown-log.file-path', 'client_path_normalised', '/private/var/tmp/hooker', 'critical', 'high', '/private/var/tmp/hooker'],
      ['ios.shutdown-log.unusual-location', 'client_path_normalised', '/private/var/tmp/hooker', 'medium', 'low', null],
      ['ios.shutdown-log.process-in-path', 'client_path_normalised', `${STAGING}/rolexd`, 'critical', 'medium', 'rolexd'],
      ['ios.shutdown-log.unusual-location', 'client_path_normalised', `${STAGING}/rolexd`, 'medium', 'low', null],
      ['ios.shutdown-log.file-path', 'client_path_normalised', `${STAGING}/subridged`, 'critical', 'high', `${STAGING}/subridged`],
      ['ios.shutdown-log.unusual-location', 'client_path_normalised', `${STAGING}/subridged`, 'medium', 'low', null],
      ['ios.shutdown-log.many-delays', 'delays_before_sigterm', '3', 'low', 'low', null],
      ['ios.shutdown-log.file-path', 'client_path_normalised', '/private/var/tmp/relaunch', 'critical', 'high', '/private/var/tmp/relaunch'],
      ['ios.shutdown-log.unusual-location', 'client_path_normalised', '/private/var/tmp/relaunch', 'medium', 'low', null],
    ]);
    const hooker = detector.inspect(records[1]!).find((f) => f.rule.id === 'ios.shutdown-log.file-path');
    expect(hooker?.indicator?.how).toBe('exact');
    expect(hooker?.explanation).toBe(
      'shutdown.0.log lists the process /private/var/tmp/hooker (pid 95) still running at the shutdown of 2023-11-14T22:13:20.000000Z, and its path matches the Predator indicator "/private/var/tmp/hooker" (predator.stix2).',
    );
  });

  it('reads the copies a sysdiagnose holds, including a log with no SIGTERM at all', async () => {
    const noSigterm = 'After 0.20s, these clients are still here:\n\tremaining client pid: 812 (/private/var/tmp/UserEventAgent)\n';
    const tree = {
      nodes: [
        { path: 'system_logs.logarchive/Extra/shutdown.0.log', content: noSigterm },
        { path: 'system_logs.logarchive/Extra/shutdown.log', content: 'SIGTERM: [1626512345]\n' },
        { path: 'private/var/db/diagnostics/shutdown.log', content: OLDER_LOG },
      ],
    };
    const { records: found, issues } = await extractFromTree(tree, 'ios-sysdiagnose', shutdownLogExtractor);
    expect(issues).toEqual([]);
    expect(found.map((r) => [r.origin.path, r.fields['kind'], r.fields['client_path'] ?? null, r.fields['sigterm_at']])).toEqual([
      ['system_logs.logarchive/Extra/shutdown.0.log', 'client', '/private/var/tmp/UserEventAgent', null],
      ['system_logs.logarchive/Extra/shutdown.0.log', 'shutdown', null, null],
      ['system_logs.logarchive/Extra/shutdown.log', 'shutdown', null, '2021-07-17T08:59:05.000000Z'],
    ]);
  });

  it('yields nothing when the dump has no shutdown.log', async () => {
    const { records: found, issues } = await extractFromTree(fsDumpTree({ nodes: [] }), 'ios-fs', shutdownLogExtractor);
    expect(found).toEqual([]);
    expect(issues).toEqual([]);
  });
});
