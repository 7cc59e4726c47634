/**
 * Writes Chrome for iOS `Favicons` databases with Chromium's schema (reference/artifacts.md
 * §2.3.18): `meta`, `favicons`, `favicon_bitmaps`, `icon_mapping`. Times are raw Chrome
 * time: microseconds since 1601-01-01 (INTEGER).
 */
import { sqliteBytes } from '../ios-backup.js';

/**
 * - `current`: `favicon_bitmaps.last_requested` present (schema version 8 and later).
 * - `legacy`: `favicons.sizes` present and no `last_requested` (older Chrome).
 */
export type ChromeFaviconsVariant = 'current' | 'legacy';

export interface ChromeIconSpec {
  id: number;
  url: string;
  /** 1 favicon, 2 touch icon, 4 touch precomposed icon, 8 web manifest icon. */
  iconType?: number;
}

export interface ChromeBitmapSpec {
  id: number;
  iconId: number;
  /** Chrome time (µs since 1601); 0 for "never". */
  lastUpdated: bigint;
  lastRequested?: bigint;
  width?: number;
  height?: number;
}

export interface ChromeMappingSpec {
  id: number;
  pageUrl: string;
  /** favicons.id; may name a row that does not exist. */
  iconId: number;
}

export interface ChromeFaviconsSpec {
  variant?: ChromeFaviconsVariant;
  icons: ChromeIconSpec[];
  bitmaps: ChromeBitmapSpec[];
  mappings: ChromeMappingSpec[];
}

export function buildChromeFaviconsDb(spec: ChromeFaviconsSpec): Buffer {
  const legacy = spec.variant === 'legacy';
  return sqliteBytes((db) => {
    db.defaultSafeIntegers(true);
    db.exec(`
      CREATE TABLE meta (key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
      CREATE TABLE favicons (id INTEGER PRIMARY KEY, url LONGVARCHAR NOT NULL, icon_type INTEGER DEFAULT 1${legacy ? ', sizes LONGVARCHAR' : ''});
      CREATE TABLE favicon_bitmaps (id INTEGER PRIMARY KEY, icon_id INTEGER NOT NULL, last_updated INTEGER DEFAULT 0,
        image_data BLOB, width INTEGER DEFAULT 0, height INTEGER DEFAULT 0${legacy ? '' : ', last_requested INTEGER DEFAULT 0'});
      CREATE TABLE icon_mapping (id INTEGER PRIMARY KEY, page_url LONGVARCHAR NOT NULL, icon_id INTEGER);
      CREATE INDEX icon_mapping_page_url_idx ON icon_mapping(page_url);
      CREATE INDEX icon_mapping_icon_id_idx ON icon_mapping(icon_id);
      CREATE INDEX favicons_url ON favicons(url);
      CREATE INDEX favicon_bitmaps_icon_id ON favicon_bitmaps(icon_id);
    `);
    db.prepare("INSERT INTO meta (key, value) VALUES ('version', ?)").run(legacy ? '7' : '8');
    const addIcon = db.prepare('INSERT INTO favicons (id, url, icon_type) VALUES (?, ?, ?)');
    for (const icon of spec.icons) addIcon.run(icon.id, icon.url, icon.iconType ?? 1);
    const addBitmap = legacy
      ? db.prepare('INSERT INTO favicon_bitmaps (id, icon_id, last_updated, image_data, width, height) VALUES (?, ?, ?, ?, ?, ?)')
      : db.prepare(
          'INSERT INTO favicon_bitmaps (id, icon_id, last_updated, image_data, width, height, last_requested) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
    // A PNG signature stands in for the image: the extractor never reads image bytes.
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    for (const bitmap of spec.bitmaps) {
      const values: Array<number | bigint | Buffer> = [
        bitmap.id,
        bitmap.iconId,
        bitmap.lastUpdated,
        png,
        bitmap.width ?? 16,
        bitmap.height ?? 16,
      ];
      if (!legacy) values.push(bitmap.lastRequested ?? 0n);
      addBitmap.run(...values);
    }
    const addMapping = db.prepare('INSERT INTO icon_mapping (id, page_url, icon_id) VALUES (?, ?, ?)');
    for (const mapping of spec.mappings) addMapping.run(mapping.id, mapping.pageUrl, mapping.iconId);
  });
}
