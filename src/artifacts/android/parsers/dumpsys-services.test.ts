import { describe, expect, it } from 'vitest';
import { numberedLines } from './text-lines.js';
import { parseAccessibility } from './dumpsys-accessibility.js';
import { parseAppops } from './dumpsys-appops.js';
import { elapsedMillis, parseBatteryDaily, parseBatteryHistory } from './dumpsys-battery.js';
import { parseDbinfo } from './dumpsys-dbinfo.js';
import { adbKeyFingerprint, parseAdbState } from './dumpsys-adb.js';
import { parsePlatformCompat } from './dumpsys-platform-compat.js';

describe('dumpsys accessibility', () => {
  it('reads the old installed-services block and the Android 14 enabled list, merging states', () => {
    const lines = numberedLines(
      [
        'User state[attributes:{id=0}',
        '  installed services: {',
        '    0 : com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService',
        '    1 : com.accesibilityservice/.MainService',
        '  }',
        '  Bound services:{}',
        '  Enabled services:{{com.accesibilityservice/.MainService}, {com.other/.Svc}}',
      ].join('\n'),
    );
    expect(parseAccessibility(lines)).toEqual([
      { component: 'com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService', packageName: 'com.google.android.marvin.talkback', states: ['installed'], line: 3 },
      { component: 'com.accesibilityservice/.MainService', packageName: 'com.accesibilityservice', states: ['installed', 'enabled'], line: 4 },
      { component: 'com.other/.Svc', packageName: 'com.other', states: ['enabled'], line: 7 },
    ]);
  });
});

describe('dumpsys appops', () => {
  it('reads ops per uid and package, with and without attribution-tag blocks', () => {
    const lines = numberedLines(
      [
        'Current AppOps Service state:',
        '  Settings:',
        '    top_state_settle_time=+30s0ms',
        '  Uid u0a150:',
        '    state=cch',
        '    Package com.example.browser:',
        '      REQUEST_INSTALL_PACKAGES (allow):',
        '        null=[',
        '          Access: [fg-s] 2024-03-05 14:25:10.120 (-56d20h34m49s880ms)',
        '        ]',
        '      CAMERA (ignore / switch CAMERA=ignore):',
        '        Reject: [bg-s]2024-03-06 08:00:00.000 (-1d)',
        '  Uid 2000:',
        '    Package com.android.shell:',
        '      READ_CLIPBOARD (allow):',
        '  Historical ops:',
        '    ignored',
      ].join('\n'),
    );
    expect(parseAppops(lines)).toEqual([
      { uid: 'u0a150', packageName: 'com.example.browser', op: 'REQUEST_INSTALL_PACKAGES', mode: 'allow', entries: [{ kind: 'access', state: 'fg-s', local: '2024-03-05 14:25:10.120', line: 9 }], line: 7 },
      { uid: 'u0a150', packageName: 'com.example.browser', op: 'CAMERA', mode: 'ignore / switch CAMERA=ignore', entries: [{ kind: 'reject', state: 'bg-s', local: '2024-03-06 08:00:00.000', line: 12 }], line: 11 },
      { uid: '2000', packageName: 'com.android.shell', op: 'READ_CLIPBOARD', mode: 'allow', entries: [], line: 15 },
    ]);
  });
});

describe('dumpsys batterystats', () => {
  const lines = numberedLines(
    [
      'Battery History (2% used):',
      '                    0 (14) RESET:TIME: 2024-04-29-08-00-00',
      '           +1s022ms (2) 100 +job=u0a94:"com.google.android.gms/.Svc"',
      '         +1m13s234ms (2) 100 -job=u0a94:"com.google.android.gms/.Svc" +top=u0a201:"com.androidservices.support"',
      '         +2m (3) 100 +running +wake_lock=u0a201:"*walarm*:com.androidservices.support/.Alarm"',
      '',
      'Daily stats:',
      '  Daily from 2024-04-20-01-15-45 to 2024-04-21-01-15-45:',
      '      Update com.client.appA vers=0',
      '      Update com.example.app vers=3',
      '      Uninstall com.gone',
      '  Daily from 2024-04-10-01-15-45 to 2024-04-11-01-15-45:',
      '      Update com.client.appA vers=1',
      '      Update com.example.app vers=5',
    ].join('\n'),
  );

  it('reads package changes and marks uninstalls and downgrades chronologically', () => {
    expect(parseBatteryDaily(lines).map((c) => [c.action, c.packageName, c.vers, c.previousVers, c.fromLocal, c.line])).toEqual([
      ['uninstall', 'com.client.appA', '0', null, '2024-04-20 01:15:45', 9],
      ['downgrade', 'com.example.app', '3', '5', '2024-04-20 01:15:45', 10],
      ['uninstall', 'com.gone', null, null, '2024-04-20 01:15:45', 11],
      ['update', 'com.client.appA', '1', null, '2024-04-10 01:15:45', 13],
      ['update', 'com.example.app', '5', null, '2024-04-10 01:15:45', 14],
    ]);
  });

  it('reads job, top and alarm events with their wall-clock time from the RESET:TIME line', () => {
    expect(parseBatteryHistory(lines).map((e) => [e.event, e.uid, e.packageName, e.service, e.local, e.line])).toEqual([
      ['start_job', 'u0a94', 'com.google.android.gms', '.Svc', '2024-04-29 08:00:01.022', 3],
      ['end_job', 'u0a94', 'com.google.android.gms', '.Svc', '2024-04-29 08:01:13.234', 4],
      ['start_top', 'u0a201', 'com.androidservices.support', null, '2024-04-29 08:01:13.234', 4],
      ['wake', 'u0a201', 'com.androidservices.support', '.Alarm', '2024-04-29 08:02:00.000', 5],
    ]);
    expect(elapsedMillis('1d2h3m4s5ms')).toBe(93_784_005);
  });
});

describe('dumpsys dbinfo', () => {
  it('reads operations with the pool path and the process above them', () => {
    const lines = numberedLines(
      [
        '** Database info for pid 5555 [com.androidservices.support:remote] **',
        'Connection pool for /data/user/0/com.androidservices.support/databases/c2.db:',
        '      Most recently executed operations:',
        '        0: [2024-04-30 10:59:00.001] [Pid:(5555)]executeForLastInsertedRowId took 1ms - succeeded, sql="INSERT INTO q VALUES(\'a\"b\')", path=/data/user/0/com.androidservices.support/databases/c2.db',
        '        1: [2022-01-01 10:00:00.000] executeForCursorWindow took 2ms - succeeded, sql="SELECT 1"',
      ].join('\n'),
    );
    expect(parseDbinfo(lines)).toEqual([
      {
        local: '2024-04-30 10:59:00.001',
        action: 'executeForLastInsertedRowId',
        durationMs: 1,
        status: 'succeeded',
        sql: 'INSERT INTO q VALUES(\'a"b\')',
        path: '/data/user/0/com.androidservices.support/databases/c2.db',
        pid: '5555',
        processName: 'com.androidservices.support:remote',
        poolPath: '/data/user/0/com.androidservices.support/databases/c2.db',
        line: 4,
      },
      {
        local: '2022-01-01 10:00:00.000',
        action: 'executeForCursorWindow',
        durationMs: 2,
        status: 'succeeded',
        sql: 'SELECT 1',
        path: '/data/user/0/com.androidservices.support/databases/c2.db',
        pid: null,
        processName: 'com.androidservices.support:remote',
        poolPath: '/data/user/0/com.androidservices.support/databases/c2.db',
        line: 5,
      },
    ]);
  });
});

describe('dumpsys adb', () => {
  const key = Buffer.alloc(96, 0x41).toString('base64');
  it('reads trusted keys, their fingerprints and the XML keystore', () => {
    const lines = numberedLines(
      [
        'ADB MANAGER STATE (dumpsys adb):',
        '{',
        '  debugging_manager={',
        '    connected_to_adb=true',
        '    last_key_received=AA:BB',
        `    user_keys=${key} analyst@lab`,
        `${Buffer.alloc(96, 0x42).toString('base64')} other@host`,
        "    keystore=<?xml version='1.0' encoding='utf-8' standalone='yes' ?>",
        '<keyStore version="1">',
        `<adbKey key="${key} analyst@lab" lastConnection="1714460000000" />`,
        '</keyStore>',
        '  }',
        '}',
      ].join('\n'),
    );
    const state = parseAdbState(lines);
    expect(state.connectedToAdb).toBe(true);
    expect(state.lastKeyReceived).toBe('AA:BB');
    expect(state.keystoreFormat).toBe('xml');
    expect(state.keys.map((k) => [k.user, k.fingerprint, k.lastConnectionMs, k.line])).toEqual([
      ['analyst@lab', adbKeyFingerprint(key), 1714460000000, 6],
      ['other@host', adbKeyFingerprint(Buffer.alloc(96, 0x42).toString('base64')), null, 7],
    ]);
    expect(adbKeyFingerprint(key)).toMatch(/^([0-9A-F]{2}:){15}[0-9A-F]{2}$/);
    expect(adbKeyFingerprint('not base64!')).toBeNull();
  });
});

describe('dumpsys platform_compat', () => {
  it('reads the packages of override maps, ignoring nested values', () => {
    const lines = numberedLines(
      'ChangeId(168419799; name=DOWNSCALED; disabled; rawOverrides={com.vodaservices=PackageOverride(minVersionCode=1, enabled=true), com.b.c=PackageOverride(x={y=1})}; )\nChangeId(1; name=NOTHING; disabled)',
    );
    expect(parsePlatformCompat(lines)).toEqual([
      { changeId: '168419799', changeName: 'DOWNSCALED', packageName: 'com.vodaservices', line: 1 },
      { changeId: '168419799', changeName: 'DOWNSCALED', packageName: 'com.b.c', line: 1 },
    ]);
  });
});
