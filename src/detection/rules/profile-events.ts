import type { Rule } from '../rule-types.js';

const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const profileEventsRules: Rule[] = [
  {
    id: 'ios.profile_events.process',
    version: 1,
    type: 'indicator',
    artifacts: ['profile_events'],
    fields: ['process_name'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process installed or removed a profile',
    explanation:
      'MCProfileEvents.plist records that the process "{record.process}" performed "{record.operation}" on profile {record.profile_id}; its name "{value}" matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['A few published process names collide with legitimate iOS components.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.profile_events.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['profile_events'],
    fields: ['process'],
    check: 'file-path',
    when: { field: 'process', startsWith: '/' },
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware binary installed or removed a profile',
    explanation:
      'MCProfileEvents.plist records that {value} performed "{record.operation}" on profile {record.profile_id}; the path matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name indicator can match a legitimate binary with the same name; compare the full path.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.profile_events.profile-id',
    version: 1,
    type: 'indicator',
    artifacts: ['profile_events'],
    fields: ['profile_id'],
    check: 'profile-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware configuration profile was installed or removed',
    explanation:
      'MCProfileEvents.plist records "{record.operation}" of the profile {value} by {record.process}; the id matches the {malware} configuration-profile indicator "{indicator}" ({bundle}), even if the profile is gone now.',
    harmless: ['None known: profile ids in indicators are random UUIDs.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.profile_events.event',
    version: 1,
    type: 'heuristic',
    artifacts: ['profile_events'],
    condition: { field: 'profile_id', exists: true },
    field: 'profile_id',
    severity: 'low',
    confidence: 'low',
    title: 'A configuration profile was installed or removed',
    explanation:
      'MCProfileEvents.plist records that "{record.process}" performed "{record.operation}" on the profile {value}; the owner should recognise every profile operation, since profiles are a persistence vector.',
    harmless: ['MDM enrolment, carrier updates, VPN apps and beta profiles all install and remove profiles routinely.'],
    references: [MVT_RECORDS],
  },
];
