import type { Rule } from '../rule-types.js';

const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';
const CITIZEN_LAB_PREDATOR =
  'https://citizenlab.ca/2021/12/pegasus-vs-predator-dissidents-doubly-infected-iphone-reveals-cytrox-mercenary-spyware/';
const APPLE_DEVICE_MANAGEMENT = 'https://developer.apple.com/documentation/devicemanagement';

export const configurationProfilesRules: Rule[] = [
  {
    id: 'ios.configuration_profiles.profile-id',
    version: 1,
    type: 'indicator',
    artifacts: ['configuration_profiles'],
    fields: ['payload_uuid', 'identifier'],
    check: 'profile-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware configuration profile is installed',
    explanation:
      'The configuration profile "{record.display_name}" (installed {record.install_date}) has the id {value}, which matches the {malware} configuration-profile indicator "{indicator}" ({bundle}).',
    harmless: ['None known: profile UUIDs are random, so a match means this very profile.'],
    references: [MVT_RECORDS, CITIZEN_LAB_PREDATOR],
  },
  {
    id: 'ios.configuration_profiles.notification-settings',
    version: 1,
    type: 'heuristic',
    artifacts: ['configuration_profiles'],
    condition: { field: 'payload_types', equals: 'com.apple.notificationsettings' },
    field: 'payload_types',
    severity: 'medium',
    confidence: 'low',
    title: 'A configuration profile controls notifications',
    explanation:
      'The configuration profile "{record.display_name}" ({record.identifier}) carries a com.apple.notificationsettings payload, which can silence the alerts an attack would show; MVT flags such profiles.',
    harmless: [
      'Schools, employers and parental-control services use notification-settings payloads through their MDM.',
    ],
    references: [MVT_RECORDS, APPLE_DEVICE_MANAGEMENT],
  },
  {
    id: 'ios.configuration_profiles.installed',
    version: 1,
    type: 'heuristic',
    artifacts: ['configuration_profiles'],
    condition: { field: 'file_name', startsWith: 'profile-' },
    field: 'identifier',
    severity: 'informational',
    confidence: 'low',
    title: 'A configuration profile is installed',
    explanation:
      'The configuration profile "{record.display_name}" ({value}, from {record.organization}) is installed with payloads {record.payload_types}; profiles persist across reboots and can install certificates, VPNs and proxies, so each one should be recognised by the owner.',
    harmless: [
      'Most profiles are legitimate: employer or school MDM enrolment, carrier settings, VPN and Wi-Fi configuration, beta-software profiles.',
    ],
    references: [APPLE_DEVICE_MANAGEMENT, MVT_RECORDS],
  },
];
