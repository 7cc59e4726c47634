/**
 * The running processes of an androidqf collection, from whichever list it holds:
 * `processes.json` (the collector's /proc read), `processes.txt` or the older `ps.txt`. Each
 * name is checked as an app id (app processes are named after their package) and as a
 * process name.
 */
import { posix } from 'node:path';
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, Locator } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { describeError } from '../../errors.js';
import { parseJsonItems } from './parsers/json-values.js';
import { appIdOfProcess, parsePsTable, readProcessJson, type ProcessEntry } from './parsers/processes.js';
import { presentFiles, readTextInput } from './read-input.js';

export const AQF_PROCESSES_PATHS = ['processes.json', 'processes.txt', 'ps.txt'] as const;

function record(entry: ProcessEntry, digest: FileDigest, format: string, locator: Locator): ArtifactRecord {
  const names = new Set<string>([entry.name]);
  if (entry.path) names.add(posix.basename(entry.path));
  const first = entry.commandLine[0];
  if (first) names.add(posix.basename(first));
  return makeRecord('aqf_processes', {
    process_name: entry.name,
    process_names: [...names].filter((n) => n !== ''),
    app_id: appIdOfProcess(entry.name),
    kernel_thread: entry.kernelThread,
    pid: entry.pid,
    ppid: entry.ppid,
    user: entry.user,
    uid: entry.uid,
    label: entry.label,
    state: entry.state,
    path: entry.path,
    command_line: entry.commandLine,
    cwd: entry.cwd,
    source_format: format,
  }, originOf(digest, locator));
}

export function* readProcessesJson(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const { items, format, badLines } = parseJsonItems(text);
  if (badLines.length > 0) context.issue({ code: 'corrupt', path: digest.path, message: `${badLines.length} line(s) are not JSON (first: line ${badLines[0]}); the other processes were read` });
  for (const item of items) {
    const entry = readProcessJson(item.value, item.index);
    if (!entry) continue;
    const locator: Locator = format === 'lines' ? { kind: 'json', path: [], line: item.line ?? 0 } : { kind: 'json', path: [String(item.index)] };
    yield record(entry, digest, 'processes.json', locator);
  }
}

export function* readPsText(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const table = parsePsTable(text);
  if (!table) {
    context.issue({ code: 'unsupported-schema', path: digest.path, message: `unsupported schema: ${digest.path} has no ps header line naming PID and NAME columns` });
    return;
  }
  if (table.badLines.length > 0) {
    context.issue({ code: 'corrupt', path: digest.path, message: `${table.badLines.length} line(s) do not fit the ps columns (first: line ${table.badLines[0]}); the other processes were read` });
  }
  const format = posix.basename(digest.path);
  for (const entry of table.processes) yield record(entry, digest, format, { kind: 'line', line: entry.line ?? 0 });
}

export const aqfProcessesExtractor: Extractor = {
  id: 'aqf_processes',
  title: 'Running processes (androidqf processes.json, processes.txt or ps.txt)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': AQF_PROCESSES_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    for (const path of presentFiles(source, AQF_PROCESSES_PATHS)) {
      const input = await readTextInput(source, path, context);
      if (!input) continue;
      try {
        yield* path.endsWith('.json') ? readProcessesJson(input.text, input.digest, context) : readPsText(input.text, input.digest, context);
      } catch (error) {
        context.issue({ code: 'corrupt', path, message: `${path} cannot be parsed (${describeError(error)})` });
      }
    }
  },
};
