/**
 * The text logs Apple daemons keep in a sysdiagnose's `logs/` folder (mobileactivationd,
 * MobileInstallation): one entry per line, `<ctime> [<pid>] <<level>>[:] [(<thread>)] [<function>: ]<message>`.
 * The exact shape varies between daemons and iOS versions, so anything that is not such an
 * entry is either a continuation of the previous one, a banner, or reported, never guessed.
 */
import type { ExtractContext, LocalTimeZone, RecordFields } from '../../types.js';
import { numberedLines } from '../../android/parsers/text-lines.js';
import { isoFromWallClock, wallClockFromCtime, type WallClock } from './local-time.js';

export interface DaemonLogEntry {
  /** 1-based line of the entry's first line. */
  line: number;
  wall: WallClock;
  pid: number;
  level: string;
  thread: string | null;
  /** `-[MIClientConnection installURL:…]` or `handle_activate`, when the message starts with one. */
  function: string | null;
  /** The message after the function; continuation lines joined with '\n'. */
  message: string;
}

export interface DaemonLog {
  entries: DaemonLogEntry[];
  /** Lines that are neither an entry, a continuation, a banner nor blank. */
  badLines: number[];
}

const ENTRY = /^([A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? \d{4}) \[(\d+)\] <([A-Za-z]+)>:? ?(.*)$/;
const THREAD = /^\((0x[0-9a-fA-F]+)\) ?(.*)$/s;
const FUNCTION = /^([-+]\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_]*): ?(.*)$/s;
/** `____ Mobile Activation Startup ____`-style separators a daemon writes when it starts. */
const BANNER = /^\s*[_=*-]{4,}.*[_=*-]{4,}\s*$/;
/** Multi-line messages (dictionaries, plists) go on indented or bracketed lines. */
const CONTINUATION = /^[\s{}()[\]<>"']/;

export function parseDaemonLog(text: string): DaemonLog {
  const entries: DaemonLogEntry[] = [];
  const badLines: number[] = [];
  let current: DaemonLogEntry | null = null;
  for (const { line, text: raw } of numberedLines(text)) {
    const match = ENTRY.exec(raw);
    const wall = match ? wallClockFromCtime(match[1] ?? '') : null;
    if (match && wall) {
      let rest = match[4] ?? '';
      const thread = THREAD.exec(rest);
      if (thread) rest = thread[2] ?? '';
      const fn = FUNCTION.exec(rest);
      current = {
        line,
        wall,
        pid: Number(match[2]),
        level: (match[3] ?? '').toLowerCase(),
        thread: thread?.[1] ?? null,
        function: fn ? (fn[1] ?? null) : null,
        message: fn ? (fn[2] ?? '') : rest,
      };
      entries.push(current);
      continue;
    }
    if (raw.trim() === '' || BANNER.test(raw)) continue;
    if (current && !match && CONTINUATION.test(raw)) {
      current.message += `\n${raw}`;
      continue;
    }
    badLines.push(line);
  }
  return { entries, badLines };
}

/** Reports the lines of a file that could not be read, in one issue. */
export function reportBadLines(path: string, badLines: readonly number[], context: ExtractContext): void {
  if (badLines.length === 0) return;
  context.issue({
    code: 'corrupt',
    path,
    message: `${badLines.length} line(s) of ${path} are not log entries (first: line ${badLines[0]}); the other entries were read`,
  });
}

/**
 * Turns entries' wall clocks into UTC with the acquisition's zone. Without one, each record
 * keeps its local time and no timeline time, and the file gets one issue saying so.
 */
export class LocalTimes {
  private reported = false;

  constructor(
    private readonly path: string,
    private readonly zone: LocalTimeZone | undefined,
    private readonly context: ExtractContext,
  ) {}

  utc(wall: WallClock): string | null {
    if (this.zone) return isoFromWallClock(wall, this.zone);
    if (!this.reported) {
      this.reported = true;
      this.context.issue({
        code: 'skipped',
        path: this.path,
        message: `${this.path} writes local times without a zone and the sysdiagnose's name gives none; they are kept as written and left off the timeline`,
      });
    }
    return null;
  }

  /** The fields every daemon-log record carries about its time. */
  fields(entry: DaemonLogEntry): RecordFields {
    return { local_time: entry.wall.text, time_zone: this.zone?.label ?? null };
  }
}
