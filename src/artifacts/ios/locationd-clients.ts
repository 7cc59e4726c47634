/**
 * locationd's clients.plist: every app, location bundle and executable that asked for the
 * device's location, with the path of its binary and when it last received locations.
 * An implant that uses location shows up here under its own executable path, which is why
 * MVT checks these paths and names against process and file indicators.
 */
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { plistAmount, plistTime } from '../../formats/plist-values.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME, ROOT_HOME } from './device-paths.js';

export const LOCATIOND_CLIENTS_ARTIFACT = 'locationd_clients';
export const LOCATIOND_CLIENTS_PATHS = [
  'RootDomain/Library/Caches/locationd/clients.plist',
  'HomeDomain/Library/Caches/locationd/clients.plist',
] as const;
export const LOCATIOND_CLIENTS_FS_PATHS = [`${ROOT_HOME}/Library/Caches/locationd/clients.plist`, `${MOBILE_HOME}/Library/Caches/locationd/clients.plist`] as const;
export const LOCATIOND_CLIENTS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': LOCATIOND_CLIENTS_PATHS, 'ios-fs': LOCATIOND_CLIENTS_FS_PATHS };

/** The nine timestamps MVT reads, with what each means for the timeline. */
const TIME_KEYS: ReadonlyArray<[string, string]> = [
  ['ConsumptionPeriodBegin', 'location consumption period began'],
  ['ReceivingLocationInformationTimeStopped', 'stopped receiving location information'],
  ['VisitTimeStopped', 'visit monitoring stopped'],
  ['LocationTimeStopped', 'location updates stopped'],
  ['BackgroundLocationTimeStopped', 'background location stopped'],
  ['SignificantTimeStopped', 'significant-change monitoring stopped'],
  ['NonPersistentSignificantTimeStopped', 'non-persistent significant-change monitoring stopped'],
  ['FenceTimeStopped', 'geofence monitoring stopped'],
  ['BeaconRegionTimeStopped', 'beacon region monitoring stopped'],
];

const PATH_KEY = /^com\.apple\.locationd\.(bundle|executable)-(\/.*)$/;

export interface ClientKeyParts {
  /** The key without the trailing ':' older iOS versions append. */
  client: string;
  /** Last '/'-separated part of the client, as MVT checks it against process names. */
  process: string | null;
  /** 'bundle' or 'executable' for path-keyed clients, 'app' otherwise. */
  kind: 'bundle' | 'executable' | 'app';
  /** The absolute path inside a `com.apple.locationd.bundle-`/`executable-` key. */
  keyPath: string | null;
}

export function splitClientKey(key: string): ClientKeyParts {
  const client = key.endsWith(':') ? key.slice(0, -1) : key;
  const match = PATH_KEY.exec(client);
  const last = client.slice(client.lastIndexOf('/') + 1);
  return {
    client,
    process: last === '' ? null : last,
    kind: match ? (match[1] as 'bundle' | 'executable') : 'app',
    keyPath: match?.[2] ?? null,
  };
}

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function* readLocationdClients(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  }
  for (const key of Object.keys(value).sort()) {
    const entry = value[key];
    // Top-level integers are locationd's migration markers, not clients.
    if (!isPlistDict(entry)) continue;
    const parts = splitClientKey(key);
    const registered = entry['Registered'];
    const fields: RecordFields = {
      client_key: key,
      client: parts.client,
      client_kind: parts.kind,
      process: parts.process,
      key_path: parts.keyPath,
      bundle_id: text(entry['BundleId']),
      bundle_path: text(entry['BundlePath']),
      executable: text(entry['Executable']),
      registered: text(registered),
      registered_flag: typeof registered === 'boolean' ? registered : null,
      authorization: typeof entry['Authorization'] === 'number' || typeof entry['Authorization'] === 'bigint' ? plistAmount(entry['Authorization']) : null,
    };
    yield makeRecord(
      LOCATIOND_CLIENTS_ARTIFACT,
      fields,
      originOf(digest, { kind: 'plist', keyPath: [key] }),
      TIME_KEYS.map(([timeKey, meaning]) => ({ at: plistTime(entry[timeKey]), meaning })),
    );
  }
}

export const locationdClientsExtractor: Extractor = {
  id: LOCATIOND_CLIENTS_ARTIFACT,
  title: 'Location clients (locationd clients.plist)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: LOCATIOND_CLIENTS_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(LOCATIOND_CLIENTS_PATHS_BY_KIND, source), context, readLocationdClients),
};
