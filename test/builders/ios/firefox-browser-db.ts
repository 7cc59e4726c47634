/**
 * Writes Firefox for iOS `browser.db` files with the schema of firefox-ios's BrowserSchema
 * (reference/artifacts.md §2.3.19): `domains`, `history`, `visits`, `favicons`,
 * `favicon_sites` and the views over them. Visit dates are Unix microseconds (REAL);
 * favicon dates are written as the app binds a Date, Unix seconds (REAL).
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `v39`: the current schema (visits carry `is_local`).
 * - `v5`: an early schema whose visits have no `is_local` and whose history has no
 *   `domain_id` (both appeared in schema version 6).
 */
export type FirefoxBrowserVariant = 'v39' | 'v5';

export interface FirefoxHistorySpec {
  id: number;
  /** Null only for a deleted row, as the schema's CHECK requires. */
  url: string | null;
  title?: string;
  guid?: string;
  isDeleted?: boolean;
}

export interface FirefoxVisitSpec {
  id: number;
  /** history.id; may name a row that does not exist. */
  siteId: number;
  /** Unix microseconds. */
  date: number;
  /** 1 link, 2 typed, 3 bookmark, 4 embed, 5 permanent redirect, 6 temporary redirect, 7 download, 8 framed link. */
  type?: number;
  isLocal?: boolean;
}

export interface FirefoxFaviconSpec {
  id: number;
  url: string;
  width?: number | null;
  height?: number | null;
  type?: number;
  /** As stored: Unix seconds by default. */
  date: number;
}

export interface FirefoxFaviconSiteSpec {
  id: number;
  siteId: number;
  faviconId: number;
}

export interface FirefoxBrowserSpec {
  variant?: FirefoxBrowserVariant;
  history?: FirefoxHistorySpec[];
  visits?: FirefoxVisitSpec[];
  favicons?: FirefoxFaviconSpec[];
  faviconSites?: FirefoxFaviconSiteSpec[];
}

function schema(v5: boolean): string {
  return `
CREATE TABLE domains (id INTEGER PRIMARY KEY AUTOINCREMENT, domain TEXT NOT NULL UNIQUE, showOnTopSites TINYINT NOT NULL DEFAULT 1);
CREATE TABLE favicons (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, width INTEGER, height INTEGER,
  type INTEGER NOT NULL, date REAL NOT NULL);
CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL UNIQUE, url TEXT UNIQUE, title TEXT NOT NULL,
  server_modified INTEGER, local_modified INTEGER, is_deleted TINYINT NOT NULL, should_upload TINYINT NOT NULL${
    v5 ? '' : ',\n  domain_id INTEGER REFERENCES domains(id) ON DELETE CASCADE'
  }, CONSTRAINT urlOrDeleted CHECK (url IS NOT NULL OR is_deleted = 1));
CREATE TABLE visits (id INTEGER PRIMARY KEY AUTOINCREMENT, siteID INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
  date REAL NOT NULL, type INTEGER NOT NULL${v5 ? '' : ', is_local TINYINT NOT NULL'}, UNIQUE (siteID, date, type));
CREATE TABLE favicon_sites (id INTEGER PRIMARY KEY AUTOINCREMENT, siteID INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
  faviconID INTEGER NOT NULL REFERENCES favicons(id) ON DELETE CASCADE, UNIQUE (siteID, faviconID));
CREATE TABLE queue (url TEXT NOT NULL UNIQUE, title TEXT);
CREATE TABLE clients (guid TEXT PRIMARY KEY, name TEXT NOT NULL, modified INTEGER NOT NULL, type TEXT, formfactor TEXT, os TEXT,
  version TEXT, fxaDeviceId TEXT);
CREATE TABLE tabs (id INTEGER PRIMARY KEY AUTOINCREMENT, client_guid TEXT REFERENCES clients(guid) ON DELETE CASCADE,
  url TEXT NOT NULL, title TEXT, history TEXT, last_used INTEGER);
${v5 ? 'CREATE INDEX idx_visits_siteID_date ON visits (siteID, date);' : 'CREATE INDEX idx_visits_siteID_is_local_date ON visits (siteID, is_local, date);'}
CREATE VIEW view_favicons_widest AS SELECT favicon_sites.siteID AS siteID, favicons.id AS iconID, favicons.url AS iconURL,
  favicons.date AS iconDate, favicons.type AS iconType, max(favicons.width) AS iconWidth
  FROM favicon_sites, favicons WHERE favicon_sites.faviconID = favicons.id GROUP BY siteID;
`;
}

export function buildFirefoxBrowserDb(spec: FirefoxBrowserSpec): Buffer {
  const v5 = spec.variant === 'v5';
  return sqliteBytes((db) => {
    // Dangling references (a visit whose page was deleted) are what the tests need to write.
    db.pragma('foreign_keys = OFF');
    db.exec(schema(v5));
    const addHistory = db.prepare(
      'INSERT INTO history (id, guid, url, title, server_modified, local_modified, is_deleted, should_upload) VALUES (?, ?, ?, ?, NULL, ?, ?, 1)',
    );
    for (const row of spec.history ?? []) {
      addHistory.run(row.id, row.guid ?? `guid-${row.id}`, row.url, row.title ?? '', 1_600_000_000_000, row.isDeleted ? 1 : 0);
    }
    const addVisit = v5
      ? db.prepare('INSERT INTO visits (id, siteID, date, type) VALUES (?, ?, ?, ?)')
      : db.prepare('INSERT INTO visits (id, siteID, date, type, is_local) VALUES (?, ?, ?, ?, ?)');
    for (const visit of spec.visits ?? []) {
      const values: number[] = [visit.id, visit.siteId, visit.date, visit.type ?? 1];
      if (!v5) values.push(visit.isLocal === false ? 0 : 1);
      addVisit.run(...values);
    }
    const addIcon = db.prepare('INSERT INTO favicons (id, url, width, height, type, date) VALUES (?, ?, ?, ?, ?, ?)');
    for (const icon of spec.favicons ?? []) {
      addIcon.run(icon.id, icon.url, icon.width ?? null, icon.height ?? null, icon.type ?? 0, icon.date);
    }
    const addLink = db.prepare('INSERT INTO favicon_sites (id, siteID, faviconID) VALUES (?, ?, ?)');
    for (const link of spec.faviconSites ?? []) addLink.run(link.id, link.siteId, link.faviconId);
  });
}
