import type { Rule } from '../rule-types.js';

const CITIZEN_LAB_PREDATOR = 'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const shortcutsRules: Rule[] = [
  {
    id: 'ios.shortcuts.action-url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['shortcuts'],
    fields: ['action_urls'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'A shortcut opens spyware infrastructure',
    explanation:
      'The shortcut "{record.name}" has an action whose parameters hold {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'A shortcut imported from the web can carry a link its author added; check when the shortcut was created and whether the person made it.',
    ],
    references: [CITIZEN_LAB_PREDATOR, MVT_RECORDS],
  },
];
