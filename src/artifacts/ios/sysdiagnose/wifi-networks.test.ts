import { describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../../test/support/tree-extraction.js';
import { sysdiagnoseFiles } from '../../../../test/builders/sysdiagnose.js';
import { binaryPlist } from '../../../../test/builders/ios-backup.js';
import { sysdiagnoseWifiNetworksExtractor } from './wifi-networks.js';

const KNOWN = 'WiFi/com.apple.wifi.known-networks.plist';
const LEGACY = 'WiFi/com.apple.wifi.plist';

describe('sysdiagnose Wi-Fi networks extractor', () => {
  it('reads known networks with their access points and times, and the older list', async () => {
    const tree = sysdiagnoseFiles({
      knownNetworks: [
        {
          ssid: 'Hotel Lobby',
          bssids: ['AA:BB:CC:DD:EE:FF', '00:11:22:33:44:55'],
          addedAt: new Date('2025-12-30T22:00:00Z'),
          joinedBySystemAt: new Date('2025-12-31T07:00:00Z'),
          captive: true,
        },
      ],
      legacyNetworks: [{ ssid: 'OldCafe', bssid: '0:1:2:3:4:5', lastJoined: new Date('2020-05-01T12:00:00Z'), lastAutoJoined: new Date('2020-05-02T08:00:00Z') }],
    });
    const { records, issues } = await extractFromTree(tree, 'ios-sysdiagnose', sysdiagnoseWifiNetworksExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['ssid'], r.origin.locator])).toEqual([
      [KNOWN, 'HomeNet', { kind: 'plist', keyPath: ['wifi.network.ssid.HomeNet'] }],
      [KNOWN, 'Hotel Lobby', { kind: 'plist', keyPath: ['wifi.network.ssid.Hotel Lobby'] }],
      [LEGACY, 'OldCafe', { kind: 'plist', keyPath: ['List of known networks', '0'] }],
    ]);
    expect(records[0]?.artifact).toBe('sysdiagnose_wifi_networks');
    expect(records[0]?.fields).toEqual({
      source_format: 'known-networks',
      ssid: 'HomeNet',
      bssids: ['a4:2b:b0:11:22:33'],
      added_at: '2025-03-01T18:00:00.000000Z',
      joined_by_user_at: '2025-03-01T18:00:05.000000Z',
      joined_by_system_at: '2026-01-02T06:30:00.000000Z',
      updated_at: '2026-01-02T06:30:01.000000Z',
      last_joined_at: null,
      last_auto_joined_at: null,
      hidden: false,
      captive: null,
      add_reason: 'UserJoin',
    });
    expect(records[0]?.times).toEqual([
      { at: '2025-03-01T18:00:00.000000Z', meaning: 'network added' },
      { at: '2025-03-01T18:00:05.000000Z', meaning: 'joined by the user' },
      { at: '2026-01-02T06:30:00.000000Z', meaning: 'joined automatically' },
      { at: '2026-01-02T06:30:01.000000Z', meaning: 'last updated' },
    ]);
    expect([records[1]?.fields['bssids'], records[1]?.fields['captive']]).toEqual([['00:11:22:33:44:55', 'aa:bb:cc:dd:ee:ff'], true]);
    expect(records[2]?.fields).toEqual({
      source_format: 'legacy',
      ssid: 'OldCafe',
      bssids: ['0:1:2:3:4:5'],
      added_at: null,
      joined_by_user_at: null,
      joined_by_system_at: null,
      updated_at: null,
      last_joined_at: '2020-05-01T12:00:00.000000Z',
      last_auto_joined_at: '2020-05-02T08:00:00.000000Z',
      hidden: false,
      captive: null,
      add_reason: null,
    });
  });

  it('shows an SSID that is not UTF-8 as hex, and names a network by its key when it has no SSID', async () => {
    const plist = binaryPlist({
      'wifi.network.ssid.Odd': { SSID: Buffer.from([0xff, 0xfe, 0x41]) },
      'wifi.network.ssid.NoBytes': { AddedAt: new Date('2025-01-01T00:00:00Z') },
    });
    const { records } = await extractFromTree(sysdiagnoseFiles({ files: { [KNOWN]: plist } }), 'ios-sysdiagnose', sysdiagnoseWifiNetworksExtractor);
    expect(records.map((r) => r.fields['ssid'])).toEqual(['NoBytes', '0xfffe41']);
  });

  it('reports a known-networks file of another shape, and reads no settings-only com.apple.wifi.plist', async () => {
    const files = { [KNOWN]: binaryPlist({ Version: 2, Networks: 'elsewhere' }), [LEGACY]: binaryPlist({ AllowEnable: 1 }) };
    const { records, issues } = await extractFromTree(sysdiagnoseFiles({ files }), 'ios-sysdiagnose', sysdiagnoseWifiNetworksExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { code: 'unsupported-schema', path: KNOWN, message: 'unsupported schema: no wifi.network.* entries and no "List of known networks" (keys: Version, Networks)' },
    ]);
  });
});
