import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { sqliteBytes } from '../../../test/builders/ios-backup.js';
import { buildSafariHistoryDb, type SafariHistorySpec } from '../../../test/builders/ios/safari-history-db.js';
import { comparableHost, safariHistoryExtractor, safariProfileOf } from './safari-history.js';
import { safariHistoryRules } from '../../detection/rules/safari-history.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord } from '../types.js';

const HISTORY = { domain: 'HomeDomain', relativePath: 'Library/Safari/History.db' };
const PROFILE_UUID = '6B7C2D1E-0F3A-4B5C-8D9E-A1B2C3D4E5F6';
const PROFILE_HISTORY = { domain: 'HomeDomain', relativePath: `Library/Safari/Profiles/${PROFILE_UUID}/History.db` };
const T = 700_000_000;

/** Amnesty's network-injection example and benign near-misses. */
const SPEC: SafariHistorySpec = {
  items: [
    { id: 1, url: 'http://yahoo.fr/' },
    { id: 2, url: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz' },
    { id: 3, url: 'http://example.com/' },
    { id: 4, url: 'https://example.com/' },
    { id: 5, url: 'http://www.example.org/' },
    { id: 6, url: 'https://example.org/' },
    { id: 7, url: 'https://news.example/' },
    { id: 8, url: 'https://other.example/' },
    { id: 9, url: 'http://slow.example/' },
    { id: 10, url: 'https://another.example/' },
    // Item whose visits are gone.
    { id: 11, url: 'https://cnn.gr.com/orphan', visitCount: 1 },
  ],
  visits: [
    { id: 1, item: 1, time: T, title: null, redirectDestination: 2 },
    { id: 2, item: 2, time: T + 0.08, title: 'Loading', redirectSource: 1 },
    { id: 3, item: 3, time: T + 10, redirectDestination: 4 },
    { id: 4, item: 4, time: T + 10.05, title: 'Example Domain', redirectSource: 3 },
    { id: 5, item: 5, time: T + 20, redirectDestination: 6 },
    { id: 6, item: 6, time: T + 20.03, redirectSource: 5 },
    { id: 7, item: 7, time: T + 30, redirectDestination: 8 },
    { id: 8, item: 8, time: T + 30.01, redirectSource: 7 },
    { id: 9, item: 9, time: T + 40, redirectDestination: 10 },
    { id: 10, item: 10, time: T + 41.5, redirectSource: 9, origin: 1 },
  ],
};

function visit(records: ArtifactRecord[], id: number): ArtifactRecord {
  const record = records.find((r) => r.fields['visit_id'] === id);
  if (!record) throw new Error(`no visit ${id}`);
  return record;
}

describe('safari_history extractor', () => {
  it('reads visits with their redirect facts, and items without visits', async () => {
    const { records, issues } = await extractFromBackup({ files: [{ ...HISTORY, content: buildSafariHistoryDb(SPEC) }] }, safariHistoryExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(11);
    expect(records.map((r) => r.fields['visit_id'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);

    const injected = visit(records, 1);
    expect(injected.artifact).toBe('safari_history');
    expect(injected.times).toEqual([{ at: '2023-03-08T20:26:40.000000Z', meaning: 'visited' }]);
    expect(injected.fields).toEqual({
      visit_id: 1,
      item_id: 1,
      url: 'http://yahoo.fr/',
      title: null,
      profile: null,
      load_successful: true,
      http_non_get: false,
      visit_origin: 0,
      redirect_source: null,
      redirect_source_url: null,
      redirect_destination: 2,
      redirect_destination_url: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
      redirect_delay_ms: 80,
      redirect_to_other_host: true,
    });
    expect(injected.origin).toMatchObject({
      path: 'HomeDomain/Library/Safari/History.db',
      stored: '1a/1a0e7afc19d307da602ccdcece51af33afe92c53',
      locator: { kind: 'sqlite', table: 'history_visits', rowid: '1' },
    });

    const destination = visit(records, 2);
    expect(destination.times).toEqual([{ at: '2023-03-08T20:26:40.080000Z', meaning: 'visited' }]);
    expect(destination.fields).toMatchObject({
      title: 'Loading',
      redirect_source: 1,
      redirect_source_url: 'http://yahoo.fr/',
      redirect_destination: null,
      redirect_destination_url: null,
      redirect_delay_ms: null,
      redirect_to_other_host: null,
    });

    expect(visit(records, 3).fields).toMatchObject({ redirect_delay_ms: 50, redirect_to_other_host: false });
    expect(visit(records, 5).fields).toMatchObject({ redirect_delay_ms: 30, redirect_to_other_host: false });
    expect(visit(records, 7).fields).toMatchObject({ redirect_delay_ms: 10, redirect_to_other_host: true });
    expect(visit(records, 9).fields).toMatchObject({ redirect_delay_ms: 1500, redirect_to_other_host: true });
    expect(visit(records, 10).fields['visit_origin']).toBe(1);

    const orphan = records[10];
    expect(orphan?.fields).toMatchObject({ visit_id: null, item_id: 11, url: 'https://cnn.gr.com/orphan' });
    expect(orphan?.times).toEqual([]);
    expect(orphan?.origin.locator).toEqual({ kind: 'sqlite', table: 'history_items', rowid: '11' });
  });

  it('reads every profile database and names the profile', async () => {
    const profileDb = buildSafariHistoryDb({ items: [{ id: 1, url: 'https://example.net/' }], visits: [{ id: 1, item: 1, time: T }] });
    const { records, issues } = await extractFromBackup(
      {
        files: [
          { ...HISTORY, content: buildSafariHistoryDb({ items: [], visits: [] }) },
          { ...PROFILE_HISTORY, content: profileDb },
          { domain: 'AppDomain-com.example.browser', relativePath: 'Library/Safari/History.db', content: profileDb },
        ],
      },
      safariHistoryExtractor,
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['profile']])).toEqual([
      ['AppDomain-com.example.browser/Library/Safari/History.db', null],
      [`HomeDomain/Library/Safari/Profiles/${PROFILE_UUID}/History.db`, PROFILE_UUID],
    ]);
  });

  it('reads the legacy schema without origin and status columns', async () => {
    const db = buildSafariHistoryDb({ ...SPEC, variant: 'legacy' });
    const { records, issues } = await extractFromBackup({ files: [{ ...HISTORY, content: db }] }, safariHistoryExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(11);
    expect(visit(records, 1).fields).toMatchObject({ visit_origin: null, redirect_delay_ms: 80, redirect_to_other_host: true });
  });

  it('reads a minimal schema without redirect or title columns', async () => {
    const db = sqliteBytes((d) => {
      d.exec('CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE history_visits (id INTEGER PRIMARY KEY, history_item INTEGER, visit_time REAL)');
      d.exec(`INSERT INTO history_items VALUES (1, 'http://a.example/')`);
      d.exec(`INSERT INTO history_visits VALUES (1, 1, ${T}), (2, 99, ${T + 1})`);
    });
    const { records, issues } = await extractFromBackup({ files: [{ ...HISTORY, content: db }] }, safariHistoryExtractor);
    expect(issues).toEqual([]);
    // The visit whose item is missing is kept (LEFT JOIN), with a null URL.
    expect(records.map((r) => [r.fields['visit_id'], r.fields['url'], r.fields['redirect_destination']])).toEqual([
      [1, 'http://a.example/', null],
      [2, null, null],
    ]);
  });

  it('reports unsupported schemas and corrupt files as issues', async () => {
    const other = sqliteBytes((d) => d.exec('CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT)'));
    let result = await extractFromBackup({ files: [{ ...HISTORY, content: other }] }, safariHistoryExtractor);
    expect(result.issues).toEqual([
      {
        code: 'unsupported-schema',
        path: 'HomeDomain/Library/Safari/History.db',
        message: 'unsupported schema: expected history_items and history_visits (tables: history_items)',
      },
    ]);
    const noTime = sqliteBytes((d) => {
      d.exec('CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT)');
      d.exec('CREATE TABLE history_visits (id INTEGER PRIMARY KEY, history_item INTEGER)');
    });
    result = await extractFromBackup({ files: [{ ...HISTORY, content: noTime }] }, safariHistoryExtractor);
    expect(result.issues[0]?.message).toBe('unsupported schema: missing history_visits.visit_time');

    result = await extractFromBackup({ files: [{ ...HISTORY, content: 'garbage' }] }, safariHistoryExtractor);
    expect(result.records).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);

    const truncated = buildSafariHistoryDb(SPEC).subarray(0, 4096);
    result = await extractFromBackup({ files: [{ ...HISTORY, content: truncated }] }, safariHistoryExtractor);
    expect(result.issues.map((i) => i.code)).toEqual(['corrupt']);
  });

  it('compares hosts without port, case or a literal www. prefix', () => {
    expect(comparableHost('https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz')).toBe('bun54l2b67.get1tn0w.free247downloads.com');
    expect(comparableHost('http://WWW.Example.org./')).toBe('example.org');
    expect(comparableHost('http://web.example/')).toBe('web.example');
    expect(comparableHost('not a url')).toBeNull();
    expect(safariProfileOf('HomeDomain/Library/Safari/History.db')).toBeNull();
  });
});

describe('safari_history rules', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = new Detector(safariHistoryRules, await loadIndicatorSet({}));
  });

  it("flags Amnesty's injection example (heuristic + indicator) and the orphan item, not the near-misses", async () => {
    const { records } = await extractFromBackup({ files: [{ ...HISTORY, content: buildSafariHistoryDb(SPEC) }] }, safariHistoryExtractor);
    const findings = records.flatMap((record) =>
      detector.inspect(record).map((f) => ({
        visit: record.fields['visit_id'],
        rule: f.rule.id,
        severity: f.severity,
        value: f.matched.value,
        indicator: f.indicator?.value ?? null,
        explanation: f.explanation,
      })),
    );
    expect(findings).toEqual([
      {
        visit: 1,
        rule: 'ios.safari-history.injection-redirect',
        severity: 'medium',
        value: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
        indicator: null,
        explanation:
          'Safari loaded http://yahoo.fr/ over plain HTTP and was sent to https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz 80 ms later, a redirect fast enough to come from the network rather than the person, as in the network-injection attacks Amnesty documented.',
      },
      {
        visit: 2,
        rule: 'ios.safari-history.url-indicator',
        severity: 'critical',
        value: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz',
        indicator: 'free247downloads.com',
        explanation: expect.stringContaining('matches the Pegasus indicator "free247downloads.com" (pegasus.stix2)'),
      },
      {
        visit: null,
        rule: 'ios.safari-history.url-indicator',
        severity: 'critical',
        value: 'https://cnn.gr.com/orphan',
        indicator: 'cnn.gr.com',
        explanation: expect.stringContaining('cnn.gr.com'),
      },
    ]);
  });

  it('fires the injection heuristic without any indicator loaded', async () => {
    const bare = new Detector(safariHistoryRules, await loadIndicatorSet({ includeShipped: false }));
    const { records } = await extractFromBackup({ files: [{ ...HISTORY, content: buildSafariHistoryDb(SPEC) }] }, safariHistoryExtractor);
    expect(records.flatMap((r) => bare.inspect(r).map((f) => [r.fields['visit_id'], f.rule.id]))).toEqual([
      [1, 'ios.safari-history.injection-redirect'],
    ]);
  });
});
