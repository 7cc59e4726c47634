/** The text form of a tombstone (`tombstone_NN`, and the text twin of a `.pb`). */
import { emptyTombstone, type Tombstone } from './tombstone-model.js';
import { numberedLines } from './text-lines.js';

function quotedValue(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith("'") && trimmed.endsWith("'") && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed;
}

/** The text form. Returns null when the text has none of a tombstone's header lines. */
export function parseTombstoneText(source: string): Tombstone | null {
  const result = emptyTombstone('text');
  let seen = false;
  // Only the header matters; stop before the register and backtrace dumps.
  for (const { line, text } of numberedLines(source.slice(0, 256 * 1024))) {
    const trimmed = text.trim();
    let match: RegExpExecArray | null;
    if ((match = /^Build fingerprint:\s*(.*)$/.exec(trimmed))) {
      result.buildFingerprint = quotedValue(match[1] ?? '');
      seen = true;
    } else if ((match = /^Revision:\s*(.*)$/.exec(trimmed))) result.revision = quotedValue(match[1] ?? '');
    else if ((match = /^ABI:\s*(.*)$/.exec(trimmed))) result.arch = quotedValue(match[1] ?? '');
    else if ((match = /^Timestamp:\s*(.*)$/.exec(trimmed))) result.timestamp = match[1]?.trim() ?? null;
    else if ((match = /^Process uptime:\s*(\d+)s/.exec(trimmed))) result.processUptimeSeconds = Number(match[1]);
    else if ((match = /^Cmdline:\s*(.*)$/.exec(trimmed))) result.commandLine = (match[1] ?? '').trim().split(/\s+/).filter((s) => s !== '');
    else if ((match = /^pid: (\d+), tid: (\d+), name: (.*?)\s+>>> (.*) <<<$/.exec(trimmed))) {
      if (result.pid === null) {
        result.pid = Number(match[1]);
        result.tid = Number(match[2]);
        result.threadName = match[3] ?? null;
        result.processName = match[4] ?? null;
        result.line = line;
        seen = true;
      }
    } else if ((match = /^uid:\s*(\d+)$/.exec(trimmed))) result.uid = Number(match[1]);
    else if ((match = /^signal (\d+) \(([^)]*)\), code (-?\d+) \(([^)]*)\)(?:, fault addr (\S+))?/.exec(trimmed))) {
      if (result.signalNumber === null) {
        result.signalNumber = Number(match[1]);
        result.signalName = match[2] ?? null;
        result.signalCode = Number(match[3]);
        result.signalCodeName = match[4] ?? null;
        result.faultAddress = match[5] && !/^-+$/.test(match[5]) ? match[5] : null;
      }
    } else if ((match = /^Abort message:\s*(.*)$/.exec(trimmed))) result.abortMessage = quotedValue(match[1] ?? '');
    else if ((match = /^Cause:\s*(.*)$/.exec(trimmed))) result.causes.push(match[1] ?? '');
    else if (/^backtrace:$/.test(trimmed) && seen) break;
  }
  if (!seen) return null;
  if (result.commandLine.length === 0 && result.processName) result.commandLine = [result.processName];
  return result;
}

/** Whether bytes look like a text tombstone rather than a protobuf one. */
export function looksLikeTextTombstone(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /\*\*\* \*\*\* \*\*\*|Build fingerprint:|pid: \d+, tid: \d+/.test(head);
}
