import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const firefoxHistoryRules: Rule[] = [
  {
    id: 'ios.firefox-history.url-indicator',
    version: 2,
    type: 'indicator',
    artifacts: ['firefox_history'],
    fields: ['url'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'Firefox visited spyware infrastructure',
    explanation:
      'Firefox history ({record.location}) records {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Opening a link to a known spyware domain (for instance while researching it) leaves the same trace without an infection.',
      'A visit synced from another device (is_local false) was made on that device, not on this phone.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
