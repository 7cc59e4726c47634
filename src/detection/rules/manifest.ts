import type { Rule } from '../rule-types.js';
import { WEBKIT_STORE_RELATIVE_PATH } from './webkit-website-data.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const manifestRules: Rule[] = [
  {
    id: 'ios.manifest.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['manifest'],
    fields: ['device_path', 'relative_path'],
    check: 'file-path',
    severity: 'high',
    confidence: 'high',
    title: 'Backup holds a file named in a spyware indicator',
    explanation:
      'The backup lists the file {record.domain}/{record.relative_path}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name can also be written by a legitimate app; check the file\'s domain and times.'],
    references: [AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.manifest.domain-mention',
    // 2: silent inside the WebKit stores, whose origins the webkit_website_data records report.
    version: 2,
    type: 'indicator',
    artifacts: ['manifest'],
    fields: ['url_mentions'],
    check: 'url',
    when: { not: { field: 'relative_path', matches: WEBKIT_STORE_RELATIVE_PATH } },
    severity: 'high',
    confidence: 'medium',
    title: 'A file name in the backup mentions a spyware domain',
    explanation:
      'The backup file {record.domain}/{record.relative_path} is named after the web origin {value}, which matches the {malware} indicator "{indicator}" ({bundle}): an app stored data for that site.',
    harmless: ['Visiting a page that loads content from the domain, without being infected, also leaves such a folder.'],
    references: [AMNESTY_METHODOLOGY],
  },
];
