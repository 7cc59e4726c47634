/**
 * Recognising and opening a sysdiagnose: the `.tar.gz` an iPhone writes when its volume
 * buttons and side button are held (`sysdiagnose_YYYY.MM.DD_HH-MM-SS±zzzz_<platform>_<build>.tar.gz`,
 * holding one folder of the same name), or that folder extracted. The archive is indexed
 * in one streamed pass and only the files some extractor reads are kept. Its name gives the
 * time it was taken and the phone's time zone, which the logs inside write without.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { AcquisitionInfo, AcquisitionOpener, DeviceInfo, LocalTimeZone, OpenOptions, OpenedAcquisition } from './acquisition.js';
import type { Source } from './source.js';
import { openFolderSource } from './folder-source.js';
import { openTarSource } from './tar-source.js';
import { findRoot, folderRoot, subtreeSource } from './find-root.js';
import { tarMemberNames } from './tar-names.js';
import { AcquisitionError } from '../errors.js';
import { readSystemVersion } from './system-version.js';

const NAME = /^sysdiagnose_(\d{4})\.(\d{2})\.(\d{2})_(\d{2})-(\d{2})-(\d{2})([+-])(\d{2})(\d{2})(?:_(.*?))?(?:\.tar\.gz|\.tgz|\.tar)?$/;
/** Files only a sysdiagnose has at its root. */
const MARKERS = ['sysdiagnose.log', 'system_logs.logarchive', 'ps_thread.txt'] as const;
const SYSTEM_VERSION = 'logs/SystemVersion/SystemVersion.plist';

export interface SysdiagnoseName {
  takenAt: string;
  timeZone: LocalTimeZone;
  build?: string;
}

/** What the name says: when (UTC), in which zone, on which build. Undefined for other names. */
export function parseSysdiagnoseName(name: string): SysdiagnoseName | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, sign, zoneHours, zoneMinutes, rest] = match;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  if (Math.abs(offsetMinutes) > 14 * 60 || Number(zoneMinutes) >= 60) return undefined;
  const localMillis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const local = new Date(localMillis);
  // Reject 2024.02.31 and the like rather than roll them into March.
  if (local.getUTCDate() !== Number(day) || local.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const takenAt = new Date(localMillis - offsetMinutes * 60_000).toISOString().replace('.000Z', '.000000Z');
  const parsed: SysdiagnoseName = { takenAt, timeZone: { offsetMinutes, label: `${sign}${zoneHours}${zoneMinutes}` } };
  const build = rest?.split('_').pop();
  if (build !== undefined && /^\d{1,2}[A-Z]\d{1,4}[a-z]?$/.test(build)) parsed.build = build;
  return parsed;
}

function hasMarkers(folder: string): boolean {
  return MARKERS.some((marker) => existsSync(join(folder, marker)));
}

/** The folder holding the sysdiagnose's files: the input, or its one subfolder that does. */
function rootInFolder(input: string): string | undefined {
  return folderRoot(input, hasMarkers, 'sysdiagnose folders');
}

function namesLookLikeSysdiagnose(names: readonly string[]): boolean {
  return names.some((raw) => {
    const segments = raw.replace(/^(\.\/)+/, '').split('/');
    if (segments[0] !== undefined && NAME.test(segments[0]) && segments.length > 1) return true;
    return MARKERS.includes(segments[0] as (typeof MARKERS)[number]) || MARKERS.includes(segments[1] as (typeof MARKERS)[number]);
  });
}

function recognise(input: string, stats: Stats): boolean {
  if (stats.isDirectory()) {
    try {
      return rootInFolder(input) !== undefined;
    } catch {
      return true;
    }
  }
  if (!stats.isFile()) return false;
  const names = tarMemberNames(input);
  return names !== null && namesLookLikeSysdiagnose(names);
}

async function readDevice(source: Source, fromName: SysdiagnoseName | undefined): Promise<DeviceInfo> {
  const device = await readSystemVersion(source, SYSTEM_VERSION);
  if (device.buildVersion === undefined && fromName?.build !== undefined) device.buildVersion = fromName.build;
  return device;
}

async function open(input: string, options: OpenOptions): Promise<OpenedAcquisition> {
  const name = basename(input);
  const progress = options.progress ? { progress: options.progress } : {};
  let root = input;
  let source: Source & { close(): void };
  let folderName: string;
  if (statSync(input).isDirectory()) {
    root = rootInFolder(input) ?? input;
    folderName = basename(root);
    source = await openFolderSource(root, 'ios-sysdiagnose', options.workDir, progress);
  } else {
    const wanted = [...(options.wanted?.('ios-sysdiagnose') ?? ['**']), SYSTEM_VERSION];
    const base = await openTarSource(input, 'ios-sysdiagnose', options.workDir, { ...progress, wanted });
    let prefix: string | undefined;
    try {
      prefix = findRoot(base, MARKERS, 'sysdiagnose archives');
    } catch (error) {
      base.close();
      throw error;
    }
    if (prefix === undefined) {
      base.close();
      throw new AcquisitionError('NOT_AN_ACQUISITION', `${name} holds no sysdiagnose.log or system_logs.logarchive; point Exhibit at the sysdiagnose_….tar.gz the iPhone wrote.`);
    }
    folderName = prefix.replace(/\/$/, '');
    source = subtreeSource(base, prefix);
  }
  const fromName = parseSysdiagnoseName(name) ?? parseSysdiagnoseName(folderName);
  const info: AcquisitionInfo = { kind: 'ios-sysdiagnose', name, device: await readDevice(source, fromName) };
  if (fromName) {
    info.takenAt = fromName.takenAt;
    info.timeZone = fromName.timeZone;
  }
  return { root, source, info };
}

export const iosSysdiagnoseOpener: AcquisitionOpener = {
  label: 'an iPhone sysdiagnose (its sysdiagnose_….tar.gz or folder)',
  recognise,
  open,
};
