import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const CITIZEN_LAB_FORCEDENTRY =
  'https://citizenlab.ca/2021/09/forcedentry-nso-group-imessage-zero-click-exploit-captured-in-the-wild/';
const MVT_DOCS = 'https://docs.mvt.re/en/latest/ios/records/';

export const smsAttachmentsRules: Rule[] = [
  {
    id: 'ios.sms-attachments.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['sms_attachments'],
    // device_path is the file name with `~` expanded; the file-path check also compares
    // its base name with file-name indicators, so one rule covers both kinds.
    fields: ['device_path'],
    check: 'file-path',
    severity: 'high',
    confidence: 'high',
    title: 'A message attachment is stored at a path named in a spyware indicator',
    explanation:
      'The attachment file {record.filename} ({record.direction}, {record.service}, handle {record.handle}) matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name can also be sent legitimately; compare the attachment\'s time with other traces.'],
    references: [AMNESTY_METHODOLOGY, MVT_DOCS],
  },
  {
    id: 'ios.sms-attachments.temporary-received-attachment',
    version: 1,
    type: 'heuristic',
    artifacts: ['sms_attachments'],
    condition: {
      all: [
        { field: 'direction', equals: 'received' },
        // /var is a link to /private/var on iOS; both spellings name the same folder.
        { field: 'filename', startsWith: ['/var/tmp/', '/private/var/tmp/'] },
        { field: 'filename', endsWith: '-1' },
      ],
    },
    field: 'filename',
    severity: 'medium',
    confidence: 'low',
    title: 'Received iMessage attachment left in a temporary folder',
    explanation:
      'A received attachment from {record.handle} ({record.service}) is recorded at {value}, in the system temporary folder and with the "-1" suffix seen on attachments used to deliver iMessage exploits, instead of in the Messages attachment store.',
    harmless: [
      'An attachment whose download was interrupted can keep a temporary path.',
      'This pattern alone is weak: look for spyware processes or domains around the same time.',
    ],
    references: [MVT_DOCS, CITIZEN_LAB_FORCEDENTRY, AMNESTY_METHODOLOGY],
  },
];
