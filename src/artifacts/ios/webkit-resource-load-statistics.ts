/**
 * WebKit's resource-load statistics (observations.db, iOS 14 and later): every site
 * (registrable domain) that Safari or an app's web view loaded, when it was last seen,
 * whether the person interacted with it, and which sites redirected to which. The
 * database outlives cleared browsing history, so an exploit server's domain can remain
 * here after History.db has forgotten it.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { findTable, columnSet, type SqliteDatabase, quoteIdent } from '../../formats/sqlite.js';
import { sqlBoolean, sqlText } from '../../formats/sql-values.js';
import { isoFromUnixSeconds } from '../../formats/time.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { eachOwnedDatabase, ownerInBackup, type FileOwner } from './file-owner.js';
import { APP_DATA_CONTAINERS, HOME_AND_APP_CONTAINERS, underEach } from './device-paths.js';
import { ArtifactError } from '../../errors.js';

export const WEBKIT_RESOURCE_LOAD_STATISTICS_ARTIFACT = 'webkit_resource_load_statistics';
export const WEBKIT_RESOURCE_LOAD_STATISTICS_PATHS = [
  '*/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db',
  // In-app browsers (SFSafariViewController) keep their own store in the app container.
  '*/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db',
  '*/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/observations.db',
] as const;
/** The same stores on the device: in the home folder and in every app's (or extension's) container. */
export const WEBKIT_RESOURCE_LOAD_STATISTICS_FS_PATHS = [
  ...underEach(HOME_AND_APP_CONTAINERS, 'Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db'),
  `${APP_DATA_CONTAINERS}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db`,
  `${APP_DATA_CONTAINERS}/SystemData/com.apple.SafariViewService/Library/WebKit/WebsiteData/observations.db`,
];
export const WEBKIT_RESOURCE_LOAD_STATISTICS_PATHS_BY_KIND: Extractor['paths'] = {
  'ios-backup': WEBKIT_RESOURCE_LOAD_STATISTICS_PATHS,
  'ios-fs': WEBKIT_RESOURCE_LOAD_STATISTICS_FS_PATHS,
};

// Re-exported: webkit-website-data.ts and tests import them from here, where they first lived.
export { appIdOf, backupDomainOf } from './file-owner.js';

/** WebKit writes -1 (or 0) for "never"; isoFromUnixSeconds already rejects both. */
function unixTime(value: unknown): string | null {
  return typeof value === 'number' || typeof value === 'bigint' ? isoFromUnixSeconds(value) : null;
}

function domainList(json: unknown): string[] | null {
  if (typeof json !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const domains = new Set(parsed.filter((item): item is string => typeof item === 'string' && item !== ''));
  return [...domains].sort();
}

interface RedirectTable {
  table: string;
  /** Column holding the domain the record is about. */
  self: string;
  /** Column holding the other end of the redirect. */
  other: string;
}

function redirectTable(db: SqliteDatabase, name: string, self: string, other: string): RedirectTable | undefined {
  const table = findTable(db, name);
  if (!table) return undefined;
  const columns = columnSet(db, table);
  return columns.has(self.toLowerCase()) && columns.has(other.toLowerCase()) ? { table, self, other } : undefined;
}

/** One record per ObservedDomains row. */
export function* readResourceLoadStatistics(db: SqliteDatabase, digest: FileDigest, owner: FileOwner = ownerInBackup(digest.path)): Generator<ArtifactRecord> {
  const observed = findTable(db, 'ObservedDomains');
  if (!observed) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: no ObservedDomains table (tables: ${db.tables().join(', ') || 'none'})`,
    );
  }
  const columns = columnSet(db, observed);
  const required = ['domainID', 'registrableDomain', 'lastSeen', 'hadUserInteraction'];
  const missing = required.filter((column) => !columns.has(column.toLowerCase()));
  if (missing.length > 0) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ObservedDomains lacks ${missing.join(', ')}`);
  }
  const optional = (column: string): string =>
    columns.has(column.toLowerCase()) ? `d.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`;
  const select = [
    'd."domainID" AS "domainID"',
    'd."registrableDomain" AS "registrableDomain"',
    'd."lastSeen" AS "lastSeen"',
    'd."hadUserInteraction" AS "hadUserInteraction"',
    ...['mostRecentUserInteractionTime', 'mostRecentWebPushInteractionTime', 'grandfathered', 'isPrevalent', 'isVeryPrevalent'].map(
      optional,
    ),
  ];
  const lists: Array<[string, RedirectTable | undefined]> = [
    ['redirects_to', redirectTable(db, 'TopFrameUniqueRedirectsTo', 'sourceDomainID', 'toDomainID')],
    ['redirected_from', redirectTable(db, 'TopFrameUniqueRedirectsFrom', 'targetDomainID', 'fromDomainID')],
  ];
  for (const [alias, redirect] of lists) {
    if (!redirect) {
      select.push(`NULL AS ${quoteIdent(alias)}`);
      continue;
    }
    select.push(
      `(SELECT json_group_array(o."registrableDomain") FROM ${quoteIdent(redirect.table)} AS r ` +
        `JOIN ${quoteIdent(observed)} AS o ON o."domainID" = r.${quoteIdent(redirect.other)} ` +
        `WHERE r.${quoteIdent(redirect.self)} = d."domainID") AS ${quoteIdent(alias)}`,
    );
  }

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${quoteIdent(observed)} AS d ORDER BY d."domainID"`)) {
    const domainId = sqlText(row['domainID']) ?? '';
    const fields = {
      domain_id: Number(domainId),
      registrable_domain: sqlText(row['registrableDomain']),
      had_user_interaction: sqlBoolean(row['hadUserInteraction']),
      grandfathered: sqlBoolean(row['grandfathered']),
      is_prevalent: sqlBoolean(row['isPrevalent']),
      is_very_prevalent: sqlBoolean(row['isVeryPrevalent']),
      // null: the database has no redirect table; []: it has one with no entry for this site.
      redirects_to: lists[0]?.[1] ? (domainList(row['redirects_to']) ?? []) : null,
      redirected_from: lists[1]?.[1] ? (domainList(row['redirected_from']) ?? []) : null,
      backup_domain: owner.backupDomain,
      app_id: owner.appId,
      location: owner.location,
    };
    yield makeRecord(
      WEBKIT_RESOURCE_LOAD_STATISTICS_ARTIFACT,
      fields,
      originOf(digest, { kind: 'sqlite', table: observed, rowid: domainId }),
      [
        { at: unixTime(row['lastSeen']), meaning: 'last seen' },
        { at: unixTime(row['mostRecentUserInteractionTime']), meaning: 'last user interaction' },
        { at: unixTime(row['mostRecentWebPushInteractionTime']), meaning: 'last web push interaction' },
      ],
    );
  }
}

export const webkitResourceLoadStatisticsExtractor: Extractor = {
  id: WEBKIT_RESOURCE_LOAD_STATISTICS_ARTIFACT,
  title: 'WebKit resource-load statistics (sites seen by Safari and in-app browsers)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: WEBKIT_RESOURCE_LOAD_STATISTICS_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachOwnedDatabase(
      source,
      filesWithContent(source, pathsFor(WEBKIT_RESOURCE_LOAD_STATISTICS_PATHS_BY_KIND, source), context),
      context,
      readResourceLoadStatistics,
    );
  },
};
