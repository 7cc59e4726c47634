import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build as buildXmlPlist } from 'plist';
import { writeTreeFolder, writeTreeTar, type TreeSpec } from '../../test/builders/archives.js';
import { tempDirs } from '../../test/support/temp.js';
import { openAcquisition } from './detect.js';
import { WorkingDir } from './working-dir.js';
import type { OpenedAcquisition } from './acquisition.js';
import { parseSysdiagnoseName } from './ios-sysdiagnose-open.js';

const temp = tempDirs();
const FOLDER = 'sysdiagnose_2026.01.02_10-11-12+0100_iPhone-OS_iPhone_23B85';

function tree(folder: string): TreeSpec {
  return {
    nodes: [
      { path: `${folder}/sysdiagnose.log`, content: 'sysdiagnose started\n' },
      { path: `${folder}/ps.txt`, content: 'USER UID PID COMMAND\n' },
      { path: `${folder}/system_logs.logarchive/Extra/shutdown.log`, content: 'SIGTERM: [1767345072]\n' },
      { path: `${folder}/logs/SystemVersion/SystemVersion.plist`, content: buildXmlPlist({ ProductVersion: '26.1', ProductBuildVersion: '23B85' }) },
    ],
  };
}

async function opened<T>(path: string, use: (acquisition: OpenedAcquisition) => T): Promise<T> {
  const workDir = WorkingDir.create();
  try {
    const acquisition = await openAcquisition(path, { workDir });
    try {
      return use(acquisition);
    } finally {
      acquisition.source.close();
    }
  } finally {
    workDir.remove();
  }
}

describe('sysdiagnose names', () => {
  it('gives the UTC time, the zone and the build', () => {
    expect(parseSysdiagnoseName(`${FOLDER}.tar.gz`)).toEqual({
      takenAt: '2026-01-02T09:11:12.000000Z',
      timeZone: { offsetMinutes: 60, label: '+0100' },
      build: '23B85',
    });
    expect(parseSysdiagnoseName('sysdiagnose_2025.12.31_22-30-00-0800.tar.gz')).toEqual({
      takenAt: '2026-01-01T06:30:00.000000Z',
      timeZone: { offsetMinutes: -480, label: '-0800' },
    });
    expect(parseSysdiagnoseName('sysdiagnose_2025.06.01_05-00-00+0530_iPhone-OS_iPhone_22F76')?.takenAt).toBe('2025-05-31T23:30:00.000000Z');
  });

  it('refuses impossible dates and zones rather than guess', () => {
    expect(parseSysdiagnoseName('sysdiagnose_2025.02.30_10-00-00+0100.tar.gz')).toBeUndefined();
    expect(parseSysdiagnoseName('sysdiagnose_2025.01.01_25-00-00+0100.tar.gz')).toBeUndefined();
    expect(parseSysdiagnoseName('sysdiagnose_2025.01.01_10-00-00+1900.tar.gz')).toBeUndefined();
    expect(parseSysdiagnoseName('backup_2025.01.01_10-00-00+0100.tar.gz')).toBeUndefined();
  });
});

describe('opening a sysdiagnose', () => {
  it('opens the .tar.gz the phone wrote, rooted at its folder, with the zone from its name', async () => {
    const archive = writeTreeTar(join(temp(), `${FOLDER}.tar.gz`), tree(FOLDER), { gzip: true });
    await opened(archive, ({ info, source }) => {
      expect(info).toEqual({
        kind: 'ios-sysdiagnose',
        name: `${FOLDER}.tar.gz`,
        device: { productVersion: '26.1', buildVersion: '23B85' },
        takenAt: '2026-01-02T09:11:12.000000Z',
        timeZone: { offsetMinutes: 60, label: '+0100' },
      });
      expect(source.hasContent('system_logs.logarchive/Extra/shutdown.log')).toBe(true);
      expect(source.find('*.txt').map((entry) => entry.path)).toEqual(['ps.txt']);
    });
  });

  it('opens a renamed archive by its contents, taking the zone from the folder inside', async () => {
    const archive = writeTreeTar(join(temp(), 'from-the-phone.tgz'), tree(FOLDER), { gzip: true });
    await opened(archive, ({ info }) => {
      expect(info.kind).toBe('ios-sysdiagnose');
      expect(info.timeZone).toEqual({ offsetMinutes: 60, label: '+0100' });
    });
  });

  it('opens the extracted folder, or the folder that holds it', async () => {
    const parent = writeTreeFolder(join(temp(), 'case-17'), tree(FOLDER));
    for (const path of [parent, join(parent, FOLDER)]) {
      await opened(path, ({ info, source }) => {
        expect(info.kind).toBe('ios-sysdiagnose');
        expect(info.takenAt).toBe('2026-01-02T09:11:12.000000Z');
        expect(source.hasContent('sysdiagnose.log')).toBe(true);
      });
    }
  });

  it('leaves the zone unknown when neither the name nor the folder says it', async () => {
    const archive = writeTreeTar(join(temp(), 'diagnostics.tar.gz'), tree('diagnostics'), { gzip: true });
    await opened(archive, ({ info }) => {
      expect(info.kind).toBe('ios-sysdiagnose');
      expect(info.timeZone).toBeUndefined();
      expect(info.takenAt).toBeUndefined();
    });
  });
});
