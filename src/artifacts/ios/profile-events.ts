/**
 * MCProfileEvents.plist: the profile daemon's log of profile installs and removals, with
 * the process that asked for each. It outlives the profile itself, so a profile an attacker
 * installed and later removed is still visible here.
 */
import { posix } from 'node:path';
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../../formats/plist.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME, SYSTEM_DATA_CONTAINERS, SYSTEM_GROUP_CONTAINERS, underEach } from './device-paths.js';
import { plistTime } from '../../formats/plist-values.js';

export const PROFILE_EVENTS_ARTIFACT = 'profile_events';

/** Inner keys have been seen capitalised and not; they are matched case-insensitively. */
function lowerKeys(dict: PlistDict): Map<string, PlistValue> {
  const out = new Map<string, PlistValue>();
  for (const [key, value] of Object.entries(dict)) {
    const lower = key.toLowerCase();
    if (!out.has(lower)) out.set(lower, value);
  }
  return out;
}

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function* readProfileEvents(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  }
  const events = value['ProfileEvents'];
  if (events === undefined) return;
  if (!Array.isArray(events)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: ProfileEvents is not an array');
  }
  for (const [index, event] of events.entries()) {
    if (!isPlistDict(event)) continue;
    // Each event is a one-key dict { <profile identifier>: details }; MVT reads only the
    // first key, every key is read here so nothing is dropped.
    for (const profileId of Object.keys(event)) {
      const details = event[profileId];
      const inner = isPlistDict(details) ? lowerKeys(details) : new Map<string, PlistValue>();
      const at = plistTime(inner.get('timestamp'));
      const operation = text(inner.get('operation'));
      const process = text(inner.get('process'));
      const fields: RecordFields = {
        event_index: index,
        profile_id: profileId,
        operation,
        process,
        // Indicators name executables; the log may hold a path or a bare name.
        process_name: process === null ? null : posix.basename(process) || null,
      };
      yield makeRecord(
        PROFILE_EVENTS_ARTIFACT,
        fields,
        originOf(digest, { kind: 'plist', keyPath: ['ProfileEvents', String(index), profileId] }),
        // The operation is free text from the file; only a short word goes into the meaning.
        [{ at, meaning: operation && /^[A-Za-z]{1,20}$/.test(operation) ? `profile ${operation}` : 'profile event' }],
      );
    }
  }
}

export const PROFILE_EVENTS_PATHS = ['*/Library/ConfigurationProfiles/MCProfileEvents.plist'] as const;
/** The backup's "any domain" on the device: the home folder and the system containers. */
export const PROFILE_EVENTS_FS_PATHS = underEach(
  [MOBILE_HOME, `${SYSTEM_GROUP_CONTAINERS}/*`, `${SYSTEM_DATA_CONTAINERS}/*`],
  'Library/ConfigurationProfiles/MCProfileEvents.plist',
);
export const PROFILE_EVENTS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': PROFILE_EVENTS_PATHS, 'ios-fs': PROFILE_EVENTS_FS_PATHS };

export const profileEventsExtractor: Extractor = {
  id: PROFILE_EVENTS_ARTIFACT,
  title: 'Configuration profile install and removal log (MCProfileEvents)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: PROFILE_EVENTS_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(PROFILE_EVENTS_PATHS_BY_KIND, source), context, readProfileEvents),
};
