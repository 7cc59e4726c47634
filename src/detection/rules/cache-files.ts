import type { Rule } from '../rule-types.js';

const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';
const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const cacheFilesRules: Rule[] = [
  {
    id: 'ios.cache-files.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['cache_files'],
    // The partition names the site the response was loaded for: a known-bad site there is as telling.
    fields: ['url', 'partition_site'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'A network cache holds a response from spyware infrastructure',
    explanation:
      'The network cache {record.db_path} keeps a response for {record.url} (partition {record.partition}); {value} matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Opening the address while researching it, or a page that loads a resource from that site, caches the same response.',
      'A shared or rotated domain may have served harmless content at the time the response was cached.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
