import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndroidqfFolder, buildAndroidqfZip } from '../../../test/builders/android/androidqf.js';
import { buildBugreportFolder, buildBugreportZip } from '../../../test/builders/android/bugreport.js';
import { dumpsysText, getpropText } from '../../../test/builders/android/content.js';
import { campaignBugreport, campaignCollection, campaignDumpsysSections, HOST_ADB_KEY, OTHER_ADB_KEY } from '../../../test/scenarios/android.js';
import { extractFrom } from '../../../test/support/acquisition-source.js';
import { dumpsysPackagesExtractor } from './dumpsys-packages.js';
import { dumpsysReceiversExtractor } from './dumpsys-receivers.js';
import { dumpsysActivitiesExtractor } from './dumpsys-activities.js';
import { dumpsysAccessibilityExtractor } from './dumpsys-accessibility.js';
import { dumpsysAppopsExtractor } from './dumpsys-appops.js';
import { dumpsysBatteryDailyExtractor } from './dumpsys-battery-daily.js';
import { dumpsysBatteryHistoryExtractor } from './dumpsys-battery-history.js';
import { dumpsysDbinfoExtractor } from './dumpsys-dbinfo.js';
import { dumpsysPlatformCompatExtractor } from './dumpsys-platform-compat.js';
import { dumpsysAdbStateExtractor } from './dumpsys-adb-state.js';
import { dumpsysGetpropExtractor } from './dumpsys-getprop.js';
import { tombstonesExtractor } from './tombstones.js';
import { bugreportTimestampsExtractor } from './bugreport-timestamps.js';
import { adbKeyFingerprint } from './parsers/dumpsys-adb.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-dumpsys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let oldFolder = '';
let newZip = '';
let bugreport = '';

beforeAll(async () => {
  oldFolder = buildAndroidqfFolder(dir, campaignCollection({ layout: 'old', backup: 'none' }), 'old');
  bugreport = await buildBugreportZip(dir, campaignBugreport());
  newZip = await buildAndroidqfZip(dir, campaignCollection({ layout: 'new', backup: 'none', bugreport: readFileSync(bugreport) }));
});

describe('dumpsys from androidqf dumpsys.txt', () => {
  it('reads packages with install times converted with the device zone', async () => {
    const { records, issues } = await extractFrom(oldFolder, dumpsysPackagesExtractor);
    expect(issues).toEqual([]);
    const rcs = records.find((r) => r.fields['package_name'] === 'com.androidservices.support');
    expect(rcs?.fields).toMatchObject({ installer: null, installer_category: 'none', system: false, granted_permissions: ['android.permission.RECEIVE_SMS', 'android.permission.READ_SMS'], local_time_zone: 'Europe/Rome' });
    expect(rcs?.times).toEqual([
      { at: '2024-03-05T13:30:00.000000Z', meaning: 'first installed' },
      { at: '2024-03-01T09:00:00.000000Z', meaning: 'last updated' },
    ]);
    expect(records.map((r) => [r.fields['package_name'], r.fields['system']])).toEqual([
      ['com.android.settings', true],
      ['com.whatsapp', false],
      ['com.androidservices.support', false],
      ['com.androidservices.supportx', false],
    ]);
  });

  it('reads receivers, activities, accessibility, appops, battery, dbinfo and platform_compat', async () => {
    expect((await extractFrom(oldFolder, dumpsysReceiversExtractor)).records.map((r) => [r.fields['package_name'], r.fields['sensitive_intent']])).toEqual([
      ['com.google.android.apps.messaging', true],
      ['com.androidservices.support', true],
    ]);
    expect((await extractFrom(oldFolder, dumpsysActivitiesExtractor)).records.map((r) => r.fields['activity'])).toEqual(['com.android.settings/.Settings']);
    expect((await extractFrom(oldFolder, dumpsysAccessibilityExtractor)).records.map((r) => r.fields)).toEqual([
      { package_name: 'com.accesibilityservice', service: 'com.accesibilityservice/.MainService', states: ['enabled'], enabled: true },
    ]);
    const appops = await extractFrom(oldFolder, dumpsysAppopsExtractor);
    expect(appops.records.map((r) => [r.fields['package_name'], r.fields['permission'], r.fields['is_store'], r.times])).toEqual([
      ['com.example.browser', 'REQUEST_INSTALL_PACKAGES', false, [{ at: '2024-03-05T13:25:10.120000Z', meaning: 'allowed' }]],
      ['com.android.vending', 'REQUEST_INSTALL_PACKAGES', true, [{ at: '2024-04-01T07:00:00.000000Z', meaning: 'allowed' }]],
      ['com.android.vending', 'READ_CLIPBOARD', true, [{ at: '2024-04-02T07:00:00.000000Z', meaning: 'refused' }]],
    ]);
    expect((await extractFrom(oldFolder, dumpsysBatteryDailyExtractor)).records.map((r) => [r.fields['action'], r.fields['package_name'], r.fields['vers'], r.fields['previous_vers']])).toEqual([
      ['uninstall', 'com.client.appA', '0', null],
      ['downgrade', 'com.example.app', '3', '5'],
      ['update', 'com.client.appA', '1', null],
      ['update', 'com.example.app', '5', null],
    ]);
    expect((await extractFrom(oldFolder, dumpsysBatteryHistoryExtractor)).records.map((r) => [r.fields['event'], r.times[0]?.at])).toEqual([
      ['start_job', '2024-04-29T06:00:01.022000Z'],
      ['end_job', '2024-04-29T06:01:13.234000Z'],
    ]);
    expect((await extractFrom(oldFolder, dumpsysDbinfoExtractor)).records.map((r) => [r.fields['process_name'], r.fields['path_components']])).toEqual([
      ['com.whatsapp', ['data', 'user', '0', 'com.whatsapp', 'databases', 'msgstore.db']],
    ]);
    expect((await extractFrom(oldFolder, dumpsysPlatformCompatExtractor)).records.map((r) => r.fields)).toEqual([
      { package_name: 'com.vodaservices', change_id: '168419799', change_name: 'DOWNSCALED' },
    ]);
  });

  it('compares trusted adb keys with the collecting computer only when the collection names it', async () => {
    const old = await extractFrom(oldFolder, dumpsysAdbStateExtractor);
    expect(old.records.map((r) => [r.fields['user'], r.fields['acquisition_key_known'], r.fields['is_acquisition_key']])).toEqual([
      ['analyst@lab', false, null],
      ['someone@elsewhere', false, null],
    ]);
    const fresh = await extractFrom(newZip, dumpsysAdbStateExtractor);
    expect(fresh.records.map((r) => [r.fields['key_fingerprint'], r.fields['acquisition_key_known'], r.fields['is_acquisition_key']])).toEqual([
      [adbKeyFingerprint(HOST_ADB_KEY), true, true],
      [adbKeyFingerprint(OTHER_ADB_KEY), true, false],
    ]);
  });

  it('reports a cut-off section, keeps what it holds and reads the other sections', async () => {
    const sections = campaignDumpsysSections();
    const cut = dumpsysText([...sections.filter((s) => s.name === 'accessibility'), { name: 'appops', body: sections.find((s) => s.name === 'appops')!.body, truncated: true }]);
    const folder = buildAndroidqfFolder(dir, { layout: 'new', files: { 'getprop.txt': getpropText({}), 'ps.txt': '', 'dumpsys.txt': cut } }, 'cut');
    const appops = await extractFrom(folder, dumpsysAppopsExtractor);
    expect(appops.records).toHaveLength(3);
    expect(appops.issues).toEqual([
      { code: 'corrupt', path: 'dumpsys.txt', message: 'the dumpsys appops section (line 14) stops at the end of the file without its closing line; what it holds was read' },
    ]);
    const accessibility = await extractFrom(folder, dumpsysAccessibilityExtractor);
    expect(accessibility.records).toHaveLength(1);
    expect(accessibility.issues).toEqual([]);
    // Without the device zone, local times are read as UTC and the record says so.
    expect(appops.records[0]?.fields['local_time_zone']).toBe('unknown (device-local times read as UTC)');
    expect(appops.records[0]?.times[0]?.at).toBe('2024-03-05T14:25:10.120000Z');
  });

  it('reports a package section without its Packages: list as an unsupported layout', async () => {
    const folder = buildAndroidqfFolder(dir, { layout: 'new', files: { 'getprop.txt': '', 'ps.txt': '', 'dumpsys.txt': dumpsysText([{ name: 'package', body: 'Dexopt state:\n  [com.a]\n' }]) } }, 'nopkgs');
    const { records, issues } = await extractFrom(folder, dumpsysPackagesExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([{ code: 'unsupported-schema', path: 'dumpsys.txt', message: 'unsupported schema: the dumpsys package section (line 2) has no Packages: list' }]);
  });
});

describe('bugreports', () => {
  it('reads dumpsys from the main entry, its own SYSTEM PROPERTIES and date, inside a collection too', async () => {
    for (const [path, prefix] of [[bugreport, ''], [newZip, 'bugreport.zip!/']] as const) {
      const props = await extractFrom(path, dumpsysGetpropExtractor);
      expect(props.records.map((r) => [r.fields['name'], r.fields['patch_age_days'] ?? null, r.origin.path])).toEqual([
        ['persist.sys.timezone', null, `${prefix}bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt`],
        ['ro.build.version.security_patch', 25, `${prefix}bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt`],
        ['ro.product.model', null, `${prefix}bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt`],
      ]);
      expect(props.records[1]?.fields['reference_date']).toBe('2024-04-30T09:05:00.000000Z');
      const db = await extractFrom(path, dumpsysDbinfoExtractor);
      expect(db.records.filter((r) => r.origin.path.startsWith(prefix) && r.origin.path.includes('bugreport-')).map((r) => [r.fields['process_name'], r.times[0]?.at])).toEqual([
        ['com.androidservices.support:remote', '2024-04-30T08:59:00.001000Z'],
      ]);
    }
  });

  it('finds the main entry without main_entry.txt, and in an extracted folder', async () => {
    const folder = buildBugreportFolder(dir, { ...campaignBugreport(), noMainEntryFile: true });
    const { records } = await extractFrom(folder, dumpsysAccessibilityExtractor);
    expect(records.map((r) => [r.fields['service'], r.fields['states']])).toEqual([
      ['com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService', ['installed']],
    ]);
  });

  it('reads text and protobuf tombstones, one record per crash', async () => {
    const { records, issues } = await extractFrom(bugreport, tombstonesExtractor);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.fields['file_name'], r.fields['format'], r.fields['process_name'], r.fields['uid'], r.fields['privileged_uid'], r.times])).toEqual([
      ['tombstone_00', 'text', '/system/bin/adbd', 2000, true, [{ at: '2024-04-29T15:43:49.485960Z', meaning: 'crashed' }]],
      ['tombstone_01.pb', 'protobuf', 'com.example.app', 10150, false, [{ at: '2024-04-29T16:00:00.000000Z', meaning: 'crashed' }]],
    ]);
    const times = await extractFrom(bugreport, bugreportTimestampsExtractor);
    expect(times.records.map((r) => r.fields['device_path'])).toEqual(['/data/anr/anr_2024-04-30-10-00-00-000', '/data/tombstones/tombstone_00', '/data/tombstones/tombstone_01.pb']);
  });

  it('reports a damaged protobuf tombstone and keeps its text twin', async () => {
    const base = campaignBugreport();
    const zip = await buildBugreportZip(join(dir, 'twin'), {
      ...base,
      fs: { 'data/tombstones/tombstone_05': base.fs!['data/tombstones/tombstone_00']!, 'data/tombstones/tombstone_05.pb': Buffer.from([0x0a, 0xff]) },
    });
    const { records, issues } = await extractFrom(zip, tombstonesExtractor);
    expect(records.map((r) => [r.fields['file_name'], r.fields['format']])).toEqual([['tombstone_05', 'text']]);
    expect(issues).toEqual([{ code: 'corrupt', path: 'FS/data/tombstones/tombstone_05.pb', message: 'FS/data/tombstones/tombstone_05.pb cannot be parsed (truncated or over-long varint)' }]);
  });
});
