import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { mcProfileEventsPlist } from '../../../test/builders/ios/system-plists.js';
import { profileEventsExtractor } from './profile-events.js';
import { CONFIGURATION_PROFILES_DOMAIN } from './configuration-profiles.js';
import { profileEventsRules } from '../../detection/rules/profile-events.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const PATH = 'Library/ConfigurationProfiles/MCProfileEvents.plist';
const PREDATOR_UUID = '76DAB334-7E17-475D-A5D6-0794EB5818A5';

describe('profile_events extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  const events = mcProfileEventsPlist([
    { profileId: 'org.example.mdm', timestamp: new Date('2020-01-02T03:04:05Z'), operation: 'install', process: 'dmd' },
    { profileId: PREDATOR_UUID, timestamp: new Date('2021-06-20T08:30:00Z'), operation: 'install', process: 'profiled', capitalised: true },
    { profileId: 'com.example.vpn', timestamp: new Date('2021-06-21T09:00:00Z'), operation: 'remove', process: '/private/var/tmp/hooker' },
    { profileId: 'com.example.other', timestamp: new Date('2021-06-22T09:00:00Z'), operation: 'install', process: 'bh' },
  ]);

  it('yields one record per event, inner keys read case-insensitively', async () => {
    const { records, issues } = await extractFromBackup(
      { files: [{ domain: CONFIGURATION_PROFILES_DOMAIN, relativePath: PATH, content: events }] },
      profileEventsExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      { event_index: 0, profile_id: 'org.example.mdm', operation: 'install', process: 'dmd', process_name: 'dmd' },
      { event_index: 1, profile_id: PREDATOR_UUID, operation: 'install', process: 'profiled', process_name: 'profiled' },
      { event_index: 2, profile_id: 'com.example.vpn', operation: 'remove', process: '/private/var/tmp/hooker', process_name: 'hooker' },
      { event_index: 3, profile_id: 'com.example.other', operation: 'install', process: 'bh', process_name: 'bh' },
    ]);
    expect(records[1]!.times).toEqual([{ at: '2021-06-20T08:30:00.000000Z', meaning: 'profile install' }]);
    expect(records[2]!.times).toEqual([{ at: '2021-06-21T09:00:00.000000Z', meaning: 'profile remove' }]);
    expect(records[1]!.origin).toMatchObject({
      path: `${CONFIGURATION_PROFILES_DOMAIN}/${PATH}`,
      stored: 'ae/aeb25de285ea542f7ac7c2070cddd1961e369df1',
      locator: { kind: 'plist', keyPath: ['ProfileEvents', '1', PREDATOR_UUID] },
    });
  });

  it('flags every event low, and matches the profile id, process name and process path', async () => {
    const { records } = await extractFromBackup(
      { files: [{ domain: CONFIGURATION_PROFILES_DOMAIN, relativePath: PATH, content: events }] },
      profileEventsExtractor,
    );
    const detector = new Detector(profileEventsRules, index);
    expect(records.map((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.value, f.severity]))).toEqual([
      [['ios.profile_events.event', 'org.example.mdm', 'low']],
      [
        ['ios.profile_events.profile-id', PREDATOR_UUID, 'critical'],
        ['ios.profile_events.event', PREDATOR_UUID, 'low'],
      ],
      [
        ['ios.profile_events.file-path', '/private/var/tmp/hooker', 'critical'],
        ['ios.profile_events.event', 'com.example.vpn', 'low'],
      ],
      [
        ['ios.profile_events.process', 'bh', 'critical'],
        ['ios.profile_events.event', 'com.example.other', 'low'],
      ],
    ]);
  });

  it('finds the file in any domain, reads every key of an event and keeps events without details', async () => {
    const odd = binaryPlist({
      ProfileEvents: [{ 'a.one': { timestamp: new Date('2022-01-01T00:00:00Z') }, 'a.two': 'not a dict' }, 'not an event'],
    });
    const { records, issues } = await extractFromBackup(
      { files: [{ domain: 'SysContainerDomain-com.apple.managedconfiguration', relativePath: PATH, content: odd }] },
      profileEventsExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['profile_id'], r.fields['operation'], r.times])).toEqual([
      ['a.one', null, [{ at: '2022-01-01T00:00:00.000000Z', meaning: 'profile event' }]],
      ['a.two', null, []],
    ]);
  });

  it('reports a bad ProfileEvents value and a corrupt file', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { domain: CONFIGURATION_PROFILES_DOMAIN, relativePath: PATH, content: binaryPlist({ ProfileEvents: { x: 1 } }) },
          { domain: 'HomeDomain', relativePath: PATH, content: Buffer.from('<?xml version="1.0"?><plist><dict><key>a</key>') },
        ],
      },
      profileEventsExtractor,
    );
    expect(records).toEqual([]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'corrupt', path: `HomeDomain/${PATH}` });
    expect(issues[1]).toEqual({
      code: 'unsupported-schema',
      path: `${CONFIGURATION_PROFILES_DOMAIN}/${PATH}`,
      message: 'unsupported schema: ProfileEvents is not an array',
    });
  });
});
