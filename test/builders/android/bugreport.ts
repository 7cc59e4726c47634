/**
 * Bugreport zips as `adb bugreport` writes them (reference/artifacts.md §3.3): the main
 * dumpstate text (named by main_entry.txt), version.txt, and device files under FS/.
 */
import { join } from 'node:path';
import { writeTreeZip, writeTreeFolder, type TreeNode, type TreeSpec } from '../archives.js';
import { dumpsysText, getpropText, type DumpsysSectionSpec } from './content.js';

export const BUGREPORT_MAIN = 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.txt';

export interface BugreportSpec {
  /** Device-local time of the dumpstate banner. */
  banner?: string;
  properties?: Readonly<Record<string, string>>;
  sections?: readonly DumpsysSectionSpec[];
  /** Files under FS/, by device path without the leading '/' (e.g. data/tombstones/tombstone_00). */
  fs?: Readonly<Record<string, Buffer | string>>;
  /** Main entry name; main_entry.txt names it unless `noMainEntryFile`. */
  mainName?: string;
  noMainEntryFile?: boolean;
}

/** The main dumpstate text: banner, SYSTEM PROPERTIES block, then the DUMPSYS block. */
export function dumpstateText(spec: BugreportSpec): string {
  let out = '========================================================\n';
  out += `== dumpstate: ${spec.banner ?? '2024-04-30 11:00:00'}\n`;
  out += '========================================================\n\n';
  out += "Build: TQ2A.230505.002\nBuild fingerprint: 'google/sunfish/sunfish:13/TQ2A.230505.002/9891397:user/release-keys'\n\n";
  out += '------ SYSTEM PROPERTIES (getprop) ------\n';
  out += getpropText(spec.properties ?? {});
  out += "------ 0.041s was the duration of 'SYSTEM PROPERTIES' ------\n";
  out += '------ DUMPSYS (/system/bin/dumpsys) ------\n';
  out += dumpsysText(spec.sections ?? []);
  out += "------ 1.200s was the duration of 'DUMPSYS' ------\n";
  return out;
}

export function bugreportTree(spec: BugreportSpec): TreeSpec {
  const main = spec.mainName ?? BUGREPORT_MAIN;
  const nodes: TreeNode[] = [
    { path: main, content: dumpstateText(spec) },
    { path: 'version.txt', content: '2.0' },
    { path: 'dumpstate_log.txt', content: 'dumpstate log\n' },
  ];
  if (!spec.noMainEntryFile) nodes.push({ path: 'main_entry.txt', content: main });
  for (const [path, content] of Object.entries(spec.fs ?? {})) nodes.push({ path: `FS/${path}`, content });
  return { nodes };
}

export function buildBugreportZip(parent: string, spec: BugreportSpec, name = 'bugreport-sunfish-TQ2A.230505.002-2024-04-30-11-00-00.zip'): Promise<string> {
  return writeTreeZip(join(parent, name), bugreportTree(spec));
}

export function buildBugreportFolder(parent: string, spec: BugreportSpec, name = 'bugreport'): string {
  return writeTreeFolder(join(parent, name), bugreportTree(spec));
}
