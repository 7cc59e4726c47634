import type { Rule } from '../rule-types.js';

const CITIZEN_LAB_QUADREAM = 'https://citizenlab.ca/2023/04/spyware-vendor-quadream-exploits-victims-customers/';
const MVT_CALENDAR = 'https://github.com/mvt-project/mvt/blob/main/src/mvt/ios/modules/mixed/calendar.py';
const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const calendarRules: Rule[] = [
  {
    id: 'ios.calendar.participant-email',
    version: 1,
    type: 'indicator',
    artifacts: ['calendar'],
    fields: ['organizer_email', 'participant_emails'],
    check: 'email',
    severity: 'critical',
    confidence: 'high',
    title: "A calendar invitation involves a spyware operator's account",
    explanation:
      'The calendar event "{record.summary}" has the participant {value}, which matches the {malware} e-mail indicator "{indicator}" ({bundle}); calendar invitations from such accounts have been used to deliver zero-click exploits.',
    harmless: [
      'An invitation only shows that the account sent or received it; it is not proof that an exploit succeeded.',
      'A researcher could have invited or been invited by the account deliberately.',
    ],
    references: [CITIZEN_LAB_QUADREAM, AMNESTY_METHODOLOGY],
  },
  {
    // Beyond MVT: links in an event (its URL field, title, notes or location).
    id: 'ios.calendar.link-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['calendar'],
    fields: ['links'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'A calendar event holds a link to spyware infrastructure',
    explanation:
      'The calendar event "{record.summary}" carries the link {value}, which matches the {malware} indicator "{indicator}" ({bundle}); invitations are a way to put such a link in front of the user without a message.',
    harmless: [
      'Holding the link does not mean it was opened; look for a visit to it in browser history.',
      'The user may have copied the link into an event as a note.',
    ],
    references: [AMNESTY_METHODOLOGY, CITIZEN_LAB_QUADREAM],
  },
  {
    id: 'ios.calendar.quadream-meeting-notes',
    version: 1,
    type: 'heuristic',
    artifacts: ['calendar'],
    condition: {
      all: [
        { field: 'summary', equals: 'Meeting' },
        { field: 'description', equals: 'Notes' },
      ],
    },
    field: 'summary',
    severity: 'high',
    confidence: 'medium',
    title: "A calendar event matches QuaDream's ENDOFDAYS invitations",
    explanation:
      'The calendar event "{value}" with the note "{record.description}" (organizer {record.organizer_email}, created {record.created_after_start_seconds} s after its start) has exactly the title and note of the invisible invitations QuaDream\'s ENDOFDAYS exploit sent to iPhones in 2021.',
    harmless: [
      'A user can create an event titled "Meeting" with the note "Notes" by hand; an ENDOFDAYS invitation was also back-dated (created well after its start) and came from an unknown organizer.',
      'ENDOFDAYS targeted iOS 14.4 and 14.4.2; an event on a phone that never ran those versions is less likely to be the exploit.',
    ],
    references: [CITIZEN_LAB_QUADREAM, MVT_CALENDAR],
  },
];
