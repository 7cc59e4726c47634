import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildChromeHistoryDb, chromeTime, type ChromeHistorySpec } from '../../../test/builders/ios/chrome-history-db.js';
import { chromeHistoryExtractor, chromeRedirectKind, chromeTransitionType } from './chrome-history.js';
import { chromeHistoryRules } from '../../detection/rules/chrome-history.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';

const DOMAIN = 'AppDomain-com.google.chrome.ios';
const HISTORY = { domain: DOMAIN, relativePath: 'Library/Application Support/Google/Chrome/Default/History' };
const T = 1_689_000_000; // 2023-07-10T14:40:00Z
/** Typed in the address bar, start and end of a redirect chain. */
const TYPED = 0x30000001;
/** A link reached through a server redirect, end of chain, as Chromium stores it (signed 32-bit). */
const SERVER_REDIRECT_LINK = 0xa0000000 - 0x1_0000_0000;

const SPEC: ChromeHistorySpec = {
  urls: [
    { id: 1, url: 'http://news.example/', title: 'News' },
    { id: 2, url: 'https://cnn.gr.com/article/1', title: 'Breaking' },
    { id: 3, url: 'https://notcnn.gr.com/', title: 'Near miss' },
    // URL rows whose visits have expired.
    { id: 4, url: 'https://urlpush.net/x', lastVisitTime: chromeTime(T - 86_400) },
    { id: 5, url: 'https://example.org/', lastVisitTime: chromeTime(T - 3_600) },
  ],
  visits: [
    { id: 1, url: 1, time: chromeTime(T), transition: TYPED },
    { id: 2, url: 2, time: chromeTime(T) + 200_000n, fromVisit: 1, transition: SERVER_REDIRECT_LINK },
    { id: 3, url: 3, time: chromeTime(T + 60), transition: 0, duration: 5_000_000n },
    // A visit whose URL row is gone: kept, with a null URL.
    { id: 4, url: 99, time: chromeTime(T + 120) },
  ],
};

describe('chrome_history extractor', () => {
  it('reads visits with their redirect source, then URLs without visits', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...HISTORY, content: buildChromeHistoryDb(SPEC) }] }, chromeHistoryExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['visit_id'], r.fields['url_id'], r.fields['url']])).toEqual([
      [1, 1, 'http://news.example/'],
      [2, 2, 'https://cnn.gr.com/article/1'],
      [3, 3, 'https://notcnn.gr.com/'],
      [4, 99, null],
      [null, 4, 'https://urlpush.net/x'],
      [null, 5, 'https://example.org/'],
    ]);

    const redirected = records[1];
    expect(redirected?.artifact).toBe('chrome_history');
    expect(redirected?.times).toEqual([{ at: '2023-07-10T14:40:00.200000Z', meaning: 'visited' }]);
    expect(redirected?.fields).toEqual({
      visit_id: 2,
      url_id: 2,
      url: 'https://cnn.gr.com/article/1',
      title: 'Breaking',
      profile: 'Default',
      hidden: false,
      transition: SERVER_REDIRECT_LINK,
      transition_type: 'link',
      redirect_kind: 'server',
      redirect_source: 1,
      redirect_source_url: 'http://news.example/',
      visit_duration_ms: 0,
    });
    expect(redirected?.origin).toMatchObject({
      path: `${DOMAIN}/Library/Application Support/Google/Chrome/Default/History`,
      stored: 'fa/faf971ce92c3ac508c018dce1bef2a8b8e9838f1',
      locator: { kind: 'sqlite', table: 'visits', rowid: '2' },
    });
    expect(records[0]?.fields).toMatchObject({ transition_type: 'typed', redirect_kind: null, redirect_source: null });
    expect(records[2]?.fields).toMatchObject({ visit_duration_ms: 5000, redirect_source_url: null });

    const orphan = records[4];
    expect(orphan?.times).toEqual([{ at: '2023-07-09T14:40:00.000000Z', meaning: 'last visited' }]);
    expect(orphan?.origin.locator).toEqual({ kind: 'sqlite', table: 'urls', rowid: '4' });
    expect(orphan?.fields).toMatchObject({ visit_id: null, transition: null, redirect_source_url: null });
  });

  it('reads the legacy schema and every profile folder', async () => {
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { ...HISTORY, content: buildChromeHistoryDb({ ...SPEC, variant: 'legacy' }) },
          {
            domain: DOMAIN,
            relativePath: 'Library/Application Support/Google/Chrome/Profile 1/History',
            content: buildChromeHistoryDb({ urls: [{ id: 1, url: 'https://example.net/' }], visits: [{ id: 1, url: 1, time: chromeTime(T) }] }),
          },
        ],
      },
      chromeHistoryExtractor,
    );
    expect(issues).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records[1]?.fields).toMatchObject({ redirect_kind: 'server', redirect_source_url: 'http://news.example/', visit_duration_ms: null });
    expect(records[6]?.fields).toMatchObject({ profile: 'Profile 1', url: 'https://example.net/' });
  });

  it('reads a minimal schema with only the columns it needs', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER)');
      d.exec(`INSERT INTO urls VALUES (1, 'https://example.com/')`);
      d.exec(`INSERT INTO visits VALUES (1, 1, ${chromeTime(T)})`);
    });
    const { records, issues } = await extractFromBackup({ files: [{ ...HISTORY, content: db }] }, chromeHistoryExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      {
        visit_id: 1,
        url_id: 1,
        url: 'https://example.com/',
        title: null,
        profile: 'Default',
        hidden: null,
        transition: null,
        transition_type: null,
        redirect_kind: null,
        redirect_source: null,
        redirect_source_url: null,
        visit_duration_ms: null,
      },
    ]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const noVisits = sqliteBytes((d) => d.exec('CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)'));
    let result = await extractFromBackup({ files: [{ ...HISTORY, content: noVisits }] }, chromeHistoryExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: `${DOMAIN}/Library/Application Support/Google/Chrome/Default/History`,
        message: 'unsupported schema: expected urls and visits (tables: urls)',
      },
    ]);
    const noTime = sqliteBytes((d) => {
      d.exec('CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER)');
    });
    result = await extractFromBackup({ files: [{ ...HISTORY, content: noTime }] }, chromeHistoryExtractor);
    expect(result.issues.map((i) => i.message)).toEqual(['unsupported schema: missing visits.visit_time']);

    result = await extractFromBackup({ files: [{ ...HISTORY, content: 'not a database' }] }, chromeHistoryExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
    result = await extractFromBackup({ files: [{ ...HISTORY, content: buildChromeHistoryDb(SPEC).subarray(0, 3000) }] }, chromeHistoryExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('decodes page transitions', () => {
    expect(chromeTransitionType(TYPED)).toBe('typed');
    expect(chromeTransitionType(10)).toBe('keyword_generated');
    expect(chromeTransitionType(42)).toBe('unknown (42)');
    expect(chromeRedirectKind(SERVER_REDIRECT_LINK)).toBe('server');
    expect(chromeRedirectKind(0x40000000)).toBe('client');
    expect(chromeRedirectKind(TYPED)).toBeNull();
    expect(chromeRedirectKind(null)).toBeNull();
  });
});

describe('chrome_history rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(chromeHistoryRules, await loadIndicatorSet({}));
  });

  it('flags the Predator visit and the Pegasus URL left without visits, not the near-misses', async () => {
    const { records } = await extractFromBackup({ files: [{ ...HISTORY, content: buildChromeHistoryDb(SPEC) }] }, chromeHistoryExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({
        url_id: record.fields['url_id'],
        rule: f.rule.id,
        severity: f.severity,
        value: f.matched.value,
        indicator: f.indicator?.value ?? null,
        malware: f.indicator?.malware ?? null,
      })),
    );
    expect(findings).toEqual([
      {
        url_id: 2,
        rule: 'ios.chrome-history.url-indicator',
        severity: 'critical',
        value: 'https://cnn.gr.com/article/1',
        indicator: 'cnn.gr.com',
        malware: 'Predator',
      },
      {
        url_id: 4,
        rule: 'ios.chrome-history.url-indicator',
        severity: 'critical',
        value: 'https://urlpush.net/x',
        indicator: 'urlpush.net',
        malware: 'Pegasus',
      },
    ]);
    const first = detector.inspect(records[1]!)[0];
    expect(first?.explanation).toBe(
      'Chrome history (profile Default) records a visit to https://cnn.gr.com/article/1, which matches the Predator indicator "cnn.gr.com" (predator.stix2).',
    );
  });
});
