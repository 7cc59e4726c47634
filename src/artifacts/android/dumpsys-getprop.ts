/**
 * The SYSTEM PROPERTIES block of a bugreport's main entry (also of the bugreport inside an
 * androidqf collection), read like getprop.txt; the patch age is measured against the
 * bugreport's own dumpstate date.
 */
import type { Source } from '../../acquisition/source.js';
import type { ExtractContext, Extractor } from '../types.js';
import { parseGetpropLines, propertyMap } from './parsers/getprop.js';
import { systemPropertiesLines } from './parsers/dumpsys-sections.js';
import { bugreportDate } from './device-context.js';
import { DUMPSYS_PATHS, dumpsysTextPaths, zoneFromProperties } from './dumpsys-text.js';
import { readTextInput } from './read-input.js';
import { readProperties } from './aqf-getprop.js';

export const dumpsysGetpropExtractor: Extractor = {
  id: 'dumpsys_get_prop',
  title: 'System properties (bugreport SYSTEM PROPERTIES)',
  platform: 'android',
  acquisitions: ['android-bugreport', 'android-androidqf'],
  paths: { 'android-bugreport': DUMPSYS_PATHS['android-bugreport'] ?? [], 'android-androidqf': (DUMPSYS_PATHS['android-androidqf'] ?? []).filter((p) => p.includes('!')) },
  async *extract(source: Source, context: ExtractContext) {
    for (const path of await dumpsysTextPaths(source, context)) {
      if (path === 'dumpsys.txt' && source.kind === 'android-androidqf') continue;
      const input = await readTextInput(source, path, context);
      if (!input) continue;
      const lines = systemPropertiesLines(input.text);
      if (!lines) {
        context.issue({ code: 'missing-file', path, message: `${path} has no SYSTEM PROPERTIES block` });
        continue;
      }
      const { properties } = parseGetpropLines(lines);
      const reference = bugreportDate(input.text, zoneFromProperties(propertyMap(properties)));
      yield* readProperties('dumpsys_get_prop', properties, input.digest, reference);
    }
  },
};
