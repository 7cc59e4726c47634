/**
 * Package changes from the daily stats of `dumpsys batterystats`: which app was installed,
 * updated, uninstalled (vers=0) or downgraded, day by day — traces that outlive the app.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseBatteryDaily } from './parsers/dumpsys-battery.js';
import { isoFromLocal, zoneLabel } from './parsers/local-time.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysBatteryDailyExtractor: Extractor = {
  id: 'dumpsys_battery_daily',
  title: 'Daily package changes (dumpsys batterystats)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'batterystats', function* ({ text, lines }) {
      for (const change of parseBatteryDaily(lines)) {
        yield makeRecord('dumpsys_battery_daily', {
          action: change.action,
          package_name: change.packageName,
          vers: change.vers,
          previous_vers: change.previousVers,
          period_from_local: change.fromLocal,
          period_to_local: change.toLocal,
          local_time_zone: zoneLabel(text.zone),
        }, originOf(text.digest, { kind: 'line', line: change.line }), [
          { at: isoFromLocal(change.fromLocal, text.zone), meaning: 'period start' },
          { at: isoFromLocal(change.toLocal, text.zone), meaning: 'period end' },
        ]);
      }
    });
  },
};
