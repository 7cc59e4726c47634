import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const firefoxFaviconRules: Rule[] = [
  {
    id: 'ios.firefox-favicon.url-indicator',
    version: 2,
    type: 'indicator',
    artifacts: ['firefox_favicon'],
    fields: ['icon_url', 'page_url'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'Firefox cached an icon of spyware infrastructure',
    explanation:
      'The Firefox favicon table ({record.location}) links the icon {record.icon_url} to the page {record.page_url}; {value} matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'A page visited while researching the domain, or a page that embeds an icon hosted there, leaves the same trace.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
