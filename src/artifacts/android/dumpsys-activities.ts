/** Activities from the `Activity Resolver Table` of `dumpsys package`: which app handles which intent. */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseResolverTable } from './parsers/dumpsys-package.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysActivitiesExtractor: Extractor = {
  id: 'dumpsys_activities',
  title: 'Activities (dumpsys package)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'package', function* ({ text, lines }) {
      for (const entry of parseResolverTable(lines, 'Activity Resolver Table:') ?? []) {
        yield makeRecord('dumpsys_activities', {
          intent: entry.intent,
          package_name: entry.packageName,
          activity: entry.component,
        }, originOf(text.digest, { kind: 'line', line: entry.line }));
      }
    });
  },
};
