/**
 * WebKit's browsing-session resource log (full_browsing_session_resourceLog.plist), the
 * property-list form of resource-load statistics written before iOS 14: per site, which
 * sites it redirected to or from and under which top frames it was loaded. Its redirect
 * lists can show the hop from an innocent-looking link to an exploit server.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../../formats/plist.js';
import { isoFromDate, isoFromUnixSeconds } from '../../formats/time.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { APP_DATA_CONTAINERS, HOME_AND_APP_CONTAINERS, MOBILE_HOME, underEach } from './device-paths.js';
import { ArtifactError, describeError, isExhibitError } from '../../errors.js';
import { ownerInBackup, ownerOfFile, type FileOwner } from './file-owner.js';

export const WEBKIT_SESSION_RESOURCE_LOG_ARTIFACT = 'webkit_session_resource_log';
const FILE_NAME = 'full_browsing_session_resourceLog.plist';
export const WEBKIT_SESSION_RESOURCE_LOG_PATHS = [
  `*/Library/WebKit/WebsiteData/ResourceLoadStatistics/${FILE_NAME}`,
  `*/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/${FILE_NAME}`,
  `*/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/${FILE_NAME}`,
  // Home-screen web apps keep their own web data store.
  `HomeDomain/Library/WebClips/*/Storage/${FILE_NAME}`,
] as const;
export const WEBKIT_SESSION_RESOURCE_LOG_FS_PATHS = [
  ...underEach(HOME_AND_APP_CONTAINERS, `Library/WebKit/WebsiteData/ResourceLoadStatistics/${FILE_NAME}`),
  `${APP_DATA_CONTAINERS}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/${FILE_NAME}`,
  `${APP_DATA_CONTAINERS}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/${FILE_NAME}`,
  `${MOBILE_HOME}/Library/WebClips/*/Storage/${FILE_NAME}`,
];
export const WEBKIT_SESSION_RESOURCE_LOG_PATHS_BY_KIND: Extractor['paths'] = {
  'ios-backup': WEBKIT_SESSION_RESOURCE_LOG_PATHS,
  'ios-fs': WEBKIT_SESSION_RESOURCE_LOG_FS_PATHS,
};

/**
 * WebKit renamed its keys in statistics model 15: `PrevalentResourceOrigin` became
 * `PrevalentResourceDomain`, `…UnderTopFrameOrigins` became `…UnderTopFrameDomains`, and
 * list items `{origin, count}` became `{domain}`. Both spellings are read.
 */
const LIST_KEYS = {
  redirects_to: ['topFrameUniqueRedirectsTo'],
  redirected_from: ['topFrameUniqueRedirectsFrom'],
  subframe_under: ['subframeUnderTopFrameDomains', 'subframeUnderTopFrameOrigins'],
  subresource_under: ['subresourceUnderTopFrameDomains', 'subresourceUnderTopFrameOrigins'],
} as const;

function domainsOf(value: PlistValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  const found = new Set<string>();
  for (const item of value) {
    if (typeof item === 'string') {
      if (item !== '') found.add(item);
      continue;
    }
    if (!isPlistDict(item)) continue;
    for (const key of ['domain', 'origin']) {
      const name = item[key];
      if (typeof name === 'string' && name !== '') found.add(name);
    }
  }
  return [...found];
}

function listField(entry: PlistDict, keys: readonly string[]): string[] {
  const found = new Set<string>();
  for (const key of keys) for (const domain of domainsOf(entry[key])) found.add(domain);
  return [...found];
}

/** WebKit encodes times as doubles (Unix seconds); older tools and tests used plist dates. */
function timeOf(value: PlistValue | undefined): string | null {
  if (value instanceof Date) return isoFromDate(value);
  if (typeof value === 'number' || typeof value === 'bigint') return isoFromUnixSeconds(value);
  return null;
}

function textOf(value: PlistValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function boolOf(value: PlistValue | undefined): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0;
  return null;
}

/** "a, b → origin → c", the top-frame redirects around one site, for explanations. */
function redirectChain(from: string[], origin: string | null, to: string[]): string | null {
  if (from.length === 0 && to.length === 0) return null;
  const parts = [from.join(', '), origin ?? '?', to.join(', ')].filter((part) => part !== '');
  return parts.join(' → ');
}

export interface SessionLogProblem {
  index: number;
  message: string;
}

/**
 * Records of one decoded resource log, one per `browsingStatistics` entry. Entries that
 * are not dictionaries are passed to `onProblem` and skipped.
 */
export function* readSessionResourceLog(
  value: PlistValue,
  digest: FileDigest,
  onProblem: (problem: SessionLogProblem) => void = () => undefined,
  owner: FileOwner = ownerInBackup(digest.path),
): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the resource log is not a dictionary');
  const statistics = value['browsingStatistics'];
  if (!Array.isArray(statistics)) {
    const keys = Object.keys(value).sort().join(', ') || 'none';
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no browsingStatistics array (keys: ${keys})`);
  }
  for (const [index, entry] of statistics.entries()) {
    if (!isPlistDict(entry)) {
      onProblem({ index, message: `browsingStatistics[${index}] is not a dictionary` });
      continue;
    }
    const redirectsTo = listField(entry, LIST_KEYS.redirects_to);
    const redirectedFrom = listField(entry, LIST_KEYS.redirected_from);
    const origin = textOf(entry['PrevalentResourceDomain']) ?? textOf(entry['PrevalentResourceOrigin']);
    const fields = {
      origin,
      redirects_to: redirectsTo,
      redirected_from: redirectedFrom,
      redirect_chain: redirectChain(redirectedFrom, origin, redirectsTo),
      subframe_under: listField(entry, LIST_KEYS.subframe_under),
      subresource_under: listField(entry, LIST_KEYS.subresource_under),
      had_user_interaction: boolOf(entry['hadUserInteraction']),
      grandfathered: boolOf(entry['grandfathered']),
      is_prevalent: boolOf(entry['isPrevalentResource']),
      backup_domain: owner.backupDomain,
      app_id: owner.appId,
      location: owner.location,
    };
    yield makeRecord(
      WEBKIT_SESSION_RESOURCE_LOG_ARTIFACT,
      fields,
      originOf(digest, { kind: 'plist', keyPath: ['browsingStatistics', String(index)] }),
      [
        { at: timeOf(entry['lastSeen']), meaning: 'last seen' },
        { at: timeOf(entry['mostRecentUserInteraction']), meaning: 'last user interaction' },
      ],
    );
  }
}

export async function* extractSessionResourceLogs(source: Source, context: ExtractContext): AsyncGenerator<ArtifactRecord> {
  for (const file of filesWithContent(source, pathsFor(WEBKIT_SESSION_RESOURCE_LOG_PATHS_BY_KIND, source), context)) {
    const owner = await ownerOfFile(source, file.path, context);
    let decoded: { value: PlistValue; digest: FileDigest };
    try {
      decoded = await source.readPlist(file.path);
    } catch (error) {
      context.issue({ code: 'corrupt', path: file.path, message: describeError(error) });
      continue;
    }
    try {
      yield* readSessionResourceLog(
        decoded.value,
        decoded.digest,
        (problem) => context.issue({ code: 'skipped', path: file.path, message: problem.message }),
        owner,
      );
    } catch (error) {
      const unsupported = isExhibitError(error) && error.code === 'ARTIFACT_UNSUPPORTED_SCHEMA';
      context.issue({ code: unsupported ? 'unsupported-schema' : 'corrupt', path: file.path, message: describeError(error) });
    }
  }
}

export const webkitSessionResourceLogExtractor: Extractor = {
  id: WEBKIT_SESSION_RESOURCE_LOG_ARTIFACT,
  title: 'WebKit browsing-session resource log',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: WEBKIT_SESSION_RESOURCE_LOG_PATHS_BY_KIND,
  extract: extractSessionResourceLogs,
};
