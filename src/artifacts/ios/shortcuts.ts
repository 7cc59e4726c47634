/**
 * Shortcuts (HomeDomain `Library/Shortcuts/Shortcuts.sqlite`): every shortcut with the
 * actions it runs and every link found in their parameters. Citizen Lab describes Predator
 * using a Shortcuts automation for persistence, so an `openurl` action pointing at spyware
 * infrastructure is the trace to look for.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../types.js';
import { columnSet, findTable, quoteIdent, type SqliteDatabase, type SqlRow } from '../../formats/sqlite.js';
import { sqlBoolean, sqlBytes, sqlNumber, sqlText } from '../../formats/sql-values.js';
import { isoFromMacSeconds } from '../../formats/time.js';
import { extractUrls } from '../../formats/urls.js';
import { decodePlist } from '../../formats/plist-decode.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { eachDatabase, filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { ArtifactError } from '../../errors.js';
import { sqlInstant } from './sql-time.js';

export const SHORTCUTS_ARTIFACT = 'shortcuts';
export const SHORTCUTS_PATHS = ['HomeDomain/Library/Shortcuts/Shortcuts.sqlite'] as const;
export const SHORTCUTS_FS_PATHS = [`${MOBILE_HOME}/Library/Shortcuts/Shortcuts.sqlite`] as const;
export const SHORTCUTS_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': SHORTCUTS_PATHS, 'ios-fs': SHORTCUTS_FS_PATHS };

/** Nested binary plists inside action parameters are followed this deep, no further. */
const MAX_NESTED_PLISTS = 8;
/** Values visited per action list, so a hostile ZDATA cannot make the walk unbounded. */
const MAX_VALUES = 200_000;

export interface ParsedActions {
  /** False when ZDATA is not a property list of actions; its text was still searched for links. */
  readable: boolean;
  count: number | null;
  identifiers: string[];
  urls: string[];
}

/** The action list: a plain array, or (as in an exported workflow) a dict holding WFWorkflowActions. */
function actionList(root: PlistValue): PlistValue[] | null {
  if (Array.isArray(root)) return root;
  if (isPlistDict(root) && Array.isArray(root['WFWorkflowActions'])) return root['WFWorkflowActions'];
  return null;
}

function tryDecode(bytes: Buffer): PlistValue | undefined {
  try {
    return decodePlist(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Every link in any string of the value, however deeply nested: text fields with
 * variables (WFTextTokenString), dictionaries of dictionaries, and binary plists stored
 * as data inside a parameter.
 */
function collectUrls(root: PlistValue, found: Set<string>): void {
  const stack: Array<{ value: PlistValue; nesting: number }> = [{ value: root, nesting: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_VALUES) {
    const { value, nesting } = stack.pop() as { value: PlistValue; nesting: number };
    visited += 1;
    if (typeof value === 'string') {
      for (const url of extractUrls(value)) found.add(url);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as PlistValue, nesting });
    } else if (isPlistDict(value)) {
      const keys = Object.keys(value).sort().reverse();
      for (const key of keys) stack.push({ value: value[key] as PlistValue, nesting });
    } else if (Buffer.isBuffer(value) && nesting < MAX_NESTED_PLISTS && value.subarray(0, 6).toString('latin1') === 'bplist') {
      const inner = tryDecode(value);
      if (inner !== undefined) stack.push({ value: inner, nesting: nesting + 1 });
    }
  }
}

/** Decodes ZDATA and gathers the action identifiers and every link in the parameters. */
export function parseShortcutActions(data: Buffer): ParsedActions {
  const root = tryDecode(data);
  const actions = root === undefined ? null : actionList(root);
  if (actions === null) {
    // Not an action list: the raw text can still hold a link worth checking.
    return { readable: false, count: null, identifiers: [], urls: extractUrls(data.toString('latin1')) };
  }
  const identifiers: string[] = [];
  const urls = new Set<string>();
  for (const action of actions) {
    if (isPlistDict(action)) {
      const identifier = action['WFWorkflowActionIdentifier'];
      if (typeof identifier === 'string') identifiers.push(identifier);
    }
    collectUrls(action, urls);
  }
  return { readable: true, count: actions.length, identifiers, urls: [...urls] };
}

function unsupported(detail: string): ArtifactError {
  return new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', `unsupported schema: ${detail}`);
}

function actionFields(row: SqlRow): Pick<RecordFields, 'action_count' | 'action_identifiers' | 'action_urls' | 'actions_readable'> {
  const data = sqlBytes(row['data']);
  if (data === null || data.length === 0) {
    return { action_count: null, action_identifiers: [], action_urls: [], actions_readable: null };
  }
  const parsed = parseShortcutActions(data);
  return {
    action_count: parsed.count,
    action_identifiers: parsed.identifiers,
    action_urls: parsed.urls,
    actions_readable: parsed.readable,
  };
}

export function* readShortcuts(db: SqliteDatabase, digest: FileDigest): Generator<ArtifactRecord> {
  const shortcuts = findTable(db, 'ZSHORTCUT');
  const actions = findTable(db, 'ZSHORTCUTACTIONS');
  if (!shortcuts || !actions) throw unsupported(`expected ZSHORTCUT and ZSHORTCUTACTIONS (tables: ${db.tables().join(', ') || 'none'})`);
  const shortcutColumns = columnSet(db, shortcuts);
  const actionColumns = columnSet(db, actions);
  const missing = [
    ...['z_pk', 'zname'].filter((c) => !shortcutColumns.has(c)).map((c) => `ZSHORTCUT.${c.toUpperCase()}`),
    ...['z_pk', 'zdata'].filter((c) => !actionColumns.has(c)).map((c) => `ZSHORTCUTACTIONS.${c.toUpperCase()}`),
  ];
  if (missing.length > 0) throw unsupported(`missing ${missing.join(', ')}`);
  // The relationship is stored on the actions row (iOS 15, as MVT reads it) or on the shortcut row.
  let join: string;
  let orphanCondition: string;
  const s = quoteIdent(shortcuts);
  if (actionColumns.has('zshortcut')) {
    join = 'a."ZSHORTCUT" = s."Z_PK"';
    orphanCondition = `NOT EXISTS (SELECT 1 FROM ${s} AS s WHERE s."Z_PK" = a."ZSHORTCUT")`;
  } else if (shortcutColumns.has('zactions')) {
    join = 'a."Z_PK" = s."ZACTIONS"';
    orphanCondition = `NOT EXISTS (SELECT 1 FROM ${s} AS s WHERE s."ZACTIONS" = a."Z_PK")`;
  } else {
    throw unsupported('no link between ZSHORTCUT and ZSHORTCUTACTIONS (neither ZSHORTCUTACTIONS.ZSHORTCUT nor ZSHORTCUT.ZACTIONS)');
  }

  const optional = (column: string, as: string): string =>
    shortcutColumns.has(column.toLowerCase()) ? `s.${quoteIdent(column)} AS ${quoteIdent(as)}` : `NULL AS ${quoteIdent(as)}`;
  const sql =
    `SELECT s."Z_PK" AS "shortcut_id", a."Z_PK" AS "actions_row", s."ZNAME" AS "name", ` +
    `${optional('ZACTIONSDESCRIPTION', 'description')}, ${optional('ZTOMBSTONED', 'tombstoned')}, ` +
    `${optional('ZCREATIONDATE', 'created')}, ${optional('ZMODIFICATIONDATE', 'modified')}, a."ZDATA" AS "data" ` +
    `FROM ${s} AS s LEFT JOIN ${quoteIdent(actions)} AS a ON ${join} ORDER BY s."Z_PK", a."Z_PK"`;
  for (const row of db.iterate(sql)) {
    const shortcutId = sqlText(row['shortcut_id']) ?? '';
    const fields: RecordFields = {
      shortcut_id: Number(shortcutId),
      actions_row: sqlNumber(row['actions_row']),
      // Names can be stored as BLOBs; sqlText reads those as UTF-8.
      name: sqlText(row['name']),
      description: sqlText(row['description']),
      tombstoned: sqlBoolean(row['tombstoned']),
      ...actionFields(row),
    };
    yield makeRecord(SHORTCUTS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: shortcuts, rowid: shortcutId }), [
      { at: isoFromMacSeconds(sqlInstant(row['created'])), meaning: 'shortcut created' },
      { at: isoFromMacSeconds(sqlInstant(row['modified'])), meaning: 'shortcut modified' },
    ]);
  }

  // Actions whose shortcut row is gone still say what a deleted shortcut did.
  const orphanSql =
    `SELECT a."Z_PK" AS "actions_row", a."ZDATA" AS "data" FROM ${quoteIdent(actions)} AS a WHERE ${orphanCondition} ORDER BY a."Z_PK"`;
  for (const row of db.iterate(orphanSql)) {
    const actionsRow = sqlText(row['actions_row']) ?? '';
    const fields: RecordFields = {
      shortcut_id: null,
      actions_row: Number(actionsRow),
      name: null,
      description: null,
      tombstoned: null,
      ...actionFields(row),
    };
    yield makeRecord(SHORTCUTS_ARTIFACT, fields, originOf(digest, { kind: 'sqlite', table: actions, rowid: actionsRow }));
  }
}

export const shortcutsExtractor: Extractor = {
  id: SHORTCUTS_ARTIFACT,
  title: 'Shortcuts and the links their actions open',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: SHORTCUTS_PATHS_BY_KIND,
  extract(source: Source, context: ExtractContext) {
    return eachDatabase(source, filesWithContent(source, pathsFor(SHORTCUTS_PATHS_BY_KIND, source), context), context, readShortcuts);
  },
};
