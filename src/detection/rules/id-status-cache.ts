import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const idStatusCacheRules: Rule[] = [
  {
    id: 'ios.id_status_cache.email',
    version: 1,
    type: 'indicator',
    artifacts: ['id_status_cache'],
    fields: ['email'],
    check: 'email',
    severity: 'critical',
    confidence: 'high',
    title: 'The phone looked up a spyware operator\'s account',
    explanation:
      'Identity Services looked up the address {value} for {record.service} on {record.lookup_date}; it matches the {malware} e-mail indicator "{indicator}" ({bundle}), an account used to deliver zero-click exploits over iMessage.',
    harmless: ['A look-up only means the account contacted this phone (or was typed in); it is not proof that an exploit succeeded.'],
    references: [AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.id_status_cache.double-nul',
    version: 1,
    type: 'heuristic',
    artifacts: ['id_status_cache'],
    condition: { field: 'has_double_nul', equals: true },
    field: 'uri',
    severity: 'high',
    confidence: 'medium',
    title: 'A look-up handle contains NUL bytes',
    explanation:
      'Identity Services cached a look-up of the handle "{value}" for {record.service}, which contains {record.nul_count} NUL bytes; handles typed or received normally hold none, and MVT treats this pattern as a trace of exploit delivery.',
    harmless: ['A malformed contact card or a buggy app could in principle produce such a handle.'],
    references: [MVT_RECORDS, AMNESTY_METHODOLOGY],
  },
];
