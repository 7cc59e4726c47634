/**
 * mobileactivationd's log (`logs/MobileActivation/mobileactivationd.log*`): when the phone
 * was activated or deactivated and which activation state it reported. A phone erased,
 * re-activated or moved to another SIM shortly before the sysdiagnose shows it here. Only
 * those entries, and entries that name a web address or an e-mail address, become
 * records: the rest of the log is routine.
 */
import type { FileDigest } from '../../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor, LocalTimeZone } from '../../types.js';
import { filesWithContent, makeRecord, originOf } from '../../locate.js';
import { extractUrls } from '../../../formats/urls.js';
import { readTextFile } from './text-file.js';
import { LocalTimes, parseDaemonLog, reportBadLines } from './daemon-log.js';

export const SYSDIAGNOSE_MOBILE_ACTIVATION_ARTIFACT = 'sysdiagnose_mobile_activation';
export const SYSDIAGNOSE_MOBILE_ACTIVATION_PATHS = ['logs/MobileActivation/mobileactivationd.log*'] as const;

/** The activation states lockdown and mobileactivationd report. */
const STATE = /\b(Unactivated|Activated|FactoryActivated|SoftActivation|MismatchedIMEI|MismatchedICCID|MissingSIM|WildcardActivated|Expired|PendingActivation)\b/g;
const KINDS: ReadonlyArray<[string, RegExp]> = [
  ['deactivation', /deactivat/i],
  ['activation-state', /activation[ _-]?state|\b(?:un)?brick/i],
  ['activation', /\bhandle_activate\b|activation (?:record|request|ticket|response)|\bactivat(?:e|ed|ing)\b/i],
];
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** The last state a message names: `changed from Unactivated to Activated` is now Activated. */
function lastState(message: string): string | null {
  const states = message.match(STATE);
  return states?.[states.length - 1] ?? null;
}

function kindOf(text: string): string | null {
  for (const [kind, pattern] of KINDS) if (pattern.test(text)) return kind;
  return null;
}

export function* readMobileActivationLog(text: string, digest: FileDigest, context: ExtractContext, zone: LocalTimeZone | undefined): Generator<ArtifactRecord> {
  const log = parseDaemonLog(text);
  const times = new LocalTimes(digest.path, zone, context);
  for (const entry of log.entries) {
    const urls = extractUrls(entry.message);
    const emails = [...new Set(entry.message.match(EMAIL) ?? [])];
    const kind = kindOf(`${entry.function ?? ''} ${entry.message}`) ?? (urls.length > 0 || emails.length > 0 ? 'mention' : null);
    if (kind === null) continue;
    const fields = {
      kind,
      activation_state: kind === 'mention' ? null : lastState(entry.message),
      urls,
      emails,
      pid: entry.pid,
      level: entry.level,
      function: entry.function,
      message: entry.message,
      ...times.fields(entry),
    };
    yield makeRecord(SYSDIAGNOSE_MOBILE_ACTIVATION_ARTIFACT, fields, originOf(digest, { kind: 'line', line: entry.line }), [
      { at: times.utc(entry.wall), meaning: 'recorded' },
    ]);
  }
  reportBadLines(digest.path, log.badLines, context);
}

export const sysdiagnoseMobileActivationExtractor: Extractor = {
  id: SYSDIAGNOSE_MOBILE_ACTIVATION_ARTIFACT,
  title: 'Activation and deactivation events (sysdiagnose mobileactivationd log)',
  platform: 'ios',
  acquisitions: ['ios-sysdiagnose'],
  paths: { 'ios-sysdiagnose': SYSDIAGNOSE_MOBILE_ACTIVATION_PATHS },
  async *extract(source, context) {
    for (const file of filesWithContent(source, SYSDIAGNOSE_MOBILE_ACTIVATION_PATHS, context)) {
      const input = await readTextFile(source, file.path, context);
      if (input) yield* readMobileActivationLog(input.text, input.digest, context, context.timeZone);
    }
  },
};
