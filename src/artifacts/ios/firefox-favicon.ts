/**
 * Firefox for iOS favicons (`browser.db`): which history page used which icon. One record
 * per favicon_sites link (the page and its icon), then one per icon no page links to.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { sqlNumber, sqlText } from '../../formats/sql-values.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { isoFromUnixAnyUnit, sqlInstant } from './sql-time.js';
import { FIREFOX_BROWSER_DB_PATHS_BY_KIND, firefoxUnsupported } from './firefox-history.js';
import { eachOwnedDatabase, ownerInBackup, type FileOwner } from './file-owner.js';

export const FIREFOX_FAVICON_ARTIFACT = 'firefox_favicon';

export function* readFirefoxFavicons(db: SqliteDatabase, digest: FileDigest, owner: FileOwner = ownerInBackup(digest.path)): Generator<ArtifactRecord> {
  const icons = findTable(db, 'favicons');
  const links = findTable(db, 'favicon_sites');
  if (!icons || !links) throw firefoxUnsupported(`expected favicons and favicon_sites (tables: ${db.tables().join(', ') || 'none'})`);
  const history = findTable(db, 'history');
  const iconColumns = columnSet(db, icons);
  const linkColumns = columnSet(db, links);
  const missing = [
    ...['id', 'url'].filter((c) => !iconColumns.has(c)).map((c) => `favicons.${c}`),
    ...['id', 'siteid', 'faviconid'].filter((c) => !linkColumns.has(c)).map((c) => `favicon_sites.${c}`),
  ];
  if (history && !columnSet(db, history).has('url')) missing.push('history.url');
  if (missing.length > 0) throw firefoxUnsupported(`missing ${missing.join(', ')}`);

  const iconSelect = [
    'f."id" AS "icon_id"',
    'f."url" AS "icon_url"',
    ...['width', 'height', 'type', 'date'].map((c) => (iconColumns.has(c) ? `f.${quoteIdent(c)} AS ${quoteIdent(c)}` : `NULL AS ${quoteIdent(c)}`)),
  ];
  // A database without a history table still names its icons; the page stays unknown.
  const pageJoin = history ? ` LEFT JOIN ${quoteIdent(history)} AS h ON h."id" = s."siteID"` : '';
  const pageUrl = history ? 'h."url" AS "page_url"' : 'NULL AS "page_url"';

  const sql =
    `SELECT s."id" AS "link_id", s."siteID" AS "history_id", s."faviconID" AS "linked_icon_id", ${pageUrl}, ${iconSelect.join(', ')} ` +
    `FROM ${quoteIdent(links)} AS s LEFT JOIN ${quoteIdent(icons)} AS f ON f."id" = s."faviconID"${pageJoin} ORDER BY s."id"`;
  for (const row of db.iterate(sql)) {
    const linkId = sqlText(row['link_id']) ?? '';
    yield makeRecord(
      FIREFOX_FAVICON_ARTIFACT,
      fieldsOf(row, Number(linkId), sqlNumber(row['linked_icon_id']), sqlNumber(row['history_id']), owner),
      originOf(digest, { kind: 'sqlite', table: links, rowid: linkId }),
      [{ at: isoFromUnixAnyUnit(sqlInstant(row['date'])), meaning: 'icon stored' }],
    );
  }

  const orphanSql =
    `SELECT NULL AS "page_url", ${iconSelect.join(', ')} FROM ${quoteIdent(icons)} AS f ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(links)} AS s WHERE s."faviconID" = f."id") ORDER BY f."id"`;
  for (const row of db.iterate(orphanSql)) {
    const iconId = sqlText(row['icon_id']) ?? '';
    yield makeRecord(
      FIREFOX_FAVICON_ARTIFACT,
      fieldsOf(row, null, Number(iconId), null, owner),
      originOf(digest, { kind: 'sqlite', table: icons, rowid: iconId }),
      [{ at: isoFromUnixAnyUnit(sqlInstant(row['date'])), meaning: 'icon stored' }],
    );
  }
}

function fieldsOf(row: SqlRow, linkId: number | null, iconId: number | null, historyId: number | null, owner: FileOwner) {
  return {
    link_id: linkId,
    icon_id: iconId,
    icon_url: sqlText(row['icon_url']),
    width: sqlNumber(row['width']),
    height: sqlNumber(row['height']),
    icon_type: sqlNumber(row['type']),
    history_id: historyId,
    page_url: sqlText(row['page_url']),
    backup_domain: owner.backupDomain,
    location: owner.location,
  };
}

export const firefoxFaviconExtractor: Extractor = {
  id: FIREFOX_FAVICON_ARTIFACT,
  title: 'Firefox favicons',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: FIREFOX_BROWSER_DB_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachOwnedDatabase(source, filesWithContent(source, pathsFor(FIREFOX_BROWSER_DB_PATHS_BY_KIND, source), context), context, readFirefoxFavicons);
  },
};
