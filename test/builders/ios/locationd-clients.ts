/**
 * Writes locationd's `clients.plist` (reference/artifacts.md §2.3.10): a dictionary keyed by
 * client (a bundle id, `com.apple.locationd.bundle-<path>`, `com.apple.locationd.executable-<path>`;
 * older iOS appends `:` to the key), each value a dictionary of the client's authorisation and
 * Mac-absolute REAL timestamps. Migration markers are plain integers at the top level.
 * Binary by default, as locationd writes it.
 */
import { binaryPlist, PlistReal, xmlPlist, type PlistInput, type PlistInputDict } from '../ios-backup.js';

export const LOCATIOND_TIME_KEYS = [
  'ConsumptionPeriodBegin',
  'ReceivingLocationInformationTimeStopped',
  'VisitTimeStopped',
  'LocationTimeStopped',
  'BackgroundLocationTimeStopped',
  'SignificantTimeStopped',
  'NonPersistentSignificantTimeStopped',
  'FenceTimeStopped',
  'BeaconRegionTimeStopped',
] as const;

export type LocationdTimeKey = (typeof LOCATIOND_TIME_KEYS)[number];

export interface LocationdClientSpec {
  key: string;
  bundleId?: string;
  bundlePath?: string;
  executable?: string;
  /** A path, or a flag on some clients. */
  registered?: string | boolean;
  authorization?: number;
  /** Mac-absolute seconds per timestamp key. */
  times?: Partial<Record<LocationdTimeKey, number>>;
  extra?: PlistInputDict;
}

export function locationdClientsPlist(
  clients: LocationdClientSpec[],
  options: { extra?: PlistInputDict; format?: 'binary' | 'xml' } = {},
): Buffer {
  const root: { [key: string]: PlistInput } = {};
  for (const client of clients) {
    const entry: { [key: string]: PlistInput } = {};
    if (client.bundleId !== undefined) entry['BundleId'] = client.bundleId;
    if (client.bundlePath !== undefined) entry['BundlePath'] = client.bundlePath;
    if (client.executable !== undefined) entry['Executable'] = client.executable;
    if (client.registered !== undefined) entry['Registered'] = client.registered;
    entry['Authorization'] = client.authorization ?? 2;
    entry['ClientStorageToken'] = Buffer.from(client.key, 'utf8').subarray(0, 16);
    for (const [key, value] of Object.entries(client.times ?? {})) entry[key] = new PlistReal(value);
    Object.assign(entry, client.extra ?? {});
    root[client.key] = entry;
  }
  Object.assign(root, options.extra ?? {});
  return options.format === 'xml' ? xmlPlist(root) : binaryPlist(root);
}
