/**
 * Writes Safari BrowserState.db files with the real schema (reference/artifacts.md §2.3.3):
 * `tabs`, `tab_sessions` and `browser_windows` on iOS 12+, or the older layout whose
 * session blob sits on the tab row. Also builds session blobs: a 4-byte header followed
 * by a binary plist of the tab's back/forward list.
 */
import { binaryPlist, sqliteBytes, type PlistInputDict } from '../ios-backup.js';

/** `ios12`: tabs + tab_sessions; `legacy`: before iOS 12, `session_data` on `tabs`. */
export type BrowserStateVariant = 'ios12' | 'legacy';

export interface TabSpec {
  id: number;
  uuid: string;
  title?: string | null;
  url?: string | null;
  userVisibleUrl?: string | null;
  orderIndex?: number;
  /** Mac-absolute seconds. */
  lastViewedTime?: number | null;
  privateBrowsing?: boolean;
  openedFromLink?: boolean;
  /** Stored in tab_sessions (ios12) or on the tab row (legacy). */
  sessionData?: Buffer | null;
}

export interface BrowserStateSpec {
  variant?: BrowserStateVariant;
  tabs: TabSpec[];
  /** tab_sessions rows whose tab is gone (ios12 only). */
  orphanSessions?: { id: number; tabUuid: string; sessionData: Buffer | null }[];
}

export interface SessionEntrySpec {
  url?: string;
  originalUrl?: string;
  title?: string;
}

const WINDOW_UUID = '5C6C1E3B-2B1A-4C4E-9C1D-6E2B0F4A7D10';

const TABS = (legacy: boolean) => `CREATE TABLE tabs (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE, title TEXT,
  url TEXT COLLATE NOCASE, user_visible_url TEXT COLLATE NOCASE, order_index INTEGER NOT NULL,
  last_viewed_time REAL DEFAULT NULL, readinglist_bookmark_id INTEGER DEFAULT 0, opened_from_link BOOL DEFAULT 0,
  showing_reader BOOL DEFAULT 0, reader_view_top_scroll_offset INTEGER DEFAULT 0, private_browsing BOOL DEFAULT 0,
  displaying_standalone_image BOOL DEFAULT 0, browser_window_uuid TEXT NOT NULL, browser_window_id INTEGER NOT NULL${
    legacy ? ',\n  session_data BLOB DEFAULT NULL' : ''
  })`;

const TAB_SESSIONS = `CREATE TABLE tab_sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, tab_uuid TEXT NOT NULL UNIQUE,
  session_data BLOB DEFAULT NULL, uncompressed_session_data_size INTEGER NOT NULL DEFAULT 0)`;

const BROWSER_WINDOWS = `CREATE TABLE browser_windows (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,
  active_document_index INTEGER DEFAULT 0, private_active_document_index INTEGER DEFAULT 0, is_private_browsing BOOL DEFAULT 0,
  scene_id TEXT)`;

/** A tab session blob: a 4-byte header (Safari writes a version number) then a binary plist. */
export function sessionDataBlob(entries: SessionEntrySpec[], header: Buffer = Buffer.from([0, 0, 0, 2])): Buffer {
  const list: PlistInputDict[] = entries.map((entry) => ({
    SessionHistoryEntryURL: entry.url,
    SessionHistoryEntryOriginalURL: entry.originalUrl,
    SessionHistoryEntryTitle: entry.title,
    SessionHistoryEntryData: Buffer.from('opaque WebKit state'),
  }));
  const plist = binaryPlist({
    SessionHistory: { SessionHistoryCurrentIndex: Math.max(0, entries.length - 1), SessionHistoryEntries: list },
    IsAppInitiated: false,
  });
  return Buffer.concat([header, plist]);
}

export function buildBrowserStateDb(spec: BrowserStateSpec): Buffer {
  const legacy = spec.variant === 'legacy';
  return sqliteBytes((db) => {
    db.exec(`${TABS(legacy)};\n${BROWSER_WINDOWS};${legacy ? '' : `\n${TAB_SESSIONS};`}`);
    db.prepare('INSERT INTO browser_windows (id, uuid) VALUES (1, ?)').run(WINDOW_UUID);
    const addTab = db.prepare(
      `INSERT INTO tabs (id, uuid, title, url, user_visible_url, order_index, last_viewed_time, private_browsing,
       opened_from_link, browser_window_uuid, browser_window_id${legacy ? ', session_data' : ''})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1${legacy ? ', ?' : ''})`,
    );
    const addSession = legacy
      ? undefined
      : db.prepare('INSERT INTO tab_sessions (id, tab_uuid, session_data, uncompressed_session_data_size) VALUES (?, ?, ?, ?)');
    let sessionId = 1;
    for (const tab of spec.tabs) {
      const values: Array<number | string | Buffer | null> = [
        tab.id,
        tab.uuid,
        tab.title ?? null,
        tab.url ?? null,
        tab.userVisibleUrl ?? tab.url ?? null,
        tab.orderIndex ?? tab.id - 1,
        tab.lastViewedTime ?? null,
        tab.privateBrowsing ? 1 : 0,
        tab.openedFromLink ? 1 : 0,
        WINDOW_UUID,
      ];
      if (legacy) values.push(tab.sessionData ?? null);
      addTab.run(...values);
      if (addSession && tab.sessionData !== undefined) {
        addSession.run(sessionId++, tab.uuid, tab.sessionData, tab.sessionData?.length ?? 0);
      }
    }
    for (const orphan of spec.orphanSessions ?? []) {
      if (!addSession) throw new Error('buildBrowserStateDb: orphan sessions need the ios12 layout.');
      addSession.run(orphan.id, orphan.tabUuid, orphan.sessionData, orphan.sessionData?.length ?? 0);
    }
  });
}
