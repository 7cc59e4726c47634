import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { MI_CONTAINER, MI_INSTALL, MI_UNINSTALL, sysdiagnoseFiles, timeZoneOf, type LogLineSpec } from '../../../../test/builders/sysdiagnose.js';
import { sysdiagnoseMobileInstallationExtractor } from './mobile-installation.js';
import { SYSDIAGNOSE_RULES } from '../../../detection/rules/sysdiagnose.js';
import { Detector } from '../../../detection/engine.js';
import { loadIndicatorSet } from '../../../indicators/load.js';

const BUNDLE = '/private/var/containers/Bundle/Application/AAAAAAAA-1111-4222-8333-444455556666';
const PATH = 'logs/MobileInstallation/mobile_installation.log.0';

/** NoviSpy's app installed from a Pegasus domain at the request of `bh`, then removed; and near-misses. */
const PLANTED: LogLineSpec[] = [
  { at: '2026-01-01T21:00:00', function: MI_INSTALL, message: 'Install of "https://dl.weather4free.com/app.ipa" type Customer (LSInstallType = (null)) requested by bh (pid 811)' },
  { at: '2026-01-01T21:00:02', function: MI_CONTAINER, message: `Made container live for com.gu.activity at ${BUNDLE}` },
  { at: '2026-01-01T21:00:03', function: MI_INSTALL, message: 'Install Successful for (com.gu.activity); Staging: 0.01s; Overall: 0.90s' },
  { at: '2026-01-01T21:00:04', function: '-[MIContainer _refreshUUIDForContainer:]', message: 'Data container for com.gu.activity is now at /private/var/mobile/Containers/Data/Application/BBBBBBBB-1111-4222-8333-444455556666' },
  '    with options { LSInstallType = 1 }',
  { at: '2026-01-01T22:30:00', function: MI_UNINSTALL, message: 'Uninstalling identifier com.gu.activity' },
  { at: '2026-01-01T22:30:01', function: '-[MIUninstaller _destroyContainer:]', message: `Destroying container com.gu.activity at ${BUNDLE}` },
  { at: '2026-01-01T23:00:00', function: MI_INSTALL, message: 'Attempting Delta patch update of org.whispersystems.signal from version 7.1 to 7.2.' },
  { at: '2026-01-01T23:10:00', function: MI_CONTAINER, message: 'Made container live for com.example.helper at /private/var/tmp/msgacntd/Helper.app' },
  // Near-misses: an app id one letter longer, a process name one letter longer.
  { at: '2026-01-01T23:20:00', function: MI_INSTALL, message: 'Install Successful for (com.gu.activityx); Overall: 0.50s' },
  { at: '2026-01-01T23:20:01', function: MI_INSTALL, message: 'Install of "/var/mobile/Downloads/x.ipa" type Developer requested by bhx (pid 900)' },
  'Fri Jan  2 10:1',
  'garbage that is not a log entry',
];

function tree() {
  return sysdiagnoseFiles({ installationLog: PLANTED });
}

describe('sysdiagnose MobileInstallation extractor', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(SYSDIAGNOSE_RULES, await loadIndicatorSet({ includeShipped: true }));
  });

  it('yields installs, updates and removals with their bundle ids and paths', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseMobileInstallationExtractor, { timeZone: timeZoneOf('+0530') });
    expect(records.map((r) => [r.fields['event'], r.fields['bundle_id'], r.fields['path'], r.times[0]?.at])).toEqual([
      ['install-requested', null, '/var/mobile/Library/Downloads/org.whispersystems.signal/extracted', '2026-01-02T02:30:01.000000Z'],
      ['container-live', 'org.whispersystems.signal', '/private/var/containers/Bundle/Application/5D1C1A8E-3F7B-4C1E-9A66-0D4B2E7F1C11', '2026-01-02T02:30:03.000000Z'],
      ['install-successful', 'org.whispersystems.signal', null, '2026-01-02T02:30:04.000000Z'],
      ['install-requested', null, null, '2026-01-01T15:30:00.000000Z'],
      ['container-live', 'com.gu.activity', BUNDLE, '2026-01-01T15:30:02.000000Z'],
      ['install-successful', 'com.gu.activity', null, '2026-01-01T15:30:03.000000Z'],
      ['data-container', 'com.gu.activity', '/private/var/mobile/Containers/Data/Application/BBBBBBBB-1111-4222-8333-444455556666', '2026-01-01T15:30:04.000000Z'],
      ['uninstall', 'com.gu.activity', null, '2026-01-01T17:00:00.000000Z'],
      ['container-destroyed', 'com.gu.activity', BUNDLE, '2026-01-01T17:00:01.000000Z'],
      ['update', 'org.whispersystems.signal', null, '2026-01-01T17:30:00.000000Z'],
      ['container-live', 'com.example.helper', '/private/var/tmp/msgacntd/Helper.app', '2026-01-01T17:40:00.000000Z'],
      ['install-successful', 'com.gu.activityx', null, '2026-01-01T17:50:00.000000Z'],
      ['install-requested', null, '/var/mobile/Downloads/x.ipa', '2026-01-01T17:50:01.000000Z'],
    ]);
    expect(issues).toEqual([
      { code: 'corrupt', path: PATH, message: `2 line(s) of ${PATH} are not log entries (first: line 16); the other entries were read` },
    ]);
    const fromUrl = records[3];
    expect(fromUrl?.artifact).toBe('sysdiagnose_mobile_installation');
    expect(fromUrl?.fields).toEqual({
      event: 'install-requested',
      bundle_id: null,
      path: null,
      placeholder: null,
      requested_by: 'bh',
      install_type: 'Customer',
      from_version: null,
      to_version: null,
      urls: ['https://dl.weather4free.com/app.ipa'],
      pid: 123,
      level: 'notice',
      function: MI_INSTALL,
      message: 'Install of "https://dl.weather4free.com/app.ipa" type Customer (LSInstallType = (null)) requested by bh (pid 811)',
      local_time: '2026-01-01T21:00:00',
      time_zone: '+0530',
    });
    expect(fromUrl?.times).toEqual([{ at: '2026-01-01T15:30:00.000000Z', meaning: 'recorded' }]);
    expect(fromUrl?.origin).toMatchObject({ path: PATH, stored: PATH, locator: { kind: 'line', line: 5 } });
    expect(records[6]?.fields['message']).toBe(
      'Data container for com.gu.activity is now at /private/var/mobile/Containers/Data/Application/BBBBBBBB-1111-4222-8333-444455556666\n    with options { LSInstallType = 1 }',
    );
    expect(records[2]?.fields['placeholder']).toBe(true);
    expect(records[5]?.fields['placeholder']).toBe(false);
    expect([records[9]?.fields['from_version'], records[9]?.fields['to_version']]).toEqual(['7.1', '7.2']);
  });

  it('converts the phone\'s local times with a zone west of UTC', async () => {
    const { records } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseMobileInstallationExtractor, { timeZone: timeZoneOf('-0800') });
    expect(records[0]?.times).toEqual([{ at: '2026-01-02T16:00:01.000000Z', meaning: 'recorded' }]);
    expect(records[0]?.fields['time_zone']).toBe('-0800');
  });

  it('keeps local times off the timeline when no zone is known, and says so once', async () => {
    const { records, issues } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseMobileInstallationExtractor);
    expect(records).toHaveLength(13);
    expect(records[0]?.times).toEqual([]);
    expect([records[0]?.fields['local_time'], records[0]?.fields['time_zone']]).toEqual(['2026-01-02T08:00:01', null]);
    expect(issues.map((issue) => issue.code)).toEqual(['skipped', 'corrupt']);
    expect(issues[0]?.message).toBe(`${PATH} writes local times without a zone and the sysdiagnose's name gives none; they are kept as written and left off the timeline`);
  });

  it('flags the spyware app, its requester and its download domain, not the near-misses', async () => {
    const { records } = await extractFromTree(tree(), 'ios-sysdiagnose', sysdiagnoseMobileInstallationExtractor, { timeZone: timeZoneOf('+0100') });
    const findings = records.flatMap((record) => detector.inspect(record)).map((f) => [f.rule.id, f.matched.value, f.severity, f.indicator?.malware ?? null]);
    expect(findings).toEqual([
      ['ios.sysdiagnose-installation.requested-by', 'bh', 'critical', 'Pegasus'],
      ['ios.sysdiagnose-installation.url', 'https://dl.weather4free.com/app.ipa', 'critical', 'Pegasus'],
      ['ios.sysdiagnose-installation.app-id', 'com.gu.activity', 'critical', 'NoviSpy'],
      ['ios.sysdiagnose-installation.app-id', 'com.gu.activity', 'critical', 'NoviSpy'],
      ['ios.sysdiagnose-installation.app-id', 'com.gu.activity', 'critical', 'NoviSpy'],
      ['ios.sysdiagnose-installation.app-id', 'com.gu.activity', 'critical', 'NoviSpy'],
      ['ios.sysdiagnose-installation.app-id', 'com.gu.activity', 'critical', 'NoviSpy'],
      ['ios.sysdiagnose-installation.process-in-path', '/private/var/tmp/msgacntd/Helper.app', 'critical', 'Pegasus'],
    ]);
  });
});
