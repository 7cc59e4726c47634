import type { Rule } from '../rule-types.js';
import { APPLE_THREAT_NOTIFICATION_PREFIXES } from '../../artifacts/ios/apple-threat-notification.js';


const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const APPLE_THREAT_NOTIFICATIONS = 'https://support.apple.com/en-us/102174';
const CITIZEN_LAB_PREDATOR = 'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';

export const smsRules: Rule[] = [
  {
    id: 'ios.sms.link-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['sms'],
    fields: ['links'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'A message holds a link to spyware infrastructure',
    explanation:
      'A message ({record.direction}, {record.service}, handle {record.handle}) contains the link {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: [
      'Receiving such a link does not mean it was opened; look for a visit to it in browser history around the same time.',
      'A researcher or a colleague may have forwarded the link as an example.',
    ],
    references: [AMNESTY_METHODOLOGY, CITIZEN_LAB_PREDATOR],
  },
  {
    id: 'ios.sms.apple-threat-notification',
    version: 1,
    type: 'heuristic',
    artifacts: ['sms'],
    condition: {
      any: [
        { field: 'is_threat_notification', equals: true },
        { field: 'text', startsWith: APPLE_THREAT_NOTIFICATION_PREFIXES, ignoreCase: true },
      ],
    },
    field: 'text',
    severity: 'high',
    confidence: 'medium',
    title: "Apple's threat notification for state-sponsored or mercenary spyware",
    explanation:
      'A message from {record.handle} begins with the wording of Apple\'s threat notification ("{value}"), which Apple sends to users it believes were individually targeted by mercenary spyware.',
    harmless: [
      'Anyone can send a message with this wording: a genuine notification also arrives by e-mail to the Apple Account address and is shown at the top of account.apple.com.',
      'A notification says the person was targeted, not that an attack succeeded.',
    ],
    references: [APPLE_THREAT_NOTIFICATIONS, AMNESTY_METHODOLOGY],
  },
];
