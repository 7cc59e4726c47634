import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const locationdClientsRules: Rule[] = [
  {
    id: 'ios.locationd-clients.process-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['locationd_clients'],
    fields: ['process', 'bundle_id'],
    check: 'process',
    severity: 'high',
    confidence: 'high',
    title: 'A spyware process asked for the location',
    explanation:
      'locationd lists the client {record.client} ({field} "{value}"), which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: [
      'A few published process names collide with legitimate iOS daemons or bundles; check the client\'s path and the other findings.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
  {
    id: 'ios.locationd-clients.file-path-indicator',
    version: 1,
    type: 'indicator',
    artifacts: ['locationd_clients'],
    // key_path is the path inside a `com.apple.locationd.executable-<path>` key: the same
    // binary, named even when the client dictionary has no Executable entry.
    fields: ['bundle_path', 'executable', 'registered', 'key_path'],
    check: 'file-path',
    severity: 'high',
    confidence: 'high',
    title: 'A binary at a spyware path asked for the location',
    explanation:
      'locationd lists the client {record.client} with the path {value} ({field}), which matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name in an indicator can also belong to a legitimate binary; check the full path.'],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
