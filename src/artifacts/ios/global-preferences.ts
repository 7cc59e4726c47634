/**
 * .GlobalPreferences.plist: only whether Lockdown Mode is on is kept. The file also holds
 * the user's languages, keyboards and other preferences that say nothing about spyware, so
 * they are counted, not copied.
 */
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';

export const GLOBAL_PREFERENCES_ARTIFACT = 'global_preferences';

const LOCKDOWN_KEY = 'LDMGlobalEnabled';

/** true/false when the key is set (booleans, or 0/1 written as integers), null when absent or odd. */
function flag(value: PlistValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'bigint' && (value === 0n || value === 1n)) return value === 1n;
  return null;
}

export function readGlobalPreferences(value: PlistValue, digest: FileDigest): ArtifactRecord[] {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  }
  const present = Object.hasOwn(value, LOCKDOWN_KEY);
  const fields: RecordFields = {
    lockdown_mode: flag(value[LOCKDOWN_KEY]),
    lockdown_mode_key_present: present,
    key_count: Object.keys(value).length,
  };
  const locator = { kind: 'plist' as const, keyPath: present ? [LOCKDOWN_KEY] : [] };
  return [makeRecord(GLOBAL_PREFERENCES_ARTIFACT, fields, originOf(digest, locator))];
}

export const GLOBAL_PREFERENCES_PATHS = ['HomeDomain/Library/Preferences/.GlobalPreferences.plist'] as const;
export const GLOBAL_PREFERENCES_FS_PATHS = [`${MOBILE_HOME}/Library/Preferences/.GlobalPreferences.plist`] as const;
export const GLOBAL_PREFERENCES_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': GLOBAL_PREFERENCES_PATHS, 'ios-fs': GLOBAL_PREFERENCES_FS_PATHS };

export const globalPreferencesExtractor: Extractor = {
  id: GLOBAL_PREFERENCES_ARTIFACT,
  title: 'Global preferences (Lockdown Mode)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: GLOBAL_PREFERENCES_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(GLOBAL_PREFERENCES_PATHS_BY_KIND, source), context, readGlobalPreferences),
};
