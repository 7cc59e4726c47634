/** DNS look-ups from Android intrusion logs: which app resolved which host to which addresses. */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { isoFromUnixMillis } from '../../formats/time.js';
import { readDnsEvent } from './parsers/intrusion-logs.js';
import { INTRUSION_LOG_PATHS, intrusionEvents } from './intrusion-events.js';

export const dnsEventExtractor: Extractor = {
  id: 'dns_event',
  title: 'DNS look-ups (intrusion logs)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': INTRUSION_LOG_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    for await (const logged of intrusionEvents(source, context, 'dns_event')) {
      const event = readDnsEvent(logged.event);
      yield makeRecord('dns_event', {
        hostname: event.hostname,
        ip_addresses: event.ipAddresses.filter((ip) => ip !== '0.0.0.0' && ip !== '::'),
        package_name: event.packageName,
        uid: event.uid,
      }, originOf(logged.digest, { kind: 'line', line: logged.line }), [{ at: isoFromUnixMillis(event.eventTimeMs), meaning: 'looked up' }]);
    }
  },
};
