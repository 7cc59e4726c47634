import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const WEBKIT_ITP = 'https://webkit.org/tracking-prevention/';
const MVT_DOCS = 'https://docs.mvt.re/en/latest/ios/records/';

const HARMLESS_VISIT =
  'A page that merely embeds or links to the domain, or a visit made while researching it, leaves the same trace.';

export const webkitSessionResourceLogRules: Rule[] = [
  {
    id: 'ios.webkit-session-resource-log.domain-indicator',
    version: 2,
    type: 'indicator',
    artifacts: ['webkit_session_resource_log'],
    fields: ['origin', 'redirects_to', 'redirected_from', 'subframe_under', 'subresource_under'],
    check: 'domain',
    severity: 'critical',
    confidence: 'high',
    title: 'WebKit logged a load from spyware infrastructure',
    explanation:
      'The WebKit session log of {record.location} names {value} (in {field}, for the site {record.origin}), which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [HARMLESS_VISIT],
    references: [AMNESTY_METHODOLOGY, WEBKIT_ITP],
  },
  {
    // MVT raises "HTTP redirect between suspicious domains" when an entry with an indicator
    // match also records a top-frame redirect; the `when` keeps that to entries that do.
    id: 'ios.webkit-session-resource-log.redirect-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['webkit_session_resource_log'],
    fields: ['origin', 'redirects_to', 'redirected_from'],
    check: 'domain',
    when: { any: [{ field: 'redirects_to', exists: true }, { field: 'redirected_from', exists: true }] },
    severity: 'high',
    confidence: 'medium',
    title: 'Top-frame redirect involving spyware infrastructure',
    explanation:
      'WebKit logged the top-frame redirect chain {record.redirect_chain}, in which {value} matches the {malware} indicator "{indicator}" ({bundle}), the path a one-click exploit link takes to its server.',
    harmless: [HARMLESS_VISIT, 'Tracking and link-shortening services redirect through many domains.'],
    references: [AMNESTY_METHODOLOGY, MVT_DOCS],
  },
];
