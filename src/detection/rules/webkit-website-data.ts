import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

/**
 * Backup relative paths inside the WebKit stores that the webkit_website_data records
 * cover. The manifest rule that reads origins out of file names stays silent on these, so
 * one stored origin gives one finding (with the app, the store and the top-level site)
 * instead of two.
 */
export const WEBKIT_STORE_RELATIVE_PATH =
  '^(?:SystemData/com\\.apple\\.SafariViewService/)?Library/WebKit/(?:WebsiteData/(?:LocalStorage|IndexedDB|WebSQL|MediaKeys|Default)|WebsiteDataStore/[^/]+/(?:LocalStorage|IndexedDB|WebSQL|MediaKeys|Origins))/';

export const webkitWebsiteDataRules: Rule[] = [
  {
    id: 'ios.webkit-website-data.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['webkit_website_data'],
    fields: ['url', 'top_url'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'An app stored website data for spyware infrastructure',
    explanation:
      'WebKit in {record.location} ({record.store} store) holds {record.data_kinds} data of the site {record.url}, stored under the top-level site {record.top_url}; {value} matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Visiting the site without being infected (for instance while researching it) stores the same data.',
      'A third-party frame (top-level site different from the site) stores data without the person choosing that site.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
