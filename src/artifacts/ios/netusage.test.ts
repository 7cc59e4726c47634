import { beforeAll, describe, expect, it } from 'vitest';
import { extractFromTree } from '../../../test/support/tree-extraction.js';
import { fsDumpTree } from '../../../test/builders/ios-fs.js';
import { buildDataUsageDb, type DataUsageDbSpec } from '../../../test/builders/ios/datausage-db.js';
import { netusageExtractor } from './netusage.js';
import { datausageExtractor } from './datausage.js';
import { netusageRules } from '../../detection/rules/netusage.js';
import { datausageRules } from '../../detection/rules/datausage.js';
import { Detector } from '../../detection/engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import { PACKS } from '../../report/i18n/catalogue.js';
import type { IndicatorIndex } from '../../indicators/indicator-index.js';

/** Mac-absolute seconds of 2021-07-14T10:00:00Z, and minutes after it. */
const T0 = 1_626_256_800 - 978_307_200;
const at = (minutes: number): number => T0 + minutes * 60;

/** Amnesty's Pegasus rows (artifacts.md §5.1 "same rows as DataUsage"), a deleted row and near misses. */
const PEGASUS: DataUsageDbSpec = {
  processes: [
    { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: at(0), timestamp: at(50) },
    { pk: 2, procName: 'bh', bundleName: null, firstTimestamp: at(10), timestamp: at(11) },
    // Z_PK 3 was deleted, but its live-usage row stays.
    { pk: 4, procName: 'msgacntd', bundleName: null, firstTimestamp: at(12), timestamp: at(13) },
    { pk: 5, procName: 'bhx', bundleName: null, firstTimestamp: at(14) },
    { pk: 6, procName: 'msgacnt', bundleName: null, firstTimestamp: at(15) },
    { pk: 7, procName: 'locationd', bundleName: null, firstTimestamp: at(16) },
  ],
  live: [
    { pk: 1, processPk: 2, timestamp: at(11), wwanIn: 1234, wwanOut: 567 },
    { pk: 2, processPk: 3, timestamp: at(12), wwanIn: 4096, wwanOut: 2048 },
  ],
};

const DB = buildDataUsageDb(PEGASUS);

describe('netusage extractor', () => {
  let index: IndicatorIndex;
  beforeAll(async () => {
    index = await loadIndicatorSet({ includeShipped: true });
  });

  it('reads netusage.sqlite exactly as DataUsage.sqlite, under its own artifact id', async () => {
    const tree = fsDumpTree({
      nodes: [
        { path: 'private/var/networkd/db/netusage.sqlite', content: DB },
        { path: 'private/var/wireless/Library/Databases/DataUsage.sqlite', content: DB },
        { path: 'usr/libexec/locationd', content: 'binary' },
      ],
    });
    const net = await extractFromTree(tree, 'ios-fs', netusageExtractor);
    const data = await extractFromTree(tree, 'ios-fs', datausageExtractor);
    expect(net.issues).toEqual([]);
    expect(net.records.map((r) => r.artifact)).toEqual(Array(net.records.length).fill('netusage'));
    expect(net.records.map((r) => [r.fields, r.times, r.origin.locator])).toEqual(data.records.map((r) => [r.fields, r.times, r.origin.locator]));
    expect(net.records.map((r) => [r.fields['kind'], r.fields['proc_name_raw'] ?? r.fields['missing_pk'] ?? r.fields['live_pk'], r.fields['binary_in_acquisition'] ?? null])).toEqual([
      ['process', 'mDNSResponder/com.apple.datausage.dns', null],
      ['process', 'bh', false],
      ['missing-process', 3, null],
      ['process', 'msgacntd', false],
      ['process', 'bhx', false],
      ['process', 'msgacnt', false],
      ['process', 'locationd', true],
      ['live-usage-without-process', 2, null],
    ]);
    expect(net.records[0]!.origin.path).toBe('private/var/networkd/db/netusage.sqlite');
  });

  it('reads both places networkd keeps the database', async () => {
    const tree = fsDumpTree({
      nodes: [
        { path: 'private/var/networkd/netusage.sqlite', content: buildDataUsageDb({ processes: [{ pk: 1, procName: 'roleaccountd', firstTimestamp: at(0) }] }) },
        { path: 'private/var/networkd/db/netusage.sqlite', content: buildDataUsageDb({ processes: [{ pk: 1, procName: 'pcsd', firstTimestamp: at(1) }] }) },
      ],
    });
    const { records, issues } = await extractFromTree(tree, 'ios-fs', netusageExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.origin.path, r.fields['process']])).toEqual([
      ['private/var/networkd/db/netusage.sqlite', 'pcsd'],
      ['private/var/networkd/netusage.sqlite', 'roleaccountd'],
    ]);
  });

  it('raises the DataUsage findings under netusage rule ids and words, and nothing on near misses', async () => {
    const tree = fsDumpTree({ nodes: [{ path: 'private/var/networkd/netusage.sqlite', content: DB }, { path: 'usr/libexec/locationd', content: 'binary' }] });
    const { records } = await extractFromTree(tree, 'ios-fs', netusageExtractor);
    // The DataUsage rules see nothing of netusage records, so nothing is raised twice.
    const detector = new Detector([...datausageRules, ...netusageRules], index);
    const findings = records.flatMap((record) => detector.inspect(record));
    expect(findings.map((f) => [f.rule.id, f.matched.value, f.severity, f.indicator?.value ?? null])).toEqual([
      ['ios.netusage.process', 'bh', 'critical', 'bh'],
      ['ios.netusage.binary-not-found', 'bh', 'medium', null],
      ['ios.netusage.missing-process', '3', 'low', null],
      ['ios.netusage.process', 'msgacntd', 'critical', 'msgacntd'],
      ['ios.netusage.binary-not-found', 'msgacntd', 'medium', null],
      ['ios.netusage.binary-not-found', 'bhx', 'medium', null],
      ['ios.netusage.binary-not-found', 'msgacnt', 'medium', null],
      ['ios.netusage.manipulated-process-entry', '3', 'high', null],
    ]);
    expect(findings[0]!.explanation).toBe(
      'netusage.sqlite records network use by the process "bh" (first used 2021-07-14T10:10:00.000000Z), which matches the Pegasus process indicator "bh" (pegasus.stix2).',
    );
    expect(findings[2]!.rule.title).toBe('Process records are missing from netusage');
  });

  it('mirrors every DataUsage rule, logic and version unchanged', () => {
    expect(netusageRules.map((rule) => rule.id)).toEqual(datausageRules.map((rule) => rule.id.replace('ios.datausage.', 'ios.netusage.')));
    for (const [i, rule] of netusageRules.entries()) {
      const source = datausageRules[i]!;
      expect(rule.artifacts).toEqual(['netusage']);
      expect({ ...rule, id: source.id, artifacts: source.artifacts, title: source.title, explanation: source.explanation, harmless: source.harmless }).toEqual(source);
    }
  });

  it('names netusage.sqlite in the French and Arabic words too', () => {
    expect(PACKS.fr.rules?.['ios.netusage.process']?.explanation.startsWith('netusage.sqlite enregistre un usage du réseau')).toBe(true);
    expect(PACKS.ar.rules?.['ios.netusage.missing-process']?.title).toBe('سجلات عمليات مفقودة من netusage');
    expect(PACKS.fr.rules?.['ios.netusage.binary-not-found']?.explanation).toContain('netusage.sqlite enregistre');
  });
});
