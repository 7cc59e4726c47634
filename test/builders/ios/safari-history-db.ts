/**
 * Writes Safari History.db files with the real schema (reference/artifacts.md §2.3.2):
 * `history_items`, `history_visits` (with the redirect links between visits),
 * `history_tombstones`, `history_tags`, `history_items_to_tags`, `metadata`.
 * Visit times are Mac-absolute seconds (REAL).
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `ios15`: the current column set.
 * - `legacy`: an older Safari without `status_code` on items and without the
 *   origin/generation/attributes/score columns on visits.
 */
export type SafariHistoryVariant = 'ios15' | 'legacy';

export interface HistoryItemSpec {
  id: number;
  url: string;
  visitCount?: number;
  domainExpansion?: string | null;
}

export interface HistoryVisitSpec {
  id: number;
  item: number;
  /** Mac-absolute seconds. */
  time: number;
  title?: string | null;
  loadSuccessful?: boolean;
  httpNonGet?: boolean;
  redirectSource?: number | null;
  redirectDestination?: number | null;
  /** 0 for a visit made on this device; 1 for one synced from another device. */
  origin?: number;
}

export interface SafariHistorySpec {
  variant?: SafariHistoryVariant;
  items: HistoryItemSpec[];
  visits: HistoryVisitSpec[];
}

const ITEMS = (legacy: boolean) => `CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE,
  domain_expansion TEXT NULL, visit_count INTEGER NOT NULL, daily_visit_counts BLOB NOT NULL,
  weekly_visit_counts BLOB NULL, autocomplete_triggers BLOB NULL,
  should_recompute_derived_visit_counts INTEGER NOT NULL, visit_count_score INTEGER NOT NULL${
    legacy ? '' : ',\n  status_code INTEGER NOT NULL DEFAULT 0'
  })`;

const VISITS = (legacy: boolean) => `CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT,
  history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,
  visit_time REAL NOT NULL, title TEXT NULL, load_successful BOOLEAN NOT NULL DEFAULT 1,
  http_non_get BOOLEAN NOT NULL DEFAULT 0, synthesized BOOLEAN NOT NULL DEFAULT 0,
  redirect_source INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,
  redirect_destination INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE${
    legacy
      ? ''
      : `,
  origin INTEGER NOT NULL DEFAULT 0, generation INTEGER NOT NULL DEFAULT 0,
  attributes INTEGER NOT NULL DEFAULT 0, score INTEGER NOT NULL DEFAULT 0`
  })`;

const OTHERS = `
CREATE TABLE history_tombstones (id INTEGER PRIMARY KEY AUTOINCREMENT, start_time REAL NOT NULL, end_time REAL NOT NULL,
  url TEXT, generation INTEGER NOT NULL DEFAULT 0);
CREATE TABLE history_tags (id INTEGER PRIMARY KEY AUTOINCREMENT, type INTEGER NOT NULL, level INTEGER NOT NULL,
  identifier TEXT NOT NULL UNIQUE, title TEXT NOT NULL, modification_timestamp REAL NOT NULL, item_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE history_items_to_tags (history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES history_tags(id) ON DELETE CASCADE, timestamp REAL NOT NULL, UNIQUE(history_item, tag_id));
CREATE TABLE metadata (key TEXT NOT NULL UNIQUE, value);
CREATE INDEX history_visits__last_visit ON history_visits (history_item, visit_time DESC, synthesized ASC);
CREATE INDEX history_visits__origin ON history_visits (visit_time);
`;

export function buildSafariHistoryDb(spec: SafariHistorySpec): Buffer {
  const legacy = spec.variant === 'legacy';
  return sqliteBytes((db) => {
    db.exec(`${ITEMS(legacy)};\n${VISITS(legacy)};\n${OTHERS}`);
    db.prepare("INSERT INTO metadata (key, value) VALUES ('version', ?)").run(legacy ? 10 : 20);
    const addItem = db.prepare(
      `INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score)
       VALUES (?, ?, ?, ?, ?, 0, ?)`,
    );
    for (const item of spec.items) {
      const visits = item.visitCount ?? spec.visits.filter((visit) => visit.item === item.id).length;
      addItem.run(item.id, item.url, item.domainExpansion ?? null, visits, Buffer.alloc(4), visits * 100);
    }
    // Redirect links reference later rows, so visits are inserted first and linked after.
    const addVisit = db.prepare(
      `INSERT INTO history_visits (id, history_item, visit_time, title, load_successful, http_non_get${legacy ? '' : ', origin'})
       VALUES (?, ?, ?, ?, ?, ?${legacy ? '' : ', ?'})`,
    );
    const link = db.prepare('UPDATE history_visits SET redirect_source = ?, redirect_destination = ? WHERE id = ?');
    for (const visit of spec.visits) {
      const values: Array<number | string | null> = [
        visit.id,
        visit.item,
        visit.time,
        visit.title ?? null,
        visit.loadSuccessful === false ? 0 : 1,
        visit.httpNonGet ? 1 : 0,
      ];
      if (!legacy) values.push(visit.origin ?? 0);
      addVisit.run(...values);
    }
    for (const visit of spec.visits) {
      if (visit.redirectSource == null && visit.redirectDestination == null) continue;
      link.run(visit.redirectSource ?? null, visit.redirectDestination ?? null, visit.id);
    }
  });
}
