/**
 * The tables `ps` prints into a sysdiagnose (ps.txt, ps_thread.txt): a header line naming
 * the columns, COMMAND last; values separated by runs of spaces, none of them empty, and
 * COMMAND the rest of the line (it keeps its spaces and arguments).
 */
import type { ExtractContext, FieldValue, RecordFields } from '../../types.js';
import type { FileDigest } from '../../../acquisition/source.js';
import { commandFields } from './process-command.js';

/** Record field names of the columns iOS's ps prints. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  USER: 'user',
  UID: 'uid',
  PRSNA: 'persona',
  PID: 'pid',
  PPID: 'ppid',
  F: 'flags',
  '%CPU': 'cpu_percent',
  '%MEM': 'memory_percent',
  PRI: 'priority',
  NI: 'nice',
  VSZ: 'virtual_size',
  RSS: 'resident_size',
  WCHAN: 'wait_channel',
  TT: 'terminal',
  STAT: 'state',
  STARTED: 'started',
  TIME: 'cpu_time',
  STIME: 'system_time',
  UTIME: 'user_time',
};

const INTEGER_COLUMNS = new Set(['UID', 'PID', 'PPID', 'NI', 'VSZ', 'RSS']);
const DECIMAL_COLUMNS = new Set(['%CPU', '%MEM']);

export function fieldNameOf(column: string): string {
  return FIELD_NAMES[column] ?? column.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The columns before COMMAND, when the line is a ps header naming PID and ending in COMMAND. */
export function readPsHeader(line: string): string[] | null {
  const columns = line.trim().split(/\s+/);
  if (columns.length < 2 || columns[columns.length - 1] !== 'COMMAND' || !columns.includes('PID')) return null;
  return columns.slice(0, -1);
}

/** The first `count` space-separated values and the rest of the line; null when too short. */
export function splitPsRow(line: string, count: number): { values: string[]; command: string } | null {
  const values: string[] = [];
  let position = 0;
  for (let i = 0; i < count; i++) {
    while (position < line.length && (line[position] === ' ' || line[position] === '\t')) position += 1;
    const start = position;
    while (position < line.length && line[position] !== ' ' && line[position] !== '\t') position += 1;
    if (position === start) return null;
    values.push(line.slice(start, position));
  }
  return { values, command: line.slice(position).trim() };
}

function columnValue(column: string, value: string): FieldValue {
  if (INTEGER_COLUMNS.has(column) && /^-?\d+$/.test(value)) return Number(value);
  if (DECIMAL_COLUMNS.has(column) && /^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** The values as record fields; null when the PID is not a number (a line that is not a row). */
export function psColumnFields(columns: readonly string[], values: readonly string[]): RecordFields | null {
  const fields: RecordFields = {};
  columns.forEach((column, index) => {
    fields[fieldNameOf(column)] = columnValue(column, values[index] ?? '');
  });
  return typeof fields['pid'] === 'number' ? fields : null;
}

/** One process line as record fields (its columns and its command split), or null when it does not fit. */
export function processLineFields(header: readonly string[], line: string): RecordFields | null {
  const row = splitPsRow(line, header.length);
  const columns = row && row.command !== '' ? psColumnFields(header, row.values) : null;
  return row && columns ? { ...columns, ...commandFields(row.command) } : null;
}

export function reportBadPsLines(context: ExtractContext, digest: FileDigest, badLines: readonly number[]): void {
  if (badLines.length === 0) return;
  context.issue({ code: 'corrupt', path: digest.path, message: `${badLines.length} line(s) of ${digest.path} do not fit the ps columns (first: line ${badLines[0]}); the other processes were read` });
}
