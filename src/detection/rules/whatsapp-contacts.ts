import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const CITIZEN_LAB_PREDATOR = 'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';

/**
 * Beyond MVT, which extracts these contacts without checking them. Medium, not critical:
 * the link is in a contact's profile (or the user's note about a contact), not in anything
 * delivered to the phone, so it ties the contact — not the phone — to the infrastructure.
 */
export const whatsappContactsRules: Rule[] = [
  {
    id: 'ios.whatsapp_contacts.link-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['whatsapp_contacts'],
    fields: ['links'],
    check: 'url',
    severity: 'medium',
    confidence: 'medium',
    title: "A WhatsApp contact's About text or note links to spyware infrastructure",
    explanation:
      'The WhatsApp contact {record.whatsapp_id} ({record.full_name}) has the link {value} in its About text or notes, which matches the {malware} indicator "{indicator}" ({bundle}); an account that advertises such a link may be used to send attack links.',
    harmless: [
      'A researcher or journalist who writes about spyware may link to an example in their profile.',
      'The link says nothing about what reached this phone; look for messages from this contact in whatsapp records.',
    ],
    references: [AMNESTY_METHODOLOGY, CITIZEN_LAB_PREDATOR],
  },
];
