/**
 * Chrome for iOS favicon cache (`…/Google/Chrome/<profile>/Favicons`): which page used
 * which icon, and when the icon was last fetched. It outlives cleared history, so a page
 * of an exploit server can remain here after the History file has forgotten it.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromWebkitMicros } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { APP_DATA_CONTAINERS } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { CHROME_APP_DOMAIN, chromeProfileOf } from './chrome-history.js';
import { sqlInstant } from './sql-time.js';

export const CHROME_FAVICON_ARTIFACT = 'chrome_favicon';
export const CHROME_FAVICON_PATHS = [`${CHROME_APP_DOMAIN}/Library/Application Support/Google/Chrome/*/Favicons`] as const;
export const CHROME_FAVICON_FS_PATHS = [`${APP_DATA_CONTAINERS}/Library/Application Support/Google/Chrome/*/Favicons`] as const;
export const CHROME_FAVICON_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': CHROME_FAVICON_PATHS, 'ios-fs': CHROME_FAVICON_FS_PATHS };

/** Chromium's favicon_base::IconType values. */
const ICON_TYPES: Readonly<Record<number, string>> = {
  1: 'favicon',
  2: 'touch_icon',
  4: 'touch_precomposed_icon',
  8: 'web_manifest_icon',
};

function iconTypeName(value: number | null): string | null {
  if (value === null) return null;
  return ICON_TYPES[value] ?? `unknown (${value})`;
}

function unsupported(detail: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${detail}`);
}

/**
 * One record per icon_mapping row (a page and its icon, with the icon's bitmaps summed up:
 * one finding per page, not one per bitmap size), then one per icon no page maps to.
 */
export function* readChromeFavicons(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const mapping = findTable(db, 'icon_mapping');
  const icons = findTable(db, 'favicons');
  const bitmaps = findTable(db, 'favicon_bitmaps');
  if (!mapping || !icons || !bitmaps) {
    throw unsupported(`expected icon_mapping, favicons and favicon_bitmaps (tables: ${db.tables().join(', ') || 'none'})`);
  }
  const mappingColumns = columnSet(db, mapping);
  const iconColumns = columnSet(db, icons);
  const bitmapColumns = columnSet(db, bitmaps);
  const missing = [
    ...['id', 'page_url', 'icon_id'].filter((c) => !mappingColumns.has(c)).map((c) => `icon_mapping.${c}`),
    ...['id', 'url'].filter((c) => !iconColumns.has(c)).map((c) => `favicons.${c}`),
    ...['icon_id', 'last_updated'].filter((c) => !bitmapColumns.has(c)).map((c) => `favicon_bitmaps.${c}`),
  ];
  if (missing.length > 0) throw unsupported(`missing ${missing.join(', ')}`);

  const b = quoteIdent(bitmaps);
  const aggregate = (expression: string, as: string, column?: string): string =>
    column !== undefined && !bitmapColumns.has(column)
      ? `NULL AS ${quoteIdent(as)}`
      : `(SELECT ${expression} FROM ${b} AS b WHERE b."icon_id" = i."id") AS ${quoteIdent(as)}`;
  const iconSelect = [
    'i."id" AS "icon_id"',
    'i."url" AS "icon_url"',
    iconColumns.has('icon_type') ? 'i."icon_type" AS "icon_type"' : 'NULL AS "icon_type"',
    // Chrome writes 0 for "never": NULLIF keeps a never-requested bitmap from hiding a real time.
    aggregate('MAX(NULLIF(b."last_updated", 0))', 'last_updated'),
    aggregate('MAX(NULLIF(b."last_requested", 0))', 'last_requested', 'last_requested'),
    aggregate('COUNT(*)', 'bitmap_count'),
    aggregate('MAX(b."width")', 'max_width', 'width'),
  ];
  const profile = chromeProfileOf(digest.path);

  const sql =
    `SELECT m."id" AS "mapping_id", m."page_url" AS "page_url", m."icon_id" AS "mapped_icon_id", ${iconSelect.join(', ')} ` +
    `FROM ${quoteIdent(mapping)} AS m LEFT JOIN ${quoteIdent(icons)} AS i ON i."id" = m."icon_id" ORDER BY m."id"`;
  for (const row of db.iterate(sql)) {
    const mappingId = sqlText(row['mapping_id']) ?? '';
    yield makeRecord(
      CHROME_FAVICON_ARTIFACT,
      fieldsOf(row, { mapping_id: Number(mappingId), page_url: sqlText(row['page_url']), icon_id: sqlNumber(row['mapped_icon_id']) }, profile),
      originOf(digest, { kind: 'sqlite', table: mapping, rowid: mappingId }),
      timesOf(row),
    );
  }

  const orphanSql =
    `SELECT ${iconSelect.join(', ')} FROM ${quoteIdent(icons)} AS i ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(mapping)} AS m WHERE m."icon_id" = i."id") ORDER BY i."id"`;
  for (const row of db.iterate(orphanSql)) {
    const iconId = sqlText(row['icon_id']) ?? '';
    yield makeRecord(
      CHROME_FAVICON_ARTIFACT,
      fieldsOf(row, { mapping_id: null, page_url: null, icon_id: Number(iconId) }, profile),
      originOf(digest, { kind: 'sqlite', table: icons, rowid: iconId }),
      timesOf(row),
    );
  }
}

interface MappingHead {
  mapping_id: number | null;
  page_url: string | null;
  icon_id: number | null;
}

function fieldsOf(row: SqlRow, head: MappingHead, profile: string | null) {
  const iconType = sqlNumber(row['icon_type']);
  return {
    ...head,
    icon_url: sqlText(row['icon_url']),
    icon_type: iconTypeName(iconType),
    bitmap_count: sqlNumber(row['bitmap_count']) ?? 0,
    max_width: sqlNumber(row['max_width']),
    profile,
  };
}

function timesOf(row: SqlRow): Array<{ at: string | null; meaning: string }> {
  return [
    { at: isoFromWebkitMicros(sqlInstant(row['last_updated'])), meaning: 'icon updated' },
    { at: isoFromWebkitMicros(sqlInstant(row['last_requested'])), meaning: 'icon requested' },
  ];
}

export const chromeFaviconExtractor: Extractor = {
  id: CHROME_FAVICON_ARTIFACT,
  title: 'Chrome favicons',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CHROME_FAVICON_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(CHROME_FAVICON_PATHS_BY_KIND, source), context), context, readChromeFavicons);
  },
};
