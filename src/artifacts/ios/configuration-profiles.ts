/**
 * Installed configuration profiles (the `profile-*` stubs the profile daemon keeps in its
 * system group container). A profile can install certificates, VPN and proxy settings or
 * silence notifications, and it survives reboots: Predator's operators shipped one, and
 * its PayloadUUID is a published indicator.
 */
import { posix } from 'node:path';
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { isoFromDate } from '../../formats/time.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { SYSTEM_GROUP_CONTAINERS } from './device-paths.js';

export const CONFIGURATION_PROFILES_ARTIFACT = 'configuration_profiles';

export const CONFIGURATION_PROFILES_DOMAIN = 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles';

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function payloadTypes(content: PlistValue | undefined): string[] {
  // MVT reads PayloadContent[0] unconditionally; a stub without payloads is valid input.
  if (!Array.isArray(content)) return [];
  const types: string[] = [];
  for (const payload of content) {
    if (!isPlistDict(payload)) continue;
    const type = payload['PayloadType'];
    if (typeof type === 'string') types.push(type);
  }
  return types;
}

function hasCertificates(value: PlistValue | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : Buffer.isBuffer(value);
}

/** Reads one profile stub into one record; the file name comes from the digest's path. */
export function readConfigurationProfile(value: PlistValue, digest: FileDigest): ArtifactRecord[] {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the profile plist root is not a dictionary');
  }
  const types = payloadTypes(value['PayloadContent']);
  const installed = value['InstallDate'] instanceof Date ? isoFromDate(value['InstallDate']) : null;
  const stub = value['OTAProfileStub'];
  const removal = value['PayloadRemovalDisallowed'];
  const fields: RecordFields = {
    file_name: posix.basename(digest.path),
    payload_uuid: text(value['PayloadUUID']),
    identifier: text(value['PayloadIdentifier']),
    display_name: text(value['PayloadDisplayName']),
    description: text(value['PayloadDescription']),
    organization: text(value['PayloadOrganization']),
    profile_type: text(value['PayloadType']),
    payload_types: types,
    first_payload_type: types[0] ?? null,
    install_date: installed,
    signed: hasCertificates(value['SignerCerts']) || (isPlistDict(stub) && hasCertificates(stub['SignerCerts'])),
    removal_disallowed: typeof removal === 'boolean' ? removal : null,
  };
  const origin = originOf(digest, { kind: 'plist', keyPath: [] });
  return [makeRecord(CONFIGURATION_PROFILES_ARTIFACT, fields, origin, [{ at: installed, meaning: 'installed' }])];
}

/**
 * Both patterns are needed: a stub may sit at the domain root or below it, and `**` in the
 * Source's glob is narrowed by a SQL GLOB that needs at least one '/'.
 */
export const CONFIGURATION_PROFILES_PATHS = [
  `${CONFIGURATION_PROFILES_DOMAIN}/profile-*`,
  `${CONFIGURATION_PROFILES_DOMAIN}/**/profile-*`,
] as const;

/**
 * The same system group container on the device. iOS names system group containers by a
 * UUID (the group id is in their metadata plist), and only this group has a
 * Library/ConfigurationProfiles folder; some extraction tools name the folder after its group.
 */
export const CONFIGURATION_PROFILES_CONTAINER = `${SYSTEM_GROUP_CONTAINERS}/systemgroup.com.apple.configurationprofiles`;
export const CONFIGURATION_PROFILES_FS_PATHS = [
  `${CONFIGURATION_PROFILES_CONTAINER}/profile-*`,
  `${CONFIGURATION_PROFILES_CONTAINER}/**/profile-*`,
  `${SYSTEM_GROUP_CONTAINERS}/*/Library/ConfigurationProfiles/profile-*`,
] as const;
export const CONFIGURATION_PROFILES_PATHS_BY_KIND: Extractor['paths'] = {
  'ios-backup': CONFIGURATION_PROFILES_PATHS,
  'ios-fs': CONFIGURATION_PROFILES_FS_PATHS,
};

export const configurationProfilesExtractor: Extractor = {
  id: CONFIGURATION_PROFILES_ARTIFACT,
  title: 'Installed configuration profiles',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CONFIGURATION_PROFILES_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(CONFIGURATION_PROFILES_PATHS_BY_KIND, source), context, readConfigurationProfile),
};
