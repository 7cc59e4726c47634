import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist, sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildBrowserStateDb, sessionDataBlob, type BrowserStateSpec } from '../../../test/builders/ios/browser-state-db.js';
import { decodeSessionData, safariBrowserStateExtractor } from './safari-browser-state.js';
import { safariBrowserStateRules } from '../../detection/rules/safari-browser-state.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const STATE = { domain: 'HomeDomain', relativePath: 'Library/Safari/BrowserState.db' };
const T = 700_000_000;

const SPEC: BrowserStateSpec = {
  tabs: [
    // A tab now on a news site whose back list passed through a Pegasus server.
    {
      id: 1,
      uuid: 'A1000000-0000-4000-8000-000000000001',
      title: 'News',
      url: 'https://news.example/today',
      lastViewedTime: T,
      openedFromLink: true,
      sessionData: sessionDataBlob([
        { url: 'https://news.example/start', title: 'Start' },
        { url: 'https://news.example/today', originalUrl: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz', title: 'News' },
      ]),
    },
    // A private tab on a Predator domain, with no session row.
    { id: 2, uuid: 'A1000000-0000-4000-8000-000000000002', title: 'Article', url: 'https://cnn.gr.com/article/1', privateBrowsing: true, lastViewedTime: T + 60 },
    // A tab whose session blob is damaged: the tab survives, the issue is reported.
    { id: 3, uuid: 'A1000000-0000-4000-8000-000000000003', title: 'Weather', url: 'https://weather.example/', lastViewedTime: T + 120, sessionData: Buffer.from([0, 0, 0, 2, 0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 1, 2, 3]) },
    // Near-miss host, with a NULL session blob.
    { id: 4, uuid: 'A1000000-0000-4000-8000-000000000004', title: null, url: 'https://notfree247downloads.com/', sessionData: null },
  ],
  orphanSessions: [
    { id: 50, tabUuid: 'DEAD0000-0000-4000-8000-000000000050', sessionData: sessionDataBlob([{ url: 'https://urlpush.net/x', title: 'x' }]) },
  ],
};

describe('safari_browser_state extractor', () => {
  it('reads tabs with their session history, orphan sessions, and reports a damaged blob', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...STATE, content: buildBrowserStateDb(SPEC) }] }, safariBrowserStateExtractor);
    expect(records).toHaveLength(5);
    expect(records[0]?.artifact).toBe('safari_browser_state');
    expect(records[0]?.fields).toEqual({
      tab_id: 1,
      uuid: 'A1000000-0000-4000-8000-000000000001',
      title: 'News',
      url: 'https://news.example/today',
      user_visible_url: 'https://news.example/today',
      private_browsing: false,
      opened_from_link: true,
      profile: null,
      tab_row_present: true,
      // The tab's own URL is left out of its session URLs.
      session_urls: ['https://news.example/start', 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz'],
      session_entry_count: 2,
      session_data_error: null,
    });
    expect(records[0]?.times).toEqual([{ at: '2023-03-08T20:26:40.000000Z', meaning: 'last viewed' }]);
    expect(records[0]?.origin).toMatchObject({
      path: 'HomeDomain/Library/Safari/BrowserState.db',
      stored: '3a/3a47b0981ed7c10f3e2800aa66bac96a3b5db28e',
      locator: { kind: 'sqlite', table: 'tabs', rowid: '1' },
    });
    expect(records[1]?.fields).toMatchObject({ tab_id: 2, private_browsing: true, session_urls: [], session_entry_count: 0 });
    expect(records[2]?.fields).toMatchObject({ tab_id: 3, url: 'https://weather.example/', session_urls: [], session_entry_count: null });
    expect(records[2]?.fields['session_data_error']).toEqual(expect.any(String));
    expect(records[3]?.fields).toMatchObject({ tab_id: 4, title: null, session_urls: [], session_data_error: null });
    expect(records[3]?.times).toEqual([]);
    expect(records[4]?.fields).toEqual({
      tab_id: null,
      uuid: 'DEAD0000-0000-4000-8000-000000000050',
      title: null,
      url: null,
      user_visible_url: null,
      private_browsing: null,
      opened_from_link: null,
      profile: null,
      tab_row_present: false,
      session_urls: ['https://urlpush.net/x'],
      session_entry_count: 1,
      session_data_error: null,
    });
    expect(records[4]?.origin.locator).toEqual({ kind: 'sqlite', table: 'tab_sessions', rowid: '50' });

    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'corrupt', path: 'HomeDomain/Library/Safari/BrowserState.db' });
    expect(issues[0]?.message).toMatch(/^tab 3: /);
  });

  it('reads the pre-iOS 12 layout with session data on the tab row, in a profile folder', async () => {
    const db = buildBrowserStateDb({
      variant: 'legacy',
      tabs: [{ id: 1, uuid: 'B1', title: 'Old', url: 'https://old.example/', lastViewedTime: T, sessionData: sessionDataBlob([{ url: 'https://old.example/prev' }, { url: 'https://old.example/' }]) }],
    });
    const { records, issues } = await extractFromBackup(
      { files: [{ domain: 'HomeDomain', relativePath: 'Library/Safari/Profiles/P1/BrowserState.db', content: db }] },
      safariBrowserStateExtractor,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.fields).toMatchObject({ profile: 'P1', session_urls: ['https://old.example/prev'], session_entry_count: 2 });
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noTabs = sqliteBytes((d) => d.exec('CREATE TABLE browser_windows (id INTEGER PRIMARY KEY)'));
    let result = await extractFromBackup({ files: [{ ...STATE, content: noTabs }] }, safariBrowserStateExtractor);
    expect(result.issues).toEqual([
      { code: 'unsupported-schema', path: STATE.domain + '/' + STATE.relativePath, message: 'unsupported schema: no tabs table (tables: browser_windows)' },
    ]);
    result = await extractFromBackup({ files: [{ ...STATE, content: Buffer.from('SQLite format 3\u0000 but not really') }] }, safariBrowserStateExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
    result = await extractFromBackup({ files: [{ ...STATE, content: buildBrowserStateDb(SPEC).subarray(0, 4096) }] }, safariBrowserStateExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('decodes session blobs with or without the header and rejects other shapes', () => {
    const plist = binaryPlist({ SessionHistory: { SessionHistoryEntries: [{ SessionHistoryEntryURL: 'https://a.example/' }] } });
    expect(decodeSessionData(Buffer.concat([Buffer.from([0, 0, 0, 1]), plist]))).toEqual({ urls: ['https://a.example/'], entryCount: 1 });
    expect(decodeSessionData(plist)).toEqual({ urls: ['https://a.example/'], entryCount: 1 });
    expect(decodeSessionData(binaryPlist({ Other: 1 }))).toEqual({ urls: [], entryCount: 0 });
    expect(() => decodeSessionData(Buffer.from('zlib-compressed bytes'))).toThrow(/not a binary property list/);
    expect(() => decodeSessionData(binaryPlist({ SessionHistory: 'x' }))).toThrow(/SessionHistory is not a dictionary/);
  });
});

describe('safari_browser_state rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(safariBrowserStateRules, await loadIndicatorSet({}));
  });

  it('flags indicator URLs in the tab address and in session history, not the near-miss', async () => {
    const { records } = await extractFromBackup({ files: [{ ...STATE, content: buildBrowserStateDb(SPEC) }] }, safariBrowserStateExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({ tab: record.fields['uuid'], field: f.matched.field, value: f.matched.value, severity: f.severity })),
    );
    expect(findings).toEqual([
      {
        tab: 'A1000000-0000-4000-8000-000000000001',
        field: 'session_urls',
        value: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
        severity: 'critical',
      },
      { tab: 'A1000000-0000-4000-8000-000000000002', field: 'url', value: 'https://cnn.gr.com/article/1', severity: 'critical' },
      { tab: 'DEAD0000-0000-4000-8000-000000000050', field: 'session_urls', value: 'https://urlpush.net/x', severity: 'critical' },
    ]);
  });
});
