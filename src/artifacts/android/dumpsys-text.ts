/**
 * Where dumpsys output lives in each Android acquisition, and reading it once per file:
 * androidqf's `dumpsys.txt`, and a bugreport's main entry (named by `main_entry.txt`, else
 * `dumpState_*.log`, `bugreport-*.txt`, `dumpstate.txt`) — at the root of a bugreport, or
 * inside the `bugreport.zip` an androidqf collection holds (mounted at `bugreport.zip!/`).
 * Every dumpsys artifact shares this, so a section is parsed the same from either place.
 */
import type { AcquisitionKind, FileDigest, Source } from '../../acquisition/source.js';
import type { ExtractContext } from '../types.js';
import { describeError } from '../../errors.js';
import { decodeText } from './parsers/text-lines.js';
import { splitDumpsysSections, systemPropertiesLines, type DumpsysSection } from './parsers/dumpsys-sections.js';
import { parseGetpropLines, propertyMap } from './parsers/getprop.js';
import { isKnownZone, type LocalZone } from './parsers/local-time.js';

/** A bugreport's main-entry candidates, relative to the bugreport's root. */
const MAIN_ENTRY_PATTERNS = ['dumpState_*.log', 'bugreport-*.txt', 'dumpstate.txt', 'dumpstate-*.txt'];

/** Paths the dumpsys artifacts declare, per acquisition kind. */
export const DUMPSYS_PATHS: Partial<Record<AcquisitionKind, readonly string[]>> = {
  'android-androidqf': ['dumpsys.txt', ...['main_entry.txt', ...MAIN_ENTRY_PATTERNS].map((p) => `*bugreport.zip!/${p}`)],
  'android-bugreport': ['main_entry.txt', ...MAIN_ENTRY_PATTERNS, 'dumpsys.txt'],
};

/** Largest dumpsys text read (bugreports of busy phones reach a few hundred MiB). */
const MAX_TEXT_BYTES = 512 * 1024 * 1024;

/** The main entry of the bugreport whose root is `prefix` ('' or `bugreport.zip!/`), or null. */
async function mainEntry(source: Source, prefix: string, context: ExtractContext): Promise<string | null> {
  const pointer = `${prefix}main_entry.txt`;
  if (source.hasContent(pointer)) {
    try {
      const { bytes } = await source.readFile(pointer, { maxBytes: 4096 });
      const named = decodeText(bytes).trim();
      if (named !== '' && !named.includes('..') && source.hasContent(`${prefix}${named}`)) return `${prefix}${named}`;
      context.issue({ code: 'missing-file', path: pointer, message: `main_entry.txt names "${named.slice(0, 80)}", which is not in the bugreport; another dumpstate text is looked for` });
    } catch (error) {
      context.issue({ code: 'unreadable', path: pointer, message: describeError(error) });
    }
  }
  for (const pattern of MAIN_ENTRY_PATTERNS) {
    const found = source.find(`${prefix}${pattern}`).find((entry) => entry.type === 'file' && source.hasContent(entry.path));
    if (found) return found.path;
  }
  return null;
}

/** Every file holding dumpsys sections in this acquisition, in a stable order. */
export async function dumpsysTextPaths(source: Source, context: ExtractContext): Promise<string[]> {
  const paths: string[] = [];
  if (source.kind === 'android-bugreport') {
    const main = await mainEntry(source, '', context);
    if (main) paths.push(main);
    else if (source.hasContent('dumpsys.txt')) paths.push('dumpsys.txt');
    return paths;
  }
  if (source.hasContent('dumpsys.txt')) paths.push('dumpsys.txt');
  const mounts = source.find('*bugreport.zip!').filter((entry) => entry.type === 'directory');
  for (const mount of mounts) {
    const main = await mainEntry(source, `${mount.path}/`, context);
    if (main) paths.push(main);
  }
  return paths;
}

export interface DumpsysText {
  path: string;
  digest: FileDigest;
  text: string;
  sections: DumpsysSection[];
  /** The device's zone for the local times in this text. */
  zone: LocalZone;
}

/** The device zone named by properties (`persist.sys.timezone`), when Node.js knows it. */
export function zoneFromProperties(props: ReadonlyMap<string, string>): LocalZone {
  const zone = props.get('persist.sys.timezone')?.trim();
  return { zone: zone && isKnownZone(zone) ? zone : null };
}

/**
 * Reads each dumpsys text in turn; an unreadable one becomes an issue and the others go on.
 * `fallbackZone` is used when the text itself holds no SYSTEM PROPERTIES block (androidqf's
 * dumpsys.txt; its getprop.txt gives the zone).
 */
export async function* eachDumpsysText(source: Source, context: ExtractContext, fallbackZone: LocalZone): AsyncGenerator<DumpsysText> {
  for (const path of await dumpsysTextPaths(source, context)) {
    let read: { bytes: Buffer; digest: FileDigest };
    try {
      read = await source.readFile(path, { maxBytes: MAX_TEXT_BYTES });
    } catch (error) {
      context.issue({ code: 'unreadable', path, message: describeError(error) });
      continue;
    }
    const text = decodeText(read.bytes);
    const propertyLines = systemPropertiesLines(text);
    let zone = fallbackZone;
    if (propertyLines) {
      const own = zoneFromProperties(propertyMap(parseGetpropLines(propertyLines).properties));
      if (own.zone !== null) zone = own;
    }
    yield { path, digest: read.digest, text, sections: splitDumpsysSections(text), zone };
  }
}
