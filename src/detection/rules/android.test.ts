/**
 * Every Android rule on hand-made records, against the shipped indicators: what fires, at
 * what severity and confidence, and the near-miss beside it that must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Detector } from '../engine.js';
import { loadIndicatorSet } from '../../indicators/load.js';
import type { ArtifactRecord, RecordFields } from '../../artifacts/types.js';
import { ANDROID_RULES } from './android.js';

let detector: Detector;
beforeAll(async () => {
  detector = new Detector(ANDROID_RULES, await loadIndicatorSet({}));
});

function record(artifact: string, fields: RecordFields): ArtifactRecord {
  return { artifact, times: [], fields, origin: { path: 'x', stored: 'x', sha256: '0'.repeat(64), locator: { kind: 'line', line: 1 } } };
}

function fired(artifact: string, fields: RecordFields): [string, string, string, string][] {
  return detector.inspect(record(artifact, fields)).map((f) => [f.rule.id, f.matched.value, f.severity, f.confidence]);
}

describe('Android package rules', () => {
  const base = { installer: 'com.android.vending', installer_category: 'play-store', system: false, disabled: false, is_root_package: false, is_security_package: false, is_update_package: false };

  it('flags root tools, disabled security and update packages', () => {
    expect(fired('dumpsys_packages', { ...base, package_name: 'com.topjohnwu.magisk', is_root_package: true })).toEqual([['android.packages.root-app', 'com.topjohnwu.magisk', 'medium', 'high']]);
    expect(fired('aqf_packages', { ...base, package_name: 'com.policydm', disabled: true, is_security_package: true })).toEqual([['android.packages.disabled-security-package', 'com.policydm', 'medium', 'medium']]);
    expect(fired('aqf_packages', { ...base, package_name: 'com.wssyncmldm', disabled: true, is_update_package: true })).toEqual([['android.packages.disabled-update-package', 'com.wssyncmldm', 'medium', 'medium']]);
    expect(fired('aqf_packages', { ...base, package_name: 'com.wssyncmldm', is_update_package: true })).toEqual([]);
  });

  it('flags adb installs and installs without a store, but not system apps', () => {
    expect(fired('dumpsys_packages', { ...base, package_name: 'com.a.b', installer: null, installer_category: 'adb' })).toEqual([['android.packages.installed-outside-store', 'com.a.b', 'medium', 'medium']]);
    expect(fired('dumpsys_packages', { ...base, package_name: 'com.a.b', installer: null, installer_category: 'none', system: true })).toEqual([]);
    expect(fired('aqf_packages', { ...base, package_name: 'com.a.b', installer: null, installer_category: 'none', system: null })).toEqual([['android.packages.installed-outside-store', 'com.a.b', 'medium', 'medium']]);
  });

  it('checks file hashes and app ids case-insensitively, never near-misses', () => {
    expect(fired('aqf_packages', { ...base, package_name: 'COM.ANDROIDSERVICES.SUPPORT' })).toEqual([['android.packages.app-id', 'COM.ANDROIDSERVICES.SUPPORT', 'critical', 'high']]);
    expect(fired('aqf_packages', { ...base, package_name: 'com.androidservices.supportx' })).toEqual([]);
    expect(fired('aqf_packages', { ...base, package_name: 'x.y', file_sha256: ['E38D7BA21A48AD32963BFE6CB0203AFE0839ECA9A73268A67422109DA282EAE3'] })).toEqual([
      ['android.packages.file-hash', 'E38D7BA21A48AD32963BFE6CB0203AFE0839ECA9A73268A67422109DA282EAE3', 'critical', 'high'],
    ]);
  });
});

describe('Android system rules', () => {
  it('checks processes through the caution of known collisions', () => {
    const findings = detector.inspect(record('aqf_processes', { process_name: 'gatekeeperd', process_names: ['gatekeeperd'], app_id: null }));
    expect(findings.map((f) => [f.rule.id, f.severity, f.confidence])).toEqual([['android.processes.process', 'informational', 'low']]);
    expect(findings[0]?.explanation).toMatch(/legitimate Android system daemon/);
    expect(fired('aqf_processes', { process_name: 'bhx', process_names: ['bhx'], app_id: null })).toEqual([]);
  });

  it('needs a property name, and a patch older than six months of the acquisition', () => {
    expect(fired('aqf_get_prop', { name: 'sys.brand.notes', value: '1' })).toEqual([['android.getprop.property', 'sys.brand.notes', 'critical', 'high']]);
    expect(fired('dumpsys_get_prop', { name: 'ro.build.version.security_patch', value: '2023-10-01', patch_age_days: 187 })).toEqual([['android.getprop.old-security-patch', '2023-10-01', 'medium', 'high']]);
    expect(fired('dumpsys_get_prop', { name: 'ro.build.version.security_patch', value: '2023-10-01', patch_age_days: 186 })).toEqual([]);
    expect(fired('dumpsys_get_prop', { name: 'ro.build.version.security_patch', value: '2023-10-01', patch_age_days: null })).toEqual([]);
  });

  it('flags system partitions remounted by hand and mount paths of indicators', () => {
    expect(fired('mounts', { device: 'tmpfs', mount_point: '/vendor', read_write: false, system_partition: '/vendor', suspicious_options: ['remount'] })).toEqual([
      ['android.mounts.system-suspicious-options', '/vendor', 'medium', 'medium'],
    ]);
    expect(fired('mounts', { device: 'tmpfs', mount_point: '/data/local/tmp/wd', read_write: true, system_partition: null, suspicious_options: [] })).toEqual([
      ['android.mounts.path', '/data/local/tmp/wd', 'critical', 'high'],
    ]);
  });
});

describe('Android dumpsys rules', () => {
  it('flags the adb shell and install rights outside stores', () => {
    expect(fired('dumpsys_appops', { package_name: 'com.android.shell', permission: 'READ_CLIPBOARD', is_store: false })).toEqual([['android.dumpsys-appops.shell', 'READ_CLIPBOARD', 'medium', 'low']]);
    expect(fired('dumpsys_appops', { package_name: 'com.android.vending', permission: 'REQUEST_INSTALL_PACKAGES', is_store: true })).toEqual([
      ['android.dumpsys-appops.store-install-packages', 'com.android.vending', 'informational', 'high'],
    ]);
  });

  it('reads the trusted adb keys against the collecting computer', () => {
    const key = { key: 'k', user: 'u', key_fingerprint: 'AA', key_valid: true, acquisition_key_known: true, is_acquisition_key: true, days_before_acquisition: 0 };
    expect(fired('dumpsys_adb_state', key)).toEqual([]);
    expect(fired('dumpsys_adb_state', { ...key, days_before_acquisition: 3 })).toEqual([['android.dumpsys-adb-state.acquisition-key-used-before', 'AA', 'informational', 'high']]);
    expect(fired('dumpsys_adb_state', { ...key, is_acquisition_key: false, days_before_acquisition: null })).toEqual([['android.dumpsys-adb-state.other-computer', 'AA', 'low', 'low']]);
    expect(fired('dumpsys_adb_state', { ...key, key_valid: false, key_fingerprint: null, acquisition_key_known: null, is_acquisition_key: null })).toEqual([
      ['android.dumpsys-adb-state.invalid-key', 'k', 'low', 'low'],
    ]);
  });

  it('checks tombstone process names and privileged crashes', () => {
    expect(fired('tombstones', { process_name: '/system/bin/bh', process_names: ['/system/bin/bh', 'bh'], privileged_uid: false })).toEqual([['android.tombstones.process', 'bh', 'critical', 'high']]);
    expect(fired('tombstones', { process_name: 'com.example', process_names: ['com.example'], privileged_uid: false })).toEqual([]);
  });
});

describe('Android message and log rules', () => {
  it('checks links, DNS answers, connections and security events', () => {
    expect(fired('backup_sms', { links: ['https://notcnn.gr.com/y'] })).toEqual([]);
    expect(fired('dns_event', { hostname: 'www.google.com', ip_addresses: ['121.201.109.98'], package_name: 'com.android.chrome' })).toEqual([['android.dns-event.ip', '121.201.109.98', 'critical', 'medium']]);
    expect(fired('connect_event', { remote_ip: '121.201.109.99', package_name: 'com.x.y' })).toEqual([]);
    expect(fired('security_event', { tag: 'app_process_start', packages: ['com.fintur.support:svc', 'com.fintur.support', 'svc'], command: null, file_path: null, success: null })).toEqual([
      ['android.security-event.app-id', 'com.fintur.support', 'critical', 'high'],
    ]);
    expect(fired('security_event', { tag: 'adb_sync_send_file', packages: [], command: null, file_path: '/data/local/tmp/wd/pred.so', success: null }).map((f) => f[0])).toEqual([
      'android.security-event.file-path',
      'android.security-event.file-path',
    ]);
  });

  it('flags integrity security events, failed self-tests only when they failed', () => {
    const event = { packages: [], command: null, file_path: null };
    expect(fired('security_event', { ...event, tag: 'key_integrity_violation', success: null })).toEqual([['android.security-event.integrity', 'key_integrity_violation', 'medium', 'medium']]);
    expect(fired('security_event', { ...event, tag: 'cert_authority_installed', success: false })).toEqual([]);
    expect(fired('security_event', { ...event, tag: 'crypto_self_test_completed', success: true })).toEqual([]);
    expect(fired('security_event', { ...event, tag: 'crypto_self_test_completed', success: false })).toEqual([['android.security-event.integrity', 'crypto_self_test_completed', 'medium', 'medium']]);
  });
});
