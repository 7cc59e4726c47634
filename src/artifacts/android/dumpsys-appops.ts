/**
 * App operations from `dumpsys appops`: per package, each operation (permission use) with
 * its mode and when it was last allowed or refused — e.g. an app allowed to install other
 * apps (REQUEST_INSTALL_PACKAGES), or operations run by the adb shell.
 */
import type { Source } from '../../acquisition/source.js';
import { APP_STORES } from './packages-common.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseAppops } from './parsers/dumpsys-appops.js';
import { isoFromLocal, zoneLabel } from './parsers/local-time.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

/** App stores, which hold REQUEST_INSTALL_PACKAGES because installing apps is their job. */
export const dumpsysAppopsExtractor: Extractor = {
  id: 'dumpsys_appops',
  title: 'App operations (dumpsys appops)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'appops', function* ({ text, lines }) {
      for (const op of parseAppops(lines)) {
        const times = op.entries.map((entry) => ({ at: isoFromLocal(entry.local, text.zone), meaning: entry.kind === 'access' ? 'allowed' : 'refused' }));
        yield makeRecord('dumpsys_appops', {
          package_name: op.packageName,
          uid: op.uid,
          permission: op.op,
          mode: op.mode,
          access_count: op.entries.filter((e) => e.kind === 'access').length,
          reject_count: op.entries.filter((e) => e.kind === 'reject').length,
          entry_times_local: op.entries.map((e) => `${e.kind} ${e.local}`),
          is_store: APP_STORES.includes(op.packageName),
          local_time_zone: zoneLabel(text.zone),
        }, originOf(text.digest, { kind: 'line', line: op.line }), times);
      }
    });
  },
};
