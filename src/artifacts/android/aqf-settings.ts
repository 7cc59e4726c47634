/**
 * androidqf's settings_system.txt, settings_secure.txt and settings_global.txt: every
 * setting, with the ones that weaken the phone's defences (app verification off, error and
 * security reports off, accessibility on) marked against their safe value.
 */
import type { FileDigest, Source } from '../../acquisition/source.js';
import type { ArtifactRecord, ExtractContext, Extractor } from '../types.js';
import { makeRecord, originOf } from '../locate.js';
import { RISKY_SETTINGS, parseSettings, settingsNamespace } from './parsers/settings.js';
import { presentFiles, readTextInput } from './read-input.js';

export const AQF_SETTINGS_PATHS = ['settings_*.txt'] as const;

export function* readSettings(text: string, digest: FileDigest, context: ExtractContext): Generator<ArtifactRecord> {
  const namespace = settingsNamespace(digest.path);
  const { settings, badLines } = parseSettings(text);
  if (badLines.length > 0) context.issue({ code: 'corrupt', path: digest.path, message: `${badLines.length} line(s) are not key=value (first: line ${badLines[0]}); the others were read` });
  for (const setting of settings) {
    const risky = RISKY_SETTINGS.get(setting.key);
    yield makeRecord('aqf_settings', {
      namespace,
      key: setting.key,
      value: setting.value,
      safe_value: risky?.safe ?? null,
      risky: risky !== undefined && setting.value !== risky.safe,
      risk: risky !== undefined && setting.value !== risky.safe ? risky.meaning : null,
    }, originOf(digest, { kind: 'line', line: setting.line }));
  }
}

export const aqfSettingsExtractor: Extractor = {
  id: 'aqf_settings',
  title: 'Settings (androidqf settings_*.txt)',
  platform: 'android',
  acquisitions: ['android-androidqf'],
  paths: { 'android-androidqf': AQF_SETTINGS_PATHS },
  async *extract(source: Source, context: ExtractContext) {
    for (const path of presentFiles(source, AQF_SETTINGS_PATHS)) {
      const input = await readTextInput(source, path, context);
      if (input) yield* readSettings(input.text, input.digest, context);
    }
  },
};
