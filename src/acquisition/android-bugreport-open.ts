/**
 * Recognising and opening an Android bugreport: the zip `adb bugreport` writes
 * (`bugreport-<BUILD_ID>-<DATE>.zip` holding `main_entry.txt`, the dumpstate text and
 * `FS/…`), or that zip extracted to a folder. Files at the root or one folder down.
 */
import { statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { AcquisitionInfo, AcquisitionOpener, DeviceInfo, OpenOptions, OpenedAcquisition } from './acquisition.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';
import { MountedSource } from './mounted-source.js';
import { zipMemberNames } from './zip-names.js';
import { layoutRootFromNames, layoutRootInFolder, layoutRootsFromNames, layoutRootsInFolder, onlyRoot } from './android-layout.js';

function recognise(input: string, stats: Stats): boolean {
  if (stats.isDirectory()) return layoutRootInFolder('bugreport', input) !== undefined;
  if (!stats.isFile()) return false;
  const names = zipMemberNames(input);
  return names !== null && layoutRootFromNames('bugreport', names) !== undefined;
}

/** The build id in `bugreport-<product>-<BUILD_ID>-<YYYY-MM-DD-HH-MM-SS>.zip`, when the name has it. */
export function buildFromBugreportName(name: string): string | undefined {
  const match = /^bugreport-(?:.+-)?([A-Z0-9]{2,}\.[0-9A-Za-z.]+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}(?:\.zip)?$/.exec(name);
  return match?.[1];
}

async function open(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const name = basename(input);
  const progress = options.progress ? { progress: options.progress } : {};
  let root = input;
  let source: MountedSource;
  if (statSync(input).isDirectory()) {
    const folder = onlyRoot(layoutRootsInFolder('bugreport', input), 'bugreports');
    root = folder === '' ? input : join(input, folder);
    source = new MountedSource(await openFolderSource(root, 'android-bugreport', options.workDir, progress), '');
  } else {
    const baseRoot = onlyRoot(layoutRootsFromNames('bugreport', zipMemberNames(input) ?? []), 'bugreports');
    source = new MountedSource(await openZipSource(input, 'android-bugreport', options.workDir, progress), baseRoot);
  }
  const build = buildFromBugreportName(name);
  const device: DeviceInfo = build ? { buildVersion: build } : {};
  const info: AcquisitionInfo = { kind: 'android-bugreport', name, device };
  return { root, source, info };
}

export const androidBugreportOpener: AcquisitionOpener = {
  label: 'an Android bugreport (.zip or its folder)',
  recognise,
  open,
};
