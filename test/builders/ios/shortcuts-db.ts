/**
 * Writes Shortcuts.sqlite files (reference/artifacts.md §2.3.6): the Core Data store of the
 * Shortcuts app, with `ZSHORTCUT` (one row per shortcut) and `ZSHORTCUTACTIONS` whose
 * `ZDATA` is a binary plist array of action dictionaries. Dates are Mac-absolute seconds.
 */
import { binaryPlist, sqliteBytes, type PlistInput } from '../ios-backup.js';

/**
 * - `ios15`: `ZSHORTCUTACTIONS.ZSHORTCUT` points to the shortcut (the layout MVT reads).
 * - `name-blob`: as `ios15`, with names and descriptions stored as BLOBs (MVT reads the
 *   database with a bytes text factory for this reason).
 * - `actions-on-shortcut`: the link is the other way round, `ZSHORTCUT.ZACTIONS` pointing to
 *   the actions row, with no back-link column.
 */
export type ShortcutsVariant = 'ios15' | 'name-blob' | 'actions-on-shortcut';

export interface ShortcutActionsSpec {
  pk: number;
  /**
   * The action list, written as a binary plist; a Buffer is written as-is (for a corrupt
   * or differently-wrapped ZDATA); null leaves ZDATA NULL.
   */
  data: readonly PlistInput[] | Buffer | null;
  /** For `ios15`/`name-blob`: the shortcut this row belongs to (defaults to the owner's pk). */
  shortcut?: number | null;
}

export interface ShortcutSpec {
  pk: number;
  name: string;
  description?: string | null;
  /** Mac-absolute seconds. */
  created?: number;
  modified?: number;
  tombstoned?: boolean;
  actions?: ShortcutActionsSpec | null;
}

export interface ShortcutsDbSpec {
  variant?: ShortcutsVariant;
  shortcuts: ShortcutSpec[];
  /** Actions rows whose shortcut row is gone. */
  orphanActions?: ShortcutActionsSpec[];
}

const SHORTCUT_ENTITY = 8;
const ACTIONS_ENTITY = 9;

export function buildShortcutsDb(spec: ShortcutsDbSpec): Buffer {
  const variant = spec.variant ?? 'ios15';
  const reversed = variant === 'actions-on-shortcut';
  const textType = variant === 'name-blob' ? 'BLOB' : 'VARCHAR';
  return sqliteBytes((db) => {
    db.exec(`
      CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
      CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
      CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB);
      CREATE TABLE ZSHORTCUT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZACTIONCOUNT INTEGER,
        ZHIDDEN INTEGER, ZHIDDENFROMLIBRARYANDSYNC INTEGER, ZRUNEVENTSCOUNT INTEGER, ZTOMBSTONED INTEGER,
        ZICON INTEGER,${reversed ? ' ZACTIONS INTEGER,' : ''} ZCREATIONDATE TIMESTAMP, ZMODIFICATIONDATE TIMESTAMP,
        ZACTIONSDESCRIPTION ${textType}, ZASSOCIATEDAPPBUNDLEIDENTIFIER VARCHAR, ZLASTSYNCEDHASH VARCHAR,
        ZNAME ${textType}, ZSOURCE VARCHAR, ZWORKFLOWID VARCHAR, ZWORKFLOWSUBTITLE VARCHAR,
        ZIMPORTQUESTIONSDATA BLOB, ZINPUTCLASSESDATA BLOB, ZWORKFLOWTYPESDATA BLOB );
      CREATE TABLE ZSHORTCUTACTIONS ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,${
        reversed ? '' : ' ZSHORTCUT INTEGER,'
      } ZDATA BLOB );
      ${reversed ? 'CREATE INDEX ZSHORTCUT_ZACTIONS_INDEX ON ZSHORTCUT (ZACTIONS);' : 'CREATE INDEX ZSHORTCUTACTIONS_ZSHORTCUT_INDEX ON ZSHORTCUTACTIONS (ZSHORTCUT);'}
    `);
    const allActions = [...spec.shortcuts.flatMap((s) => (s.actions ? [s.actions] : [])), ...(spec.orphanActions ?? [])];
    const addKey = db.prepare('INSERT INTO Z_PRIMARYKEY (Z_ENT, Z_NAME, Z_SUPER, Z_MAX) VALUES (?, ?, 0, ?)');
    addKey.run(SHORTCUT_ENTITY, 'Shortcut', Math.max(0, ...spec.shortcuts.map((s) => s.pk)));
    addKey.run(ACTIONS_ENTITY, 'ShortcutActions', Math.max(0, ...allActions.map((a) => a.pk)));

    const text = (value: string | null | undefined): string | Buffer | null => {
      if (value === null || value === undefined) return null;
      return variant === 'name-blob' ? Buffer.from(value, 'utf8') : value;
    };
    const addShortcut = db.prepare(
      `INSERT INTO ZSHORTCUT (Z_PK, Z_ENT, Z_OPT, ZACTIONCOUNT, ZHIDDEN, ZTOMBSTONED,${reversed ? ' ZACTIONS,' : ''}
        ZCREATIONDATE, ZMODIFICATIONDATE, ZACTIONSDESCRIPTION, ZNAME, ZWORKFLOWID)
       VALUES (?, ?, 1, ?, 0, ?,${reversed ? ' ?,' : ''} ?, ?, ?, ?, ?)`,
    );
    for (const shortcut of spec.shortcuts) {
      const data = shortcut.actions?.data;
      const count = Array.isArray(data) ? data.length : 0;
      const values: Array<number | string | Buffer | null> = [shortcut.pk, SHORTCUT_ENTITY, count, shortcut.tombstoned ? 1 : 0];
      if (reversed) values.push(shortcut.actions?.pk ?? null);
      values.push(
        shortcut.created ?? null,
        shortcut.modified ?? null,
        text(shortcut.description),
        text(shortcut.name),
        `WF-${String(shortcut.pk).padStart(4, '0')}`,
      );
      addShortcut.run(...values);
    }
    const addActions = reversed
      ? db.prepare('INSERT INTO ZSHORTCUTACTIONS (Z_PK, Z_ENT, Z_OPT, ZDATA) VALUES (?, ?, 1, ?)')
      : db.prepare('INSERT INTO ZSHORTCUTACTIONS (Z_PK, Z_ENT, Z_OPT, ZSHORTCUT, ZDATA) VALUES (?, ?, 1, ?, ?)');
    const blob = (data: ShortcutActionsSpec['data']): Buffer | null => {
      if (data === null) return null;
      return Buffer.isBuffer(data) ? data : binaryPlist(data as readonly PlistInput[]);
    };
    for (const shortcut of spec.shortcuts) {
      const actions = shortcut.actions;
      if (!actions) continue;
      if (reversed) addActions.run(actions.pk, ACTIONS_ENTITY, blob(actions.data));
      else addActions.run(actions.pk, ACTIONS_ENTITY, actions.shortcut === undefined ? shortcut.pk : actions.shortcut, blob(actions.data));
    }
    for (const actions of spec.orphanActions ?? []) {
      if (reversed) addActions.run(actions.pk, ACTIONS_ENTITY, blob(actions.data));
      else addActions.run(actions.pk, ACTIONS_ENTITY, actions.shortcut ?? null, blob(actions.data));
    }
  });
}

/** An action dictionary as the Shortcuts app stores it. */
export function shortcutAction(identifier: string, parameters: { [key: string]: PlistInput }): PlistInput {
  return { WFWorkflowActionIdentifier: identifier, WFWorkflowActionParameters: parameters };
}

/** A text field with variables (WFTextTokenString), as action parameters hold typed text. */
export function textTokenString(text: string, attachments: { [range: string]: PlistInput } = {}): PlistInput {
  return { Value: { string: text, attachmentsByRange: attachments }, WFSerializationType: 'WFTextTokenString' };
}
