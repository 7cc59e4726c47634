/**
 * Job, foreground-app and alarm events from the `Battery History` of `dumpsys
 * batterystats`: which packages ran recently, even if they hide their icon.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseBatteryHistory } from './parsers/dumpsys-battery.js';
import { isoFromLocal, zoneLabel } from './parsers/local-time.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysBatteryHistoryExtractor: Extractor = {
  id: 'dumpsys_battery_history',
  title: 'Battery history events (dumpsys batterystats)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'batterystats', function* ({ text, lines }) {
      for (const event of parseBatteryHistory(lines)) {
        yield makeRecord('dumpsys_battery_history', {
          event: event.event,
          uid: event.uid,
          package_name: event.packageName,
          service: event.service,
          tag: event.tag,
          time_elapsed: event.elapsed,
          time_local: event.local,
          local_time_zone: zoneLabel(text.zone),
        }, originOf(text.digest, { kind: 'line', line: event.line }), [
          { at: event.local ? isoFromLocal(event.local, text.zone) : null, meaning: event.event.replace('_', ' ') },
        ]);
      }
    });
  },
};
