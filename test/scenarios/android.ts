/**
 * Android acquisitions with real traces planted (reference/artifacts.md §5.6, values from
 * the shipped indicator bundles) next to near-misses that must stay silent:
 * - RCS Lab / Hermit: package com.androidservices.support, sideloaded (installer null);
 *   com.vodaservices in platform_compat overrides.
 * - NoviSpy: accessibility service com.accesibilityservice/.MainService; package
 *   com.serv.services signed with a NoviSpy certificate and installed from an APK file.
 * - Predator: /data/local/tmp/wd/fs.db on the device; a text message linking cnn.gr.com.
 * - WyrmSpy/DragonEgg: package com.android.system.configs.service with an APK hash of the set.
 * - Amnesty's 2023 Android campaign: property sys.brand.note, file /data/local/tmp/dropbox.
 * - Cellebrite: com.client.appA updated then uninstalled in the battery daily stats.
 * Near-misses: com.androidservices.supportx, sys.brand.notex, process bhx,
 * /data/local/tmp/collector (androidqf's own), /data/local/tmp2/wd/fs.db, notcnn.gr.com.
 */
import type { AndroidqfSpec } from '../builders/android/androidqf.js';
import type { BugreportSpec } from '../builders/android/bugreport.js';
import {
  dumpsysPackageBody,
  dumpsysText,
  filesJson,
  getpropText,
  intrusionLines,
  packagesJson,
  processesJson,
  psText,
  settingsText,
  tombstoneProto,
  tombstoneText,
  type DumpsysSectionSpec,
} from '../builders/android/content.js';
import { buildAb, telephonyMembers } from '../builders/android/ab-backup.js';

export const NOVISPY_CERT = '3ac97735164824657b683e805133b1274b2dedabf9fdd6aa9aca31089d501e64';
export const WYRMSPY_APK_SHA256 = '8c01132a0c1c7799e44608247f93d4680935f36df3fc94d59c7da83afe375ff2';
export const BACKUP_PASSWORD = 'correct horse 123';
/** The adb key of the computer that made the collection (acquisition.json). */
export const HOST_ADB_KEY = Buffer.alloc(96, 0x41).toString('base64');
/** Another computer's adb key trusted by the phone. */
export const OTHER_ADB_KEY = Buffer.alloc(96, 0x42).toString('base64');

export const DEVICE_PROPERTIES: Readonly<Record<string, string>> = {
  'ro.build.version.security_patch': '2023-05-01',
  'ro.product.model': 'Pixel 6',
  'ro.product.manufacturer': 'Google',
  'ro.product.device': 'oriole',
  'ro.build.version.release': '13',
  'ro.build.id': 'TQ2A.230505.002',
  'ro.serialno': '1A2B3C4D5E',
  'persist.sys.timezone': 'Europe/Rome',
  'sys.brand.note': '1',
  'sys.brand.notex': '1',
};

export function campaignDumpsysSections(): DumpsysSectionSpec[] {
  return [
    {
      name: 'package',
      body: dumpsysPackageBody(
        [
          { name: 'com.android.settings', system: true, installer: null },
          { name: 'com.whatsapp' },
          { name: 'com.androidservices.support', installer: null, firstInstall: '2024-03-05 14:30:00', permissions: ['android.permission.RECEIVE_SMS', 'android.permission.READ_SMS'] },
          { name: 'com.androidservices.supportx' },
        ],
        [
          { intent: 'android.provider.Telephony.SMS_RECEIVED', component: 'com.google.android.apps.messaging/.shared.receiver.SmsReceiver' },
          { intent: 'android.provider.Telephony.SMS_RECEIVED', component: 'com.androidservices.support/.SmsReceiver' },
        ],
        [{ intent: 'android.intent.action.MAIN', component: 'com.android.settings/.Settings' }],
      ),
    },
    {
      name: 'accessibility',
      body: [
        'ACCESSIBILITY MANAGER (dumpsys accessibility)',
        '',
        'currentUserId=0',
        'User state[',
        '  attributes:{id=0, touchExplorationEnabled=false, serviceHandlesDoubleTap=false}',
        '  Bound services:{}',
        '  Enabled services:{{com.accesibilityservice/.MainService}}',
        '  Binding services:{}',
        ']',
      ].join('\n'),
    },
    {
      name: 'appops',
      body: [
        'Current AppOps Service state:',
        '  Settings:',
        '    top_state_settle_time=+30s0ms',
        '',
        '  Uid u0a150:',
        '    state=cch',
        '    Package com.example.browser:',
        '      REQUEST_INSTALL_PACKAGES (allow):',
        '        null=[',
        '          Access: [fg-s] 2024-03-05 14:25:10.120 (-56d20h34m49s880ms)',
        '        ]',
        '  Uid u0a120:',
        '    Package com.android.vending:',
        '      REQUEST_INSTALL_PACKAGES (allow):',
        '        Access: [top-s] 2024-04-01 09:00:00.000 (-29d2h0m0s0ms)',
        '      READ_CLIPBOARD (ignore):',
        '        Reject: [bg-s]2024-04-02 09:00:00.000 (-28d2h0m0s0ms)',
      ].join('\n'),
    },
    {
      name: 'batterystats',
      body: [
        'Battery History (2% used, 5KB used of 256KB, 45 strings using 2KB):',
        '                    0 (14) RESET:TIME: 2024-04-29-08-00-00',
        '           +1s022ms (2) 100 +job=u0a94:"com.google.android.gms/.chimera.GmsIntentOperationService"',
        '         +1m13s234ms (2) 100 -job=u0a94:"com.google.android.gms/.chimera.GmsIntentOperationService"',
        '',
        'Daily stats:',
        '  Current start time: 2024-04-30-01-15-45',
        '  Daily from 2024-04-20-01-15-45 to 2024-04-21-01-15-45:',
        '    Package changes:',
        '      Update com.client.appA vers=0',
        '      Update com.example.app vers=3',
        '  Daily from 2024-04-10-01-15-45 to 2024-04-11-01-15-45:',
        '    Package changes:',
        '      Update com.client.appA vers=1',
        '      Update com.example.app vers=5',
      ].join('\n'),
    },
    {
      name: 'dbinfo',
      body: [
        'Applications Database Info:',
        '',
        '** Database info for pid 4321 [com.whatsapp] **',
        '',
        'Connection pool for /data/user/0/com.whatsapp/databases/msgstore.db:',
        '  Open: true',
        '  Available primary connection:',
        '    Connection #0:',
        '      Most recently executed operations:',
        '        0: [2024-04-30 10:50:00.097] [Pid:(4321)]executeForCursorWindow took 2ms - succeeded, sql="SELECT * FROM messages", path=/data/user/0/com.whatsapp/databases/msgstore.db',
      ].join('\n'),
    },
    {
      name: 'platform_compat',
      body: 'ChangeId(168419799; name=DOWNSCALED; disabled; overridable; rawOverrides={com.vodaservices=PackageOverride(minVersionCode=1, enabled=true)}; )\nChangeId(174042980; name=OVERRIDE_CAMERA_RESIZABLE; disabled)',
    },
    {
      name: 'adb',
      body: [
        'ADB MANAGER STATE (dumpsys adb):',
        '{',
        '  debugging_manager={',
        '    connected_to_adb=true',
        '    user_keys=' + HOST_ADB_KEY + ' analyst@lab',
        OTHER_ADB_KEY + ' someone@elsewhere',
        '  }',
        '}',
      ].join('\n'),
    },
  ];
}

export interface CampaignOptions {
  layout: 'old' | 'new';
  /** backup.ab: encrypted with BACKUP_PASSWORD (new layout default) or plain (old layout default). */
  backup?: 'plain' | 'encrypted' | 'none';
  bugreport?: Buffer;
}

export function campaignBackup(encrypted: boolean, layout: 'old' | 'new'): Buffer {
  const members = telephonyMembers(
    [
      { address: '+393331234567', body: 'Il tuo pacco ti aspetta: https://cnn.gr.com/x', date: 1_709_650_000_000 },
      { address: '+393339876543', body: 'Ci vediamo domani https://example.org/a', date: 1_709_660_000_000, type: 2 },
    ],
    [{ address: '+393331112222', body: 'Guarda https://notcnn.gr.com/y', date: 1_709_670_000 }],
  );
  return buildAb(
    encrypted
      ? { version: 5, compressed: true, password: BACKUP_PASSWORD, members }
      : { version: layout === 'old' ? 1 : 5, compressed: true, members },
  );
}

/** The files of an androidqf collection with the planted traces. */
export function campaignCollection(options: CampaignOptions): AndroidqfSpec {
  const { layout } = options;
  const files: Record<string, Buffer | string> = {
    'getprop.txt': getpropText(DEVICE_PROPERTIES),
    'settings_global.txt': settingsText({ adb_enabled: '1', package_verifier_enable: '0', verifier_verify_adb_installs: '1' }),
    'settings_secure.txt': settingsText({ accessibility_enabled: '0', android_id: 'abcdef0123456789' }),
    'settings_system.txt': settingsText({ screen_brightness: '102' }),
    'packages.json': packagesJson([
      { name: 'com.android.settings', system: true, installer: null },
      { name: 'com.whatsapp' },
      { name: 'com.androidservices.support', installer: null },
      { name: 'com.androidservices.supportx' },
      { name: 'com.serv.services', installer: 'com.google.android.packageinstaller', certSha256: NOVISPY_CERT },
      { name: 'com.android.system.configs.service', sha256: WYRMSPY_APK_SHA256 },
      { name: 'org.example.reader', installer: 'org.fdroid.fdroid' },
    ]),
    'files.json': filesJson(
      [
        { path: '/sdcard/Download/report.pdf' },
        { path: '/data/local/tmp/collector', mode: '-rwxr-xr-x' },
        { path: '/data/local/tmp/wd/fs.db' },
        { path: '/data/local/tmp/dropbox', mode: '-rwxr-x---' },
        { path: '/data/local/tmp2/wd/fs.db' },
      ],
      layout === 'old' ? 'array' : 'lines',
    ),
    'root_binaries.json': JSON.stringify(['/system/xbin/su']),
    'mounts.json': JSON.stringify([
      '/dev/block/dm-4 on / type ext4 (ro,seclabel,relatime)',
      '/dev/block/dm-5 on /system type ext4 (rw,seclabel,relatime)',
      '/dev/block/dm-6 on /vendor type ext4 (ro,seclabel,relatime)',
    ]),
    'dumpsys.txt': dumpsysText(campaignDumpsysSections()),
    'logs/data/anr/anr_2024-04-30-10-00-00-000': 'ANR in com.example.app\n',
  };
  const processes = [
    { user: 'root', pid: 1, ppid: 0, name: 'init' },
    { user: 'root', pid: 2, ppid: 0, name: '[kthreadd]' },
    { user: 'system', pid: 612, ppid: 1, name: 'gatekeeperd' },
    { user: 'u0_a150', pid: 4321, ppid: 700, name: 'com.whatsapp' },
    { user: 'u0_a201', pid: 5555, ppid: 700, name: 'com.androidservices.support:remote' },
    { user: 'shell', pid: 6000, ppid: 1, name: 'bhx' },
  ];
  if (layout === 'old') {
    files['ps.txt'] = psText(processes);
  } else {
    files['processes.json'] = processesJson(
      processes.map((p, i) => ({
        pid: p.pid,
        ppid: p.ppid,
        uid: 1000 + i,
        name: p.name.replace(/^\[|\]$/g, ''),
        path: p.name.startsWith('[') ? '' : p.name.includes('.') ? '/system/bin/app_process64' : `/system/bin/${p.name}`,
      })),
    );
    files['acquisition.json'] = JSON.stringify({
      uuid: '2c9c6f3e-59a4-4c1b-9d5e-0f6a1b2c3d4e',
      androidqf_version: 'v1.8.0',
      storage_path: '/tmp/androidqf',
      started: '2024-04-30T11:00:00.000+02:00',
      completed: '2024-04-30T11:20:00.000+02:00',
      collector: true,
      tmp_dir: '/data/local/tmp/',
      streaming_mode: true,
      adb_host_public_key: `${HOST_ADB_KEY} analyst@lab`,
    });
    files['command.log'] = 'androidqf v1.8.0\n';
    files['intrusion_logs/2024-04-30.txt'] = intrusionLines([
      { dns_event: { event_time: 1_714_467_600_000, hostname: 'timeupdate.xyz', ip_addresses: ['/203.0.113.7'], package_name: 'com.example.app' } },
      { dns_event: { event_time: 1_714_467_601_000, hostname: 'www.google.com', ip_addresses: ['142.250.180.4'], package_name: 'com.android.chrome' } },
      { connect_event: { event_time: 1_714_467_602_000, ip_address: '/121.201.109.98', port: 443, package_name: 'com.example.app' } },
      { security_event: { event_time: 1_714_467_603_123_456_789, event_id: 7, adb_shell_cmd: { command: 'pm list packages' } } },
      { security_event: { event_time: 1_714_467_604_000_000_000, event_id: 8, cert_authority_installed: { success: 1, subject: 'CN=Intercept CA', target_user: 0 } } },
    ]);
  }
  const backup = options.backup ?? (layout === 'old' ? 'plain' : 'encrypted');
  if (backup !== 'none') files['backup.ab'] = campaignBackup(backup === 'encrypted', layout);
  if (options.bugreport) files['bugreport.zip'] = options.bugreport;
  return { layout, files };
}

/** A bugreport with its own traces (a standalone check, or inside the collection). */
export function campaignBugreport(options: { truncatedSection?: boolean } = {}): BugreportSpec {
  return {
    banner: '2024-04-30 11:05:00',
    properties: { 'persist.sys.timezone': 'Europe/Rome', 'ro.build.version.security_patch': '2024-04-05', 'ro.product.model': 'Pixel 6' },
    sections: [
      {
        name: 'dbinfo',
        body: [
          '** Database info for pid 5555 [com.androidservices.support:remote] **',
          'Connection pool for /data/user/0/com.androidservices.support/databases/c2.db:',
          '      Most recently executed operations:',
          '        0: [2024-04-30 10:59:00.001] [Pid:(5555)]executeForLastInsertedRowId took 1ms - succeeded, sql="INSERT INTO q VALUES(?)", path=/data/user/0/com.androidservices.support/databases/c2.db',
        ].join('\n'),
      },
      {
        name: 'accessibility',
        body: '  installed services: {\n    0 : com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService\n  }\n  Enabled services:{}',
      },
      ...(options.truncatedSection ? [{ name: 'appops', body: '  Uid u0a150:\n    Package com.example.browser:\n      REQUEST_INSTALL_PACKAGES (allow):\n        Access: [fg-s] 2024-03-05 14:25:10.120', truncated: true }] : []),
    ],
    fs: {
      'data/tombstones/tombstone_00': tombstoneText({
        pid: 9850,
        tid: 9893,
        uid: 2000,
        threadName: 'UsbFfs-worker',
        commandLine: ['/system/bin/adbd', '--root_seclabel=u:r:su:s0'],
        timestamp: '2024-04-29 17:43:49.485960624+0200',
      }),
      'data/tombstones/tombstone_01.pb': tombstoneProto({
        pid: 7001,
        tid: 7001,
        uid: 10150,
        threadName: 'example',
        commandLine: ['com.example.app'],
        timestamp: '2024-04-29 18:00:00.000000000+0200',
      }),
      'data/anr/anr_2024-04-30-10-00-00-000': 'ANR\n',
    },
  };
}
