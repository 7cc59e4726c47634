import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { osAnalyticsAdDailyPlist } from '../../../test/builders/ios/system-plists.js';
import { osAnalyticsAdDailyExtractor } from './os-analytics-ad-daily.js';
import { osAnalyticsAdDailyRules } from '../../detection/rules/os-analytics-ad-daily.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

const DOMAIN = 'HomeDomain';
const PATH = 'Library/Preferences/com.apple.osanalytics.addaily.plist';
const DAY = new Date('2023-06-01T00:00:00Z');

function backup(content: Buffer | string) {
  return { files: [{ domain: DOMAIN, relativePath: PATH, content }] };
}

describe('os_analytics_ad_daily extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  const plist = (format?: 'binary' | 'xml') =>
    osAnalyticsAdDailyPlist(
      [
        { name: 'BackupAgent', date: DAY, wifiIn: 0, wifiOut: 0, wwanIn: 1234, wwanOut: 567 },
        { name: 'powerd/com.apple.datausage.diagnostics', date: DAY, wifiIn: 10, wifiOut: 20, wwanIn: 30, wwanOut: 40 },
        { name: 'bh', date: DAY, wifiIn: 0, wifiOut: 0, wwanIn: 1234, wwanOut: 567 },
        { name: 'bhx', date: DAY, wifiIn: 1, wifiOut: 1, wwanIn: 1, wwanOut: 1 },
      ],
      format,
    );

  for (const format of ['binary', 'xml'] as const) {
    it(`yields one record per baseline entry (${format} plist)`, async () => {
      const { records, issues } = await extractFromBackup(backup(plist(format)), osAnalyticsAdDailyExtractor);
      expect(issues).toEqual([]);
      expect(records.map((r) => r.fields['name_raw'])).toEqual(['BackupAgent', 'bh', 'bhx', 'powerd/com.apple.datausage.diagnostics']);
      expect(records[0]!.fields).toEqual({
        name_raw: 'BackupAgent',
        process: 'BackupAgent',
        proc_bundle: null,
        container_uuid: null,
        baseline_date: '2023-06-01T00:00:00.000000Z',
        wifi_in: 0,
        wifi_out: 0,
        wwan_in: 1234,
        wwan_out: 567,
        well_formed: true,
      });
      expect(records[0]!.times).toEqual([{ at: '2023-06-01T00:00:00.000000Z', meaning: 'usage baseline' }]);
      expect(records[0]!.origin.locator).toEqual({ kind: 'plist', keyPath: ['netUsageBaseline', 'BackupAgent'] });
      expect(records[0]!.origin.stored).toBe('f6/f65b5fafc69bbd3c60be019c6e938e146825fa83');
      expect(records[3]!.fields).toMatchObject({ process: 'powerd', proc_bundle: 'com.apple.datausage.diagnostics' });
    });
  }

  it('raises the process indicator for Triangulation and Pegasus names, not for near misses', async () => {
    const { records } = await extractFromBackup(backup(plist()), osAnalyticsAdDailyExtractor);
    const detector = new Detector(osAnalyticsAdDailyRules, index);
    const fired = records.flatMap((r) => detector.inspect(r).map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.indicator?.malware]));
    expect(fired).toEqual([
      ['ios.os_analytics_ad_daily.process', 'process', 'BackupAgent', 'critical', 'OperationTriangulation'],
      ['ios.os_analytics_ad_daily.process', 'process', 'bh', 'critical', 'Pegasus'],
    ]);
  });

  it('keeps malformed entries and skips a file without a baseline', async () => {
    const odd = binaryPlist({ netUsageBaseline: { weird: 'not an array', short: [DAY, 1] } });
    const { records, issues } = await extractFromBackup(backup(odd), osAnalyticsAdDailyExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['name_raw'], r.fields['well_formed'], r.fields['wifi_in'], r.fields['wwan_in']])).toEqual([
      ['short', false, 1, null],
      ['weird', false, null, null],
    ]);
    const none = await extractFromBackup(backup(binaryPlist({ version: 1 })), osAnalyticsAdDailyExtractor);
    expect(none).toEqual({ records: [], issues: [] });
  });

  it('reports an unexpected layout and a corrupt file as issues', async () => {
    const wrong = await extractFromBackup(backup(binaryPlist({ netUsageBaseline: ['x'] })), osAnalyticsAdDailyExtractor);
    expect(wrong.records).toEqual([]);
    expect(wrong.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: netUsageBaseline is not a dictionary' },
    ]);
    const corrupt = await extractFromBackup(backup(plist().subarray(0, 40)), osAnalyticsAdDailyExtractor);
    expect(corrupt.records).toEqual([]);
    expect(corrupt.issues).toHaveLength(1);
    expect(corrupt.issues[0]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${PATH}` });
  });
});
