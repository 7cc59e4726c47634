import type { Rule } from '../rule-types.js';

const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';
const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const keychainAnalyticsRules: Rule[] = [
  {
    id: 'ios.keychain-analytics.process',
    version: 1,
    type: 'indicator',
    artifacts: ['keychain_analytics'],
    fields: ['values'],
    check: 'process',
    severity: 'critical',
    // Attributes are free-form strings: a value equal to a process name is usually, not always, that process.
    confidence: 'medium',
    title: 'Security analytics name a spyware process',
    explanation:
      'An event in {record.db_name} ({record.table}) has the attribute value {value}, which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: [
      'A short or common indicator name can equal an unrelated attribute value (a service or account name); check which attribute holds it in the record\'s keys.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
  {
    id: 'ios.keychain-analytics.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['keychain_analytics'],
    fields: ['web_values'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'Security analytics name spyware infrastructure',
    explanation:
      'An event in {record.db_name} ({record.table}) names {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'A connection made while researching the domain, or a certificate check for a site that merely embeds it, is logged the same way.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
