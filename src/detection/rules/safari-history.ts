import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_DOCS = 'https://docs.mvt.re/en/latest/ios/records/';

export const safariHistoryRules: Rule[] = [
  {
    id: 'ios.safari-history.url-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['safari_history'],
    // Not redirect_destination_url: it is only known when the destination visit exists,
    // and that visit is a record of its own, so checking it again would only duplicate.
    fields: ['url'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'Safari visited spyware infrastructure',
    explanation:
      'Safari history records a visit involving {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Opening a link to a known spyware domain (for instance while researching it) leaves the same trace without an infection.',
    ],
    references: [AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.safari-history.injection-redirect',
    version: 1,
    type: 'heuristic',
    artifacts: ['safari_history'],
    condition: {
      all: [
        { field: 'url', startsWith: 'http://', ignoreCase: true },
        { field: 'redirect_to_other_host', equals: true },
        { field: 'redirect_delay_ms', exists: true },
        { not: { field: 'redirect_delay_ms', lessThan: 0 } },
        { field: 'redirect_delay_ms', lessThan: 1000 },
      ],
    },
    field: 'redirect_destination_url',
    severity: 'medium',
    confidence: 'low',
    title: 'Plain-HTTP visit redirected to another site in under a second',
    explanation:
      'Safari loaded {record.url} over plain HTTP and was sent to {value} {record.redirect_delay_ms} ms later, a redirect fast enough to come from the network rather than the person, as in the network-injection attacks Amnesty documented.',
    harmless: [
      'Many sites redirect plain-HTTP visits instantly to another host they own (a mobile or regional site, a link shortener, a login page).',
      'Captive portals of hotel or airport Wi-Fi redirect the first plain-HTTP request within milliseconds.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_DOCS],
  },
];
