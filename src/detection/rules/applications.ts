import type { Rule } from '../rule-types.js';

const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';
const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const applicationsRules: Rule[] = [
  {
    id: 'ios.applications.process',
    version: 1,
    type: 'indicator',
    artifacts: ['applications'],
    fields: ['bundle_id'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'An installed app is named like a spyware process',
    explanation:
      'The installed app {value} ("{record.name}" by {record.artist}, from {record.source_app}) matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['A few published process names collide with legitimate components.'],
    references: [MVT_RECORDS, AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.applications.app-id',
    version: 1,
    type: 'indicator',
    artifacts: ['applications'],
    fields: ['bundle_id'],
    check: 'app-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware app is installed',
    explanation:
      'The installed app {value} ("{record.name}" by {record.artist}, from {record.source_app}) matches the {malware} app indicator "{indicator}" ({bundle}).',
    harmless: ['An app id published for Android may name a legitimate iOS app with the same bundle id.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.applications.sideloaded',
    version: 1,
    type: 'heuristic',
    artifacts: ['applications'],
    condition: { field: 'installed_from_store', equals: false },
    field: 'source_app',
    severity: 'medium',
    confidence: 'medium',
    title: 'An app was not installed from the App Store or MDM',
    explanation:
      'The app {record.bundle_id} ("{record.name}" by {record.artist}) was installed by {value}, not by the App Store or an MDM server: it was sideloaded, which is how stalkerware and some implants get onto an iPhone.',
    harmless: [
      'TestFlight betas, apps from EU alternative app marketplaces (iOS 17.4 and later) and in-house enterprise apps are installed the same way.',
    ],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.applications.missing-bundle-id',
    version: 1,
    type: 'heuristic',
    artifacts: ['applications'],
    condition: { field: 'missing_bundle_id', equals: true },
    field: 'listed_bundle_id',
    severity: 'medium',
    confidence: 'low',
    title: 'An app\'s store metadata has no bundle id',
    explanation:
      'The iTunesMetadata of the app listed as {value} has no softwareVersionBundleId, which store-delivered apps always have; the app may have been installed outside the store with hand-made metadata.',
    harmless: ['Metadata written by very old iTunes versions or damaged by a restore can lack the key.'],
    references: [MVT_RECORDS],
  },
];
