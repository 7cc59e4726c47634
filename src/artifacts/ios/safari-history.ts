/**
 * Safari visits (History.db), one database per Safari profile. Besides each visit, the
 * record carries what is needed to recognise a network injection without looking at any
 * other record: where the visit was redirected, to which host, and how fast. Amnesty's
 * Pegasus investigation found plain-HTTP visits redirected to exploit servers within
 * milliseconds, faster than any person clicks.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { findTable, columnSet, type SqliteDatabase, quoteIdent } from '../../formats/sqlite.js';
import { sqlBoolean, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME, APP_DATA_CONTAINERS, underEach } from './device-paths.js';
import { ArtifactError } from '../../errors.js';

export const SAFARI_HISTORY_ARTIFACT = 'safari_history';
/** The device folders whose `Library/Safari` may hold Safari's databases. */
export const SAFARI_ROOTS = [MOBILE_HOME, APP_DATA_CONTAINERS] as const;
export const SAFARI_HISTORY_PATHS = ['*/Library/Safari/History.db', '*/Library/Safari/Profiles/*/History.db'] as const;
/** MobileSafari kept its data in the home folder before iOS 13, then in its own app container. */
export const SAFARI_HISTORY_FS_PATHS = underEach(SAFARI_ROOTS, 'Library/Safari/History.db').concat(underEach(SAFARI_ROOTS, 'Library/Safari/Profiles/*/History.db'));
export const SAFARI_HISTORY_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': SAFARI_HISTORY_PATHS, 'ios-fs': SAFARI_HISTORY_FS_PATHS };

/** The Safari profile folder (iOS 17+) a database belongs to; null for the default profile. */
export function safariProfileOf(path: string): string | null {
  const match = /\/Library\/Safari\/Profiles\/([^/]+)\//.exec(path);
  return match?.[1] ?? null;
}

/**
 * The host of a URL as compared for the redirect heuristic: lower case, without port,
 * user information, trailing dot or a literal leading `www.` (only that prefix, unlike a
 * character-set strip). Null when the text is not a URL with a host.
 */
export function comparableHost(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  return host === '' ? null : host;
}

const OPTIONAL_VISIT_COLUMNS = ['title', 'redirect_source', 'redirect_destination', 'load_successful', 'http_non_get', 'origin'] as const;

/** Milliseconds between two Mac-seconds times, rounded to the microsecond. */
function deltaMillis(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return Math.round((to - from) * 1_000_000) / 1000;
}

/**
 * Records of one History.db: one per visit (joined to its item and to the visits it
 * was redirected from and to), then one per item that has no visit left.
 */
export function* readSafariHistory(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const items = findTable(db, 'history_items');
  const visits = findTable(db, 'history_visits');
  if (!items || !visits) {
    throw new ArtifactError(
      'ARTIFACT_UNSUPPORTED_SCHEMA',
      `unsupported schema: expected history_items and history_visits (tables: ${db.tables().join(', ') || 'none'})`,
    );
  }
  const itemColumns = columnSet(db, items);
  const visitColumns = columnSet(db, visits);
  const missing = [
    ...['id', 'url'].filter((c) => !itemColumns.has(c)).map((c) => `history_items.${c}`),
    ...['id', 'history_item', 'visit_time'].filter((c) => !visitColumns.has(c)).map((c) => `history_visits.${c}`),
  ];
  if (missing.length > 0) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: missing ${missing.join(', ')}`);

  const has = (column: string): boolean => visitColumns.has(column);
  const visitColumn = (column: string): string =>
    has(column) ? `v.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`;
  const select = [
    'v."id" AS "visit_id"',
    'v."history_item" AS "item_id"',
    'v."visit_time" AS "visit_time"',
    'i."url" AS "url"',
    ...OPTIONAL_VISIT_COLUMNS.map(visitColumn),
  ];
  let from = `${quoteIdent(visits)} AS v LEFT JOIN ${quoteIdent(items)} AS i ON i."id" = v."history_item"`;
  // Self-joins give each visit its redirect neighbours in the same pass, so the
  // heuristic's facts are computed without holding the table in memory.
  if (has('redirect_destination')) {
    select.push('d."visit_time" AS "destination_time"', 'di."url" AS "destination_url"');
    from += ` LEFT JOIN ${quoteIdent(visits)} AS d ON d."id" = v."redirect_destination"`;
    from += ` LEFT JOIN ${quoteIdent(items)} AS di ON di."id" = d."history_item"`;
  } else {
    select.push('NULL AS "destination_time"', 'NULL AS "destination_url"');
  }
  if (has('redirect_source')) {
    select.push('si."url" AS "source_url"');
    from += ` LEFT JOIN ${quoteIdent(visits)} AS s ON s."id" = v."redirect_source"`;
    from += ` LEFT JOIN ${quoteIdent(items)} AS si ON si."id" = s."history_item"`;
  } else {
    select.push('NULL AS "source_url"');
  }
  const profile = safariProfileOf(digest.path);

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${from} ORDER BY v."visit_time", v."id"`)) {
    const visitId = sqlText(row['visit_id']) ?? '';
    const url = sqlText(row['url']);
    const visitTime = sqlNumber(row['visit_time']);
    const destinationUrl = sqlText(row['destination_url']);
    const redirectDestination = sqlNumber(row['redirect_destination']);
    const destinationKnown = redirectDestination !== null && destinationUrl !== null;
    const fields = {
      visit_id: Number(visitId),
      item_id: sqlNumber(row['item_id']),
      url,
      title: sqlText(row['title']),
      profile,
      load_successful: sqlBoolean(row['load_successful']),
      http_non_get: sqlBoolean(row['http_non_get']),
      visit_origin: sqlNumber(row['origin']),
      redirect_source: sqlNumber(row['redirect_source']),
      redirect_source_url: sqlText(row['source_url']),
      redirect_destination: redirectDestination,
      redirect_destination_url: destinationUrl,
      redirect_delay_ms: destinationKnown ? deltaMillis(visitTime, sqlNumber(row['destination_time'])) : null,
      // An unparsable URL counts as an empty host, so it differs from any real one.
      redirect_to_other_host: destinationKnown ? (comparableHost(url) ?? '') !== (comparableHost(destinationUrl) ?? '') : null,
    };
    yield makeRecord(SAFARI_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: visits, rowid: visitId }), [
      { at: isoFromMacSeconds(visitTime), meaning: 'visited' },
    ]);
  }

  // An item whose visits are gone still proves the URL was once in history.
  const orphanSql =
    `SELECT i."id" AS "item_id", i."url" AS "url" FROM ${quoteIdent(items)} AS i ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(visits)} AS v WHERE v."history_item" = i."id") ORDER BY i."id"`;
  for (const row of db.iterate(orphanSql)) {
    const itemId = sqlText(row['item_id']) ?? '';
    const fields = {
      visit_id: null,
      item_id: Number(itemId),
      url: sqlText(row['url']),
      title: null,
      profile,
      load_successful: null,
      http_non_get: null,
      visit_origin: null,
      redirect_source: null,
      redirect_source_url: null,
      redirect_destination: null,
      redirect_destination_url: null,
      redirect_delay_ms: null,
      redirect_to_other_host: null,
    };
    yield makeRecord(SAFARI_HISTORY_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: items, rowid: itemId }));
  }
}

export const safariHistoryExtractor: Extractor = {
  id: SAFARI_HISTORY_ARTIFACT,
  title: 'Safari history',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SAFARI_HISTORY_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(SAFARI_HISTORY_PATHS_BY_KIND, source), context), context, readSafariHistory);
  },
};
