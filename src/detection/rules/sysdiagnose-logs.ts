import type { Rule } from '../rule-types.js';
import { MVT_INDICATORS } from './sysdiagnose-references.js';

const INSTALLATION = ['sysdiagnose_mobile_installation'] as const;
const ACTIVATION = ['sysdiagnose_mobile_activation'] as const;

export const sysdiagnoseLogRules: Rule[] = [
  {
    id: 'ios.sysdiagnose-installation.app-id',
    version: 1,
    type: 'indicator',
    artifacts: INSTALLATION,
    fields: ['bundle_id'],
    check: 'app-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware app was installed, updated or removed',
    explanation:
      'The MobileInstallation log records "{record.event}" for the app {value} on {record.local_time} (phone time, zone {record.time_zone}), which matches the {malware} app indicator "{indicator}" ({bundle}).',
    harmless: ['An identifier published for Android can name a legitimate iOS app that uses the same identifier.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-installation.file-path',
    version: 1,
    type: 'indicator',
    artifacts: INSTALLATION,
    fields: ['path'],
    check: 'file-path',
    severity: 'critical',
    confidence: 'high',
    title: 'An app install touched a spyware path',
    explanation:
      'The MobileInstallation log records "{record.event}" for {record.bundle_id} at {value}, a path that matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name in an indicator can also be the name of a legitimate file; check the whole path.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-installation.process-in-path',
    version: 1,
    type: 'indicator',
    artifacts: INSTALLATION,
    fields: ['path'],
    check: 'process-in-path',
    severity: 'critical',
    confidence: 'high',
    title: 'An app install touched a folder named after spyware',
    explanation:
      'The MobileInstallation log records "{record.event}" for {record.bundle_id} at {value}; a component of that path is the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['Short or generic process names can also name a legitimate folder; check the whole path.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-installation.requested-by',
    version: 1,
    type: 'indicator',
    artifacts: INSTALLATION,
    fields: ['requested_by'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process asked iOS to install an app',
    explanation:
      'The MobileInstallation log records an install requested by "{value}", which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['A few published process names collide with legitimate iOS daemons; check the other findings.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-installation.url',
    version: 1,
    type: 'indicator',
    artifacts: INSTALLATION,
    fields: ['urls'],
    check: 'url',
    severity: 'critical',
    confidence: 'high',
    title: 'An app install names a spyware address',
    explanation:
      'The MobileInstallation log entry of {record.local_time} (phone time) names {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: ['A log line can quote an address without the phone having fetched anything from it.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-activation.url',
    version: 1,
    type: 'indicator',
    artifacts: ACTIVATION,
    fields: ['urls'],
    check: 'url',
    severity: 'high',
    confidence: 'medium',
    title: 'The activation log names a spyware address',
    explanation:
      'The mobileactivationd log entry of {record.local_time} (phone time) names {value}, which matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: ['A log line can quote an address without the phone having fetched anything from it.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-activation.email',
    version: 1,
    type: 'indicator',
    artifacts: ACTIVATION,
    fields: ['emails'],
    check: 'email',
    severity: 'high',
    confidence: 'medium',
    title: 'The activation log names an e-mail address used by spyware operators',
    explanation:
      'The mobileactivationd log entry of {record.local_time} (phone time) names {value}, which matches the {malware} e-mail indicator "{indicator}" ({bundle}).',
    harmless: ['An address can be quoted in a log without belonging to the phone\'s owner; check which account the entry is about.'],
    references: [MVT_INDICATORS],
  },
];
