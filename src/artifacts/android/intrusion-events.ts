/**
 * Reading Android intrusion logs (androidqf's `intrusion_logs/`; `intrusion-logs/` as
 * MVT's documentation spells it) once for the three event artifacts: every `.txt` file,
 * one JSON event per line, an event logged in two files kept once (the first seen).
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ExtractContext } from '../types.js';
import { canonicalEventJson, parseIntrusionLine, rawEventTime, type IntrusionLine } from './parsers/intrusion-logs.js';
import { numberedLines } from './parsers/text-lines.js';
import { presentFiles, readTextInput } from './read-input.js';

export const INTRUSION_LOG_PATHS = ['intrusion_logs/**/*.txt', 'intrusion-logs/**/*.txt'] as const;

export interface LoggedEvent extends IntrusionLine {
  digest: FileDigest;
  line: number;
  /** The exact digits of event_time (nanoseconds exceed what JSON.parse keeps). */
  rawTime: string | null;
}

const KNOWN_TYPES = ['dns_event', 'connect_event', 'security_event'];

/** Events of one type, in file then line order; unknown types and bad lines reported once by the caller's choice. */
export async function* intrusionEvents(source: Source, context: ExtractContext, type: string): AsyncGenerator<LoggedEvent> {
  const seen = new Set<string>();
  const reportOthers = type === 'dns_event';
  for (const path of presentFiles(source, INTRUSION_LOG_PATHS)) {
    const input = await readTextInput(source, path, context);
    if (!input) continue;
    let bad = 0;
    let firstBad = 0;
    const unknown = new Set<string>();
    for (const { line, text } of numberedLines(input.text)) {
      if (text.trim() === '') continue;
      const parsed = parseIntrusionLine(text);
      if (!parsed) {
        bad += 1;
        firstBad ||= line;
        continue;
      }
      if (!KNOWN_TYPES.includes(parsed.type)) unknown.add(parsed.type);
      if (parsed.type !== type) continue;
      const key = canonicalEventJson(parsed.event);
      if (seen.has(key)) continue;
      seen.add(key);
      yield { ...parsed, digest: input.digest, line, rawTime: rawEventTime(text) };
    }
    // The three artifacts read the same files; one of them says what the files hold besides.
    if (reportOthers && bad > 0) context.issue({ code: 'corrupt', path, message: `${bad} line(s) are not intrusion-log events (first: line ${firstBad}); the others were read` });
    if (reportOthers && unknown.size > 0) context.issue({ code: 'skipped', path, message: `events of unknown types were kept out: ${[...unknown].sort().join(', ')}` });
  }
}
