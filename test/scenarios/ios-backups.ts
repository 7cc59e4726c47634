/**
 * Whole synthetic iPhone backups for end-to-end tests and the bundled demo: a Pegasus
 * infection planted with real public indicator values (reference/artifacts.md §5.1), its
 * benign near-misses, and a clean phone. Times follow the order Amnesty describes: an
 * iMessage look-up of the attacker's account, then the implant's processes on the network.
 */
import type { BackupSpec, BackupFileSpec } from '../builders/ios-backup.js';
import { buildDataUsageDb } from '../builders/ios/datausage-db.js';
import { buildSmsDb } from '../builders/ios/sms-db.js';
import { buildSafariHistoryDb } from '../builders/ios/safari-history-db.js';
import { buildObservationsDb } from '../builders/ios/observations-db.js';
import { buildTccDb } from '../builders/ios/tcc-db.js';
import { globalPreferencesPlist, idStatusCachePlist, osAnalyticsAdDailyPlist } from '../builders/ios/system-plists.js';

const MAC_EPOCH = 978_307_200;
/** Mac absolute seconds for an ISO time. */
function mac(iso: string): number {
  return Date.parse(iso) / 1000 - MAC_EPOCH;
}
/** Mac absolute nanoseconds (sms.db on iOS 11+). */
function macNanos(iso: string): bigint {
  return BigInt(Date.parse(iso) - MAC_EPOCH * 1000) * 1_000_000n;
}

const DEVICE = {
  name: 'Demo iPhone',
  productType: 'iPhone12,1',
  productVersion: '14.6',
  buildVersion: '18F72',
  serialNumber: 'F00DEMO00001',
  imei: '350000000000001',
  phoneNumber: '+33 6 00 00 00 01',
};

function benignFiles(): BackupFileSpec[] {
  return [
    {
      domain: 'HomeDomain',
      relativePath: 'Library/TCC/TCC.db',
      content: buildTccDb({
        access: [
          { service: 'kTCCServiceCamera', client: 'com.apple.camera', clientType: 0, authValue: 2, authReason: 2, lastModified: 1_626_000_000 },
        ],
      }),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Preferences/.GlobalPreferences.plist',
      content: globalPreferencesPlist({}),
    },
  ];
}

/** An iPhone 11 on iOS 14.6 with the traces of a July 2021 Pegasus infection. */
export function pegasusBackupSpec(options: { safariHistory?: boolean } = {}): BackupSpec {
  const files: BackupFileSpec[] = [
    ...benignFiles(),
    {
      domain: 'WirelessDomain',
      relativePath: 'Library/Databases/DataUsage.sqlite',
      content: buildDataUsageDb({
        processes: [
          { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: mac('2021-06-01T08:00:00Z'), timestamp: mac('2021-07-14T09:00:00Z') },
          { pk: 2, procName: 'bhx', bundleName: null, firstTimestamp: mac('2021-06-02T08:00:00Z'), timestamp: mac('2021-06-02T08:00:00Z') },
          { pk: 3, procName: 'bh', bundleName: null, firstTimestamp: mac('2021-07-14T10:02:10Z'), timestamp: mac('2021-07-14T10:02:10Z') },
          { pk: 4, procName: 'roleaccountd', bundleName: null, firstTimestamp: mac('2021-07-14T10:03:40Z'), timestamp: mac('2021-07-14T10:03:40Z') },
          // pk 5 was deleted by the implant: a gap, and live usage that points at nothing.
          { pk: 6, procName: 'CommsCenterRootH', bundleName: null, firstTimestamp: mac('2021-07-14T10:04:00Z'), timestamp: mac('2021-07-14T10:04:00Z') },
        ],
        live: [
          { pk: 1, processPk: 1, timestamp: mac('2021-07-14T09:00:00Z'), wifiIn: 1000, wifiOut: 200, wwanIn: 0, wwanOut: 0 },
          { pk: 2, processPk: 3, timestamp: mac('2021-07-14T10:02:10Z'), wifiIn: 0, wifiOut: 0, wwanIn: 8192, wwanOut: 4096 },
          { pk: 3, processPk: 5, timestamp: mac('2021-07-14T10:03:00Z'), wifiIn: 0, wifiOut: 0, wwanIn: 512, wwanOut: 128 },
        ],
      }),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Preferences/com.apple.osanalytics.addaily.plist',
      content: osAnalyticsAdDailyPlist([
        { name: 'bh', date: new Date('2021-07-14T00:00:00Z'), wifiIn: 0, wifiOut: 0, wwanIn: 1234, wwanOut: 567 },
        { name: 'nehelper', date: new Date('2021-07-14T00:00:00Z'), wifiIn: 10, wifiOut: 10, wwanIn: 0, wwanOut: 0 },
      ]),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/Preferences/com.apple.identityservices.idstatuscache.plist',
      content: idStatusCachePlist([
        { service: 'com.apple.madrid', uri: 'mailto:bergers.o79@gmail.com', idStatus: 1, lookupDate: mac('2021-07-14T10:01:30Z') },
        { service: 'com.apple.madrid', uri: 'mailto:friend@example.com', idStatus: 1, lookupDate: mac('2021-07-10T12:00:00Z') },
      ]),
    },
    {
      domain: 'HomeDomain',
      relativePath: 'Library/SMS/sms.db',
      content: buildSmsDb({
        handles: [
          { rowid: 1, id: '+33600000002', service: 'SMS' },
          { rowid: 2, id: '+33600000003', service: 'iMessage' },
        ],
        messages: [
          { rowid: 1, handleId: 1, text: 'Your parcel is waiting: https://baramije.net/Qw3rTy', service: 'SMS', date: macNanos('2021-07-14T09:58:00Z') },
          { rowid: 2, handleId: 2, text: 'See you at https://notfree247downloads.com/ and https://www.apple.com/', service: 'iMessage', date: macNanos('2021-07-13T18:00:00Z') },
        ],
      }),
    },
    {
      domain: 'AppDomain-com.apple.mobilesafari',
      relativePath: 'Library/WebKit/WebsiteData/ResourceLoadStatistics/observations.db',
      content: buildObservationsDb({
        domains: [
          { id: 1, domain: 'free247downloads.com', lastSeen: Date.parse('2021-07-14T10:00:01Z') / 1000 },
          { id: 2, domain: 'yahoo.fr', lastSeen: Date.parse('2021-07-14T10:00:00Z') / 1000, hadUserInteraction: true },
        ],
      }),
    },
    {
      domain: 'AppDomain-com.apple.mobilesafari',
      relativePath: 'Library/WebKit/WebsiteData/LocalStorage/https_urlpush.net_0.localstorage',
      content: 'SQLite format 3\u0000',
    },
    {
      domain: 'RootDomain',
      relativePath: 'Library/Preferences/roleaccountd.plist',
      content: Buffer.from('bplist00'),
    },
  ];
  if (options.safariHistory) {
    files.push({
      domain: 'HomeDomain',
      relativePath: 'Library/Safari/History.db',
      content: buildSafariHistoryDb({
        items: [
          { id: 1, url: 'http://yahoo.fr/' },
          { id: 2, url: 'https://bun54l2b67.get1tn0w.free247downloads.com:30495/szev4hz' },
        ],
        visits: [
          { id: 1, item: 1, time: mac('2021-07-14T10:00:00Z'), redirectDestination: 2 },
          { id: 2, item: 2, time: mac('2021-07-14T10:00:00.080Z'), redirectSource: 1 },
        ],
      }),
    });
  }
  return {
    udid: '00008030-000DE30000000001',
    device: DEVICE,
    lastBackupDate: new Date('2021-07-20T08:00:00Z'),
    fileTime: new Date('2021-07-19T22:00:00Z'),
    files,
  };
}

/** The same phone without the infection: benign look-alikes only. */
export function cleanBackupSpec(): BackupSpec {
  return {
    udid: '00008030-000C1EA000000001',
    device: DEVICE,
    lastBackupDate: new Date('2021-07-20T08:00:00Z'),
    fileTime: new Date('2021-07-19T22:00:00Z'),
    files: [
      ...benignFiles(),
      {
        domain: 'HomeDomain',
        relativePath: 'Library/SMS/sms.db',
        content: buildSmsDb({
          handles: [{ rowid: 1, id: '+33600000003', service: 'iMessage' }],
          messages: [{ rowid: 1, handleId: 1, text: 'See https://www.apple.com/ and https://notfree247downloads.com/', date: macNanos('2021-07-13T18:00:00Z') }],
        }),
      },
      {
        domain: 'WirelessDomain',
        relativePath: 'Library/Databases/DataUsage.sqlite',
        content: buildDataUsageDb({
          processes: [
            { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: mac('2021-06-01T08:00:00Z'), timestamp: mac('2021-07-14T09:00:00Z') },
            { pk: 2, procName: 'bhx', bundleName: null, firstTimestamp: mac('2021-06-02T08:00:00Z'), timestamp: mac('2021-06-02T08:00:00Z') },
          ],
          live: [{ pk: 1, processPk: 1, timestamp: mac('2021-07-14T09:00:00Z'), wifiIn: 1000, wifiOut: 200, wwanIn: 0, wwanOut: 0 }],
        }),
      },
    ],
  };
}
