/**
 * Security events from Android intrusion logs (SecurityLog tags: adb shell commands and
 * file transfers, app starts, package installs, certificate and key events…). Times are in
 * nanoseconds and converted exactly.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { isoFromUnixMicrosValue } from '../../formats/time.js';
import { canonicalEventJson, readSecurityEvent } from './parsers/intrusion-logs.js';
import { INTRUSION_LOG_PATHS, intrusionEvents } from './intrusion-events.js';

function isoFromNanos(text: string | null): string | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  return isoFromUnixMicrosValue(BigInt(text) / 1000n);
}

export const securityEventExtractor: Extractor = {
  id: 'security_event',
  title: 'Security events (intrusion logs)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': INTRUSION_LOG_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    for await (const logged of intrusionEvents(source, context, 'security_event')) {
      const event = readSecurityEvent(logged.event, logged.rawTime);
      yield makeRecord('security_event', {
        tag: event.tag,
        event_id: event.eventId,
        packages: event.packages,
        command: event.command,
        file_path: event.filePath,
        success: event.success,
        data: canonicalEventJson(event.data),
        event_time_ns: event.eventTimeNs,
      }, originOf(logged.digest, { kind: 'line', line: logged.line }), [{ at: isoFromNanos(event.eventTimeNs), meaning: event.tag ?? 'security event' }]);
    }
  },
};
