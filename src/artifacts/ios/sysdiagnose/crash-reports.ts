/**
 * Crash, hang and resource reports (`crashes_and_spins/**\/*.ips`): a JSON header line
 * (`bug_type`, `timestamp` with its own offset, `os_version`, `incident_id`), then a body —
 * JSON for iOS 15+ crashes (bug type 309: `procName`, `procPath`, `parentProc`,
 * `responsibleProc`, `coalitionName`), `Key: value` text for older ones (109). Exploits and
 * implants crash too: Amnesty found Pegasus's `bh` in crash logs. Jetsam and stackshot
 * reports list every process alive at that moment, a process list from another time.
 */
import { posix } from 'node:path';
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, RecordFields } from '../../types.js';
import { filesWithContent, makeRecord, originOf } from '../../locate.js';
import { isObject, num, text as jsonText, type JsonObject } from '../../android/parsers/json-values.js';
import { readTextFile } from './text-file.js';
import { isoFromOffsetStamp } from './local-time.js';

export const SYSDIAGNOSE_CRASH_REPORTS_ARTIFACT = 'sysdiagnose_crash_reports';
export const SYSDIAGNOSE_CRASH_REPORTS_PATHS = ['crashes_and_spins/**/*.ips'] as const;

/** Apple's `bug_type` codes, in words. */
export const BUG_TYPE_NAMES: Readonly<Record<string, string>> = {
  '109': 'crash',
  '309': 'crash',
  '288': 'stackshot',
  '298': 'jetsam (memory pressure)',
  '142': 'CPU resource limit',
  '145': 'wakeups resource limit',
  '202': 'watchdog',
  '210': 'kernel panic',
};

/** `Key: value` lines at the top of a text report, first occurrence of each key. */
function textHeaderFields(body: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of body.split('\n').slice(0, 120)) {
    const match = /^([A-Za-z][A-Za-z /]*[A-Za-z]):\s+(.*?)\s*$/.exec(line);
    if (match && !found.has(match[1] ?? '')) found.set(match[1] ?? '', match[2] ?? '');
  }
  return found;
}

/** `bh [1234]` → name and pid. */
function nameAndPid(value: string | undefined): { name: string | null; pid: number | null } {
  if (value === undefined || value.trim() === '') return { name: null, pid: null };
  const match = /^(.*?)\s*\[(\d+)\]$/.exec(value.trim());
  if (!match) return { name: value.trim(), pid: null };
  return { name: match[1] === '' ? null : (match[1] ?? null), pid: Number(match[2]) };
}

function objectAt(object: JsonObject | null, key: string): JsonObject | null {
  const value = object?.[key];
  return isObject(value) ? value : null;
}

/** Process names a jetsam (`processes[].name`) or stackshot (`processByPid.*.procname`) report lists. */
function listedProcesses(body: JsonObject | null): string[] {
  const names = new Set<string>();
  const processes = body?.['processes'];
  if (Array.isArray(processes)) {
    for (const entry of processes) if (isObject(entry)) {
      const name = jsonText(entry, 'name');
      if (name) names.add(name);
    }
  }
  const byPid = objectAt(body, 'processByPid');
  if (byPid) {
    for (const entry of Object.values(byPid)) if (isObject(entry)) {
      const name = jsonText(entry, 'procname') ?? jsonText(entry, 'name');
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

function firstOf(...values: ReadonlyArray<string | number | null | undefined>): string | null {
  for (const value of values) if (value !== null && value !== undefined && value !== '') return String(value);
  return null;
}

export function readCrashReport(content: string, digest: FileDigest, context: ExtractContext): ArtifactRecord | null {
  const newline = content.indexOf('\n');
  const headerLine = (newline < 0 ? content : content.slice(0, newline)).trim();
  let header: unknown;
  try {
    header = JSON.parse(headerLine);
  } catch {
    header = null;
  }
  if (!isObject(header)) {
    context.issue({ code: 'corrupt', path: digest.path, message: `${digest.path} does not start with a JSON header line; it was skipped` });
    return null;
  }
  const bodyText = newline < 0 ? '' : content.slice(newline + 1);
  let body: JsonObject | null = null;
  let textFields = new Map<string, string>();
  if (bodyText.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      body = isObject(parsed) ? parsed : null;
    } catch {
      context.issue({ code: 'corrupt', path: digest.path, message: `the body of ${digest.path} is not valid JSON; only its header was read` });
    }
  } else {
    textFields = textHeaderFields(bodyText);
  }

  const bugType = jsonText(header, 'bug_type');
  const textProcess = nameAndPid(textFields.get('Process'));
  const textParent = nameAndPid(textFields.get('Parent Process'));
  const textResponsible = nameAndPid(textFields.get('Responsible Process'));
  const textCoalition = nameAndPid(textFields.get('Coalition'));
  const exception = objectAt(body, 'exception');
  const executablePath = firstOf(body ? jsonText(body, 'procPath') : null, textFields.get('Path'));
  const isPath = executablePath?.startsWith('/') ?? false;
  const listed = listedProcesses(body);
  // A text report's Identifier is the bundle id for apps and the bare name for daemons.
  const identifier = textFields.get('Identifier');
  const textBundleId = identifier !== undefined && identifier.includes('.') ? identifier : null;

  const fields: RecordFields = {
    file_name: posix.basename(digest.path),
    bug_type: bugType,
    bug_type_name: bugType === null ? null : (BUG_TYPE_NAMES[bugType] ?? null),
    report_name: jsonText(header, 'name'),
    app_name: jsonText(header, 'app_name'),
    bundle_id: firstOf(jsonText(header, 'bundleID'), body ? jsonText(objectAt(body, 'bundleInfo') ?? {}, 'CFBundleIdentifier') : null, textBundleId),
    process: firstOf(body ? jsonText(body, 'procName') : null, textProcess.name),
    pid: body && num(body, 'pid') !== null ? num(body, 'pid') : textProcess.pid,
    executable_path: isPath ? executablePath : null,
    executable_folder: isPath && executablePath ? posix.dirname(executablePath) : null,
    parent_process: firstOf(body ? jsonText(body, 'parentProc') : null, textParent.name),
    parent_pid: body && num(body, 'parentPid') !== null ? num(body, 'parentPid') : textParent.pid,
    responsible_process: firstOf(body ? jsonText(body, 'responsibleProc') : null, textResponsible.name),
    coalition: firstOf(body ? jsonText(body, 'coalitionName') : null, textCoalition.name),
    exception_type: firstOf(exception ? jsonText(exception, 'type') : null, textFields.get('Exception Type')),
    os_version: firstOf(jsonText(header, 'os_version'), textFields.get('OS Version')),
    incident_id: firstOf(jsonText(header, 'incident_id'), body ? jsonText(body, 'incident') : null, textFields.get('Incident Identifier')),
    listed_processes: listed,
  };
  const stamp = firstOf(jsonText(header, 'timestamp'), body ? jsonText(body, 'captureTime') : null, textFields.get('Date/Time'));
  return makeRecord(SYSDIAGNOSE_CRASH_REPORTS_ARTIFACT, fields, originOf(digest, { kind: 'file' }), [
    { at: stamp === null ? null : isoFromOffsetStamp(stamp), meaning: 'recorded' },
  ]);
}

export const sysdiagnoseCrashReportsExtractor: Extractor = {
  id: SYSDIAGNOSE_CRASH_REPORTS_ARTIFACT,
  title: 'Crash, hang and resource reports (sysdiagnose crashes_and_spins/*.ips)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_CRASH_REPORTS_PATHS },
  async *extract(source, context) {
    for (const file of filesWithContent(source, SYSDIAGNOSE_CRASH_REPORTS_PATHS, context)) {
      const input = await readTextFile(source, file.path, context);
      if (!input) continue;
      const record = readCrashReport(input.text, input.digest, context);
      if (record) yield record;
    }
  },
};
