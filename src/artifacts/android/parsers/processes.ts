/**
 * The process list of an androidqf collection in its three shapes: `ps.txt` (older
 * androidqf, `ps -A` with an optional leading LABEL column), `processes.txt` (newer, a ps
 * table without the collector) and `processes.json` (newer, from the collector: one object
 * per process read from /proc).
 */
import { isObject, num, strings, text } from './json-values.js';
import { numberedLines } from './text-lines.js';

export interface ProcessEntry {
  /** Process name as ps shows it, brackets of kernel threads removed. */
  name: string;
  kernelThread: boolean;
  pid: number | null;
  ppid: number | null;
  user: string | null;
  uid: number | null;
  /** SELinux context. */
  label: string | null;
  state: string | null;
  /** Executable path (processes.json). */
  path: string | null;
  commandLine: string[];
  cwd: string | null;
  /** Resident and virtual size as written by ps. */
  rss: string | null;
  vsz: string | null;
  wchan: string | null;
  /** 1-based line (tables) or array index (JSON). */
  line?: number;
  index?: number;
}

export interface ProcessTable {
  processes: ProcessEntry[];
  /** Lines that could not be split into the header's columns. */
  badLines: number[];
  header: string[];
}

/** Columns read from the left of a row; the rest are read from the right, NAME last. */
const LEFT = ['LABEL', 'USER', 'UID', 'PID', 'PPID', 'VSZ', 'VSIZE', 'RSS'];

/** A `ps` table with a header row naming its columns. Returns null when there is no header. */
export function parsePsTable(source: string): ProcessTable | null {
  const lines = numberedLines(source).filter((l) => l.text.trim() !== '');
  const headerIndex = lines.findIndex((l) => /\bPID\b/.test(l.text) && /\b(NAME|CMD|COMMAND|ARGS)\b/.test(l.text));
  if (headerIndex === -1) return null;
  const header = (lines[headerIndex]?.text ?? '').trim().split(/\s+/);
  const leftCount = header.findIndex((column) => !LEFT.includes(column));
  const left = header.slice(0, leftCount === -1 ? header.length : leftCount);
  const right = header.slice(left.length);
  const processes: ProcessEntry[] = [];
  const badLines: number[] = [];
  for (const { line, text: row } of lines.slice(headerIndex + 1)) {
    const tokens = row.trim().split(/\s+/);
    if (tokens.length < left.length + 1) {
      badLines.push(line);
      continue;
    }
    const values = new Map<string, string>();
    left.forEach((column, i) => values.set(column, tokens[i] ?? ''));
    // The last column (the name or command) may contain spaces; the columns between are
    // read from the right, and a blank WCHAN simply leaves fewer tokens.
    const rest = tokens.slice(left.length);
    const nameColumn = right[right.length - 1] ?? 'NAME';
    const middle = right.slice(0, -1);
    const middleCount = Math.min(middle.length, Math.max(0, rest.length - 1));
    const nameTokens = rest.slice(middleCount);
    for (let i = 0; i < middleCount; i += 1) values.set(middle[middle.length - middleCount + i] ?? '', rest[i] ?? '');
    values.set(nameColumn, nameTokens.join(' '));
    const rawName = values.get(nameColumn) ?? '';
    if (rawName === '') {
      badLines.push(line);
      continue;
    }
    const kernelThread = rawName.startsWith('[') && rawName.endsWith(']');
    const name = kernelThread ? rawName.slice(1, -1) : rawName;
    const pid = Number(values.get('PID'));
    const ppid = Number(values.get('PPID'));
    const uid = values.has('UID') ? Number(values.get('UID')) : NaN;
    processes.push({
      name: nameColumn === 'NAME' ? name : (name.split(' ')[0] ?? name),
      kernelThread,
      pid: Number.isInteger(pid) ? pid : null,
      ppid: Number.isInteger(ppid) ? ppid : null,
      user: values.get('USER') ?? null,
      uid: Number.isInteger(uid) ? uid : null,
      label: values.get('LABEL') ?? null,
      state: values.get('S') ?? null,
      path: null,
      commandLine: nameColumn === 'NAME' ? [] : nameTokens,
      cwd: null,
      rss: values.get('RSS') ?? null,
      vsz: values.get('VSZ') ?? values.get('VSIZE') ?? null,
      wchan: values.get('WCHAN') ?? null,
      line,
    });
  }
  return { processes, badLines, header };
}

/** One element of processes.json; null when it names no process. */
export function readProcessJson(value: unknown, index: number): ProcessEntry | null {
  if (!isObject(value)) return null;
  const commandLine = strings(value['command_line'] ?? value['cmdline']);
  const path = text(value, 'path');
  const name = text(value, 'filename') ?? text(value, 'name') ?? (commandLine[0] ?? null) ?? path;
  if (name === null) return null;
  return {
    name,
    kernelThread: false,
    pid: num(value, 'pid'),
    ppid: num(value, 'ppid'),
    user: text(value, 'user'),
    uid: num(value, 'uid'),
    label: text(value, 'context'),
    state: text(value, 'state'),
    path,
    commandLine,
    cwd: text(value, 'cwd'),
    rss: null,
    vsz: null,
    wchan: null,
    index,
  };
}

/** The package an app process belongs to: `com.pkg:remote` → `com.pkg`; null for non-app names. */
export function appIdOfProcess(name: string): string | null {
  const base = name.split(':')[0] ?? name;
  return /^[A-Za-z][\w]*(\.[A-Za-z_][\w]*)+$/.test(base) ? base : null;
}
