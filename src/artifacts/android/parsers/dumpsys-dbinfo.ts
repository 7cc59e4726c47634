/**
 * The `dbinfo` section: for each process, its SQLite connection pools and their recently
 * executed operations, e.g.
 *   `Connection pool for /data/user/0/com.pkg/databases/x.db:` … `Most recently executed operations:`
 *   `0: [2023-07-27 12:21:44.097] [Pid:(0)]executeForCursorWindow took 2ms - succeeded, sql="…", path=…`
 * The database path names the app that owns it, even for an app since removed.
 */
import type { NumberedLine } from './text-lines.js';

export interface DbOperation {
  /** Device-local time as written. */
  local: string;
  action: string;
  durationMs: number | null;
  status: string | null;
  sql: string | null;
  /** The `path=` of the operation, else the connection pool's path. */
  path: string | null;
  pid: string | null;
  /** `** Database info for pid N [name] **` above the pool. */
  processName: string | null;
  poolPath: string | null;
  line: number;
}

const PROCESS = /^\*\* Database info for pid (\d+) \[([^\]]*)\] \*\*$/;
const POOL = /^Connection pool for (.+):$/;
const OPERATION = /^\d+: \[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\]\s*(?:\[Pid:\((\d+)\)\])?\s*(\w+)(?: took (\d+)ms)?(?: - (\w+))?(.*)$/;

function quoted(rest: string, key: string): string | null {
  const at = rest.indexOf(`${key}="`);
  if (at === -1) return null;
  const start = at + key.length + 2;
  // SQL may hold quotes; the value ends at the last `"` before `, path=`/`, bindArgs=` or the line end.
  const candidates = [rest.indexOf('", path=', start), rest.indexOf('", bindArgs=', start), rest.lastIndexOf('"')].filter((i) => i >= start);
  const end = Math.min(...candidates);
  return Number.isFinite(end) ? rest.slice(start, end) : rest.slice(start);
}

export function parseDbinfo(lines: readonly NumberedLine[]): DbOperation[] {
  const out: DbOperation[] = [];
  let processName: string | null = null;
  let poolPath: string | null = null;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    const process = PROCESS.exec(trimmed);
    if (process) {
      processName = process[2] ?? null;
      poolPath = null;
      continue;
    }
    const pool = POOL.exec(trimmed);
    if (pool) {
      poolPath = pool[1] ?? null;
      continue;
    }
    const op = OPERATION.exec(trimmed);
    if (!op) continue;
    const rest = op[6] ?? '';
    const pathMatch = /, path=(\S+)\s*$/.exec(rest);
    out.push({
      local: op[1] ?? '',
      action: op[3] ?? '',
      durationMs: op[4] === undefined ? null : Number(op[4]),
      status: op[5] ?? null,
      sql: quoted(rest, 'sql'),
      path: pathMatch?.[1] ?? poolPath,
      pid: op[2] ?? null,
      processName,
      poolPath,
      line,
    });
  }
  return out;
}
