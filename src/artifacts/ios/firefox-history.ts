/**
 * Firefox for iOS browsing history (`profile.profile/browser.db` in the app group): one
 * record per visit, then one per history row without visits (deleted or synced-only pages).
 * `is_local` separates visits made on this phone from visits synced from another device.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromUnixMicrosValue } from '../../formats/time.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { APP_GROUP_CONTAINERS, MOBILE_HOME } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { sqlInstant } from './sql-time.js';
import { eachOwnedDatabase, ownerInBackup, type FileOwner } from './file-owner.js';

export const FIREFOX_HISTORY_ARTIFACT = 'firefox_history';
/** Firefox, Firefox Beta and Fennec (Nightly) each have their own `group.org.mozilla.ios.*` app group. */
export const FIREFOX_BROWSER_DB_PATHS = ['AppDomainGroup-group.org.mozilla.ios.*/profile.profile/browser.db'] as const;
export const FIREFOX_BROWSER_DB_FS_PATHS = [
  `${APP_GROUP_CONTAINERS}/profile.profile/browser.db`,
  // MVT's file-system path, kept in case a tool lays the app group out under the home folder.
  `${MOBILE_HOME}/profile.profile/browser.db`,
] as const;
export const FIREFOX_BROWSER_DB_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': FIREFOX_BROWSER_DB_PATHS, 'ios-fs': FIREFOX_BROWSER_DB_FS_PATHS };

/** firefox-ios VisitType values. */
const VISIT_TYPES: Readonly<Record<number, string>> = {
  1: 'link',
  2: 'typed',
  3: 'bookmark',
  4: 'embed',
  5: 'permanent_redirect',
  6: 'temporary_redirect',
  7: 'download',
  8: 'framed_link',
  9: 'recently_closed',
};

function visitTypeName(value: number | null): string | null {
  if (value === null) return null;
  return VISIT_TYPES[value] ?? `unknown (${value})`;
}

export function firefoxUnsupported(detail: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${detail}`);
}

export function* readFirefoxHistory(db: SqliteDatabase, digest: FileDigest, owner: FileOwner = ownerInBackup(digest.path)): Generator<ArtifactRecord> {
  const history = findTable(db, 'history');
  const visits = findTable(db, 'visits');
  if (!history || !visits) throw firefoxUnsupported(`expected history and visits (tables: ${db.tables().join(', ') || 'none'})`);
  const historyColumns = columnSet(db, history);
  const visitColumns = columnSet(db, visits);
  const missing = [
    ...['id', 'url'].filter((c) => !historyColumns.has(c)).map((c) => `history.${c}`),
    ...['id', 'siteid', 'date'].filter((c) => !visitColumns.has(c)).map((c) => `visits.${c}`),
  ];
  if (missing.length > 0) throw firefoxUnsupported(`missing ${missing.join(', ')}`);

  const optional = (alias: string, columns: Set<string>, column: string): string =>
    columns.has(column.toLowerCase()) ? `${alias}.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`;
  const historySelect = ['h."url" AS "url"', ...['guid', 'title', 'is_deleted'].map((c) => optional('h', historyColumns, c))];

  const sql =
    `SELECT v."id" AS "visit_id", v."siteID" AS "history_id", v."date" AS "date", ${optional('v', visitColumns, 'type')}, ` +
    `${optional('v', visitColumns, 'is_local')}, ${historySelect.join(', ')} ` +
    `FROM ${quoteIdent(visits)} AS v LEFT JOIN ${quoteIdent(history)} AS h ON h."id" = v."siteID" ORDER BY v."date", v."id"`;
  for (const row of db.iterate(sql)) {
    const visitId = sqlText(row['visit_id']) ?? '';
    const type = sqlNumber(row['type']);
    const fields = {
      visit_id: Number(visitId),
      history_id: sqlNumber(row['history_id']),
      guid: sqlText(row['guid']),
      url: sqlText(row['url']),
      title: sqlText(row['title']),
      visit_type: visitTypeName(type),
      is_local: sqlBoolean(row['is_local']),
      is_deleted: sqlBoolean(row['is_deleted']),
      backup_domain: owner.backupDomain,
      location: owner.location,
    };
    yield makeRecord(FIREFOX_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: visits, rowid: visitId }), [
      { at: isoFromUnixMicrosValue(sqlInstant(row['date'])), meaning: 'visited' },
    ]);
  }

  const orphanSql =
    `SELECT h."id" AS "history_id", ${historySelect.join(', ')} FROM ${quoteIdent(history)} AS h ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(visits)} AS v WHERE v."siteID" = h."id") ORDER BY h."id"`;
  for (const row of db.iterate(orphanSql)) {
    const historyId = sqlText(row['history_id']) ?? '';
    const fields = {
      visit_id: null,
      history_id: Number(historyId),
      guid: sqlText(row['guid']),
      url: sqlText(row['url']),
      title: sqlText(row['title']),
      visit_type: null,
      is_local: null,
      is_deleted: sqlBoolean(row['is_deleted']),
      backup_domain: owner.backupDomain,
      location: owner.location,
    };
    yield makeRecord(FIREFOX_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: history, rowid: historyId }));
  }
}

export const firefoxHistoryExtractor: Extractor = {
  id: FIREFOX_HISTORY_ARTIFACT,
  title: 'Firefox history',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: FIREFOX_BROWSER_DB_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachOwnedDatabase(source, filesWithContent(source, pathsFor(FIREFOX_BROWSER_DB_PATHS_BY_KIND, source), context), context, readFirefoxHistory);
  },
};
