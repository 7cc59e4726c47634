import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const WEBKIT_ITP = 'https://webkit.org/tracking-prevention/';

export const webkitResourceLoadStatisticsRules: Rule[] = [
  {
    id: 'ios.webkit-resource-load-statistics.domain-indicator',
    version: 2,
    type: 'indicator',
    artifacts: ['webkit_resource_load_statistics'],
    fields: ['registrable_domain', 'redirects_to', 'redirected_from'],
    check: 'domain',
    severity: 'critical',
    confidence: 'high',
    title: 'WebKit recorded a load from spyware infrastructure',
    explanation:
      'The WebKit statistics of {record.location} record the site {record.registrable_domain} (matched value {value}, in {field}), which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'A page that merely embeds or links to the domain, or a visit made while researching it, leaves the same trace.',
    ],
    references: [AMNESTY_METHODOLOGY, WEBKIT_ITP],
  },
];
