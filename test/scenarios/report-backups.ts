/**
 * A backup for report tests that raises heuristics only — no published indicator matches:
 * Apple's threat notification, a process row deleted from DataUsage, a sub-second
 * plain-HTTP redirect, and Lockdown Mode on (a note). The verdict it must give is
 * "signs worth an expert's look", never "strong signs".
 */
import type { BackupSpec } from '../builders/ios-backup.js';
import { buildDataUsageDb } from '../builders/ios/datausage-db.js';
import { buildSmsDb } from '../builders/ios/sms-db.js';
import { buildSafariHistoryDb } from '../builders/ios/safari-history-db.js';
import { globalPreferencesPlist } from '../builders/ios/system-plists.js';

const MAC_EPOCH = 978_307_200;
function mac(iso: string): number {
  return Date.parse(iso) / 1000 - MAC_EPOCH;
}
function macNanos(iso: string): bigint {
  return BigInt(Date.parse(iso) - MAC_EPOCH * 1000) * 1_000_000n;
}

export const SUSPICIOUS_THREAT_TEXT =
  'ALERT: State-sponsored attackers may be targeting your iPhone. Apple believes you are being targeted.';

export function suspiciousBackupSpec(): BackupSpec {
  return {
    udid: '00008030-0005C5A000000001',
    device: {
      name: 'Phone of Leila',
      productType: 'iPhone13,2',
      productVersion: '16.5',
      buildVersion: '20F66',
      serialNumber: 'F2LSUSP00001',
      imei: '356938035643809',
      phoneNumber: '+212 6 12 34 56 78',
    },
    lastBackupDate: new Date('2023-06-20T08:00:00Z'),
    fileTime: new Date('2023-06-19T22:00:00Z'),
    files: [
      {
        domain: 'HomeDomain',
        relativePath: 'Library/Preferences/.GlobalPreferences.plist',
        content: globalPreferencesPlist({ lockdownMode: true }),
      },
      {
        domain: 'HomeDomain',
        relativePath: 'Library/SMS/sms.db',
        content: buildSmsDb({
          handles: [
            { rowid: 1, id: '+212612345679', service: 'iMessage' },
            { rowid: 2, id: 'threat-notifications@apple.com', service: 'iMessage' },
          ],
          messages: [
            { rowid: 1, handleId: 1, text: 'Rendez-vous demain à 10h, appelle-moi au +212 6 98 76 54 32', service: 'iMessage', date: macNanos('2023-06-10T09:00:00Z') },
            { rowid: 2, handleId: 2, text: SUSPICIOUS_THREAT_TEXT, service: 'iMessage', date: macNanos('2023-06-12T07:30:00Z') },
          ],
        }),
      },
      {
        domain: 'WirelessDomain',
        relativePath: 'Library/Databases/DataUsage.sqlite',
        content: buildDataUsageDb({
          processes: [
            { pk: 1, procName: 'mDNSResponder/com.apple.datausage.dns', bundleName: 'com.apple.datausage.dns', firstTimestamp: mac('2023-05-01T08:00:00Z'), timestamp: mac('2023-06-11T09:00:00Z') },
            { pk: 2, procName: 'MobileSafari/com.apple.mobilesafari', bundleName: 'com.apple.mobilesafari', firstTimestamp: mac('2023-05-02T08:00:00Z'), timestamp: mac('2023-06-11T10:00:00Z') },
            // pk 3 was deleted: a gap, and live usage pointing at nothing.
            { pk: 4, procName: 'nsurlsessiond/com.apple.nsurlsessiond', bundleName: 'com.apple.nsurlsessiond', firstTimestamp: mac('2023-06-11T10:05:00Z'), timestamp: mac('2023-06-11T10:05:00Z') },
          ],
          live: [
            { pk: 1, processPk: 1, timestamp: mac('2023-06-11T09:00:00Z'), wifiIn: 1000, wifiOut: 200, wwanIn: 0, wwanOut: 0 },
            { pk: 2, processPk: 3, timestamp: mac('2023-06-11T10:04:00Z'), wifiIn: 0, wifiOut: 0, wwanIn: 2048, wwanOut: 512 },
          ],
        }),
      },
      {
        domain: 'HomeDomain',
        relativePath: 'Library/Safari/History.db',
        content: buildSafariHistoryDb({
          items: [
            { id: 1, url: 'http://news.example.ma/' },
            { id: 2, url: 'https://landing.example.net/welcome' },
          ],
          visits: [
            { id: 1, item: 1, time: mac('2023-06-11T10:03:00Z'), redirectDestination: 2 },
            { id: 2, item: 2, time: mac('2023-06-11T10:03:00.150Z'), redirectSource: 1 },
          ],
        }),
      },
    ],
  };
}
