import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const safariBrowserStateRules: Rule[] = [
  {
    id: 'ios.safari-browser-state.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['safari_browser_state'],
    // user_visible_url is left out: it repeats url on nearly every tab, and session_urls
    // already omits the tab's own URL, so each indicator hit is reported once per tab.
    fields: ['url', 'session_urls'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'A Safari tab went to spyware infrastructure',
    explanation:
      'A Safari tab ({record.title}) holds {value} in its address or its back/forward history, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Opening a link to a known spyware domain (for instance while researching it) leaves the same trace without an infection.',
    ],
    references: [AMNESTY_METHODOLOGY],
  },
];
