/**
 * The Wi-Fi networks the phone knows (`WiFi/com.apple.wifi.known-networks.plist` since
 * iOS 14, `WiFi/com.apple.wifi.plist` before): names, access points and when each was
 * added and joined. It places the phone in time (a hotel, a border post, an interrogation
 * room's network) and shows networks joined without the user, for the timeline.
 */
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, Extractor, RecordFields } from '../../types.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../../../formats/plist.js';
import { plistTime } from '../../../formats/plist-values.js';
import { ArtifactError } from '../../../errors.js';
import { eachPlistFile, makeRecord, originOf } from '../../locate.js';

export const SYSDIAGNOSE_WIFI_NETWORKS_ARTIFACT = 'sysdiagnose_wifi_networks';
export const KNOWN_NETWORKS_PATH = 'WiFi/com.apple.wifi.known-networks.plist';
export const LEGACY_WIFI_PATH = 'WiFi/com.apple.wifi.plist';
export const SYSDIAGNOSE_WIFI_NETWORKS_PATHS = [KNOWN_NETWORKS_PATH, LEGACY_WIFI_PATH] as const;

const KEY_PREFIX = 'wifi.network.ssid.';
const LEGACY_LIST = 'List of known networks';

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function flag(value: PlistValue | undefined): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** An SSID is stored as bytes; shown as UTF-8 when it is, as hex otherwise. */
function ssidOf(value: PlistValue | undefined): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (!Buffer.isBuffer(value) || value.length === 0) return null;
  const decoded = value.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(value) ? decoded : `0x${value.toString('hex')}`;
}

/** Every BSSID a network entry names, on itself, in `__OSSpecific__` or in its `BSSList`. */
function bssidsOf(entry: PlistDict): string[] {
  const found = new Set<string>();
  const add = (value: PlistValue | undefined): void => {
    const bssid = text(value);
    if (bssid) found.add(bssid.toLowerCase());
  };
  add(entry['BSSID']);
  const specific = entry['__OSSpecific__'];
  if (isPlistDict(specific)) add(specific['BSSID']);
  const list = entry['BSSList'];
  if (Array.isArray(list)) for (const bss of list) if (isPlistDict(bss)) add(bss['BSSID']);
  return [...found].sort();
}

function knownNetworkRecord(key: string, entry: PlistDict, digest: FileDigest): ArtifactRecord {
  const times = {
    added_at: plistTime(entry['AddedAt']),
    joined_by_user_at: plistTime(entry['JoinedByUserAt']),
    joined_by_system_at: plistTime(entry['JoinedBySystemAt']),
    updated_at: plistTime(entry['UpdatedAt']),
  };
  const fields: RecordFields = {
    source_format: 'known-networks',
    ssid: ssidOf(entry['SSID']) ?? (key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : key),
    bssids: bssidsOf(entry),
    ...times,
    last_joined_at: null,
    last_auto_joined_at: null,
    hidden: flag(entry['Hidden']),
    captive: flag(entry['IsCaptive']),
    add_reason: text(entry['AddReason']),
  };
  return makeRecord(SYSDIAGNOSE_WIFI_NETWORKS_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: [key] }), [
    { at: times.added_at, meaning: 'network added' },
    { at: times.joined_by_user_at, meaning: 'joined by the user' },
    { at: times.joined_by_system_at, meaning: 'joined automatically' },
    { at: times.updated_at, meaning: 'last updated' },
  ]);
}

function legacyNetworkRecord(index: number, entry: PlistDict, digest: FileDigest): ArtifactRecord {
  const times = {
    added_at: plistTime(entry['addedAt'] ?? entry['AddedAt']),
    last_joined_at: plistTime(entry['lastJoined']),
    last_auto_joined_at: plistTime(entry['lastAutoJoined']),
  };
  const fields: RecordFields = {
    source_format: 'legacy',
    ssid: text(entry['SSID_STR']) ?? ssidOf(entry['SSID']),
    bssids: bssidsOf(entry),
    added_at: times.added_at,
    joined_by_user_at: null,
    joined_by_system_at: null,
    updated_at: null,
    last_joined_at: times.last_joined_at,
    last_auto_joined_at: times.last_auto_joined_at,
    hidden: flag(entry['HIDDEN_NETWORK']),
    captive: flag(entry['networkWasCaptive']),
    add_reason: null,
  };
  return makeRecord(SYSDIAGNOSE_WIFI_NETWORKS_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: [LEGACY_LIST, String(index)] }), [
    { at: times.added_at, meaning: 'network added' },
    { at: times.last_joined_at, meaning: 'joined by the user' },
    { at: times.last_auto_joined_at, meaning: 'joined automatically' },
  ]);
}

export function* readWifiNetworks(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  const legacy = value[LEGACY_LIST];
  if (Array.isArray(legacy)) {
    for (const [index, entry] of legacy.entries()) if (isPlistDict(entry)) yield legacyNetworkRecord(index, entry, digest);
    return;
  }
  // com.apple.wifi.plist also holds the Wi-Fi settings; on iOS 14 and later only those.
  if (!digest.path.endsWith('known-networks.plist')) return;
  const keys = Object.keys(value).filter((key) => key.startsWith('wifi.network.') && isPlistDict(value[key]));
  if (keys.length === 0 && Object.keys(value).length > 0) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no wifi.network.* entries and no "${LEGACY_LIST}" (keys: ${Object.keys(value).slice(0, 8).join(', ')})`);
  }
  for (const key of keys.sort()) {
    const entry = value[key];
    if (isPlistDict(entry)) yield knownNetworkRecord(key, entry, digest);
  }
}

export const sysdiagnoseWifiNetworksExtractor: Extractor = {
  id: SYSDIAGNOSE_WIFI_NETWORKS_ARTIFACT,
  title: 'Known Wi-Fi networks (sysdiagnose WiFi folder)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_WIFI_NETWORKS_PATHS },
  extract: (source, context) => eachPlistFile(source, SYSDIAGNOSE_WIFI_NETWORKS_PATHS, context, readWifiNetworks),
};
