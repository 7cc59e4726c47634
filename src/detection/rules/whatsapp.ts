import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const CITIZEN_LAB_PREDATOR = 'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';

export const whatsappRules: Rule[] = [
  {
    id: 'ios.whatsapp.link-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['whatsapp'],
    // `links` never holds WhatsApp's own media-CDN links; those stay in `media_links`.
    fields: ['links'],
    check: 'url',
    when: { field: 'kind', equals: 'message' },
    severity: 'critical',
    confidence: 'high',
    title: 'A WhatsApp message holds a link to spyware infrastructure',
    explanation:
      'A WhatsApp message ({record.direction}, from {record.from_jid} to {record.to_jid}) carries the link {value} in its text, caption or link preview, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Receiving such a link does not mean it was opened; look for a visit to it in browser history around the same time.',
      'A researcher, journalist or colleague may have shared the link as an example of an attack.',
    ],
    references: [AMNESTY_METHODOLOGY, CITIZEN_LAB_PREDATOR],
  },
];
