/**
 * Writes Chrome for iOS `History` databases with Chromium's schema (reference/artifacts.md
 * §2.3.18): `meta`, `urls`, `visits` with every column of a current Chrome, plus the
 * side tables a real file carries (`visit_source`, `keyword_search_terms`, `segments`,
 * `segment_usage`). Times are raw Chrome time: microseconds since 1601-01-01 (INTEGER).
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `current`: Chrome 120-era columns (opener, originator and sync columns on visits).
 * - `legacy`: an older Chrome whose `urls` still has `favicon_id` and whose `visits` has
 *   `is_indexed` but neither `visit_duration` nor the later columns.
 */
export type ChromeHistoryVariant = 'current' | 'legacy';

export interface ChromeUrlSpec {
  id: number;
  url: string;
  title?: string;
  visitCount?: number;
  typedCount?: number;
  /** Chrome time (µs since 1601); defaults to the latest visit's time, or 0. */
  lastVisitTime?: bigint;
  hidden?: boolean;
}

export interface ChromeVisitSpec {
  id: number;
  /** urls.id; may name a row that does not exist. */
  url: number;
  /** Chrome time (µs since 1601). */
  time: bigint;
  /** The visit this one came from (a redirect or a link), 0 for none. */
  fromVisit?: number;
  /** Page transition: core type in the low byte, qualifier bits above. */
  transition?: number;
  /** Microseconds. */
  duration?: bigint;
}

export interface ChromeHistorySpec {
  variant?: ChromeHistoryVariant;
  urls: ChromeUrlSpec[];
  visits: ChromeVisitSpec[];
}

/** Chrome time of a Unix-seconds instant, for readable test specs. */
export function chromeTime(unixSeconds: number): bigint {
  return (BigInt(unixSeconds) + 11_644_473_600n) * 1_000_000n;
}

const CURRENT_SCHEMA = `
CREATE TABLE meta (key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls (id INTEGER PRIMARY KEY AUTOINCREMENT, url LONGVARCHAR, title LONGVARCHAR,
  visit_count INTEGER DEFAULT 0 NOT NULL, typed_count INTEGER DEFAULT 0 NOT NULL,
  last_visit_time INTEGER NOT NULL, hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT, url INTEGER NOT NULL, visit_time INTEGER NOT NULL,
  from_visit INTEGER, external_referrer_url TEXT, transition INTEGER DEFAULT 0 NOT NULL, segment_id INTEGER,
  visit_duration INTEGER DEFAULT 0 NOT NULL, incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,
  opener_visit INTEGER, originator_cache_guid TEXT, originator_visit_id INTEGER, originator_from_visit INTEGER,
  originator_opener_visit INTEGER, is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,
  consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL, visited_link_id INTEGER DEFAULT 0 NOT NULL, app_id TEXT);
`;

const LEGACY_SCHEMA = `
CREATE TABLE meta (key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, visit_count INTEGER DEFAULT 0 NOT NULL,
  typed_count INTEGER DEFAULT 0 NOT NULL, last_visit_time INTEGER NOT NULL, hidden INTEGER DEFAULT 0 NOT NULL,
  favicon_id INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER NOT NULL, visit_time INTEGER NOT NULL, from_visit INTEGER,
  transition INTEGER DEFAULT 0 NOT NULL, segment_id INTEGER, is_indexed BOOLEAN);
`;

const SIDE_TABLES = `
CREATE TABLE visit_source (id INTEGER PRIMARY KEY, source INTEGER NOT NULL);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL, url_id INTEGER NOT NULL, term LONGVARCHAR NOT NULL,
  normalized_term LONGVARCHAR NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY, name VARCHAR, url_id INTEGER NON NULL);
CREATE TABLE segment_usage (id INTEGER PRIMARY KEY, segment_id INTEGER NOT NULL, time_slot INTEGER NOT NULL,
  visit_count INTEGER DEFAULT 0 NOT NULL);
CREATE INDEX visits_url_index ON visits (url);
CREATE INDEX visits_from_index ON visits (from_visit);
CREATE INDEX visits_time_index ON visits (visit_time);
CREATE INDEX urls_url_index ON urls (url);
`;

export function buildChromeHistoryDb(spec: ChromeHistorySpec): Buffer {
  const legacy = spec.variant === 'legacy';
  return sqliteBytes((db) => {
    db.defaultSafeIntegers(true);
    db.exec((legacy ? LEGACY_SCHEMA : CURRENT_SCHEMA) + SIDE_TABLES);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('version', legacy ? '29' : '66');
    meta.run('last_compatible_version', legacy ? '16' : '16');
    const addUrl = db.prepare(
      'INSERT INTO urls (id, url, title, visit_count, typed_count, last_visit_time, hidden) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const url of spec.urls) {
      const visits = spec.visits.filter((visit) => visit.url === url.id);
      const latest = visits.reduce((max, visit) => (visit.time > max ? visit.time : max), 0n);
      addUrl.run(
        url.id,
        url.url,
        url.title ?? '',
        url.visitCount ?? visits.length,
        url.typedCount ?? 0,
        url.lastVisitTime ?? latest,
        url.hidden ? 1 : 0,
      );
    }
    const addVisit = legacy
      ? db.prepare('INSERT INTO visits (id, url, visit_time, from_visit, transition, segment_id, is_indexed) VALUES (?, ?, ?, ?, ?, 0, 1)')
      : db.prepare('INSERT INTO visits (id, url, visit_time, from_visit, transition, segment_id, visit_duration) VALUES (?, ?, ?, ?, ?, 0, ?)');
    for (const visit of spec.visits) {
      const values: Array<number | bigint> = [visit.id, visit.url, visit.time, visit.fromVisit ?? 0, visit.transition ?? 0];
      if (!legacy) values.push(visit.duration ?? 0n);
      addVisit.run(...values);
    }
  });
}
