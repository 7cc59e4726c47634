/**
 * The `appops` section: per uid and package, each app operation with its mode and the
 * times it was last allowed (`Access:`) or refused (`Reject:`). Android 11+ wraps the times
 * in attribution-tag blocks (`null=[ … ]`); both shapes are read. Times are device-local.
 */
import { indentOf, type NumberedLine } from './text-lines.js';

export interface AppOpEntry {
  kind: 'access' | 'reject';
  /** The state flags in brackets, e.g. fg-s, top-s. */
  state: string;
  /** Device-local time as written. */
  local: string;
  line: number;
}

export interface AppOp {
  uid: string;
  packageName: string;
  op: string;
  /** The mode in parentheses, e.g. allow, ignore, `allow / switch COARSE_LOCATION=allow`. */
  mode: string;
  entries: AppOpEntry[];
  line: number;
}

const UID = /^Uid (\S+):$/;
const PACKAGE = /^Package (\S+):$/;
const OP = /^([A-Z][A-Z0-9_]*) \((.*)\):$/;
const ENTRY = /^(Access|Reject):\s*\[([^\]]*)\]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?)/;

export function parseAppops(lines: readonly NumberedLine[]): AppOp[] {
  const ops: AppOp[] = [];
  let uid: string | null = null;
  let uidIndent = 0;
  let pkg: string | null = null;
  let pkgIndent = 0;
  let op: AppOp | null = null;
  for (const { line, text } of lines) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const indent = indentOf(text);
    const uidMatch = UID.exec(trimmed);
    if (uidMatch) {
      uid = uidMatch[1] ?? null;
      uidIndent = indent;
      pkg = null;
      op = null;
      continue;
    }
    if (uid === null) continue;
    if (indent <= uidIndent) {
      // Something other than a uid at the uid level: the per-uid list is over.
      uid = null;
      pkg = null;
      op = null;
      continue;
    }
    const pkgMatch = PACKAGE.exec(trimmed);
    if (pkgMatch) {
      pkg = pkgMatch[1] ?? null;
      pkgIndent = indent;
      op = null;
      continue;
    }
    if (pkg === null) continue;
    if (indent <= pkgIndent) {
      pkg = null;
      op = null;
      continue;
    }
    const opMatch = OP.exec(trimmed);
    if (opMatch) {
      op = { uid, packageName: pkg, op: opMatch[1] ?? '', mode: opMatch[2] ?? '', entries: [], line };
      ops.push(op);
      continue;
    }
    const entry = ENTRY.exec(trimmed);
    if (entry && op) {
      op.entries.push({
        kind: entry[1] === 'Reject' ? 'reject' : 'access',
        state: entry[2] ?? '',
        local: entry[3] ?? '',
        line,
      });
    }
  }
  return ops;
}
