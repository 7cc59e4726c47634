import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const tccRules: Rule[] = [
  {
    id: 'ios.tcc.process',
    version: 1,
    type: 'indicator',
    artifacts: ['tcc'],
    fields: ['client_process'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process holds a privacy permission',
    explanation:
      'TCC.db records a {record.service} permission ({record.auth_value}) for the client "{record.client}", whose name "{value}" matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['A few published process names collide with legitimate iOS components; check the service and client type.'],
    references: [MVT_RECORDS, AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.tcc.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['tcc'],
    fields: ['client'],
    check: 'file-path',
    when: { field: 'client_type', equals: 'absolute_path' },
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware binary holds a privacy permission',
    explanation:
      'TCC.db records a {record.service} permission for the executable {value}, which matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name indicator can also match a legitimate binary with the same name; compare the full path.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.tcc.app-id',
    version: 1,
    type: 'indicator',
    artifacts: ['tcc'],
    fields: ['client'],
    check: 'app-id',
    when: { field: 'client_type', equals: 'bundle_id' },
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware app holds a privacy permission',
    explanation:
      'TCC.db records a {record.service} permission for the app {value}, which matches the {malware} app indicator "{indicator}" ({bundle}).',
    harmless: ['An app id indicator published for Android may name a legitimate iOS app with the same bundle id.'],
    references: [MVT_RECORDS],
  },
];
