/**
 * Writes Safari's `Favicons.db` (reference/artifacts.md §2.3.20; columns as MVT and iLEAPP
 * read them): `page_url(uuid, url)` maps pages to an icon uuid, `icon_info(uuid, url,
 * timestamp, width, height, has_generated_representations)` describes the icon, and
 * `rejected_resources(page_url, icon_url, timestamp)` lists icons Safari refused. Times are
 * Mac-absolute seconds (REAL).
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `current`: icon_info with size and generated-representation columns, and
 *   rejected_resources.
 * - `minimal`: icon_info with only uuid, url and timestamp, and no rejected_resources table.
 */
export type SafariFaviconsVariant = 'current' | 'minimal';

export interface SafariPageSpec {
  url: string;
  uuid: string;
}

export interface SafariIconSpec {
  uuid: string;
  url: string;
  /** Mac-absolute seconds. */
  timestamp: number;
  width?: number;
  height?: number;
}

export interface SafariRejectedSpec {
  pageUrl: string;
  iconUrl: string;
  timestamp: number;
}

export interface SafariFaviconsSpec {
  variant?: SafariFaviconsVariant;
  pages: SafariPageSpec[];
  icons: SafariIconSpec[];
  rejected?: SafariRejectedSpec[];
}

export function buildSafariFaviconsDb(spec: SafariFaviconsSpec): Buffer {
  const minimal = spec.variant === 'minimal';
  return sqliteBytes((db) => {
    db.exec(`
      CREATE TABLE page_url (uuid TEXT NOT NULL, url TEXT NOT NULL UNIQUE);
      CREATE TABLE icon_info (uuid TEXT NOT NULL UNIQUE, url TEXT NOT NULL, timestamp REAL NOT NULL${
        minimal ? '' : ', width REAL NOT NULL DEFAULT 0, height REAL NOT NULL DEFAULT 0, has_generated_representations INTEGER NOT NULL DEFAULT 0'
      });
      ${minimal ? '' : 'CREATE TABLE rejected_resources (page_url TEXT NOT NULL, icon_url TEXT NOT NULL, timestamp REAL NOT NULL);'}
      CREATE INDEX page_url_uuid ON page_url (uuid);
    `);
    const addPage = db.prepare('INSERT INTO page_url (uuid, url) VALUES (?, ?)');
    for (const page of spec.pages) addPage.run(page.uuid, page.url);
    const addIcon = minimal
      ? db.prepare('INSERT INTO icon_info (uuid, url, timestamp) VALUES (?, ?, ?)')
      : db.prepare('INSERT INTO icon_info (uuid, url, timestamp, width, height, has_generated_representations) VALUES (?, ?, ?, ?, ?, 1)');
    for (const icon of spec.icons) {
      if (minimal) addIcon.run(icon.uuid, icon.url, icon.timestamp);
      else addIcon.run(icon.uuid, icon.url, icon.timestamp, icon.width ?? 32, icon.height ?? 32);
    }
    if (minimal) return;
    const addRejected = db.prepare('INSERT INTO rejected_resources (page_url, icon_url, timestamp) VALUES (?, ?, ?)');
    for (const rejected of spec.rejected ?? []) addRejected.run(rejected.pageUrl, rejected.iconUrl, rejected.timestamp);
  });
}
