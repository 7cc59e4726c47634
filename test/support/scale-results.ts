/**
 * A results folder with many timeline records, written directly (no check): a year of
 * Safari visits, messages, network usage and WebKit statistics, one time per record, the
 * last at 2023-12-31T23:59:00Z, with a few Pegasus traces the real detector finds.
 */
import { join } from 'node:path';
import type { AcquisitionInfo } from '../../src/acquisition/acquisition.js';
import type { ArtifactRecord } from '../../src/artifacts/types.js';
import { EXTRACTORS } from '../../src/artifacts/registry.js';
import { Detector } from '../../src/detection/engine.js';
import type { Finding } from '../../src/detection/finding.js';
import { RULES } from '../../src/detection/rule-set.js';
import { loadIndicatorSet, shippedIndicatorFolder } from '../../src/indicators/load.js';
import { parsed, writeResultsFolder } from './results-folder.js';

const START = Date.parse('2023-01-01T00:00:00Z');
const END = Date.parse('2023-12-31T23:59:00Z');
const PROCESSES = ['mDNSResponder', 'nsurlsessiond', 'apsd', 'MobileSafari', 'WhatsApp', 'Signal', 'locationd', 'itunesstored'];

const INFO: AcquisitionInfo = {
  kind: 'ios-backup',
  name: '00008030-000SCALE0000001',
  device: { productType: 'iPhone14,2', productName: 'iPhone 13 Pro', productVersion: '16.6' },
  backup: { date: '2024-01-02T08:00:00.000000Z', encrypted: false },
};

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function recordAt(i: number, ms: number): ArtifactRecord {
  const at = iso(ms);
  const planted = i % 99_991 === 0;
  switch (i % 4) {
    case 0: {
      const url = planted ? `https://baramije.net/p${i}` : `https://news-${i % 9973}.example-${i % 31}.com/articles/${i}`;
      return {
        artifact: 'safari_history',
        times: [{ at, meaning: 'visited' }],
        fields: { visit_id: i, url, title: `Article ${i}`, redirect_to_other_host: false },
        origin: { path: 'HomeDomain/Library/Safari/History.db', stored: '1a/1a0e7afc', sha256: 'a'.repeat(64), locator: { kind: 'sqlite', table: 'history_visits', rowid: String(i) } },
      };
    }
    case 1:
      return {
        artifact: 'sms',
        times: [{ at, meaning: i % 3 === 0 ? 'sent' : 'received' }],
        fields: { rowid: i, service: 'iMessage', direction: i % 3 === 0 ? 'sent' : 'received', handle: `+3360000${String(i % 1000).padStart(4, '0')}`, text: `Message ${i} about the meeting at example-${i % 50}`, links: [] },
        origin: { path: 'HomeDomain/Library/SMS/sms.db', stored: '3d/3d0d7e5f', sha256: 'b'.repeat(64), locator: { kind: 'sqlite', table: 'message', rowid: String(i) } },
      };
    case 2: {
      const name = planted ? 'bh' : (PROCESSES[i % PROCESSES.length] ?? 'apsd');
      return {
        artifact: 'datausage',
        times: [{ at, meaning: 'live usage updated' }],
        fields: { kind: 'live-usage', live_pk: i, process: name, proc_name_raw: name, proc_bundle: null, wifi_in: i % 7919, wifi_out: i % 104729 },
        origin: { path: 'WirelessDomain/Library/Databases/DataUsage.sqlite', stored: '0d/0d609c54', sha256: 'c'.repeat(64), locator: { kind: 'sqlite', table: 'ZLIVEUSAGE', rowid: String(i) } },
      };
    }
    default:
      return {
        artifact: 'webkit_resource_load_statistics',
        times: [{ at, meaning: 'last seen' }],
        fields: { registrable_domain: `example-${i % 5000}.org`, backup_domain: 'AppDomain-com.apple.mobilesafari', had_user_interaction: i % 2 === 0 },
        origin: { path: 'AppDomain-com.apple.mobilesafari/Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db', stored: '5e/5e1b', sha256: 'd'.repeat(64), locator: { kind: 'sqlite', table: 'ObservedDomains', rowid: String(i) } },
      };
  }
}

export async function writeScaleResults(dir: string, count: number): Promise<{ records: number; rows: number; findings: number }> {
  const index = await loadIndicatorSet({ files: [join(shippedIndicatorFolder(), 'pegasus.stix2')], includeShipped: false, cacheFolder: null });
  const detector = new Detector(RULES, index);
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  function* records(): Generator<ArtifactRecord> {
    for (let i = 0; i < count; i += 1) {
      const ms = START + Math.round(((END - START) / 1000 / (count - 1)) * i) * 1000;
      const record = recordAt(i, ms);
      counts.set(record.artifact, (counts.get(record.artifact) ?? 0) + 1);
      findings.push(...detector.inspect(record));
      yield record;
    }
  }
  const titles = new Map(EXTRACTORS.map((extractor) => [extractor.id, extractor.title]));
  // The findings array fills while the records are written, before findings.json is.
  writeResultsFolder(dir, {
    info: INFO,
    records: records(),
    findings,
    bundles: index.bundles(),
    coverage: () => [...counts.entries()].map(([artifact, n]) => parsed(artifact, titles.get(artifact) ?? artifact, n, [])),
  });
  return { records: count, rows: count, findings: findings.length };
}
