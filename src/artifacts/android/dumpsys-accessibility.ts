/**
 * Accessibility services from `dumpsys accessibility`: an accessibility service can read
 * the screen and act for the user, which is how NoviSpy and much stalkerware work.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { parseAccessibility } from './parsers/dumpsys-accessibility.js';
import { DUMPSYS_PATHS } from './dumpsys-text.js';
import { eachSection } from './dumpsys-section-records.js';

export const dumpsysAccessibilityExtractor: Extractor = {
  id: 'dumpsys_accessibility',
  title: 'Accessibility services (dumpsys accessibility)',
  platform: 'android',
  acquisitions: ['android-androidqf', 'android-bugreport'],
  paths: DUMPSYS_PATHS,
  extract(source: Source, context: ExtractContext) {
    return eachSection(source, context, 'accessibility', function* ({ text, lines }) {
      for (const service of parseAccessibility(lines)) {
        yield makeRecord('dumpsys_accessibility', {
          package_name: service.packageName,
          service: service.component,
          states: service.states,
          enabled: service.states.includes('enabled'),
        }, originOf(text.digest, { kind: 'line', line: service.line }));
      }
    });
  },
};
