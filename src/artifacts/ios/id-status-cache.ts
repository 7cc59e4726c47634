/**
 * idstatuscache.plist: Apple Identity Services' cache of iMessage/FaceTime look-ups, per
 * service and per handle (`mailto:` / `tel:`). A zero-click iMessage exploit starts with
 * the attacker's account looking the victim up, so Amnesty found Pegasus operators' iCloud
 * addresses here, minutes before the implant's processes appear in DataUsage.
 */
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { plistAmount, plistTime } from '../../formats/plist-values.js';

export const ID_STATUS_CACHE_ARTIFACT = 'id_status_cache';

/** Makes NUL bytes visible and JSON/CSV-safe, the way MVT prints them. */
function escapeNul(text: string): string {
  return text.replace(/\u0000/g, '\\x00');
}

function handleKind(uri: string): 'email' | 'phone' | 'other' {
  const lower = uri.toLowerCase();
  if (lower.startsWith('mailto:')) return 'email';
  if (lower.startsWith('tel:')) return 'phone';
  return 'other';
}

/** The address of a `mailto:` handle; MVT also trims quotes some entries carry. */
function emailOf(uri: string): string | null {
  if (handleKind(uri) !== 'email') return null;
  const address = uri
    .slice('mailto:'.length)
    .trim()
    .replace(/^'+|'+$/g, '');
  return address === '' ? null : escapeNul(address);
}

/** Value of a key looked up case-insensitively, since the spelling has varied. */
function entryValue(entry: { [key: string]: PlistValue }, key: string): PlistValue | undefined {
  if (Object.hasOwn(entry, key)) return entry[key];
  const wanted = key.toLowerCase();
  const found = Object.keys(entry).find((candidate) => candidate.toLowerCase() === wanted);
  return found === undefined ? undefined : entry[found];
}

export function* readIdStatusCache(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  }
  for (const service of Object.keys(value).sort()) {
    const handles = value[service];
    // Besides service dictionaries the file holds bookkeeping scalars (e.g. a version).
    if (!isPlistDict(handles)) continue;
    for (const uri of Object.keys(handles).sort()) {
      const entry = handles[uri];
      const details = isPlistDict(entry) ? entry : {};
      const lookup = plistTime(entryValue(details, 'LookupDate'));
      const status = plistAmount(entryValue(details, 'IDStatus'));
      const nulCount = uri.split('\u0000').length - 1;
      const fields: RecordFields = {
        service,
        uri: escapeNul(uri),
        kind: handleKind(uri),
        email: emailOf(uri),
        id_status: typeof status === 'number' ? status : null,
        lookup_date: lookup,
        // MVT flags two NULs in a row as a suspicious pattern; any two count here, since an
        // address or phone number typed by a person holds none.
        has_double_nul: nulCount >= 2,
        nul_count: nulCount,
      };
      yield makeRecord(ID_STATUS_CACHE_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: [service, uri] }), [
        { at: lookup, meaning: 'looked up' },
      ]);
    }
  }
}

export const ID_STATUS_CACHE_PATHS = [
  'HomeDomain/Library/Preferences/com.apple.identityservices.idstatuscache.plist',
  'HomeDomain/Library/IdentityServices/idstatuscache.plist',
] as const;
export const ID_STATUS_CACHE_FS_PATHS = [
  `${MOBILE_HOME}/Library/Preferences/com.apple.identityservices.idstatuscache.plist`,
  `${MOBILE_HOME}/Library/IdentityServices/idstatuscache.plist`,
] as const;
export const ID_STATUS_CACHE_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': ID_STATUS_CACHE_PATHS, 'ios-fs': ID_STATUS_CACHE_FS_PATHS };

export const idStatusCacheExtractor: Extractor = {
  id: ID_STATUS_CACHE_ARTIFACT,
  title: 'iMessage and FaceTime look-up cache (idstatuscache)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: ID_STATUS_CACHE_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(ID_STATUS_CACHE_PATHS_BY_KIND, source), context, readIdStatusCache),
};
