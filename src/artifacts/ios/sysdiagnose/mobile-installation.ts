/**
 * MobileInstallation's log (`logs/MobileInstallation/mobile_installation.log.*`): every app
 * installed, updated or removed, with its bundle id and where its bundle was put. It keeps
 * the names of apps long deleted, which is where a removed spyware app or a sideloaded
 * stalkerware install still shows.
 */
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, LocalTimeZone, RecordFields } from '../../types.js';
import { filesWithContent, makeRecord, originOf } from '../../locate.js';
import { extractUrls } from '../../../formats/urls.js';
import { readTextFile } from './text-file.js';
import { LocalTimes, parseDaemonLog, reportBadLines, type DaemonLogEntry } from './daemon-log.js';

export const SYSDIAGNOSE_MOBILE_INSTALLATION_ARTIFACT = 'sysdiagnose_mobile_installation';
export const SYSDIAGNOSE_MOBILE_INSTALLATION_PATHS = ['logs/MobileInstallation/mobile_installation.log*'] as const;

interface InstallEvent {
  event: string;
  bundle_id: string | null;
  /** Bundle or container path the line names. */
  path: string | null;
  placeholder: boolean | null;
  requested_by: string | null;
  install_type: string | null;
  from_version: string | null;
  to_version: string | null;
}

const BUNDLE_ID = String.raw`[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]`;
const PATH = String.raw`(\/[^\s;,"]+)`;

/** Recognised MobileInstallation messages; the first that matches names the event. */
const EVENTS: ReadonlyArray<{ pattern: RegExp; read: (match: RegExpExecArray) => Partial<InstallEvent> & { event: string } }> = [
  {
    pattern: new RegExp(String.raw`Install Successful for \((Placeholder:)?(${BUNDLE_ID})\)`),
    read: (m) => ({ event: 'install-successful', placeholder: m[1] !== undefined, bundle_id: m[2] ?? null }),
  },
  {
    pattern: new RegExp(String.raw`Made container live for (${BUNDLE_ID}) at ${PATH}`),
    read: (m) => ({ event: 'container-live', bundle_id: m[1] ?? null, path: m[2] ?? null }),
  },
  {
    pattern: new RegExp(String.raw`Uninstalling identifier (${BUNDLE_ID})`),
    read: (m) => ({ event: 'uninstall', bundle_id: m[1] ?? null }),
  },
  {
    pattern: new RegExp(String.raw`Destroying container (?:with identifier )?(${BUNDLE_ID}) at ${PATH}`),
    read: (m) => ({ event: 'container-destroyed', bundle_id: m[1] ?? null, path: m[2] ?? null }),
  },
  {
    pattern: new RegExp(String.raw`Data container for (${BUNDLE_ID}) is now at ${PATH}`),
    read: (m) => ({ event: 'data-container', bundle_id: m[1] ?? null, path: m[2] ?? null }),
  },
  {
    pattern: new RegExp(String.raw`Attempting Delta patch update of (${BUNDLE_ID}) from version (\S+) to (\S+?)\.?(?:\s|$)`),
    read: (m) => ({ event: 'update', bundle_id: m[1] ?? null, from_version: m[2] ?? null, to_version: m[3] ?? null }),
  },
  {
    pattern: /Install of "([^"]+)" type (\S+?)(?: \((?:[^()]|\([^()]*\))*\))? requested by (\S+?)(?: \(pid \d+\))?(?:\s|$)/,
    read: (m) => ({ event: 'install-requested', path: m[1]?.startsWith('/') ? m[1] : null, install_type: m[2] ?? null, requested_by: m[3] ?? null }),
  },
];

const NO_DETAILS: Omit<InstallEvent, 'event'> = {
  bundle_id: null,
  path: null,
  placeholder: null,
  requested_by: null,
  install_type: null,
  from_version: null,
  to_version: null,
};

function recognise(message: string): InstallEvent | null {
  for (const { pattern, read } of EVENTS) {
    const match = pattern.exec(message);
    if (match) return { ...NO_DETAILS, ...read(match) };
  }
  return null;
}

function entryRecord(entry: DaemonLogEntry, event: InstallEvent, urls: string[], times: LocalTimes, digest: FileDigest): ArtifactRecord {
  const fields: RecordFields = {
    ...event,
    urls,
    pid: entry.pid,
    level: entry.level,
    function: entry.function,
    message: entry.message,
    ...times.fields(entry),
  };
  return makeRecord(SYSDIAGNOSE_MOBILE_INSTALLATION_ARTIFACT, fields, originOf(digest, { kind: 'line', line: entry.line }), [
    { at: times.utc(entry.wall), meaning: 'recorded' },
  ]);
}

/** A record per recognised install, update or removal, and per entry that names a web address. */
export function* readMobileInstallationLog(text: string, digest: FileDigest, context: ExtractContext, zone: LocalTimeZone | undefined): Generator<ArtifactRecord> {
  const log = parseDaemonLog(text);
  const times = new LocalTimes(digest.path, zone, context);
  for (const entry of log.entries) {
    const urls = extractUrls(entry.message);
    const event = recognise(entry.message);
    if (event) yield entryRecord(entry, event, urls, times, digest);
    else if (urls.length > 0) yield entryRecord(entry, { ...NO_DETAILS, event: 'url-mention' }, urls, times, digest);
  }
  reportBadLines(digest.path, log.badLines, context);
}

export const sysdiagnoseMobileInstallationExtractor: Extractor = {
  id: SYSDIAGNOSE_MOBILE_INSTALLATION_ARTIFACT,
  title: 'App installs, updates and removals (sysdiagnose MobileInstallation log)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_MOBILE_INSTALLATION_PATHS },
  async *extract(source, context) {
    for (const file of filesWithContent(source, SYSDIAGNOSE_MOBILE_INSTALLATION_PATHS, context)) {
      const input = await readTextFile(source, file.path, context);
      if (input) yield* readMobileInstallationLog(input.text, input.digest, context, context.timeZone);
    }
  },
};
