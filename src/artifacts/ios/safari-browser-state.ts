/**
 * Safari's open tabs (BrowserState.db) and the back/forward history each tab keeps in its
 * session blob. A tab's session history can hold the page an exploit chain passed through
 * even when History.db was cleared.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactIssue, ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { findTable, columnSet, type SqliteDatabase, quoteIdent } from '../../formats/sqlite.js';
import { sqlBoolean, sqlBytes, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { isPlistDict } from '../../formats/plist.js';
import { decodePlist } from '../../formats/plist-decode.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { underEach } from './device-paths.js';
import { ArtifactError, describeError } from '../../errors.js';
import { SAFARI_ROOTS, safariProfileOf } from './safari-history.js';

export const SAFARI_BROWSER_STATE_ARTIFACT = 'safari_browser_state';
export const SAFARI_BROWSER_STATE_PATHS = [
  '*/Library/Safari/BrowserState.db',
  '*/Library/Safari/Profiles/*/BrowserState.db',
] as const;
export const SAFARI_BROWSER_STATE_FS_PATHS = underEach(SAFARI_ROOTS, 'Library/Safari/BrowserState.db').concat(
  underEach(SAFARI_ROOTS, 'Library/Safari/Profiles/*/BrowserState.db'),
);
export const SAFARI_BROWSER_STATE_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': SAFARI_BROWSER_STATE_PATHS, 'ios-fs': SAFARI_BROWSER_STATE_FS_PATHS };

const BPLIST_MAGIC = Buffer.from('bplist00', 'latin1');
/** Safari writes a 4-byte header before the binary plist of a session. */
const SESSION_HEADER_BYTES = 4;

export interface SessionHistory {
  urls: string[];
  entryCount: number;
}

/**
 * The URLs of a tab's session history: for every entry its URL and, when different, the
 * URL originally requested (the start of a redirect). Throws when the blob is not the
 * expected header + property list.
 */
export function decodeSessionData(blob: Buffer): SessionHistory {
  let start: number;
  if (blob.subarray(SESSION_HEADER_BYTES, SESSION_HEADER_BYTES + 8).equals(BPLIST_MAGIC)) start = SESSION_HEADER_BYTES;
  else if (blob.subarray(0, 8).equals(BPLIST_MAGIC)) start = 0;
  else throw new Error('session_data is not a binary property list after its 4-byte header');
  const root = decodePlist(blob.subarray(start));
  if (!isPlistDict(root)) throw new Error('session_data does not hold a dictionary');
  const history = root['SessionHistory'];
  if (history === undefined) return { urls: [], entryCount: 0 };
  if (!isPlistDict(history)) throw new Error('SessionHistory is not a dictionary');
  const entries = history['SessionHistoryEntries'];
  if (entries === undefined) return { urls: [], entryCount: 0 };
  if (!Array.isArray(entries)) throw new Error('SessionHistoryEntries is not an array');
  const urls = new Set<string>();
  for (const entry of entries) {
    if (!isPlistDict(entry)) continue;
    for (const key of ['SessionHistoryEntryURL', 'SessionHistoryEntryOriginalURL']) {
      const value = entry[key];
      if (typeof value === 'string' && value !== '') urls.add(value);
    }
  }
  return { urls: [...urls], entryCount: entries.length };
}

type IssueSink = (issue: ArtifactIssue) => void;

/**
 * `session_urls` leaves out the tab's own URL, which is nearly always the last entry: the
 * field holds what the back/forward list adds, so an indicator on the current page is not
 * reported twice for one tab.
 */
function sessionFields(blob: Buffer | null, tabUrl: string | null, where: string, path: string, onIssue: IssueSink) {
  if (!blob || blob.length === 0) return { session_urls: [] as string[], session_entry_count: 0, session_data_error: null };
  try {
    const session = decodeSessionData(blob);
    const urls = session.urls.filter((url) => url !== tabUrl);
    return { session_urls: urls, session_entry_count: session.entryCount, session_data_error: null };
  } catch (error) {
    // The tab is still a record; only its session history is lost.
    const message = `${where}: ${describeError(error)}`;
    onIssue({ code: 'corrupt', path, message });
    return { session_urls: [] as string[], session_entry_count: null, session_data_error: describeError(error) };
  }
}

/**
 * Records of one BrowserState.db: one per tab, then one per session blob whose tab row is
 * gone (a closed tab whose history Safari had not yet dropped).
 */
export function* readSafariBrowserState(
  db: SqliteDatabase,
  digest: FileDigest,
  onIssue: IssueSink = () => undefined,
): Generator<ArtifactRecord> {
  const tabs = findTable(db, 'tabs');
  if (!tabs) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: no tabs table (tables: ${db.tables().join(', ') || 'none'})`);
  }
  const tabColumns = columnSet(db, tabs);
  if (!tabColumns.has('url')) throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: tabs table lacks url');
  const sessions = findTable(db, 'tab_sessions');
  const sessionColumns = sessions ? columnSet(db, sessions) : new Set<string>();
  const joinSessions =
    sessions !== undefined && tabColumns.has('uuid') && sessionColumns.has('tab_uuid') && sessionColumns.has('session_data');
  const tabColumn = (column: string): string =>
    tabColumns.has(column) ? `t.${quoteIdent(column)} AS ${quoteIdent(column)}` : `NULL AS ${quoteIdent(column)}`;
  // Before iOS 12 the session blob sat on the tab row itself.
  const sessionData = joinSessions
    ? tabColumns.has('session_data')
      ? 'COALESCE(s."session_data", t."session_data")'
      : 's."session_data"'
    : tabColumns.has('session_data')
      ? 't."session_data"'
      : 'NULL';
  const select = [
    't.ROWID AS "rowid"',
    ...['id', 'uuid', 'title', 'url', 'user_visible_url', 'last_viewed_time', 'private_browsing', 'opened_from_link'].map(tabColumn),
    `${sessionData} AS "session_data"`,
  ];
  let from = `${quoteIdent(tabs)} AS t`;
  if (joinSessions) from += ` LEFT JOIN ${quoteIdent(sessions)} AS s ON s."tab_uuid" = t."uuid"`;
  const profile = safariProfileOf(digest.path);

  for (const row of db.iterate(`SELECT ${select.join(', ')} FROM ${from} ORDER BY t.ROWID`)) {
    const rowid = sqlText(row['rowid']) ?? '';
    const url = sqlText(row['url']);
    const session = sessionFields(sqlBytes(row['session_data']), url, `tab ${rowid}`, digest.path, onIssue);
    const fields = {
      tab_id: sqlNumber(row['id']) ?? Number(rowid),
      uuid: sqlText(row['uuid']),
      title: sqlText(row['title']),
      url,
      user_visible_url: sqlText(row['user_visible_url']),
      private_browsing: sqlBoolean(row['private_browsing']),
      opened_from_link: sqlBoolean(row['opened_from_link']),
      profile,
      tab_row_present: true,
      ...session,
    };
    yield makeRecord(SAFARI_BROWSER_STATE_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: tabs, rowid }), [
      { at: isoFromMacSeconds(sqlNumber(row['last_viewed_time'])), meaning: 'last viewed' },
    ]);
  }

  if (!joinSessions) return;
  const orphanSql =
    `SELECT s.ROWID AS "rowid", s."tab_uuid" AS "tab_uuid", s."session_data" AS "session_data" FROM ${quoteIdent(sessions)} AS s ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(tabs)} AS t WHERE t."uuid" = s."tab_uuid") ORDER BY s.ROWID`;
  for (const row of db.iterate(orphanSql)) {
    const rowid = sqlText(row['rowid']) ?? '';
    const session = sessionFields(sqlBytes(row['session_data']), null, `tab session ${rowid}`, digest.path, onIssue);
    const fields = {
      tab_id: null,
      uuid: sqlText(row['tab_uuid']),
      title: null,
      url: null,
      user_visible_url: null,
      private_browsing: null,
      opened_from_link: null,
      profile,
      tab_row_present: false,
      ...session,
    };
    yield makeRecord(SAFARI_BROWSER_STATE_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: sessions, rowid }));
  }
}

export const safariBrowserStateExtractor: Extractor = {
  id: SAFARI_BROWSER_STATE_ARTIFACT,
  title: 'Safari open tabs',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SAFARI_BROWSER_STATE_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(SAFARI_BROWSER_STATE_PATHS_BY_KIND, source), context), context, (db, digest) =>
      readSafariBrowserState(db, digest, (issue) => context.issue(issue)),
    );
  },
};
