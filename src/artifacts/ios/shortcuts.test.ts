import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildShortcutsDb, shortcutAction, textTokenString, type ShortcutsDbSpec } from '../../../test/builders/ios/shortcuts-db.js';
import { parseShortcutActions, shortcutsExtractor } from './shortcuts.js';
import { shortcutsRules } from '../../detection/rules/shortcuts.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const SHORTCUTS = { domain: 'HomeDomain', relativePath: 'Library/Shortcuts/Shortcuts.sqlite' };
const T = 700_000_000; // 2023-03-08T20:26:40Z in Mac-absolute seconds

/** Predator's Shortcuts-automation persistence: an openurl action to its infrastructure. */
const OPEN_PLAYESTORE = shortcutAction('is.workflow.actions.openurl', {
  UUID: '0E0F5B0A-1C2D-4E3F-8A9B-0C1D2E3F4A5B',
  WFInput: textTokenString('https://playestore.net/x'),
});

const SPEC: ShortcutsDbSpec = {
  shortcuts: [
    {
      pk: 1,
      name: 'Morning',
      description: 'Opens a page',
      created: T,
      modified: T + 60,
      actions: { pk: 1, data: [OPEN_PLAYESTORE, shortcutAction('is.workflow.actions.url', { WFURLActionURL: 'https://example.com/page' })] },
    },
    {
      pk: 2,
      name: 'Notes helper',
      created: T + 100,
      actions: {
        pk: 2,
        data: [
          shortcutAction('is.workflow.actions.gettext', {
            WFTextActionText: textTokenString('Go to https://notplayestore.net/x now.', { '{6, 1}': { Type: 'Variable', VariableName: 'x' } }),
          }),
          // A parameter that is itself a binary plist stored as data.
          shortcutAction('is.workflow.actions.setvariable', { WFSerializedVariable: binaryPlist({ link: 'https://weathear.live/n' }) }),
          'not an action dictionary',
        ],
      },
    },
    { pk: 3, name: 'Broken', actions: { pk: 3, data: Buffer.from('garbage https://timeupdate.xyz/a junk', 'latin1') } },
    { pk: 4, name: 'Deleted', tombstoned: true, actions: null },
    {
      pk: 5,
      name: 'Exported form',
      actions: { pk: 5, data: binaryPlist({ WFWorkflowActions: [shortcutAction('is.workflow.actions.openurl', { WFInput: 'https://example.org/' })] }) },
    },
  ],
  orphanActions: [{ pk: 9, shortcut: 42, data: [shortcutAction('is.workflow.actions.openurl', { WFInput: 'https://cnn.gr.com/s' })] }],
};

describe('shortcuts extractor', () => {
  it('reads every shortcut with its action identifiers and links, then actions without a shortcut', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...SHORTCUTS, content: buildShortcutsDb(SPEC) }] }, shortcutsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      {
        shortcut_id: 1,
        actions_row: 1,
        name: 'Morning',
        description: 'Opens a page',
        tombstoned: false,
        action_count: 2,
        action_identifiers: ['is.workflow.actions.openurl', 'is.workflow.actions.url'],
        action_urls: ['https://playestore.net/x', 'https://example.com/page'],
        actions_readable: true,
      },
      {
        shortcut_id: 2,
        actions_row: 2,
        name: 'Notes helper',
        description: null,
        tombstoned: false,
        action_count: 3,
        action_identifiers: ['is.workflow.actions.gettext', 'is.workflow.actions.setvariable'],
        action_urls: ['https://notplayestore.net/x', 'https://weathear.live/n'],
        actions_readable: true,
      },
      {
        shortcut_id: 3,
        actions_row: 3,
        name: 'Broken',
        description: null,
        tombstoned: false,
        action_count: null,
        action_identifiers: [],
        action_urls: ['https://timeupdate.xyz/a'],
        actions_readable: false,
      },
      {
        shortcut_id: 4,
        actions_row: null,
        name: 'Deleted',
        description: null,
        tombstoned: true,
        action_count: null,
        action_identifiers: [],
        action_urls: [],
        actions_readable: null,
      },
      {
        shortcut_id: 5,
        actions_row: 5,
        name: 'Exported form',
        description: null,
        tombstoned: false,
        action_count: 1,
        action_identifiers: ['is.workflow.actions.openurl'],
        action_urls: ['https://example.org/'],
        actions_readable: true,
      },
      {
        shortcut_id: null,
        actions_row: 9,
        name: null,
        description: null,
        tombstoned: null,
        action_count: 1,
        action_identifiers: ['is.workflow.actions.openurl'],
        action_urls: ['https://cnn.gr.com/s'],
        actions_readable: true,
      },
    ]);
    expect(records[0]?.artifact).toBe('shortcuts');
    expect(records[0]?.times).toEqual([
      { at: '2023-03-08T20:26:40.000000Z', meaning: 'shortcut created' },
      { at: '2023-03-08T20:27:40.000000Z', meaning: 'shortcut modified' },
    ]);
    expect(records[0]?.origin).toMatchObject({
      path: 'HomeDomain/Library/Shortcuts/Shortcuts.sqlite',
      stored: '5b/5b4d0b44b5990f62b9f4d34ad8dc382bf0b01094',
      locator: { kind: 'sqlite', table: 'ZSHORTCUT', rowid: '1' },
    });
    expect(records[5]?.origin.locator).toEqual({ kind: 'sqlite', table: 'ZSHORTCUTACTIONS', rowid: '9' });
    expect(records[5]?.times).toEqual([]);
  });

  it('reads names stored as BLOBs and the link stored on the shortcut row', async () => {
    for (const variant of ['name-blob', 'actions-on-shortcut'] as const) {
      const { records, issues } = await extractFromBackup({ files: [{ ...SHORTCUTS, content: buildShortcutsDb({ ...SPEC, variant }) }] }, shortcutsExtractor);
      expect(issues).toEqual([]);
      expect(records.map((r) => [r.fields['shortcut_id'], r.fields['actions_row'], r.fields['name'], r.fields['action_urls']])).toEqual([
        [1, 1, 'Morning', ['https://playestore.net/x', 'https://example.com/page']],
        [2, 2, 'Notes helper', ['https://notplayestore.net/x', 'https://weathear.live/n']],
        [3, 3, 'Broken', ['https://timeupdate.xyz/a']],
        [4, null, 'Deleted', []],
        [5, 5, 'Exported form', ['https://example.org/']],
        [null, 9, null, ['https://cnn.gr.com/s']],
      ]);
    }
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noActions = sqliteBytes((d) => d.exec('CREATE TABLE ZSHORTCUT (Z_PK INTEGER PRIMARY KEY, ZNAME VARCHAR)'));
    let result = await extractFromBackup({ files: [{ ...SHORTCUTS, content: noActions }] }, shortcutsExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: 'HomeDomain/Library/Shortcuts/Shortcuts.sqlite',
        message: 'unsupported schema: expected ZSHORTCUT and ZSHORTCUTACTIONS (tables: ZSHORTCUT)',
      },
    ]);
    const unlinked = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZSHORTCUT (Z_PK INTEGER PRIMARY KEY, ZNAME VARCHAR)');
      d.exec('CREATE TABLE ZSHORTCUTACTIONS (Z_PK INTEGER PRIMARY KEY, ZDATA BLOB)');
    });
    result = await extractFromBackup({ files: [{ ...SHORTCUTS, content: unlinked }] }, shortcutsExtractor);
    expect(result.issues.map((i) => i.message)).toEqual([
      'unsupported schema: no link between ZSHORTCUT and ZSHORTCUTACTIONS (neither ZSHORTCUTACTIONS.ZSHORTCUT nor ZSHORTCUT.ZACTIONS)',
    ]);
    const noData = sqliteBytes((d) => {
      d.exec('CREATE TABLE ZSHORTCUT (Z_PK INTEGER PRIMARY KEY, ZNAME VARCHAR)');
      d.exec('CREATE TABLE ZSHORTCUTACTIONS (Z_PK INTEGER PRIMARY KEY, ZSHORTCUT INTEGER)');
    });
    result = await extractFromBackup({ files: [{ ...SHORTCUTS, content: noData }] }, shortcutsExtractor);
    expect(result.issues.map((i) => i.message)).toEqual(['unsupported schema: missing ZSHORTCUTACTIONS.ZDATA']);
    result = await extractFromBackup({ files: [{ ...SHORTCUTS, content: buildShortcutsDb(SPEC).subarray(0, 4096) }] }, shortcutsExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('follows nested plists only so deep', () => {
    let nested = binaryPlist({ link: 'https://deep.example/' });
    for (let i = 0; i < 12; i++) nested = binaryPlist({ inner: nested });
    const parsed = parseShortcutActions(binaryPlist([shortcutAction('is.workflow.actions.x', { data: nested })]));
    expect(parsed).toEqual({ readable: true, count: 1, identifiers: ['is.workflow.actions.x'], urls: [] });
  });
});

describe('shortcuts rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(shortcutsRules, await loadIndicatorSet({}));
  });

  it("flags Predator's openurl action, the nested, unreadable and orphaned links, not the near-miss", async () => {
    const { records } = await extractFromBackup({ files: [{ ...SHORTCUTS, content: buildShortcutsDb(SPEC) }] }, shortcutsExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => [record.fields['actions_row'], f.rule.id, f.severity, f.matched.value, f.indicator?.value, f.indicator?.malware]),
    );
    expect(findings).toEqual([
      [1, 'ios.shortcuts.action-url-indicator', 'critical', 'https://playestore.net/x', 'playestore.net', 'Predator'],
      [2, 'ios.shortcuts.action-url-indicator', 'critical', 'https://weathear.live/n', 'weathear.live', 'Predator'],
      [3, 'ios.shortcuts.action-url-indicator', 'critical', 'https://timeupdate.xyz/a', 'timeupdate.xyz', 'Predator'],
      [9, 'ios.shortcuts.action-url-indicator', 'critical', 'https://cnn.gr.com/s', 'cnn.gr.com', 'Predator'],
    ]);
    expect(detector.inspect(records[0]!)[0]?.explanation).toBe(
      'The shortcut "Morning" has an action whose parameters hold https://playestore.net/x, which matches the Predator indicator "playestore.net" (predator.stix2).',
    );
  });
});
