import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build as buildXmlPlist } from 'plist';
import { buildFsDump, type DumpPackaging, type FsDumpSpec } from '../../test/builders/ios-fs.js';
import { writeTreeTar } from '../../test/builders/archives.js';
import { tempDirs } from '../../test/support/temp.js';
import { openAcquisition } from './detect.js';
import { WorkingDir } from './working-dir.js';
import type { OpenedAcquisition, OpenOptions } from './acquisition.js';
import { namesLookLikeDump } from './ios-fs-open.js';
import { tarMemberNames } from './tar-names.js';

const temp = tempDirs();

const SYSTEM_VERSION = buildXmlPlist({ ProductName: 'iPhone OS', ProductVersion: '17.5.1', ProductBuildVersion: '21F90' });

const DUMP: FsDumpSpec = {
  nodes: [
    { path: 'System/Library/CoreServices/SystemVersion.plist', content: SYSTEM_VERSION },
    { path: 'private/var/mobile/Library/SMS/sms.db', content: 'not really sqlite' },
    { path: 'private/var/tmp/hooker', content: 'x' },
    { path: 'private/var/db/diagnostics/shutdown.log', content: 'SIGTERM: [1626512345]\n' },
  ],
};

async function opened<T>(path: string, use: (acquisition: OpenedAcquisition) => Promise<T> | T, extra: Partial<OpenOptions> = {}): Promise<T> {
  const workDir = WorkingDir.create();
  try {
    const acquisition = await openAcquisition(path, { workDir, ...extra });
    try {
      return await use(acquisition);
    } finally {
      acquisition.source.close();
    }
  } finally {
    workDir.remove();
  }
}

describe('opening an iOS file-system dump', () => {
  const packagings: DumpPackaging[] = ['folder', 'zip', 'tar', 'tar.gz'];
  for (const packaging of packagings) {
    for (const prefix of ['', 'iPhone-FFS/']) {
      it(`recognises a ${packaging} with private/var ${prefix === '' ? 'at its root' : 'one folder down'}`, async () => {
        const path = await buildFsDump(temp(), { ...DUMP, prefix }, packaging);
        await opened(path, ({ info, source }) => {
          expect(info.kind).toBe('ios-fs');
          expect(info.device).toEqual({ productName: 'iPhone OS', productVersion: '17.5.1', buildVersion: '21F90' });
          expect(source.find('private/var/tmp/*').map((entry) => entry.path)).toEqual(['private/var/tmp/hooker']);
          expect(source.hasContent('private/var/db/diagnostics/shutdown.log')).toBe(true);
        });
      });
    }
  }

  it('keeps only the wanted files of a tar, and still lists and hashes every member', async () => {
    const metadata = 'private/var/mobile/Containers/Data/Application/0D1C2B3A-4958-4677-8695-A4B3C2D1E0F9/.com.apple.mobile_container_manager.metadata.plist';
    const path = await buildFsDump(temp(), { nodes: [...DUMP.nodes, { path: metadata, content: buildXmlPlist({ MCMMetadataIdentifier: 'com.apple.mobilesafari' }) }] }, 'tar.gz');
    await opened(
      path,
      async ({ source }) => {
        expect(source.stat('private/var/tmp/hooker')?.type).toBe('file');
        expect((await source.readFile('private/var/db/diagnostics/shutdown.log')).bytes.toString()).toBe('SIGTERM: [1626512345]\n');
        await expect(source.readFile('private/var/tmp/hooker')).rejects.toThrow(/not kept/i);
        // Container owners are kept whatever the extractors ask for: several of them name apps by it.
        expect(source.hasContent(metadata)).toBe(true);
        expect((await source.readPlist(metadata)).value).toEqual({ MCMMetadataIdentifier: 'com.apple.mobilesafari' });
      },
      { wanted: () => ['private/var/db/diagnostics/shutdown*.log'] },
    );
  });

  it('refuses to guess between two dumps side by side', async () => {
    const parent = temp();
    await buildFsDump(parent, { ...DUMP, prefix: 'phone-a/' }, 'folder', 'two');
    await buildFsDump(parent, { ...DUMP, prefix: 'phone-b/' }, 'folder', 'two');
    await expect(opened(join(parent, 'two'), () => undefined)).rejects.toThrow('This holds 2 file-system dumps (phone-a, phone-b); point Exhibit at one of them.');
  });

  it('does not take a folder or tar without private/var for a dump', async () => {
    const parent = temp();
    mkdirSync(join(parent, 'var', 'mobile'), { recursive: true });
    writeFileSync(join(parent, 'var', 'mobile', 'x'), 'x');
    await expect(opened(parent, () => undefined)).rejects.toThrow(/is not an acquisition Exhibit reads/);
    const tar = writeTreeTar(join(temp(), 'other.tar'), { nodes: [{ path: 'private/etc/hosts', content: '127.0.0.1 localhost\n' }] });
    await expect(opened(tar, () => undefined)).rejects.toThrow(/is not an acquisition Exhibit reads/);
  });
});

describe('tar member names for recognition', () => {
  it('reads names from plain and gzipped tars, GNU long names included', async () => {
    const long = `private/var/mobile/Containers/Data/Application/${'A'.repeat(120)}/Library/Caches/Cache.db`;
    const spec: FsDumpSpec = { nodes: [{ path: long, content: 'x' }] };
    for (const packaging of ['tar', 'tar.gz'] as const) {
      const names = tarMemberNames(await buildFsDump(temp(), spec, packaging)) ?? [];
      expect(names).toContain(long);
    }
  });

  it('returns null for a file that is not a tar', () => {
    const file = join(temp(), 'notes.txt');
    writeFileSync(file, 'x'.repeat(4096));
    expect(tarMemberNames(file)).toBeNull();
  });

  it('sees private/var only at the root or one folder down', () => {
    expect(namesLookLikeDump(['./private/var/mobile/'])).toBe(true);
    expect(namesLookLikeDump(['dump/private/var/'])).toBe(true);
    expect(namesLookLikeDump(['a/b/private/var/'])).toBe(false);
    expect(namesLookLikeDump(['private/varx/'])).toBe(false);
  });
});
