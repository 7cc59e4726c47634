import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const chromeHistoryRules: Rule[] = [
  {
    id: 'ios.chrome-history.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['chrome_history'],
    // Not redirect_source_url: the source visit is a record of its own and is checked there.
    fields: ['url'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'Chrome visited spyware infrastructure',
    explanation:
      'Chrome history (profile {record.profile}) records a visit to {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Opening a link to a known spyware domain (for instance while researching it) leaves the same trace without an infection.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
