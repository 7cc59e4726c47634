import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndroidqfFolder, buildAndroidqfZip } from '../../../test/builders/android/androidqf.js';
import { filesJson, getpropText } from '../../../test/builders/android/content.js';
import { campaignCollection, NOVISPY_CERT, WYRMSPY_APK_SHA256 } from '../../../test/scenarios/android.js';
import { extractFrom } from '../../../test/support/acquisition-source.js';
import { aqfGetpropExtractor } from './aqf-getprop.js';
import { aqfPackagesExtractor } from './aqf-packages.js';
import { aqfProcessesExtractor } from './aqf-processes.js';
import { aqfFilesExtractor } from './aqf-files.js';
import { aqfSettingsExtractor } from './aqf-settings.js';
import { rootBinariesExtractor } from './root-binaries.js';
import { mountsExtractor } from './mounts.js';
import { aqfLogTimestampsExtractor } from './aqf-log-timestamps.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-aqf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let oldFolder = '';
let newZip = '';

beforeAll(async () => {
  oldFolder = buildAndroidqfFolder(dir, campaignCollection({ layout: 'old', backup: 'none' }), 'old');
  newZip = await buildAndroidqfZip(dir, campaignCollection({ layout: 'new', backup: 'none' }));
});

describe('androidqf getprop.txt', () => {
  it('records every property, with the patch age measured from acquisition.json', async () => {
    const { records, issues } = await extractFrom(newZip, aqfGetpropExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(10);
    expect(records[0]).toEqual({
      artifact: 'aqf_get_prop',
      times: [],
      fields: {
        name: 'ro.build.version.security_patch',
        value: '2023-05-01',
        patch_age_days: 365,
        reference_date: '2024-04-30T09:00:00.000000Z',
        reference_date_from: 'acquisition.json started',
      },
      origin: { path: 'getprop.txt', stored: 'getprop.txt', sha256: records[0]!.origin.sha256, locator: { kind: 'line', line: 1 } },
    });
  });

  it('falls back on the collection\'s file time in the old layout', async () => {
    const { records } = await extractFrom(oldFolder, aqfGetpropExtractor);
    expect(records[0]?.fields).toMatchObject({ patch_age_days: 365, reference_date: '2024-04-30T09:00:00.000000Z', reference_date_from: 'modification time of getprop.txt' });
    expect(records[0]?.origin.stored).toBe('getprop.txt');
  });
});

describe('androidqf packages.json', () => {
  it('records installer category, hashes and certificates', async () => {
    const { records } = await extractFrom(oldFolder, aqfPackagesExtractor);
    expect(records.map((r) => [r.fields['package_name'], r.fields['installer'], r.fields['installer_category'], r.fields['system']])).toEqual([
      ['com.android.settings', null, 'none', true],
      ['com.whatsapp', 'com.android.vending', 'play-store', false],
      ['com.androidservices.support', null, 'none', false],
      ['com.androidservices.supportx', 'com.android.vending', 'play-store', false],
      ['com.serv.services', 'com.google.android.packageinstaller', 'package-installer', false],
      ['com.android.system.configs.service', 'com.android.vending', 'play-store', false],
      ['org.example.reader', 'org.fdroid.fdroid', 'third-party-store', false],
    ]);
    expect(records[4]?.fields['cert_sha256']).toEqual([NOVISPY_CERT]);
    expect(records[5]?.fields['file_sha256']).toEqual([WYRMSPY_APK_SHA256]);
    expect(records[4]?.origin.locator).toEqual({ kind: 'json', path: ['4'] });
  });

  it('reports a packages.json that is not JSON as an issue', async () => {
    const folder = buildAndroidqfFolder(dir, { layout: 'new', files: { 'getprop.txt': getpropText({}), 'packages.json': '{not json' } }, 'badpkg');
    const { records, issues } = await extractFrom(folder, aqfPackagesExtractor);
    expect(records).toEqual([]);
    expect(issues).toEqual([{ code: 'corrupt', path: 'packages.json', message: 'packages.json is not JSON (not JSON: neither a JSON array nor JSON lines)' }]);
  });
});

describe('androidqf processes', () => {
  it('reads ps.txt in the old layout and processes.json in the new one', async () => {
    const old = await extractFrom(oldFolder, aqfProcessesExtractor);
    expect(old.records.map((r) => [r.fields['process_name'], r.fields['app_id'], r.fields['source_format'], r.origin.locator])).toEqual([
      ['init', null, 'ps.txt', { kind: 'line', line: 2 }],
      ['kthreadd', null, 'ps.txt', { kind: 'line', line: 3 }],
      ['gatekeeperd', null, 'ps.txt', { kind: 'line', line: 4 }],
      ['com.whatsapp', 'com.whatsapp', 'ps.txt', { kind: 'line', line: 5 }],
      ['com.androidservices.support:remote', 'com.androidservices.support', 'ps.txt', { kind: 'line', line: 6 }],
      ['bhx', null, 'ps.txt', { kind: 'line', line: 7 }],
    ]);
    const fresh = await extractFrom(newZip, aqfProcessesExtractor);
    expect(fresh.records.map((r) => [r.fields['process_name'], r.fields['process_names'], r.fields['source_format']])).toEqual([
      ['init', ['init'], 'processes.json'],
      ['kthreadd', ['kthreadd'], 'processes.json'],
      ['gatekeeperd', ['gatekeeperd'], 'processes.json'],
      ['com.whatsapp', ['com.whatsapp', 'app_process64'], 'processes.json'],
      ['com.androidservices.support:remote', ['com.androidservices.support:remote', 'app_process64'], 'processes.json'],
      ['bhx', ['bhx'], 'processes.json'],
    ]);
  });
});

describe('androidqf files.json, settings, root binaries, mounts, logs', () => {
  it('reads files.json as an array or as JSON lines, times in UTC', async () => {
    for (const path of [oldFolder, newZip]) {
      const { records } = await extractFrom(path, aqfFilesExtractor);
      expect(records.map((r) => [r.fields['path'], r.fields['under_data_local_tmp'], r.fields['executable']])).toEqual([
        ['/sdcard/Download/report.pdf', false, false],
        ['/data/local/tmp/collector', false, true],
        ['/data/local/tmp/wd/fs.db', true, false],
        ['/data/local/tmp/dropbox', true, true],
        ['/data/local/tmp2/wd/fs.db', false, false],
      ]);
      expect(records[2]?.times).toEqual([
        { at: '2023-07-22T04:26:40.000000Z', meaning: 'modified' },
        { at: '2023-07-22T04:26:40.000000Z', meaning: 'status changed' },
        { at: '2023-07-22T04:26:40.000000Z', meaning: 'accessed' },
      ]);
    }
    const { records } = await extractFrom(newZip, aqfFilesExtractor);
    expect(records[0]?.origin.locator).toEqual({ kind: 'json', path: [], line: 1 });
  });

  it('marks risky settings against their safe value', async () => {
    const { records } = await extractFrom(oldFolder, aqfSettingsExtractor);
    expect(records.filter((r) => r.fields['safe_value'] !== null).map((r) => [r.fields['namespace'], r.fields['key'], r.fields['value'], r.fields['risky']])).toEqual([
      ['global', 'package_verifier_enable', '0', true],
      ['global', 'verifier_verify_adb_installs', '1', false],
      ['secure', 'accessibility_enabled', '0', false],
    ]);
  });

  it('reads root binaries, mounts and log times', async () => {
    expect((await extractFrom(oldFolder, rootBinariesExtractor)).records.map((r) => r.fields)).toEqual([
      { path: '/system/xbin/su', binary_name: 'su', description: 'SuperUser binary' },
    ]);
    expect((await extractFrom(oldFolder, mountsExtractor)).records.map((r) => [r.fields['mount_point'], r.fields['system_partition'], r.fields['read_write']])).toEqual([
      ['/', null, false],
      ['/system', '/system', true],
      ['/vendor', '/vendor', false],
    ]);
    const logs = await extractFrom(oldFolder, aqfLogTimestampsExtractor);
    expect(logs.records.map((r) => [r.fields['device_path'], r.times])).toEqual([
      ['/data/anr/anr_2024-04-30-10-00-00-000', [{ at: '2024-04-30T09:00:00.000000Z', meaning: 'modified' }]],
    ]);
  });

  it('reports files.json lines that are not JSON and reads the others', async () => {
    const folder = buildAndroidqfFolder(dir, { layout: 'new', files: { 'getprop.txt': '', 'ps.txt': '', 'files.json': `${filesJson([{ path: '/a' }], 'lines')}oops\n` } }, 'badfiles');
    const { records, issues } = await extractFrom(folder, aqfFilesExtractor);
    expect(records.map((r) => r.fields['path'])).toEqual(['/a']);
    expect(issues).toEqual([{ code: 'corrupt', path: 'files.json', message: '1 line(s) are not JSON (first: line 2); the other files were read' }]);
  });
});
