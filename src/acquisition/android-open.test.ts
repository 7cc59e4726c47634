import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAndroidqfFolder, buildAndroidqfZip, DEFAULT_UUID } from '../../test/builders/android/androidqf.js';
import { buildBugreportZip } from '../../test/builders/android/bugreport.js';
import { buildAb, telephonyMembers } from '../../test/builders/android/ab-backup.js';
import { rawZip, truncated } from '../../test/builders/archives.js';
import { BACKUP_PASSWORD, campaignBugreport, campaignCollection } from '../../test/scenarios/android.js';
import { withAcquisition } from '../../test/support/acquisition-source.js';
import { AB_NO_PASSWORD_MESSAGE, AB_WRONG_PASSWORD_MESSAGE } from './android-backup-open.js';

const dir = mkdtempSync(join(tmpdir(), 'exhibit-android-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TELEPHONY = 'apps/com.android.providers.telephony/d_f/000000_sms_backup';
const members = telephonyMembers([{ address: '+39', body: 'https://cnn.gr.com/x', date: 1_709_650_000_000 }]);

function paths(entries: Iterable<{ path: string }>): string[] {
  return [...entries].map((e) => e.path);
}

describe('androidqf collections', () => {
  it('opens the old folder layout re-rooted at its UUID folder, with backup.ab mounted', async () => {
    const folder = buildAndroidqfFolder(join(dir, 'old'), campaignCollection({ layout: 'old' }));
    await withAcquisition(folder, async ({ source, info, root }) => {
      expect(info).toEqual({
        kind: 'android-androidqf',
        name: 'androidqf',
        device: { deviceName: 'oriole', productType: 'Pixel 6', productName: 'Google Pixel 6', productVersion: '13', buildVersion: 'TQ2A.230505.002', serialNumber: '1A2B3C4D5E' },
      });
      expect(root).toBe(join(folder, DEFAULT_UUID));
      expect(source.hasContent('getprop.txt')).toBe(true);
      expect(source.stat('backup.ab!')?.type).toBe('directory');
      expect(paths(source.find('*.ab!/apps/com.android.providers.telephony/d_f/*'))).toEqual([
        `backup.ab!/${TELEPHONY.replace('sms', 'mms')}`,
        `backup.ab!/${TELEPHONY}`,
      ]);
      const { digest } = await source.readFile(`backup.ab!/${TELEPHONY}`);
      expect(digest.stored).toBe(`backup.ab!/${TELEPHONY}`);
      const ab = source.digests().find((d) => d.path === 'backup.ab');
      expect(ab?.sha256).toBe(createHash('sha256').update(readFileSync(join(root, 'backup.ab'))).digest('hex'));
    });
  });

  it('opens a root-level zip with its encrypted backup and bugreport mounted', async () => {
    const bugreport = readFileSync(await buildBugreportZip(join(dir, 'br-src'), campaignBugreport()));
    const zip = await buildAndroidqfZip(join(dir, 'new'), campaignCollection({ layout: 'new', bugreport }));
    await withAcquisition(
      zip,
      async ({ source, info }) => {
        expect(info.kind).toBe('android-androidqf');
        expect(source.hasContent('bugreport.zip!/main_entry.txt')).toBe(true);
        expect(source.hasContent(`backup.ab!/${TELEPHONY}`)).toBe(true);
        expect(source.problems?.()).toEqual([]);
        const stored = source.digests().map((d) => d.stored);
        expect(stored).toContain('bugreport.zip');
        expect(stored).toContain('backup.ab');
      },
      { password: BACKUP_PASSWORD },
    );
  });

  it('leaves an encrypted backup unmounted without a password and says how to give it', async () => {
    const zip = await buildAndroidqfZip(join(dir, 'nopw'), campaignCollection({ layout: 'new' }));
    await withAcquisition(zip, async ({ source }) => {
      expect(source.stat('backup.ab!')).toBeUndefined();
      expect(source.problems?.()).toEqual([
        {
          path: 'backup.ab',
          code: 'encrypted',
          message: 'backup.ab is encrypted, so it was not read; give its password with --password-file FILE, --password or the EXHIBIT_BACKUP_PASSWORD environment variable.',
        },
      ]);
    });
  });

  it('stops with one sentence on a wrong backup password', async () => {
    const zip = await buildAndroidqfZip(join(dir, 'wrongpw'), campaignCollection({ layout: 'new' }));
    await expect(withAcquisition(zip, async () => undefined, { password: 'nope' })).rejects.toThrow(AB_WRONG_PASSWORD_MESSAGE);
  });

  it('refuses traversal members, and reads the rest', async () => {
    const path = join(dir, 'traversal.zip');
    writeFileSync(
      path,
      rawZip([
        { name: 'getprop.txt', content: Buffer.from('[a]: [1]\n') },
        { name: 'ps.txt', content: Buffer.from('USER PID PPID VSZ RSS WCHAN ADDR S NAME\nroot 1 0 1 1 0 0 S init\n') },
        { name: '../escape.txt', content: Buffer.from('x') },
        { name: '/etc/passwd', content: Buffer.from('x') },
      ]),
    );
    await withAcquisition(path, async ({ source }) => {
      expect(paths(source.entries())).toEqual(['getprop.txt', 'ps.txt']);
      expect(source.problems?.().map((p) => [p.path, p.code])).toEqual([
        ['../escape.txt', 'unsafe-path'],
        ['/etc/passwd', 'unsafe-path'],
      ]);
    });
  });

  it('refuses a folder holding two collections rather than guess which phone to check', async () => {
    const parent = join(dir, 'two');
    buildAndroidqfFolder(parent, { layout: 'new', files: { 'getprop.txt': '', 'ps.txt': '' } }, 'holder/a');
    buildAndroidqfFolder(parent, { layout: 'new', files: { 'getprop.txt': '', 'ps.txt': '' } }, 'holder/b');
    await expect(withAcquisition(join(parent, 'holder'), async () => undefined)).rejects.toThrow(
      'This holds 2 androidqf collections (a, b); extract or point Exhibit at one of them.',
    );
  });

  it('asks for the age identity of an age-encrypted collection', async () => {
    const path = join(dir, `${DEFAULT_UUID}.zip.age`);
    writeFileSync(path, 'age-encryption.org/v1\n-> X25519 abc\n');
    await expect(withAcquisition(path, async () => undefined)).rejects.toThrow(
      `${DEFAULT_UUID}.zip.age is an androidqf collection encrypted with age; give the age identity file it was encrypted to (androidqf's key.txt) with --age-identity FILE.`,
    );
  });
});

describe('bugreports', () => {
  it('opens a bugreport zip and names its build', async () => {
    const zip = await buildBugreportZip(join(dir, 'br'), campaignBugreport());
    await withAcquisition(zip, async ({ source, info }) => {
      expect(info).toEqual({ kind: 'android-bugreport', name: 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.zip', device: { buildVersion: 'TQ2A.230505.002' } });
      expect(source.hasContent('FS/data/tombstones/tombstone_00')).toBe(true);
    });
  });
});

describe('Android backups (.ab)', () => {
  it.each([
    ['plain', { version: 1, compressed: false, members }],
    ['compressed', { version: 5, compressed: true, members }],
    ['encrypted', { version: 5, compressed: true, password: 'pw', rounds: 300, members }],
  ])('opens a %s backup', async (_name, spec) => {
    const path = join(dir, `${_name}.ab`);
    writeFileSync(path, buildAb(spec));
    await withAcquisition(
      path,
      async ({ source, info }) => {
        expect(info).toEqual({ kind: 'android-backup', name: `${_name}.ab`, device: {}, backup: { encrypted: _name === 'encrypted' } });
        const { bytes, digest } = await source.readFile(TELEPHONY);
        expect(bytes).toEqual(members[1]!.content);
        expect(digest.stored).toBe(`${_name}.ab!/${TELEPHONY}`);
        expect(source.digests().map((d) => d.stored)).toEqual([`${_name}.ab`, `${_name}.ab!/${TELEPHONY}`]);
      },
      { password: 'pw' },
    );
  });

  it('names the password options when an encrypted backup has none', async () => {
    const path = join(dir, 'locked.ab');
    writeFileSync(path, buildAb({ password: 'pw', rounds: 100, members }));
    await expect(withAcquisition(path, async () => undefined)).rejects.toThrow(AB_NO_PASSWORD_MESSAGE);
    await expect(withAcquisition(path, async () => undefined, { password: 'bad' })).rejects.toThrow(AB_WRONG_PASSWORD_MESSAGE);
  });

  it('reads what comes before the cut of a truncated backup and reports the cut', async () => {
    const path = join(dir, 'cut.ab');
    const big = telephonyMembers([{ address: '+1', body: 'x'.repeat(20_000), date: 1_709_650_000_000 }]);
    writeFileSync(path, truncated(buildAb({ version: 5, compressed: false, members: [...members.slice(0, 1), ...big.slice(1)] }), 0.6));
    await withAcquisition(path, async ({ source }) => {
      expect(source.hasContent('apps/com.android.providers.telephony/_manifest')).toBe(true);
      expect(source.problems?.().map((p) => p.code)).toContain('truncated');
    });
  });

  it('refuses a backup whose header is cut off, in one sentence', async () => {
    const path = join(dir, 'header.ab');
    writeFileSync(path, 'ANDROID BACKUP\n5\n');
    await expect(withAcquisition(path, async () => undefined)).rejects.toThrow(
      'header.ab is not a readable Android backup: it ends before its compression line; check that the copy is complete.',
    );
  });
});
