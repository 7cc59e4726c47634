import type { Rule } from '../rule-types.js';

const APPLE_LOCKDOWN_MODE = 'https://support.apple.com/en-us/105120';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const globalPreferencesRules: Rule[] = [
  {
    id: 'ios.global_preferences.lockdown-mode-enabled',
    version: 1,
    type: 'heuristic',
    artifacts: ['global_preferences'],
    condition: { field: 'lockdown_mode', equals: true },
    field: 'lockdown_mode',
    severity: 'informational',
    confidence: 'high',
    title: 'Lockdown Mode is on',
    explanation:
      'The global preferences say Lockdown Mode is enabled, which blocks most zero-click attack surface (message attachments, link previews, unknown FaceTime calls) from the moment it was turned on.',
    harmless: ['This is a protective setting, reported so the reader knows from when the phone was hardened.'],
    references: [APPLE_LOCKDOWN_MODE, MVT_RECORDS],
  },
  {
    id: 'ios.global_preferences.lockdown-mode-disabled',
    version: 1,
    type: 'heuristic',
    artifacts: ['global_preferences'],
    condition: { field: 'lockdown_mode', equals: false },
    field: 'lockdown_mode',
    severity: 'low',
    confidence: 'medium',
    title: 'Lockdown Mode was turned off',
    explanation:
      'The global preferences record Lockdown Mode as explicitly disabled, so it was turned on at some point and later off (by the owner or by someone with the passcode).',
    harmless: ['Owners often turn Lockdown Mode off because it breaks websites, attachments or shared albums.'],
    references: [APPLE_LOCKDOWN_MODE, MVT_RECORDS],
  },
];
