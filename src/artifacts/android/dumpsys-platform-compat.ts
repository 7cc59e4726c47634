/**
 * Packages named in the compatibility overrides of `dumpsys platform_compat`; the list can
 * still name an app after it was uninstalled.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parsePlatformCompat } from './parsers/dumpsys-platform-compat.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysPlatformCompatExtractor: Extractor = {
  id: 'dumpsys_platform_compat',
  title: 'Packages in compatibility overrides (dumpsys platform_compat)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'platform_compat', function* ({ text, lines }) {
      for (const override of parsePlatformCompat(lines)) {
        yield makeRecord('dumpsys_platform_compat', {
          package_name: override.packageName,
          change_id: override.changeId,
          change_name: override.changeName,
        }, originOf(text.digest, { kind: 'line', line: override.line }));
      }
    });
  },
};
