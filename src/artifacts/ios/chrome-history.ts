/**
 * Chrome for iOS browsing history (`…/Google/Chrome/<profile>/History`, Chromium's schema):
 * one record per visit with the page it came from, then one per URL whose visits are gone.
 * A spyware link opened in Chrome instead of Safari leaves its trace here, and Chrome's
 * transition bits say whether the page was reached by a server or client redirect.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase } from '../../formats/sqlite.js';
import { sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromWebkitMicros } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { APP_DATA_CONTAINERS } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { sqlInstant } from './sql-time.js';

export const CHROME_HISTORY_ARTIFACT = 'chrome_history';
export const CHROME_APP_DOMAIN = 'AppDomain-com.google.chrome.ios';
export const CHROME_HISTORY_PATHS = [`${CHROME_APP_DOMAIN}/Library/Application Support/Google/Chrome/*/History`] as const;
export const CHROME_HISTORY_FS_PATHS = [`${APP_DATA_CONTAINERS}/Library/Application Support/Google/Chrome/*/History`] as const;
export const CHROME_HISTORY_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': CHROME_HISTORY_PATHS, 'ios-fs': CHROME_HISTORY_FS_PATHS };

/** The Chrome profile folder a database belongs to (`Default` for the first profile). */
export function chromeProfileOf(path: string): string | null {
  return /\/Google\/Chrome\/([^/]+)\/[^/]+$/.exec(path)?.[1] ?? null;
}

/** Core page-transition types (low byte of `visits.transition`), from Chromium's page_transition_types.h. */
const CORE_TRANSITIONS = [
  'link',
  'typed',
  'auto_bookmark',
  'auto_subframe',
  'manual_subframe',
  'generated',
  'auto_toplevel',
  'form_submit',
  'reload',
  'keyword',
  'keyword_generated',
] as const;
const CLIENT_REDIRECT = 0x40000000;
const SERVER_REDIRECT = 0x80000000;

export function chromeTransitionType(transition: number | null): string | null {
  if (transition === null) return null;
  return CORE_TRANSITIONS[transition & 0xff] ?? `unknown (${transition & 0xff})`;
}

/** 'server' or 'client' when the transition's qualifier bits mark a redirect, else null. */
export function chromeRedirectKind(transition: number | null): 'server' | 'client' | null {
  if (transition === null) return null;
  // The qualifier is the high bit of a 32-bit value; unsigned arithmetic keeps it positive.
  const bits = transition >>> 0;
  if ((bits & SERVER_REDIRECT) >>> 0 !== 0) return 'server';
  if ((bits & CLIENT_REDIRECT) !== 0) return 'client';
  return null;
}

function unsupported(detail: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${detail}`);
}

/** `from_visit` 0 means "none" in Chromium. */
function visitReference(value: number | null): number | null {
  return value === null || value === 0 ? null : value;
}

export function* readChromeHistory(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const urls = findTable(db, 'urls');
  const visits = findTable(db, 'visits');
  if (!urls || !visits) throw unsupported(`expected urls and visits (tables: ${db.tables().join(', ') || 'none'})`);
  const urlColumns = columnSet(db, urls);
  const visitColumns = columnSet(db, visits);
  const missing = [
    ...['id', 'url'].filter((c) => !urlColumns.has(c)).map((c) => `urls.${c}`),
    ...['id', 'url', 'visit_time'].filter((c) => !visitColumns.has(c)).map((c) => `visits.${c}`),
  ];
  if (missing.length > 0) throw unsupported(`missing ${missing.join(', ')}`);

  const optional = (alias: string, columns: Set<string>, column: string, as = column): string =>
    columns.has(column) ? `${alias}.${quoteIdent(column)} AS ${quoteIdent(as)}` : `NULL AS ${quoteIdent(as)}`;
  const hasFrom = visitColumns.has('from_visit');
  const select = [
    'v."id" AS "visit_id"',
    'v."url" AS "url_id"',
    'v."visit_time" AS "visit_time"',
    'u."url" AS "url"',
    optional('u', urlColumns, 'title'),
    optional('u', urlColumns, 'hidden'),
    optional('v', visitColumns, 'from_visit'),
    optional('v', visitColumns, 'transition'),
    optional('v', visitColumns, 'visit_duration'),
    hasFrom ? 'fu."url" AS "from_url"' : 'NULL AS "from_url"',
  ];
  let from = `${quoteIdent(visits)} AS v LEFT JOIN ${quoteIdent(urls)} AS u ON u."id" = v."url"`;
  if (hasFrom) {
    from += ` LEFT JOIN ${quoteIdent(visits)} AS f ON f."id" = v."from_visit"`;
    from += ` LEFT JOIN ${quoteIdent(urls)} AS fu ON fu."id" = f."url"`;
  }
  const profile = chromeProfileOf(digest.path);

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${from} ORDER BY v."visit_time", v."id"`)) {
    const visitId = sqlText(row['visit_id']) ?? '';
    const transition = sqlNumber(row['transition']);
    const duration = sqlNumber(row['visit_duration']);
    const fields = {
      visit_id: Number(visitId),
      url_id: sqlNumber(row['url_id']),
      url: sqlText(row['url']),
      title: sqlText(row['title']),
      profile,
      hidden: sqlBoolean(row['hidden']),
      transition,
      transition_type: chromeTransitionType(transition),
      redirect_kind: chromeRedirectKind(transition),
      redirect_source: visitReference(sqlNumber(row['from_visit'])),
      redirect_source_url: sqlText(row['from_url']),
      visit_duration_ms: duration === null ? null : duration / 1000,
    };
    yield makeRecord(CHROME_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: visits, rowid: visitId }), [
      { at: isoFromWebkitMicros(sqlInstant(row['visit_time'])), meaning: 'visited' },
    ]);
  }

  // Chrome keeps a URL row (typed, bookmarked or expired visits) after its visits are gone.
  const orphanSql =
    `SELECT u."id" AS "url_id", u."url" AS "url", ${optional('u', urlColumns, 'title')}, ${optional('u', urlColumns, 'hidden')}, ` +
    `${optional('u', urlColumns, 'last_visit_time')} FROM ${quoteIdent(urls)} AS u ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(visits)} AS v WHERE v."url" = u."id") ORDER BY u."id"`;
  for (const row of db.iterate(orphanSql)) {
    const urlId = sqlText(row['url_id']) ?? '';
    const fields = {
      visit_id: null,
      url_id: Number(urlId),
      url: sqlText(row['url']),
      title: sqlText(row['title']),
      profile,
      hidden: sqlBoolean(row['hidden']),
      transition: null,
      transition_type: null,
      redirect_kind: null,
      redirect_source: null,
      redirect_source_url: null,
      visit_duration_ms: null,
    };
    yield makeRecord(CHROME_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: urls, rowid: urlId }), [
      { at: isoFromWebkitMicros(sqlInstant(row['last_visit_time'])), meaning: 'last visited' },
    ]);
  }
}

export const chromeHistoryExtractor: Extractor = {
  id: CHROME_HISTORY_ARTIFACT,
  title: 'Chrome history',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: CHROME_HISTORY_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(CHROME_HISTORY_PATHS_BY_KIND, source), context), context, readChromeHistory);
  },
};
