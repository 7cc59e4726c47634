/** Network connections from Android intrusion logs: which app connected to which address. */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { isoFromUnixMillis } from '../../formats/time.js';
import { readConnectEvent } from './parsers/intrusion-logs.js';
import { INTRUSION_LOG_PATHS, intrusionEvents } from './intrusion-events.js';

function isLocal(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip === 'localhost';
}

export const connectEventExtractor: Extractor = {
  id: 'connect_event',
  title: 'Network connections (intrusion logs)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': INTRUSION_LOG_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    for await (const logged of intrusionEvents(source, context, 'connect_event')) {
      const event = readConnectEvent(logged.event);
      yield makeRecord('connect_event', {
        ip_address: event.ipAddress,
        remote_ip: event.ipAddress !== null && !isLocal(event.ipAddress) ? event.ipAddress : null,
        port: event.port,
        package_name: event.packageName,
        uid: event.uid,
      }, originOf(logged.digest, { kind: 'line', line: logged.line }), [{ at: isoFromUnixMillis(event.eventTimeMs), meaning: 'connected' }]);
    }
  },
};
