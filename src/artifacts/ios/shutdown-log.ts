/**
 * shutdown.log: at each reboot iOS lists the processes that are still running after it
 * asked them to stop ("After 0.56s, these clients are still here:" followed by
 * "remaining client pid: N (path)"), then writes "SIGTERM: [<unix time>]". An implant that
 * keeps running until the end shows here with its binary's path, and Kaspersky found
 * Pegasus, Reign and Predator binaries under /private/var/db/ and /private/var/tmp/, and
 * infected reboots delayed by many notices (iShutdown).
 *
 * Records: one `client` record per (shutdown, client path), and one `shutdown` record per
 * reboot carrying how many delay notices it had, so the delay heuristic reads one record
 * and fires once per reboot instead of once per client.
 */
import { posix } from 'node:path';
import type { FileDigest } from '../../acquisition/source.js';
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import { filesWithContent, makeRecord, originOf, pathsFor } from '../locate.js';
import { isoFromUnixSeconds } from '../../formats/time.js';
import { describeError } from '../../errors.js';

export const SHUTDOWN_LOG_ARTIFACT = 'shutdown_log';

const CLIENT_LINE = /^\s*remaining client pid:\s*(-?\d+)\s*\((.*)\)\s*$/;
const DELAY_LINE = /^\s*After\s+(\d+(?:\.\d+)?)\s*s\b.*still here/i;
const SIGTERM_LINE = /^\s*SIGTERM:/;
const BRACKETED_TIME = /\[(\d+)\]/;
/** Older logs give the time as `… @<unix seconds>` instead of in brackets. */
const AT_TIME = /@(\d{10})(?!\d)/;
const UUID_COMPONENT = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
const UNUSUAL_FOLDERS = ['/private/var/db/', '/private/var/tmp/', '/var/db/', '/var/tmp/', '/tmp/', '/private/tmp/'] as const;

export interface ShutdownClient {
  pid: number;
  path: string;
  /** 1-based line where the client is first listed in this shutdown. */
  firstLine: number;
  /** Seconds of the last delay notice that listed it; null when only listed outside a notice. */
  delaySeconds: number | null;
  timesDelayed: number;
}

export interface Shutdown {
  /** 1-based, in file order. */
  index: number;
  /** Unix seconds of the SIGTERM line that closes the shutdown; null when absent or unreadable. */
  sigtermUnix: number | null;
  /** 1-based line of the closing SIGTERM; null when the file ends before one. */
  sigtermLine: number | null;
  lastLine: number;
  delayNotices: number;
  lastDelaySeconds: number | null;
  clients: ShutdownClient[];
}

/**
 * iOS 26 appends a per-binary UUID to client paths (`/usr/sbin/filecoordinationd/<UUID>`);
 * without it, path indicators match again. Only a last component is removed: a UUID
 * inside the path (an app container) is part of where the binary lives.
 */
export function normaliseClientPath(path: string): { path: string; uuid: string | null } {
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return { path, uuid: null };
  const last = path.slice(slash + 1);
  if (!UUID_COMPONENT.test(last)) return { path, uuid: null };
  return { path: path.slice(0, slash), uuid: last.toUpperCase() };
}

export function inUnusualLocation(path: string): boolean {
  return UNUSUAL_FOLDERS.some((folder) => path.startsWith(folder));
}

function sigtermTime(line: string): number | null {
  const match = BRACKETED_TIME.exec(line) ?? AT_TIME.exec(line);
  if (!match?.[1]) return null;
  const seconds = Number(match[1]);
  return Number.isSafeInteger(seconds) ? seconds : null;
}

/**
 * Groups the lines into shutdowns: everything up to and including a SIGTERM line is one
 * shutdown, and lines after the last SIGTERM form a shutdown without a time. A client is
 * keyed by its path within a shutdown; each delay notice counts once for each client it lists.
 */
export function parseShutdownLog(text: string): Shutdown[] {
  const shutdowns: Shutdown[] = [];
  let clients = new Map<string, ShutdownClient>();
  let notices = 0;
  let lastDelay: number | null = null;
  let listedInNotice = new Set<string>();
  let sawContent = false;
  let lastContentLine = 0;

  const close = (sigtermUnix: number | null, sigtermLine: number | null, lastLine: number): void => {
    shutdowns.push({
      index: shutdowns.length + 1,
      sigtermUnix,
      sigtermLine,
      lastLine,
      delayNotices: notices,
      lastDelaySeconds: lastDelay,
      clients: [...clients.values()],
    });
    clients = new Map();
    notices = 0;
    lastDelay = null;
    listedInNotice = new Set();
    sawContent = false;
  };

  const lines = text.split(/\r?\n/);
  let lineNumber = 0;
  let inNotice = false;
  for (const line of lines) {
    lineNumber += 1;
    if (SIGTERM_LINE.test(line)) {
      close(sigtermTime(line), lineNumber, lineNumber);
      inNotice = false;
      continue;
    }
    const delay = DELAY_LINE.exec(line);
    if (delay) {
      notices += 1;
      lastDelay = Number(delay[1]);
      listedInNotice = new Set();
      inNotice = true;
      sawContent = true;
      lastContentLine = lineNumber;
      continue;
    }
    const client = CLIENT_LINE.exec(line);
    if (client) {
      const path = (client[2] ?? '').trim();
      if (path === '') continue;
      sawContent = true;
      lastContentLine = lineNumber;
      let known = clients.get(path);
      if (!known) {
        known = { pid: Number(client[1]), path, firstLine: lineNumber, delaySeconds: null, timesDelayed: 0 };
        clients.set(path, known);
      }
      if (inNotice && !listedInNotice.has(path)) {
        listedInNotice.add(path);
        known.timesDelayed += 1;
        known.delaySeconds = lastDelay;
      }
    }
  }
  // A log cut before its SIGTERM (or an iOS that never wrote one) still names its clients.
  if (sawContent) close(null, null, lastContentLine);
  return shutdowns;
}

function* shutdownRecords(text: string, digest: FileDigest): Generator<ArtifactRecord> {
  const logFile = posix.basename(digest.path);
  for (const shutdown of parseShutdownLog(text)) {
    const sigtermAt = isoFromUnixSeconds(shutdown.sigtermUnix);
    const times = [{ at: sigtermAt, meaning: 'shutdown' }];
    for (const client of shutdown.clients) {
      const normalised = normaliseClientPath(client.path);
      const fields: RecordFields = {
        kind: 'client',
        log_file: logFile,
        shutdown_index: shutdown.index,
        sigterm_at: sigtermAt,
        pid: client.pid,
        client_path: client.path,
        client_path_normalised: normalised.path,
        binary_uuid: normalised.uuid,
        process: posix.basename(normalised.path),
        delay_seconds: client.delaySeconds,
        times_delayed: client.timesDelayed,
        delays_before_sigterm: shutdown.delayNotices,
        in_unusual_location: inUnusualLocation(normalised.path),
      };
      yield makeRecord(SHUTDOWN_LOG_ARTIFACT, fields, originOf(digest, { kind: 'line', line: client.firstLine }), times);
    }
    const fields: RecordFields = {
      kind: 'shutdown',
      log_file: logFile,
      shutdown_index: shutdown.index,
      sigterm_at: sigtermAt,
      sigterm_found: shutdown.sigtermLine !== null,
      delays_before_sigterm: shutdown.delayNotices,
      last_delay_seconds: shutdown.lastDelaySeconds,
      client_count: shutdown.clients.length,
    };
    yield makeRecord(SHUTDOWN_LOG_ARTIFACT, fields, originOf(digest, { kind: 'line', line: shutdown.sigtermLine ?? shutdown.lastLine }), times);
  }
}

export const SHUTDOWN_LOG_PATHS = {
  // iOS 26 rotates the log as shutdown.0.log, shutdown.1.log… (MVT issue #830).
  'ios-fs': ['private/var/db/diagnostics/shutdown.log', 'private/var/db/diagnostics/shutdown.*.log'],
  'ios-sysdiagnose': ['system_logs.logarchive/Extra/shutdown.log', 'system_logs.logarchive/Extra/shutdown.*.log'],
} as const;

export const shutdownLogExtractor: Extractor = {
  id: SHUTDOWN_LOG_ARTIFACT,
  title: 'Processes still running at shutdown (shutdown.log)',
  platform: 'ios',
  acquisitions: ['ios-fs', 'ios-sysdiagnose'],
  paths: SHUTDOWN_LOG_PATHS,
  async *extract(source, context) {
    for (const file of filesWithContent(source, pathsFor(SHUTDOWN_LOG_PATHS, source), context)) {
      let read;
      try {
        read = await source.readFile(file.path);
      } catch (error) {
        context.issue({ code: 'unreadable', path: file.path, message: describeError(error) });
        continue;
      }
      yield* shutdownRecords(read.bytes.toString('utf8'), read.digest);
    }
  },
};
