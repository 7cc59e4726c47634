import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const KASPERSKY_TRIANGULATION = 'https://securelist.com/operation-triangulation/109842/';

/**
 * Beyond MVT, which extracts contacts without checking them. High rather than critical: a
 * saved address shows the account is known on the phone, not that it delivered anything;
 * the calls, interaction_c and id_status_cache records say whether it made contact.
 */
export const contactsRules: Rule[] = [
  {
    id: 'ios.contacts.email-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['contacts'],
    fields: ['email'],
    check: 'email',
    severity: 'high',
    confidence: 'medium',
    title: "The address book holds a spyware operator's account",
    explanation:
      'The contact {record.display_name} has the address {value} ({record.property_name}), which matches the {malware} e-mail indicator "{indicator}" ({bundle}), an account used to deliver exploits over iMessage.',
    harmless: [
      'A journalist or researcher may have saved the address while investigating the campaign.',
      'Look in calls, interaction_c and id_status_cache records for contact with the same address.',
    ],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_TRIANGULATION],
  },
];
