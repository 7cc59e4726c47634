/**
 * Recognising and opening an androidqf collection: its output folder or its zip, with the
 * files at the root (current androidqf) or one folder down (older androidqf's `<UUID>/`,
 * or a zipped folder). The `bugreport.zip` and `backup.ab` it holds are mounted into the
 * same tree. An age-encrypted collection (`.zip.age`) is decrypted with the identity given.
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { AcquisitionError } from '../errors.js';
import type { AcquisitionInfo, AcquisitionOpener, DeviceInfo, OpenOptions, OpenedAcquisition } from './acquisition.js';
import { openFolderSource } from './folder-source.js';
import { openZipSource } from './zip-source.js';
import { MountedSource, type ClosableSource } from './mounted-source.js';
import { zipMemberNames } from './zip-names.js';
import { layoutRootFromNames, layoutRootInFolder, layoutRootsFromNames, layoutRootsInFolder, onlyRoot } from './android-layout.js';
import { mountNestedArchives } from './android-nested.js';
import { decryptAgeFile } from './age-decrypt.js';
import { parseGetprop, propertyMap } from '../artifacts/android/parsers/getprop.js';
import { decodeText } from '../artifacts/android/parsers/text-lines.js';

const AGE_MAGIC = 'age-encryption.org/v1';

function startsWithAge(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(AGE_MAGIC.length);
      readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.toString('latin1') === AGE_MAGIC;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function isAgeFile(input: string, stats: Stats): boolean {
  return stats.isFile() && (input.toLowerCase().endsWith('.age') || startsWithAge(input));
}

function recognise(input: string, stats: Stats): boolean {
  if (stats.isDirectory()) return layoutRootInFolder('androidqf', input) !== undefined;
  if (!stats.isFile()) return false;
  if (isAgeFile(input, stats)) return true;
  const names = zipMemberNames(input);
  return names !== null && layoutRootFromNames('androidqf', names) !== undefined;
}

/** Device facts from getprop.txt, which androidqf always collects. */
export function deviceFromProperties(props: ReadonlyMap<string, string>): DeviceInfo {
  const pick = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = props.get(name);
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const manufacturer = pick('ro.product.manufacturer', 'ro.product.vendor.manufacturer');
  const model = pick('ro.product.model', 'ro.product.vendor.model');
  const device: DeviceInfo = {
    deviceName: pick('ro.product.device', 'ro.product.name'),
    productType: model,
    productName: manufacturer && model ? `${manufacturer} ${model}` : model,
    productVersion: pick('ro.build.version.release'),
    buildVersion: pick('ro.build.id', 'ro.build.display.id'),
    serialNumber: pick('ro.serialno', 'ro.boot.serialno'),
  };
  return Object.fromEntries(Object.entries(device).filter(([, value]) => value !== undefined)) as DeviceInfo;
}

async function open(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const name = basename(input);
  const stats = statSync(input);
  if (isAgeFile(input, stats)) {
    const identity = options.secrets?.ageIdentity;
    if (identity === undefined) {
      throw new AcquisitionError(
        'ENCRYPTED_BACKUP',
        `${name} is an androidqf collection encrypted with age; give the age identity file it was encrypted to (androidqf's key.txt) with --age-identity FILE.`,
      );
    }
    options.progress?.('Decrypting the age-encrypted collection into the private working folder…');
    const plain = await decryptAgeFile(input, name, identity, options.workDir);
    return openZipCollection(plain, input, name, options);
  }
  let tree: MountedSource;
  let root: string;
  const progress = options.progress ? { progress: options.progress } : {};
  if (stats.isDirectory()) {
    const folder = onlyRoot(layoutRootsInFolder('androidqf', input), 'androidqf collections');
    root = folder === '' ? input : join(input, folder);
    const base = await openFolderSource(root, 'android-androidqf', options.workDir, progress);
    tree = new MountedSource(base, '');
    await mountNested(tree, base, '', options);
  } else {
    return openZipCollection(input, input, name, options);
  }
  const info: AcquisitionInfo = { kind: 'android-androidqf', name, device: await readDevice(tree) };
  return { root, source: tree, info };
}

/** A collection zip; `zip` may be a decrypted copy in the working folder of the `root` the user gave. */
async function openZipCollection(zip: string, root: string, name: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const progress = options.progress ? { progress: options.progress } : {};
  const baseRoot = onlyRoot(layoutRootsFromNames('androidqf', zipMemberNames(zip) ?? []), 'androidqf collections');
  const base = await openZipSource(zip, 'android-androidqf', options.workDir, progress);
  const tree = new MountedSource(base, baseRoot);
  await mountNested(tree, base, baseRoot, options);
  const info: AcquisitionInfo = { kind: 'android-androidqf', name, device: await readDevice(tree) };
  return { root, source: tree, info };
}

/** Mounts the nested archives; the Source is closed when that fails outright (a wrong password). */
async function mountNested(tree: MountedSource, base: ClosableSource, baseRoot: string, options: OpenOptions): Promise<void> {
  try {
    await mountNestedArchives(tree, base, baseRoot, options);
  } catch (error) {
    tree.close();
    throw error;
  }
}

async function readDevice(tree: MountedSource): Promise<DeviceInfo> {
  if (!tree.hasContent('getprop.txt')) return {};
  try {
    const { bytes } = await tree.readFile('getprop.txt', { maxBytes: 16 * 1024 * 1024 });
    return deviceFromProperties(propertyMap(parseGetprop(decodeText(bytes)).properties));
  } catch {
    // The getprop artifact reports an unreadable getprop.txt; the device stays unnamed here.
    return {};
  }
}

export const androidqfOpener: AcquisitionOpener = {
  label: 'an androidqf collection (its folder or .zip)',
  recognise,
  open,
};
