import { describe, expect, it } from 'vitest';
import { parsePackagesList, parseResolverTable } from './dumpsys-package.js';
import { numberedLines } from './text-lines.js';

const BODY = [
  'Activity Resolver Table:',
  '  Non-Data Actions:',
  '      android.intent.action.MAIN:',
  '        b5a5d0b com.android.settings/.Settings filter 1c2d3e4',
  '          Action: "android.intent.action.MAIN"',
  '',
  'Receiver Resolver Table:',
  '  Schemes:',
  '      sms:',
  '        aaaaaaa com.ignored/.ViaScheme filter 1',
  '  Non-Data Actions:',
  '      android.provider.Telephony.SMS_RECEIVED:',
  '        3c5b5c2 com.google.android.apps.messaging/.SmsReceiver filter 7b2a9c3',
  '        4d6c6d3 com.androidservices.support/com.androidservices.support.Rx filter 8c3b0d4',
  '      android.intent.action.PHONE_STATE:',
  '        5e7d7e4 com.example/.Phone',
  '  MIME Typed Actions:',
  '      x/y:',
  '        6f8e8f5 com.ignored/.Mime',
  '',
  'Packages:',
  '  Package [com.android.settings] (6a6f4d8):',
  '    userId=1000',
  '    versionCode=31 minSdk=31 targetSdk=31',
  '    versionName=12',
  '    timeStamp=2008-12-31 16:00:00',
  '    firstInstallTime=2008-12-31 16:00:00',
  '    lastUpdateTime=2008-12-31 16:00:00',
  '    installerPackageName=null',
  '    pkgFlags=[ SYSTEM HAS_CODE PERSISTENT ]',
  '    declared permissions:',
  '      com.android.settings.X: prot=signature, INSTALLED',
  '    requested permissions:',
  '      android.permission.WRITE_SETTINGS',
  '    install permissions:',
  '      android.permission.WRITE_SETTINGS: granted=true',
  '      android.permission.REBOOT: granted=false',
  '    User 0: ceDataInode=1 installed=true hidden=false enabled=0',
  '  Package [com.androidservices.support] (1b2c3d4):',
  '    userId=10201',
  '    versionCode=7 minSdk=23 targetSdk=30',
  '    lastUpdateTime=2024-03-05 14:30:00',
  '    installerPackageName=null',
  '    installInitiatingPackageName=com.android.shell',
  '    pkgFlags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ]',
  '    User 0: ceDataInode=2 installed=true hidden=false enabled=3',
  '      firstInstallTime=2024-03-05 14:29:00',
  '      runtime permissions:',
  '        android.permission.READ_SMS: granted=true, flags=[ USER_SET ]',
  '    User 10: ceDataInode=3 installed=false enabled=0',
  '      firstInstallTime=2024-03-06 10:00:00',
  '',
  'Hidden system packages:',
  '  Package [com.android.hidden] (9):',
].join('\n');

describe('dumpsys package', () => {
  const lines = numberedLines(BODY);

  it('reads each package block by field name, user 0 first install preferred', () => {
    const packages = parsePackagesList(lines);
    expect(packages).toEqual([
      {
        name: 'com.android.settings',
        line: 22,
        userId: '1000',
        versionName: '12',
        versionCode: '31',
        codePath: null,
        timeStamp: '2008-12-31 16:00:00',
        firstInstallTime: '2008-12-31 16:00:00',
        lastUpdateTime: '2008-12-31 16:00:00',
        installer: null,
        initiatingPackage: null,
        originatingPackage: null,
        flags: ['SYSTEM', 'HAS_CODE', 'PERSISTENT'],
        privateFlags: [],
        requestedPermissions: ['android.permission.WRITE_SETTINGS'],
        grantedPermissions: ['android.permission.WRITE_SETTINGS'],
        installedUsers: ['0'],
        disabledUsers: [],
      },
      {
        name: 'com.androidservices.support',
        line: 39,
        userId: '10201',
        versionName: null,
        versionCode: '7',
        codePath: null,
        timeStamp: null,
        firstInstallTime: '2024-03-05 14:29:00',
        lastUpdateTime: '2024-03-05 14:30:00',
        installer: null,
        initiatingPackage: 'com.android.shell',
        originatingPackage: null,
        flags: ['HAS_CODE', 'ALLOW_CLEAR_USER_DATA'],
        privateFlags: [],
        requestedPermissions: [],
        grantedPermissions: ['android.permission.READ_SMS'],
        installedUsers: ['0'],
        disabledUsers: ['0'],
      },
    ]);
  });

  it('reads the non-data actions of the resolver tables only', () => {
    expect(parseResolverTable(lines, 'Receiver Resolver Table:')).toEqual([
      { intent: 'android.provider.Telephony.SMS_RECEIVED', component: 'com.google.android.apps.messaging/.SmsReceiver', packageName: 'com.google.android.apps.messaging', line: 13 },
      { intent: 'android.provider.Telephony.SMS_RECEIVED', component: 'com.androidservices.support/com.androidservices.support.Rx', packageName: 'com.androidservices.support', line: 14 },
      { intent: 'android.intent.action.PHONE_STATE', component: 'com.example/.Phone', packageName: 'com.example', line: 16 },
    ]);
    expect(parseResolverTable(lines, 'Activity Resolver Table:')).toEqual([
      { intent: 'android.intent.action.MAIN', component: 'com.android.settings/.Settings', packageName: 'com.android.settings', line: 4 },
    ]);
  });

  it('returns null when a list or table is absent', () => {
    const other = numberedLines('Dexopt state:\n  [com.a]\n');
    expect(parsePackagesList(other)).toBeNull();
    expect(parseResolverTable(other, 'Receiver Resolver Table:')).toBeNull();
  });
});
