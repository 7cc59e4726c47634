/**
 * The Security framework's analytics stores (`private/var/Keychains/Analytics/*.db`, one
 * per subsystem: keychain, CloudKit sync, trust, networking…). Each logged failure or event
 * is a row whose `data` is a binary plist of attributes, and those attributes name the
 * process, service or host involved, so an implant that touched the keychain can leave its
 * process name here. Only file-system dumps hold these stores.
 *
 * Rows are in `hard_failures`, `soft_failures` and, when the subsystem logs every event,
 * `all_events`; each has `timestamp REAL` and `data BLOB`.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlValue } from '../../formats/sqlite.js';
import { sqlBytes, sqlNumber } from '../../formats/sql-values.js';
import { decodePlist } from '../../formats/plist-decode.js';
import { isPlistDict, type PlistDict, type PlistValue } from '../../formats/plist.js';
import { isoFromMacSeconds, isoFromUnixMillis, isoFromUnixSeconds } from '../../formats/time.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { ArtifactError, describeError } from '../../errors.js';

export const KEYCHAIN_ANALYTICS_ARTIFACT = 'keychain_analytics';
export const KEYCHAIN_ANALYTICS_PATHS = { 'ios-fs': ['private/var/Keychains/Analytics/*.db'] } as const;

export const ANALYTICS_TABLES = ['hard_failures', 'soft_failures', 'all_events'] as const;

export type AnalyticsTimeBase = 'unix-seconds' | 'unix-milliseconds' | 'mac-seconds';

/** 2009-11-01 in Mac-absolute seconds: no iPhone analytics store is older. */
const OLDEST_MAC_SECONDS = 278_700_000;
/** 2000-01-01 in Unix seconds, also 2031 in Mac-absolute seconds: above it only Unix fits. */
const OLDEST_UNIX_SECONDS = 946_684_800;
/** A Unix time in milliseconds is above this for any date after 1973. */
const MILLISECONDS_FROM = 100_000_000_000;

/**
 * The Security framework writes `[NSDate timeIntervalSince1970]` (Unix seconds), as MVT
 * reads it. The three bases do not overlap for phone-era dates: Unix seconds of 2000–2100
 * start at 9.5e8, Mac-absolute seconds of 2009–2031 lie between 2.8e8 and 9.5e8, and
 * milliseconds exceed 1e11. So a value is read in the only base that gives a plausible
 * date, and the record says which base that was.
 */
export function analyticsTime(value: SqlValue | undefined): { at: string | null; base: AnalyticsTimeBase | null } {
  const seconds = sqlNumber(value ?? null);
  if (seconds === null || seconds <= 0) return { at: null, base: null };
  if (seconds >= MILLISECONDS_FROM) {
    const at = isoFromUnixMillis(seconds);
    return { at, base: at ? 'unix-milliseconds' : null };
  }
  if (seconds >= OLDEST_UNIX_SECONDS) {
    const at = isoFromUnixSeconds(seconds);
    return { at, base: at ? 'unix-seconds' : null };
  }
  if (seconds >= OLDEST_MAC_SECONDS) {
    const at = isoFromMacSeconds(seconds);
    return { at, base: at ? 'mac-seconds' : null };
  }
  return { at: null, base: null };
}

/** A string leaf of the decoded attributes and the key path that leads to it. */
export interface AnalyticsString {
  key: string;
  value: string;
}

/** Every string leaf, depth first in key order as stored; keys joined with '.', array items as `[i]`. */
export function stringLeaves(value: PlistValue, key = ''): AnalyticsString[] {
  if (typeof value === 'string') return value === '' ? [] : [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${key}[${index}]`));
  if (isPlistDict(value)) return Object.entries(value).flatMap(([name, item]) => stringLeaves(item, key === '' ? name : `${key}.${name}`));
  // Numbers, dates, data and UIDs name nothing an indicator could match.
  return [];
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/i;
const HOST_LIKE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:\/\S*)?$/i;
/**
 * Reverse-DNS identifiers (`com.apple.securityd`, `group.com.example`) read like host names
 * but name bundles, services and keychain groups; looking them up as hosts would only match
 * a domain indicator by accident.
 */
const REVERSE_DNS = /^(?:com|org|net|group|systemgroup)\./i;

/**
 * The values worth a URL or domain look-up: a URL with a scheme, or a bare host name
 * (optionally with port and path). Free text is left out: the URL matcher reads the host as
 * everything up to the first '/', so a sentence would be looked up as one odd host.
 */
export function webValues(values: readonly string[]): string[] {
  const found = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    if (URL_LIKE.test(value)) found.add(value);
    else if (HOST_LIKE.test(value) && !REVERSE_DNS.test(value)) found.add(value);
  }
  return [...found];
}

/** One analytics row, decoded. */
export interface AnalyticsRow {
  table: string;
  rowid: string;
  time: string | null;
  timeBase: AnalyticsTimeBase | null;
  timestampRaw: number | null;
  attributes: PlistDict | null;
  /** Why the data blob could not be read as an attribute dictionary, or null. */
  problem: string | null;
}

function decodeAttributes(value: SqlValue | undefined): { attributes: PlistDict | null; problem: string | null } {
  const bytes = sqlBytes(value ?? null);
  if (bytes === null || bytes.length === 0) return { attributes: null, problem: 'no data' };
  try {
    const decoded = decodePlist(bytes);
    return isPlistDict(decoded) ? { attributes: decoded, problem: null } : { attributes: null, problem: 'the data is a property list but not a dictionary' };
  } catch (error) {
    return { attributes: null, problem: describeError(error) };
  }
}

/**
 * The rows of every analytics table present, table by table in storage order. A database
 * with none of the tables, or a table without timestamp and data, is an unknown schema;
 * the rows of the readable tables are still yielded first.
 */
export function* analyticsRows(db: SqliteDatabase): Generator<AnalyticsRow> {
  const problems: string[] = [];
  let found = 0;
  for (const name of ANALYTICS_TABLES) {
    const table = findTable(db, name);
    if (!table) continue;
    found += 1;
    const columns = columnSet(db, table);
    if (!columns.has('timestamp') || !columns.has('data')) {
      problems.push(`${table} lacks timestamp or data (columns: ${db.columns(table).join(', ')})`);
      continue;
    }
    for (const row of db.iterate(`SELECT rowid AS rid, "timestamp" AS ts, "data" AS data FROM ${quoteIdent(table)} ORDER BY rowid`)) {
      const { at, base } = analyticsTime(row['ts']);
      yield { table, rowid: String(row['rid']), time: at, timeBase: base, timestampRaw: sqlNumber(row['ts'] ?? null), ...decodeAttributes(row['data']) };
    }
  }
  if (found === 0) {
    problems.push(`no hard_failures, soft_failures or all_events table (tables: ${db.tables().slice(0, 12).join(', ') || 'none'})`);
  }
  if (problems.length > 0) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${problems.join('; ')}`);
}

export function dbNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** One record per analytics row, every string attribute kept for the indicator checks. */
export function* readKeychainAnalytics(db: SqliteDatabase, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  let undecodable = 0;
  let firstProblem: string | null = null;
  try {
    for (const row of analyticsRows(db)) {
      if (row.problem !== null) {
        undecodable += 1;
        firstProblem ??= `${row.table} row ${row.rowid}: ${row.problem}`;
      }
      const leaves = row.attributes ? stringLeaves(row.attributes) : [];
      const values = leaves.map((leaf) => leaf.value);
      const fields: RecordFields = {
        db_name: dbNameOf(digest.path),
        table: row.table,
        values,
        keys: leaves.map((leaf) => leaf.key),
        web_values: webValues(values),
        timestamp_raw: row.timestampRaw,
        time_base: row.timeBase,
        data_problem: row.problem,
      };
      yield makeRecord(KEYCHAIN_ANALYTICS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: row.table, rowid: row.rowid }), [
        { at: row.time, meaning: 'recorded' },
      ]);
    }
  } finally {
    if (undecodable > 0) {
      context.issue({ code: 'corrupt', path: digest.path, message: `${undecodable} analytics row(s) have data that is not an attribute dictionary (first: ${firstProblem ?? ''}); their times were kept` });
    }
  }
}

export const keychainAnalyticsExtractor: Extractor = {
  id: KEYCHAIN_ANALYTICS_ARTIFACT,
  title: 'Security framework analytics events (Keychains/Analytics)',
  platform: 'ios',
  acquisitions: ['ios-fs'],
  paths: KEYCHAIN_ANALYTICS_PATHS,
  extract(source: Source, context: ExtractContext) {
    const files = filesWithContent(source, pathsFor(KEYCHAIN_ANALYTICS_PATHS, source), context);
    return eachDatabase(source, files, context, (db, digest) => readKeychainAnalytics(db, digest, context));
  },
};
