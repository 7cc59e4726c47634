import { describe, expect, it } from 'vitest';
import { extractFromBackup } from '../../../test/support/backup-source.js';
import { binaryPlist } from '../../../test/builders/ios-backup.js';
import { globalPreferencesPlist } from '../../../test/builders/ios/system-plists.js';
import { globalPreferencesExtractor } from './global-preferences.js';
import { globalPreferencesRules } from '../../detection/rules/global-preferences.js';
import { Detector } from '../../detection/engine.js';
import { IndicatorIndex } from '../../indicators/indicator-index.js';

const DOMAIN = 'HomeDomain';
const PATH = 'Library/Preferences/.GlobalPreferences.plist';

function backup(content: Buffer | string) {
  return { files: [{ domain: DOMAIN, relativePath: PATH, content }] };
}

describe('global_preferences extractor', () => {
  // Both heuristics need no indicators at all.
  const detector = new Detector(globalPreferencesRules, new IndicatorIndex([], []));

  it('records Lockdown Mode on, with an informational finding, and nothing else of the preferences', async () => {
    const { records, issues } = await extractFromBackup(backup(globalPreferencesPlist({ lockdownMode: true })), globalPreferencesExtractor);
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.fields).toEqual({ lockdown_mode: true, lockdown_mode_key_present: true, key_count: 4 });
    expect(records[0]!.times).toEqual([]);
    expect(records[0]!.origin).toMatchObject({
      path: `${DOMAIN}/${PATH}`,
      stored: '0d/0dc926a1810f7aee4e8f38793ed788701f93bf9d',
      locator: { kind: 'plist', keyPath: ['LDMGlobalEnabled'] },
    });
    expect(detector.inspect(records[0]!).map((f) => [f.rule.id, f.severity, f.matched.value])).toEqual([
      ['ios.global_preferences.lockdown-mode-enabled', 'informational', 'true'],
    ]);
  });

  it('records Lockdown Mode turned off (low) and absent (nothing)', async () => {
    const off = await extractFromBackup(backup(globalPreferencesPlist({ lockdownMode: false }, 'xml')), globalPreferencesExtractor);
    expect(off.records[0]!.fields).toEqual({ lockdown_mode: false, lockdown_mode_key_present: true, key_count: 4 });
    expect(detector.inspect(off.records[0]!).map((f) => [f.rule.id, f.severity])).toEqual([
      ['ios.global_preferences.lockdown-mode-disabled', 'low'],
    ]);

    const absent = await extractFromBackup(backup(globalPreferencesPlist()), globalPreferencesExtractor);
    expect(absent.records[0]!.fields).toEqual({ lockdown_mode: null, lockdown_mode_key_present: false, key_count: 3 });
    expect(absent.records[0]!.origin.locator).toEqual({ kind: 'plist', keyPath: [] });
    expect(detector.inspect(absent.records[0]!)).toEqual([]);
  });

  it('reads an integer flag and reports a bad root or a corrupt file', async () => {
    const integer = await extractFromBackup(backup(binaryPlist({ LDMGlobalEnabled: 1 })), globalPreferencesExtractor);
    expect(integer.records[0]!.fields['lockdown_mode']).toBe(true);

    const array = await extractFromBackup(backup(binaryPlist([true])), globalPreferencesExtractor);
    expect(array.records).toEqual([]);
    expect(array.issues).toEqual([
      { code: 'unsupported-schema', path: `${DOMAIN}/${PATH}`, message: 'unsupported schema: the plist root is not a dictionary' },
    ]);

    const corrupt = await extractFromBackup(backup(Buffer.from('bplist00')), globalPreferencesExtractor);
    expect(corrupt.records).toEqual([]);
    expect(corrupt.issues).toHaveLength(1);
    expect(corrupt.issues[0]).toMatchObject({ code: 'corrupt', path: `${DOMAIN}/${PATH}` });
  });
});
