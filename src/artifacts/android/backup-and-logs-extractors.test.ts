import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndroidqfFolder, buildAndroidqfZip } from '../../../test/builders/android/androidqf.js';
import { buildAb, telephonyMembers } from '../../../test/builders/android/ab-backup.js';
import { intrusionLines } from '../../../test/builders/android/content.js';
import { BACKUP_PASSWORD, campaignBackup, campaignCollection } from '../../../test/scenarios/android.js';
import { extractFrom } from '../../../test/support/acquisition-source.js';
import { backupSmsExtractor } from './backup-sms.js';
import { dnsEventExtractor } from './dns-event.js';
import { connectEventExtractor } from './connect-event.js';
import { securityEventExtractor } from './security-event.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-backup-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let newZip = '';

beforeAll(async () => {
  newZip = await buildAndroidqfZip(dir, campaignCollection({ layout: 'new' }));
});

const EXPECTED_MESSAGES = [
  ['mms', '+393331112222', 'received', ['https://notcnn.gr.com/y'], [{ at: '2024-03-05T20:20:00.000000Z', meaning: 'received' }]],
  ['sms', '+393331234567', 'received', ['https://cnn.gr.com/x'], [{ at: '2024-03-05T14:46:40.000000Z', meaning: 'received' }]],
  [
    'sms',
    '+393339876543',
    'sent',
    ['https://example.org/a'],
    [
      { at: '2024-03-05T17:33:20.000000Z', meaning: 'sent' },
      { at: '2024-03-05T17:33:20.000000Z', meaning: 'sent' },
    ],
  ],
];

describe('SMS and MMS of Android backups', () => {
  it('reads a standalone backup, MMS dates in seconds (not 1970)', async () => {
    const path = join(dir, 'backup.ab');
    writeFileSync(path, campaignBackup(false, 'new'));
    const { records, issues } = await extractFrom(path, backupSmsExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['kind'], r.fields['address'], r.fields['direction'], r.fields['links'], r.times])).toEqual(EXPECTED_MESSAGES);
    expect(records[1]?.origin).toMatchObject({
      path: 'apps/com.android.providers.telephony/d_f/000000_sms_backup',
      stored: 'backup.ab!/apps/com.android.providers.telephony/d_f/000000_sms_backup',
      locator: { kind: 'json', path: ['0'] },
    });
  });

  it('reads the encrypted backup inside a collection with its password', async () => {
    const { records, issues } = await extractFrom(newZip, backupSmsExtractor, { password: BACKUP_PASSWORD });
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['kind'], r.fields['address'], r.fields['direction'], r.fields['links'], r.times])).toEqual(EXPECTED_MESSAGES);
    expect(records[1]?.origin.path).toBe('backup.ab!/apps/com.android.providers.telephony/d_f/000000_sms_backup');
  });

  it('says why the backup in a collection was not read', async () => {
    const { records, issues } = await extractFrom(newZip, backupSmsExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      {
        code: 'unreadable',
        path: 'backup.ab',
        message: 'backup.ab is encrypted, so it was not read; give its password with --password-file FILE, --password or the EXHIBIT_BACKUP_PASSWORD environment variable.',
      },
    ]);
  });

  it('reports a telephony file that is not compressed JSON and reads the others', async () => {
    const members = telephonyMembers([{ address: '+1', body: 'hi', date: 1_709_650_000_000 }]);
    members.push({ name: 'apps/com.android.providers.telephony/d_f/000001_sms_backup', content: Buffer.from('not zlib') });
    const path = join(dir, 'bad.ab');
    writeFileSync(path, buildAb({ members }));
    const { records, issues } = await extractFrom(path, backupSmsExtractor);
    expect(records.map((r) => r.fields['body'])).toEqual(['hi']);
    expect(issues).toEqual([
      {
        code: 'corrupt',
        path: 'apps/com.android.providers.telephony/d_f/000001_sms_backup',
        message: 'apps/com.android.providers.telephony/d_f/000001_sms_backup cannot be read as a compressed JSON list of messages (incorrect header check)',
      },
    ]);
  });
});

describe('intrusion logs', () => {
  it('reads DNS, connect and security events, each event once across files', async () => {
    const events = [
      { dns_event: { event_time: 1_714_467_600_000, hostname: 'timeupdate.xyz', ip_addresses: ['/203.0.113.7', '0.0.0.0'], package_name: 'com.example.app' } },
      { connect_event: { event_time: 1_714_467_602_000, ip_address: '/127.0.0.1', port: 8080, package_name: 'com.example.app' } },
    ];
    // Written as text: a JavaScript number cannot hold these nanoseconds, and the parser must not need to.
    const security = '{"security_event":{"event_time":1714467603123456789,"event_id":7,"adb_sync_recv_file":{"path":"/data/local/tmp/wd/pred.so"}}}\n';
    const folder = buildAndroidqfFolder(
      dir,
      {
        layout: 'new',
        files: {
          'getprop.txt': '',
          'ps.txt': '',
          'intrusion_logs/a.txt': intrusionLines(events) + security,
          'intrusion_logs/b.txt': `${intrusionLines(events.slice(0, 1))}not json\n${intrusionLines([{ mystery_event: { x: 1 } }])}`,
        },
      },
      'intrusion',
    );
    const dns = await extractFrom(folder, dnsEventExtractor);
    expect(dns.records.map((r) => [r.fields['hostname'], r.fields['ip_addresses'], r.times, r.origin.path])).toEqual([
      ['timeupdate.xyz', ['203.0.113.7'], [{ at: '2024-04-30T09:00:00.000000Z', meaning: 'looked up' }], 'intrusion_logs/a.txt'],
    ]);
    expect(dns.issues).toEqual([
      { code: 'corrupt', path: 'intrusion_logs/b.txt', message: '1 line(s) are not intrusion-log events (first: line 2); the others were read' },
      { code: 'skipped', path: 'intrusion_logs/b.txt', message: 'events of unknown types were kept out: mystery_event' },
    ]);
    const connect = await extractFrom(folder, connectEventExtractor);
    expect(connect.records.map((r) => [r.fields['ip_address'], r.fields['remote_ip'], r.fields['port']])).toEqual([['127.0.0.1', null, 8080]]);
    expect(connect.issues).toEqual([]);
    const securityEvents = await extractFrom(folder, securityEventExtractor);
    expect(securityEvents.records.map((r) => [r.fields['tag'], r.fields['file_path'], r.fields['event_time_ns'], r.times])).toEqual([
      ['adb_sync_recv_file', '/data/local/tmp/wd/pred.so', '1714467603123456789', [{ at: '2024-04-30T09:00:03.123456Z', meaning: 'adb_sync_recv_file' }]],
    ]);
  });
});
