/**
 * End-to-end: the real CLI on synthetic Android acquisitions built with the real layouts —
 * androidqf collections (old folder layout; new root-level zip holding an encrypted backup
 * and a bugreport), a bugreport zip and Android backups. Findings are stated exactly;
 * near-misses planted beside the traces (com.androidservices.supportx, sys.brand.notex,
 * process bhx, /data/local/tmp/collector, /data/local/tmp2/wd/fs.db, notcnn.gr.com) must
 * stay silent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { buildAndroidqfFolder, buildAndroidqfZip, DEFAULT_UUID } from '../builders/android/androidqf.js';
import { buildBugreportZip } from '../builders/android/bugreport.js';
import { buildAb, telephonyMembers } from '../builders/android/ab-backup.js';
import { rawZip, truncated } from '../builders/archives.js';
import { BACKUP_PASSWORD, campaignBackup, campaignBugreport, campaignCollection } from '../scenarios/android.js';
import { runCli } from '../support/cli.js';
import { tempDirs } from '../support/temp.js';

const newDir = tempDirs();

type Brief = [rule: string, field: string, value: string, severity: string, confidence: string, path: string];

interface FindingsFile {
  summary: Record<string, number>;
  findings: { rule: { id: string }; severity: string; confidence: string; matched: { field: string; value: string }; records: { origin: { path: string } }[]; explanation: string }[];
}

interface CoverageFile {
  acquisition: { kind: string; name: string };
  cannot_show: string[];
  artifacts: { artifact: string; status: string; records: number; issues: { code: string; path?: string; message: string }[]; message?: string }[];
  acquisition_problems: { path: string; code: string; message: string }[];
}

function readJson<T>(dir: string, name: string): T {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
}

function brief(dir: string): Brief[] {
  return readJson<FindingsFile>(dir, 'findings.json').findings.map((f) => [f.rule.id, f.matched.field, f.matched.value, f.severity, f.confidence, f.records[0]?.origin.path ?? '']);
}

function artifact(dir: string, id: string): CoverageFile['artifacts'][number] | undefined {
  return readJson<CoverageFile>(dir, 'coverage.json').artifacts.find((a) => a.artifact === id);
}

function check(input: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): { out: string; status: number; stdout: string; stderr: string } {
  const out = join(newDir(), 'results');
  const run = runCli(['check', input, '--output', out, '--no-progress', ...extra], { env: { EXHIBIT_BACKUP_PASSWORD: '', ...env } });
  return { out, ...run };
}

const OLD_LAYOUT_FINDINGS: Brief[] = [
  ['android.files.path', 'path', '/data/local/tmp/wd/fs.db', 'critical', 'high', 'files.json'],
  ['android.files.path', 'path', '/data/local/tmp/wd/fs.db', 'critical', 'high', 'files.json'],
  ['android.files.path', 'path', '/data/local/tmp/dropbox', 'critical', 'high', 'files.json'],
  ['android.getprop.property', 'name', 'sys.brand.note', 'critical', 'high', 'getprop.txt'],
  ['android.packages.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'packages.json'],
  ['android.packages.app-id', 'package_name', 'com.serv.services', 'critical', 'high', 'packages.json'],
  ['android.packages.cert-hash', 'cert_sha256', '3ac97735164824657b683e805133b1274b2dedabf9fdd6aa9aca31089d501e64', 'critical', 'high', 'packages.json'],
  ['android.packages.app-id', 'package_name', 'com.android.system.configs.service', 'critical', 'high', 'packages.json'],
  ['android.packages.file-hash', 'file_sha256', '8c01132a0c1c7799e44608247f93d4680935f36df3fc94d59c7da83afe375ff2', 'critical', 'high', 'packages.json'],
  ['android.processes.app-id', 'app_id', 'com.androidservices.support', 'critical', 'high', 'ps.txt'],
  ['android.backup-sms.link', 'links', 'https://cnn.gr.com/x', 'critical', 'high', 'backup.ab!/apps/com.android.providers.telephony/d_f/000000_sms_backup'],
  ['android.dumpsys-accessibility.app-id', 'package_name', 'com.accesibilityservice', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.app-id', 'package_name', 'com.client.appA', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.app-id', 'package_name', 'com.client.appA', 'critical', 'high', 'dumpsys.txt'],
  ['android.packages.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-platform-compat.app-id', 'package_name', 'com.vodaservices', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-receivers.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'dumpsys.txt'],
  ['android.files.data-local-tmp', 'path', '/data/local/tmp/wd/fs.db', 'high', 'medium', 'files.json'],
  ['android.files.data-local-tmp', 'path', '/data/local/tmp/dropbox', 'high', 'medium', 'files.json'],
  ['android.mounts.system-read-write', 'mount_point', '/system', 'high', 'high', 'mounts.json'],
  ['android.root-binaries.present', 'path', '/system/xbin/su', 'high', 'high', 'root_binaries.json'],
  ['android.getprop.old-security-patch', 'value', '2023-05-01', 'medium', 'high', 'getprop.txt'],
  ['android.packages.installed-outside-store', 'package_name', 'com.androidservices.support', 'medium', 'medium', 'packages.json'],
  ['android.packages.package-installer', 'package_name', 'com.serv.services', 'medium', 'medium', 'packages.json'],
  ['android.settings.risky-setting', 'value', '0', 'medium', 'medium', 'settings_global.txt'],
  ['android.dumpsys-accessibility.service', 'service', 'com.accesibilityservice/.MainService', 'medium', 'low', 'dumpsys.txt'],
  ['android.dumpsys-appops.install-packages', 'package_name', 'com.example.browser', 'medium', 'medium', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.uninstall', 'package_name', 'com.client.appA', 'medium', 'low', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.downgrade', 'package_name', 'com.example.app', 'medium', 'medium', 'dumpsys.txt'],
  ['android.packages.installed-outside-store', 'package_name', 'com.androidservices.support', 'medium', 'medium', 'dumpsys.txt'],
  ['android.dumpsys-adb-state.no-acquisition-key', 'key_fingerprint', '95:47:92:A8:BA:2F:25:9C:09:7C:EF:26:3D:26:6A:DF', 'low', 'low', 'dumpsys.txt'],
  ['android.dumpsys-adb-state.no-acquisition-key', 'key_fingerprint', '3B:5F:0C:59:12:B1:0B:4D:B5:95:FB:88:CE:24:43:1B', 'low', 'low', 'dumpsys.txt'],
  ['android.packages.third-party-store', 'package_name', 'org.example.reader', 'informational', 'high', 'packages.json'],
  ['android.processes.process', 'process_names', 'gatekeeperd', 'informational', 'low', 'ps.txt'],
  ['android.dumpsys-appops.store-install-packages', 'package_name', 'com.android.vending', 'informational', 'high', 'dumpsys.txt'],
];

const NEW_LAYOUT_FINDINGS: Brief[] = [
  ['android.files.path', 'path', '/data/local/tmp/wd/fs.db', 'critical', 'high', 'files.json'],
  ['android.files.path', 'path', '/data/local/tmp/wd/fs.db', 'critical', 'high', 'files.json'],
  ['android.files.path', 'path', '/data/local/tmp/dropbox', 'critical', 'high', 'files.json'],
  ['android.getprop.property', 'name', 'sys.brand.note', 'critical', 'high', 'getprop.txt'],
  ['android.packages.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'packages.json'],
  ['android.packages.app-id', 'package_name', 'com.serv.services', 'critical', 'high', 'packages.json'],
  ['android.packages.cert-hash', 'cert_sha256', '3ac97735164824657b683e805133b1274b2dedabf9fdd6aa9aca31089d501e64', 'critical', 'high', 'packages.json'],
  ['android.packages.app-id', 'package_name', 'com.android.system.configs.service', 'critical', 'high', 'packages.json'],
  ['android.packages.file-hash', 'file_sha256', '8c01132a0c1c7799e44608247f93d4680935f36df3fc94d59c7da83afe375ff2', 'critical', 'high', 'packages.json'],
  ['android.processes.app-id', 'app_id', 'com.androidservices.support', 'critical', 'high', 'processes.json'],
  ['android.backup-sms.link', 'links', 'https://cnn.gr.com/x', 'critical', 'high', 'backup.ab!/apps/com.android.providers.telephony/d_f/000000_sms_backup'],
  ['android.connect-event.ip', 'remote_ip', '121.201.109.98', 'critical', 'medium', 'intrusion_logs/2024-04-30.txt'],
  ['android.dbinfo.app-id', 'path_components', 'com.androidservices.support', 'critical', 'high', 'bugreport.zip!/bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt'],
  ['android.dns-event.domain', 'hostname', 'timeupdate.xyz', 'critical', 'high', 'intrusion_logs/2024-04-30.txt'],
  ['android.dumpsys-accessibility.app-id', 'package_name', 'com.accesibilityservice', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.app-id', 'package_name', 'com.client.appA', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.app-id', 'package_name', 'com.client.appA', 'critical', 'high', 'dumpsys.txt'],
  ['android.packages.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-platform-compat.app-id', 'package_name', 'com.vodaservices', 'critical', 'high', 'dumpsys.txt'],
  ['android.dumpsys-receivers.app-id', 'package_name', 'com.androidservices.support', 'critical', 'high', 'dumpsys.txt'],
  ['android.files.data-local-tmp', 'path', '/data/local/tmp/wd/fs.db', 'high', 'medium', 'files.json'],
  ['android.files.data-local-tmp', 'path', '/data/local/tmp/dropbox', 'high', 'medium', 'files.json'],
  ['android.mounts.system-read-write', 'mount_point', '/system', 'high', 'high', 'mounts.json'],
  ['android.root-binaries.present', 'path', '/system/xbin/su', 'high', 'high', 'root_binaries.json'],
  ['android.getprop.old-security-patch', 'value', '2023-05-01', 'medium', 'high', 'getprop.txt'],
  ['android.packages.installed-outside-store', 'package_name', 'com.androidservices.support', 'medium', 'medium', 'packages.json'],
  ['android.packages.package-installer', 'package_name', 'com.serv.services', 'medium', 'medium', 'packages.json'],
  ['android.settings.risky-setting', 'value', '0', 'medium', 'medium', 'settings_global.txt'],
  ['android.dumpsys-accessibility.service', 'service', 'com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService', 'medium', 'low', 'bugreport.zip!/bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt'],
  ['android.dumpsys-accessibility.service', 'service', 'com.accesibilityservice/.MainService', 'medium', 'low', 'dumpsys.txt'],
  ['android.dumpsys-appops.install-packages', 'package_name', 'com.example.browser', 'medium', 'medium', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.uninstall', 'package_name', 'com.client.appA', 'medium', 'low', 'dumpsys.txt'],
  ['android.dumpsys-battery-daily.downgrade', 'package_name', 'com.example.app', 'medium', 'medium', 'dumpsys.txt'],
  ['android.packages.installed-outside-store', 'package_name', 'com.androidservices.support', 'medium', 'medium', 'dumpsys.txt'],
  ['android.security-event.integrity', 'tag', 'cert_authority_installed', 'medium', 'medium', 'intrusion_logs/2024-04-30.txt'],
  ['android.tombstones.privileged-crash', 'process_name', '/system/bin/adbd', 'medium', 'low', 'bugreport.zip!/FS/data/tombstones/tombstone_00'],
  ['android.dumpsys-adb-state.other-computer', 'key_fingerprint', '3B:5F:0C:59:12:B1:0B:4D:B5:95:FB:88:CE:24:43:1B', 'low', 'low', 'dumpsys.txt'],
  ['android.packages.third-party-store', 'package_name', 'org.example.reader', 'informational', 'high', 'packages.json'],
  ['android.processes.process', 'process_names', 'gatekeeperd', 'informational', 'low', 'processes.json'],
  ['android.dumpsys-appops.store-install-packages', 'package_name', 'com.android.vending', 'informational', 'high', 'dumpsys.txt'],
];

const BUGREPORT_FINDINGS: Brief[] = [
  ['android.dbinfo.app-id', 'path_components', 'com.androidservices.support', 'critical', 'high', 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt'],
  ['android.dumpsys-accessibility.service', 'service', 'com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService', 'medium', 'low', 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt'],
  ['android.dumpsys-appops.install-packages', 'package_name', 'com.example.browser', 'medium', 'medium', 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt'],
  ['android.tombstones.privileged-crash', 'process_name', '/system/bin/adbd', 'medium', 'low', 'FS/data/tombstones/tombstone_00'],
];

/** What the nested backup adds when its password is given. */
const BACKUP_LINK: Brief = ['android.backup-sms.link', 'links', 'https://cnn.gr.com/x', 'critical', 'high', 'backup.ab!/apps/com.android.providers.telephony/d_f/000000_sms_backup'];

let oldFolder = '';
let newZip = '';
let bugreportZip = '';

beforeAll(async () => {
  const parent = newDir();
  oldFolder = buildAndroidqfFolder(parent, campaignCollection({ layout: 'old' }));
  bugreportZip = await buildBugreportZip(parent, campaignBugreport({ truncatedSection: true }));
  const nested = readFileSync(await buildBugreportZip(newDir(), campaignBugreport()));
  newZip = await buildAndroidqfZip(parent, campaignCollection({ layout: 'new', bugreport: nested }));
});

describe('exhibit check on an androidqf collection', () => {
  it('finds exactly the planted traces in the old folder layout (ps.txt in a UUID folder, plain backup)', () => {
    const run = check(oldFolder);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(OLD_LAYOUT_FINDINGS);
    expect(readJson<FindingsFile>(run.out, 'findings.json').summary).toEqual({ critical: 17, high: 4, medium: 9, low: 2, informational: 3 });
    expect(run.stdout).toContain('androidqf collection androidqf (Google Pixel 6, Android 13)');
    expect(run.stdout).toContain('Findings: 17 critical, 4 high, 9 medium, 2 low, 3 informational');
    const gatekeeperd = readJson<FindingsFile>(run.out, 'findings.json').findings.find((f) => f.matched.value === 'gatekeeperd');
    expect(gatekeeperd?.explanation).toMatch(/legitimate Android system daemon/);
  });

  it('finds exactly the planted traces in a root-level zip, with its encrypted backup, bugreport and intrusion logs', () => {
    const run = check(newZip, [], { EXHIBIT_BACKUP_PASSWORD: BACKUP_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(NEW_LAYOUT_FINDINGS);
    const coverage = readJson<CoverageFile>(run.out, 'coverage.json');
    expect(coverage.acquisition).toEqual({ kind: 'android-androidqf', name: `${DEFAULT_UUID}.zip` });
    expect(coverage.artifacts.filter((a) => a.status !== 'parsed')).toEqual([]);
    expect(coverage.acquisition_problems).toEqual([]);
    expect(artifact(run.out, 'backup_sms')?.records).toBe(3);
  });

  it('gives byte-identical findings and records on a second run', () => {
    const first = check(newZip, [], { EXHIBIT_BACKUP_PASSWORD: BACKUP_PASSWORD });
    const second = check(newZip, [], { EXHIBIT_BACKUP_PASSWORD: BACKUP_PASSWORD });
    for (const file of ['findings.json', 'timeline.csv', 'records/aqf_files.jsonl', 'records/backup_sms.jsonl', 'records/dumpsys_packages.jsonl']) {
      expect(readFileSync(join(second.out, file), 'utf8'), file).toBe(readFileSync(join(first.out, file), 'utf8'));
    }
    expect(readFileSync(join(first.out, 'findings.json'), 'utf8')).not.toContain(newZip);
  });

  it('checks the rest and says how to give the password when the backup in the collection is encrypted', () => {
    const run = check(newZip);
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(NEW_LAYOUT_FINDINGS.filter((f) => f !== NEW_LAYOUT_FINDINGS.find((g) => g[0] === BACKUP_LINK[0])));
    const message = 'backup.ab is encrypted, so it was not read; give its password with --password-file FILE, --password or the EXHIBIT_BACKUP_PASSWORD environment variable.';
    expect(artifact(run.out, 'backup_sms')).toMatchObject({ status: 'failed', records: 0, message, issues: [{ code: 'unreadable', path: 'backup.ab', message }] });
    expect(readJson<CoverageFile>(run.out, 'coverage.json').acquisition_problems).toEqual([{ path: 'backup.ab', code: 'encrypted', message }]);
  });

  it('decrypts an age-encrypted collection with its identity and finds the same traces', async () => {
    const identity = await generateX25519Identity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(identity));
    const dir = newDir();
    const encrypted = join(dir, `${DEFAULT_UUID}.zip.age`);
    writeFileSync(encrypted, await encrypter.encrypt(new Uint8Array(readFileSync(newZip))));
    const keyFile = join(dir, 'key.txt');
    writeFileSync(keyFile, `# created: 2024-04-30\n${identity}\n`);
    const run = check(encrypted, ['--age-identity', keyFile], { EXHIBIT_BACKUP_PASSWORD: BACKUP_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(NEW_LAYOUT_FINDINGS);
    expect(readFileSync(join(run.out, 'findings.json'), 'utf8')).not.toContain(identity);

    const other = join(dir, 'other.txt');
    writeFileSync(other, `${await generateX25519Identity()}\n`);
    const wrong = check(encrypted, ['--age-identity', other]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim()).toBe(`exhibit: The age identity does not unlock ${DEFAULT_UUID}.zip.age; give the key.txt whose recipient androidqf encrypted it to.`);
  });

  it('stops with one sentence when the backup password is wrong', () => {
    const run = check(newZip, [], { EXHIBIT_BACKUP_PASSWORD: 'not it' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('exhibit: The password does not unlock this backup; check that it is the password typed on the phone when the backup was made, and try again.');
  });

  it('lists traversal members of a zip as problems and checks the rest', () => {
    const zip = join(newDir(), 'hostile.zip');
    writeFileSync(
      zip,
      rawZip([
        { name: 'getprop.txt', content: Buffer.from('[sys.brand.note]: [1]\n') },
        { name: 'ps.txt', content: Buffer.from('USER PID PPID VSZ RSS WCHAN ADDR S NAME\nroot 1 0 1 1 0 0 S init\n') },
        { name: '../../outside.txt', content: Buffer.from('x') },
        { name: 'logs/..\\..\\evil', content: Buffer.from('x') },
      ]),
    );
    const run = check(zip);
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual([['android.getprop.property', 'name', 'sys.brand.note', 'critical', 'high', 'getprop.txt']]);
    expect(readJson<CoverageFile>(run.out, 'coverage.json').acquisition_problems.map((p) => [p.path, p.code])).toEqual([
      ['../../outside.txt', 'unsafe-path'],
      ['logs/..\\..\\evil', 'unsafe-path'],
    ]);
  });

  it('asks for the age identity of an age-encrypted collection, in one sentence', () => {
    const path = join(newDir(), `${DEFAULT_UUID}.zip.age`);
    writeFileSync(path, 'age-encryption.org/v1\n-> X25519 abc\n');
    const run = check(path);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `exhibit: ${DEFAULT_UUID}.zip.age is an androidqf collection encrypted with age; give the age identity file it was encrypted to (androidqf's key.txt) with --age-identity FILE.`,
    );
  });
});

describe('exhibit check on a bugreport', () => {
  it('finds the traces in the dumpstate text and tombstones, and reports the cut-off section', () => {
    const run = check(bugreportZip);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(BUGREPORT_FINDINGS);
    expect(artifact(run.out, 'dumpsys_appops')).toMatchObject({
      status: 'parsed',
      records: 1,
      issues: [
        {
          code: 'corrupt',
          path: 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt',
          message: 'the dumpsys appops section (line 29) stops at the next dumpstate block without its closing line; what it holds was read',
        },
      ],
    });
    expect(readJson<CoverageFile>(run.out, 'coverage.json').cannot_show.join(' ')).toMatch(/bugreport/);
  });
});

describe('exhibit check on an Android backup (.ab)', () => {
  const expected: Brief[] = [['android.backup-sms.link', 'links', 'https://cnn.gr.com/x', 'critical', 'high', 'apps/com.android.providers.telephony/d_f/000000_sms_backup']];

  it.each([
    ['plain', false],
    ['encrypted', true],
  ])('checks the messages of a %s backup', (name, encrypted) => {
    const dir = newDir();
    const path = join(dir, `${name}.ab`);
    writeFileSync(path, campaignBackup(encrypted, 'new'));
    const passwordFile = join(dir, 'password.txt');
    writeFileSync(passwordFile, `${BACKUP_PASSWORD}\n`);
    const run = check(path, encrypted ? ['--password-file', passwordFile] : []);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(expected);
  });

  it('names the password options for an encrypted backup without one', () => {
    const path = join(newDir(), 'locked.ab');
    writeFileSync(path, campaignBackup(true, 'new'));
    const run = check(path);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'exhibit: This Android backup is encrypted; give its password with --password-file FILE, --password (asked for without echo) or the EXHIBIT_BACKUP_PASSWORD environment variable.',
    );
  });

  it('reports a truncated backup in the coverage and checks what came before the cut', () => {
    const path = join(newDir(), 'cut.ab');
    const members = telephonyMembers([{ address: '+39', body: 'https://cnn.gr.com/x', date: 1_709_650_000_000 }]);
    members.push({ name: 'apps/com.android.providers.telephony/f/big', content: Buffer.alloc(50_000, 7) });
    writeFileSync(path, truncated(buildAb({ version: 5, compressed: false, members }), 0.5));
    const run = check(path);
    expect(run.status).toBe(1);
    expect(brief(run.out)).toEqual(expected);
    const sms = artifact(run.out, 'backup_sms');
    expect(sms?.status).toBe('parsed');
    expect(sms?.issues.map((i) => [i.code, i.path])).toEqual([['corrupt', 'cut.ab']]);
    expect(sms?.issues[0]?.message).toMatch(/^cut\.ab ends in the middle of a member; it is truncated/);
  });
});
