/**
 * Installed apps, from the backup's Info.plist: each app's iTunesMetadata says which store
 * (or installer) delivered it and when. An app that did not come from the App Store or an
 * MDM server was sideloaded (enterprise certificate, developer build, alternative market),
 * which is how stalkerware and some government implants reach iPhones.
 */
import { createHash } from 'node:crypto';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../../formats/plist.js';
import { decodePlist } from '../../formats/plist-decode.js';
import { isoFromDate } from '../../formats/time.js';
import { ArtifactError, describeError } from '../../errors.js';
import { makeRecord, originOf } from '../locate.js';
import { eachPlistFile } from '../locate.js';

export const APPLICATIONS_ARTIFACT = 'applications';

/** Installers that mean "from Apple's store or the organisation's MDM" (as MVT). */
export const STORE_INSTALLERS: readonly string[] = [
  'com.apple.AppStore',
  'com.apple.AppStore.ProductPageExtension',
  'com.apple.dmd',
  'dmd',
];

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function text(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** purchaseDate is an ISO string (`2021-03-04T05:06:07Z`) in iTunesMetadata, sometimes a <date>. */
function purchaseTime(value: PlistValue | undefined): string | null {
  if (value instanceof Date) return isoFromDate(value);
  if (typeof value === 'string' && ISO_SECONDS.test(value)) return isoFromDate(new Date(value));
  return null;
}

function versionOf(metadata: PlistDict): string | null {
  const short = metadata['bundleShortVersionString'];
  if (typeof short === 'string' && short !== '') return short;
  const version = metadata['bundleVersion'];
  if (typeof version === 'string' && version !== '') return version;
  return typeof version === 'number' ? String(version) : null;
}

type Metadata = { dict: PlistDict } | { error: string } | null;

function decodeMetadata(raw: PlistValue | undefined): Metadata {
  if (raw === undefined || raw === null) return null;
  if (isPlistDict(raw)) return { dict: raw };
  if (!Buffer.isBuffer(raw)) return { error: 'iTunesMetadata is neither data nor a dictionary' };
  try {
    const decoded = decodePlist(raw);
    return isPlistDict(decoded) ? { dict: decoded } : { error: 'iTunesMetadata is not a dictionary' };
  } catch (error) {
    return { error: describeError(error) };
  }
}

function appRecord(
  digest: FileDigest,
  keyPath: string[],
  listedId: string,
  app: PlistDict | null,
  metadata: PlistDict | null,
  inInstalledList: boolean,
): ArtifactRecord {
  const declaredId = metadata ? text(metadata['softwareVersionBundleId']) : null;
  const sourceApp = metadata ? text(metadata['sourceApp']) : null;
  const downloadInfo = metadata?.['com.apple.iTunesStore.downloadInfo'];
  const purchased =
    (isPlistDict(downloadInfo) ? purchaseTime(downloadInfo['purchaseDate']) : null) ??
    (metadata ? purchaseTime(metadata['purchaseDate']) : null);
  const icon = app?.['PlaceholderIcon'];
  const fields: RecordFields = {
    bundle_id: declaredId ?? listedId,
    listed_bundle_id: listedId,
    has_metadata: metadata !== null,
    missing_bundle_id: metadata !== null && declaredId === null,
    name: metadata ? text(metadata['itemName']) : null,
    artist: metadata ? text(metadata['artistName']) : null,
    version: metadata ? versionOf(metadata) : null,
    source_app: sourceApp,
    // Metadata without sourceApp (older iOS) is treated as the store's, as MVT does.
    installed_from_store: sourceApp === null ? null : STORE_INSTALLERS.includes(sourceApp),
    purchase_date: purchased,
    placeholder_icon_sha256: Buffer.isBuffer(icon) ? createHash('sha256').update(icon).digest('hex') : null,
    in_installed_list: inInstalledList,
  };
  return makeRecord(APPLICATIONS_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath }), [{ at: purchased, meaning: 'purchased' }]);
}

/**
 * One record per `Applications` entry, then one per `Installed Applications` bundle id that
 * has no entry (no metadata, but still an installed app). Undecodable metadata becomes an
 * issue and the app is still listed.
 */
export function* readApplications(value: PlistValue, digest: FileDigest, context?: ExtractContext): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: Info.plist is not a dictionary');
  }
  const installedRaw = value['Installed Applications'];
  const installed = Array.isArray(installedRaw) ? installedRaw : [];
  const installedIds = new Set(installed.filter((id): id is string => typeof id === 'string'));
  const applications = isPlistDict(value['Applications']) ? value['Applications'] : {};

  for (const listedId of Object.keys(applications).sort()) {
    const app = applications[listedId];
    const dict = isPlistDict(app) ? app : null;
    const metadata = decodeMetadata(dict?.['iTunesMetadata']);
    if (metadata && 'error' in metadata) {
      context?.issue({ code: 'corrupt', path: digest.path, message: `iTunesMetadata of ${listedId} could not be read: ${metadata.error}` });
    }
    const keyPath = metadata && 'dict' in metadata ? ['Applications', listedId, 'iTunesMetadata'] : ['Applications', listedId];
    yield appRecord(digest, keyPath, listedId, dict, metadata && 'dict' in metadata ? metadata.dict : null, installedIds.has(listedId));
  }

  const seen = new Set<string>();
  for (const [index, id] of installed.entries()) {
    if (typeof id !== 'string' || id === '' || Object.hasOwn(applications, id) || seen.has(id)) continue;
    seen.add(id);
    yield appRecord(digest, ['Installed Applications', String(index)], id, null, null, true);
  }
}

export const APPLICATIONS_PATHS = ['Info.plist'] as const;

export const applicationsExtractor: Extractor = {
  id: APPLICATIONS_ARTIFACT,
  title: 'Installed applications and where they came from',
  platform: 'ios',
  acquisitions: ['ios-backup'],
  paths: { 'ios-backup': APPLICATIONS_PATHS },
  extract: (source, context) =>
    eachPlistFile(source, APPLICATIONS_PATHS, context, (value, digest) => readApplications(value, digest, context)),
};
