import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const KASPERSKY_TRIANGULATION = 'https://securelist.com/operation-triangulation/109842/';

/**
 * Beyond MVT, which records interactionC for the timeline only. The zero-click exploits
 * that the Pegasus and Triangulation e-mail indicators name were delivered over iMessage
 * from those accounts, and CoreDuet records such an interaction with the sender's handle
 * even after the message itself is gone — the same evidence MVT raises as critical when
 * the handle shows up in the Identity Services look-up cache.
 */
export const interactionCRules: Rule[] = [
  {
    id: 'ios.interaction_c.email-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['interaction_c'],
    fields: ['emails'],
    check: 'email',
    severity: 'critical',
    confidence: 'high',
    title: "The phone recorded an interaction with a spyware operator's account",
    explanation:
      'CoreDuet recorded a {record.direction} interaction through {record.bundle_id} involving {value}, which matches the {malware} e-mail indicator "{indicator}" ({bundle}), an account used to deliver exploits over iMessage.',
    harmless: [
      'An interaction only shows that a message or call was exchanged with the account; it is not proof that an exploit succeeded.',
      'Someone who investigates these accounts could have written to one of them.',
    ],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_TRIANGULATION],
  },
];
