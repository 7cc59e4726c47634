import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { profileStubPlist } from '../../../test/builders/ios/system-plists.js';
import { CONFIGURATION_PROFILES_DOMAIN, configurationProfilesExtractor } from './configuration-profiles.js';
import { configurationProfilesRules } from '../../detection/rules/configuration-profiles.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const DOMAIN = CONFIGURATION_PROFILES_DOMAIN;
const DIR = 'Library/ConfigurationProfiles';
const PREDATOR_UUID = '76DAB334-7E17-475D-A5D6-0794EB5818A5';
const INSTALLED = new Date('2021-06-20T08:30:00Z');

const predatorStub = profileStubPlist({
  uuid: PREDATOR_UUID,
  identifier: 'com.apple.updates.notifications',
  displayName: 'iOS Update Settings',
  description: 'Keeps notifications quiet during updates',
  organization: 'Apple Inc',
  payloadTypes: ['com.apple.notificationsettings', 'com.apple.webClip.managed'],
  installDate: INSTALLED,
});

const mdmStub = profileStubPlist(
  {
    uuid: '0C8A4F6E-2B1D-4E7A-9F00-1234567890AB',
    identifier: 'org.example.mdm',
    displayName: 'Example Corp MDM',
    organization: 'Example Corp',
    payloadTypes: ['com.apple.mdm', 'com.apple.security.scep'],
    installDate: new Date('2020-01-02T03:04:05Z'),
    signerCerts: [Buffer.from('3082', 'hex')],
    removalDisallowed: true,
  },
  'xml',
);

// MVT crashes on this one: no PayloadContent at all.
const emptyStub = profileStubPlist({ uuid: '11111111-2222-4333-8444-555555555555', identifier: 'org.example.empty' });

describe('configuration_profiles extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  const files = [
    { domain: DOMAIN, relativePath: `${DIR}/profile-1f2e3d4c5b6a.stub`, content: predatorStub },
    { domain: DOMAIN, relativePath: `${DIR}/profile-aa00bb11cc22.stub`, content: mdmStub },
    { domain: DOMAIN, relativePath: 'profile-rootlevel.stub', content: emptyStub },
    // Not profiles: other files in the same container, and a profile-named file elsewhere.
    { domain: DOMAIN, relativePath: `${DIR}/MCProfileEvents.plist`, content: binaryPlist({ ProfileEvents: [] }) },
    { domain: DOMAIN, relativePath: `${DIR}/ProfileTruth.plist`, content: binaryPlist({}) },
    { domain: 'HomeDomain', relativePath: 'Library/profile-elsewhere.stub', content: predatorStub },
  ];

  it('yields one record per profile stub anywhere in the container, and nothing else', async () => {
    const { records, issues } = await extractFromBackup({ files }, configurationProfilesExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.origin.path)).toEqual([
      `${DOMAIN}/${DIR}/profile-1f2e3d4c5b6a.stub`,
      `${DOMAIN}/${DIR}/profile-aa00bb11cc22.stub`,
      `${DOMAIN}/profile-rootlevel.stub`,
    ]);
    expect(records[0]!.fields).toEqual({
      file_name: 'profile-1f2e3d4c5b6a.stub',
      payload_uuid: PREDATOR_UUID,
      identifier: 'com.apple.updates.notifications',
      display_name: 'iOS Update Settings',
      description: 'Keeps notifications quiet during updates',
      organization: 'Apple Inc',
      profile_type: 'Configuration',
      payload_types: ['com.apple.notificationsettings', 'com.apple.webClip.managed'],
      first_payload_type: 'com.apple.notificationsettings',
      install_date: '2021-06-20T08:30:00.000000Z',
      signed: false,
      removal_disallowed: null,
    });
    expect(records[0]!.times).toEqual([{ at: '2021-06-20T08:30:00.000000Z', meaning: 'installed' }]);
    expect(records[0]!.origin.locator).toEqual({ kind: 'plist', keyPath: [] });
    expect(records[1]!.fields).toMatchObject({ signed: true, removal_disallowed: true, first_payload_type: 'com.apple.mdm' });
    expect(records[2]!.fields).toMatchObject({ payload_types: [], first_payload_type: null, install_date: null, display_name: null });
    expect(records[2]!.times).toEqual([]);
  });

  it('raises the profile indicator, the notification heuristic and an informational finding per profile', async () => {
    const { records } = await extractFromBackup({ files }, configurationProfilesExtractor);
    const detector = new Detector(configurationProfilesRules, index);
    const fired = records.map((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.value, f.severity]));
    expect(fired).toEqual([
      [
        ['ios.configuration_profiles.profile-id', PREDATOR_UUID, 'critical'],
        ['ios.configuration_profiles.notification-settings', 'com.apple.notificationsettings, com.apple.webClip.managed', 'medium'],
        ['ios.configuration_profiles.installed', 'com.apple.updates.notifications', 'informational'],
      ],
      [['ios.configuration_profiles.installed', 'org.example.mdm', 'informational']],
      [['ios.configuration_profiles.installed', 'org.example.empty', 'informational']],
    ]);
  });

  it('matches the profile id case-insensitively and only as a whole', async () => {
    const lower = profileStubPlist({ uuid: PREDATOR_UUID.toLowerCase(), identifier: 'x', payloadTypes: ['com.apple.wifi.managed'] });
    const partial = profileStubPlist({ uuid: '76DAB334', identifier: 'y', payloadTypes: ['com.apple.wifi.managed'] });
    const { records } = await extractFromBackup(
      {
        files: [
          { domain: DOMAIN, relativePath: `${DIR}/profile-lower.stub`, content: lower },
          { domain: DOMAIN, relativePath: `${DIR}/profile-partial.stub`, content: partial },
        ],
      },
      configurationProfilesExtractor,
    );
    const detector = new Detector(configurationProfilesRules, index);
    const ids = records.map((r) => detector.inspect(r).filter((f) => f.rule.type === 'indicator').map((f) => f.matched.value));
    expect(ids).toEqual([[PREDATOR_UUID.toLowerCase()], []]);
  });

  it('reports a profile that is not a dictionary or not a plist', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { domain: DOMAIN, relativePath: `${DIR}/profile-array.stub`, content: binaryPlist([1, 2]) },
          { domain: DOMAIN, relativePath: `${DIR}/profile-garbage.stub`, content: 'not a plist <' },
        ],
      },
      configurationProfilesExtractor,
    );
    expect(records).toEqual([]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toEqual({
      code: 'unsupported-schema',
      path: `${DOMAIN}/${DIR}/profile-array.stub`,
      message: 'unsupported schema: the profile plist root is not a dictionary',
    });
    expect(issues[1]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${DIR}/profile-garbage.stub` });
  });
});
