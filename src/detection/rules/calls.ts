import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const KASPERSKY_TRIANGULATION = 'https://securelist.com/operation-triangulation/109842/';

/**
 * Beyond MVT, which keeps calls for the timeline only. A FaceTime call with an account
 * that operators used to deliver iMessage exploits is contact from the same attacker
 * infrastructure, so it weighs like the Identity Services look-up MVT raises as critical.
 */
export const callsRules: Rule[] = [
  {
    id: 'ios.calls.email-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['calls'],
    fields: ['email'],
    check: 'email',
    severity: 'critical',
    confidence: 'high',
    title: "A call with a spyware operator's account",
    explanation:
      'The call history holds a call ({record.direction}, {record.call_type_name}) with {value}, which matches the {malware} e-mail indicator "{indicator}" ({bundle}), an account used to deliver exploits to iPhones.',
    harmless: [
      'A call record shows contact with the account, not that an exploit succeeded.',
      'Someone investigating these accounts could have called one of them.',
    ],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_TRIANGULATION],
  },
];
