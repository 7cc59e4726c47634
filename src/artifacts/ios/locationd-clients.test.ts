import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { locationdClientsPlist, type LocationdClientSpec } from '../../../test/builders/ios/locationd-clients.js';
import { locationdClientsExtractor, splitClientKey } from './locationd-clients.js';
import { locationdClientsRules } from '../../detection/rules/locationd-clients.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const CLIENTS = { domain: 'RootDomain', relativePath: 'Library/Caches/locationd/clients.plist' };
const T = 700_000_000; // 2023-03-08T20:26:40Z in Mac-absolute seconds
const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

const SPEC: LocationdClientSpec[] = [
  { key: 'com.apple.Maps', bundleId: 'com.apple.Maps', bundlePath: '/Applications/Maps.app', times: { LocationTimeStopped: T } },
  {
    key: 'com.apple.locationd.bundle-/System/Library/LocationBundles/IonosphereHarvest.bundle',
    bundlePath: '/System/Library/LocationBundles/IonosphereHarvest.bundle',
    times: { ConsumptionPeriodBegin: T - 100, LocationTimeStopped: T + 10 },
  },
  // An older iOS key ending with ':' (Pegasus staging-folder process).
  { key: `com.apple.locationd.executable-${STAGING}/rolexd:`, executable: `${STAGING}/rolexd`, registered: `${STAGING}/rolexd` },
  // KingsPawn's process name given as the bundle id of an app-like client.
  { key: 'com.example.tracker', bundleId: 'com.apple.avcapture', authorization: 4 },
  // Predator file path, named by the key and by Executable.
  { key: 'com.apple.locationd.executable-/private/var/tmp/hooker', executable: '/private/var/tmp/hooker', registered: true },
  // Near-misses: a path beside Predator's, a process name one letter longer than Pegasus's `bh`.
  { key: 'com.apple.locationd.executable-/private/var/tmp2/hooker', executable: '/private/var/tmp2/hooker' },
  { key: 'com.apple.locationd.executable-/usr/libexec/bhx', executable: '/usr/libexec/bhx' },
];

function plist(): Buffer {
  return locationdClientsPlist(SPEC, { extra: { Version: 3, MigratedClients: 1 } });
}

describe('locationd_clients extractor', () => {
  it('reads every client dictionary with its paths and timestamps, skipping migration markers', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...CLIENTS, content: plist() }] }, locationdClientsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields['client_key'])).toEqual([
      'com.apple.Maps',
      'com.apple.locationd.bundle-/System/Library/LocationBundles/IonosphereHarvest.bundle',
      `com.apple.locationd.executable-${STAGING}/rolexd:`,
      'com.apple.locationd.executable-/private/var/tmp/hooker',
      'com.apple.locationd.executable-/private/var/tmp2/hooker',
      'com.apple.locationd.executable-/usr/libexec/bhx',
      'com.example.tracker',
    ]);
    const staging = records[2];
    expect(staging?.artifact).toBe('locationd_clients');
    expect(staging?.fields).toEqual({
      client_key: `com.apple.locationd.executable-${STAGING}/rolexd:`,
      client: `com.apple.locationd.executable-${STAGING}/rolexd`,
      client_kind: 'executable',
      process: 'rolexd',
      key_path: `${STAGING}/rolexd`,
      bundle_id: null,
      bundle_path: null,
      executable: `${STAGING}/rolexd`,
      registered: `${STAGING}/rolexd`,
      registered_flag: null,
      authorization: 2,
    });
    expect(staging?.origin).toMatchObject({
      path: 'RootDomain/Library/Caches/locationd/clients.plist',
      stored: 'a6/a690d7769cce8904ca2b67320b107c8fe5f79412',
      locator: { kind: 'plist', keyPath: [`com.apple.locationd.executable-${STAGING}/rolexd:`] },
    });
    expect(records[1]?.fields).toMatchObject({ client_kind: 'bundle', process: 'IonosphereHarvest.bundle', bundle_id: null });
    expect(records[1]?.times).toEqual([
      { at: '2023-03-08T20:25:00.000000Z', meaning: 'location consumption period began' },
      { at: '2023-03-08T20:26:50.000000Z', meaning: 'location updates stopped' },
    ]);
    expect(records[0]?.fields).toMatchObject({ client_kind: 'app', process: 'com.apple.Maps', key_path: null, bundle_id: 'com.apple.Maps' });
    expect(records[3]?.fields).toMatchObject({ registered: null, registered_flag: true });
    expect(records[6]?.fields).toMatchObject({ bundle_id: 'com.apple.avcapture', authorization: 4 });
  });

  it('reads the HomeDomain copy and XML plists', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { domain: 'HomeDomain', relativePath: 'Library/Caches/locationd/clients.plist', content: locationdClientsPlist(SPEC.slice(0, 1), { format: 'xml' }) },
        ],
      },
      locationdClientsExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['client'], r.times[0]?.at])).toEqual([
      ['HomeDomain/Library/Caches/locationd/clients.plist', 'com.apple.Maps', '2023-03-08T20:26:40.000000Z'],
    ]);
  });

  it('reports an unexpected root and a corrupt file as issues', async () => {
    let result = await extractFromBackup({ files: [{ ...CLIENTS, content: binaryPlist(['not', 'a', 'dict']) }] }, locationdClientsExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: 'RootDomain/Library/Caches/locationd/clients.plist',
        message: 'unsupported schema: the plist root is not a dictionary',
      },
    ]);
    result = await extractFromBackup({ files: [{ ...CLIENTS, content: plist().subarray(0, 60) }] }, locationdClientsExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('splits client keys', () => {
    expect(splitClientKey('com.apple.locationd.executable-/usr/libexec/y:')).toEqual({
      client: 'com.apple.locationd.executable-/usr/libexec/y',
      process: 'y',
      kind: 'executable',
      keyPath: '/usr/libexec/y',
    });
    expect(splitClientKey('com.apple.weather')).toEqual({ client: 'com.apple.weather', process: 'com.apple.weather', kind: 'app', keyPath: null });
  });
});

describe('locationd_clients rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(locationdClientsRules, await loadIndicatorSet({}));
  });

  it('flags the Pegasus process, the KingsPawn bundle id and the Predator path (high), not the near-misses', async () => {
    const { records } = await extractFromBackup({ files: [{ ...CLIENTS, content: plist() }] }, locationdClientsExtractor);
    const findings = records.flatMap((record) =>
      detector
        .inspect(record)
        .map((f) => [record.fields['client'], f.rule.id, f.severity, f.matched.field, f.matched.value, f.indicator?.value, f.indicator?.malware]),
    );
    expect(findings).toEqual([
      [`com.apple.locationd.executable-${STAGING}/rolexd`, 'ios.locationd-clients.process-indicator', 'high', 'process', 'rolexd', 'rolexd', 'Pegasus'],
      [
        'com.apple.locationd.executable-/private/var/tmp/hooker',
        'ios.locationd-clients.file-path-indicator',
        'high',
        'executable',
        '/private/var/tmp/hooker',
        '/private/var/tmp/hooker',
        'Predator',
      ],
      ['com.example.tracker', 'ios.locationd-clients.process-indicator', 'high', 'bundle_id', 'com.apple.avcapture', 'com.apple.avcapture', 'KingSpawn'],
    ]);
    expect(detector.inspect(records[6]!)[0]?.explanation).toBe(
      'locationd lists the client com.example.tracker (bundle_id "com.apple.avcapture"), which matches the KingSpawn process indicator "com.apple.avcapture" (kingspawn.stix2).',
    );
  });
});
