/**
 * Safari's favicon cache (`Library/Image Cache/Favicons/Favicons.db`): which page used
 * which icon, and icons Safari rejected. Amnesty lists it among the Safari traces of
 * network-injection redirects; it can outlive cleared history. MVT reads it only from
 * file-system dumps; Exhibit also reads it wherever a backup holds it: in HomeDomain
 * (MobileSafari before it moved into an app container with iOS 13) and in any app
 * container (`AppDomain-com.apple.mobilesafari` and other WebKit browsers).
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { underEach } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { sqlInstant } from './sql-time.js';
import { eachOwnedDatabase, ownerInBackup, type FileOwner } from './file-owner.js';
import { SAFARI_ROOTS } from './safari-history.js';

export const SAFARI_FAVICON_ARTIFACT = 'safari_favicon';
export const SAFARI_FAVICON_PATHS = ['*/Library/Image Cache/Favicons/Favicons.db'] as const;
export const SAFARI_FAVICON_FS_PATHS = underEach(SAFARI_ROOTS, 'Library/Image Cache/Favicons/Favicons.db');
export const SAFARI_FAVICON_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': SAFARI_FAVICON_PATHS, 'ios-fs': SAFARI_FAVICON_FS_PATHS };

function unsupported(detail: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${detail}`);
}

export function* readSafariFavicons(db: SqliteDatabase, digest: FileDigest, owner: FileOwner = ownerInBackup(digest.path)): Generator<ArtifactRecord> {
  const pages = findTable(db, 'page_url');
  const icons = findTable(db, 'icon_info');
  if (!pages || !icons) throw unsupported(`expected page_url and icon_info (tables: ${db.tables().join(', ') || 'none'})`);
  const pageColumns = columnSet(db, pages);
  const iconColumns = columnSet(db, icons);
  const rejected = findTable(db, 'rejected_resources');
  const rejectedColumns = rejected ? columnSet(db, rejected) : new Set<string>();
  const missing = [
    ...['uuid', 'url'].filter((c) => !pageColumns.has(c)).map((c) => `page_url.${c}`),
    ...['uuid', 'url', 'timestamp'].filter((c) => !iconColumns.has(c)).map((c) => `icon_info.${c}`),
    ...(rejected ? ['page_url', 'icon_url', 'timestamp'].filter((c) => !rejectedColumns.has(c)).map((c) => `rejected_resources.${c}`) : []),
  ];
  if (missing.length > 0) throw unsupported(`missing ${missing.join(', ')}`);

  const size = (column: string): string => (iconColumns.has(column) ? `i.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`);
  const iconSelect = `i."url" AS "icon_url", i."timestamp" AS "timestamp", ${size('width')}, ${size('height')}`;
  const base = { backup_domain: owner.backupDomain, app_id: owner.appId, location: owner.location };
  const fields = (kind: 'valid' | 'rejected', row: SqlRow, uuid: string | null): RecordFields => ({
    kind,
    page_url: sqlText(row['page_url']),
    icon_url: sqlText(row['icon_url']),
    icon_uuid: uuid,
    width: sqlNumber(row['width']),
    height: sqlNumber(row['height']),
    ...base,
  });

  // Every page with its icon (LEFT JOIN: a page whose icon row is gone is still a visited page).
  const pageSql =
    `SELECT p.rowid AS "row", p."url" AS "page_url", p."uuid" AS "uuid", ${iconSelect} ` +
    `FROM ${quoteIdent(pages)} AS p LEFT JOIN ${quoteIdent(icons)} AS i ON i."uuid" = p."uuid" ORDER BY p.rowid`;
  for (const row of db.iterate(pageSql)) {
    const rowid = sqlText(row['row']) ?? '';
    yield makeRecord(SAFARI_FAVICON_ARTIFACT, fields('valid', row, sqlText(row['uuid'])), originOf(digest, { kind: 'sqlite', table: pages, rowid }), [
      { at: isoFromMacSeconds(sqlInstant(row['timestamp'])), meaning: 'icon stored' },
    ]);
  }

  const orphanSql =
    `SELECT i.rowid AS "row", NULL AS "page_url", i."uuid" AS "uuid", ${iconSelect} FROM ${quoteIdent(icons)} AS i ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(pages)} AS p WHERE p."uuid" = i."uuid") ORDER BY i.rowid`;
  for (const row of db.iterate(orphanSql)) {
    const rowid = sqlText(row['row']) ?? '';
    yield makeRecord(SAFARI_FAVICON_ARTIFACT, fields('valid', row, sqlText(row['uuid'])), originOf(digest, { kind: 'sqlite', table: icons, rowid }), [
      { at: isoFromMacSeconds(sqlInstant(row['timestamp'])), meaning: 'icon stored' },
    ]);
  }

  if (!rejected) return;
  const rejectedSql =
    `SELECT r.rowid AS "row", r."page_url" AS "page_url", r."icon_url" AS "icon_url", r."timestamp" AS "timestamp", ` +
    `NULL AS "width", NULL AS "height" FROM ${quoteIdent(rejected)} AS r ORDER BY r.rowid`;
  for (const row of db.iterate(rejectedSql)) {
    const rowid = sqlText(row['row']) ?? '';
    yield makeRecord(SAFARI_FAVICON_ARTIFACT, fields('rejected', row, null), originOf(digest, { kind: 'sqlite', table: rejected, rowid }), [
      { at: isoFromMacSeconds(sqlInstant(row['timestamp'])), meaning: 'icon rejected' },
    ]);
  }
}

export const safariFaviconExtractor: Extractor = {
  id: SAFARI_FAVICON_ARTIFACT,
  title: 'Safari favicons',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SAFARI_FAVICON_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachOwnedDatabase(source, filesWithContent(source, pathsFor(SAFARI_FAVICON_PATHS_BY_KIND, source), context), context, readSafariFavicons);
  },
};
