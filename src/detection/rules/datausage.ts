import type { Rule } from '../rule-types.js';

const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
const KASPERSKY_TRIANGULATION = 'https://securelist.com/operation-triangulation/109842/';
const MVT_RECORDS = 'https://docs.mvt.re/en/latest/ios/records/';

export const datausageRules: Rule[] = [
  {
    id: 'ios.datausage.process',
    version: 1,
    type: 'indicator',
    artifacts: ['datausage'],
    // `process` is the executable name; `proc_bundle` is what MVT checks (the part after '/').
    fields: ['process', 'proc_bundle'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process used the network',
    explanation:
      'DataUsage.sqlite records network use by the process "{value}" (first used {record.first_used}), which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: [
      'A few published process names collide with legitimate iOS daemons; check the name against the iOS version and the other findings.',
      'iOS truncates process names to 16 characters here, so a 16-character name can match a longer indicator by prefix only.',
    ],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_TRIANGULATION],
  },
  {
    id: 'ios.datausage.app-id',
    version: 1,
    type: 'indicator',
    artifacts: ['datausage'],
    fields: ['bundle_id'],
    check: 'app-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware app used the network',
    explanation:
      'DataUsage.sqlite records network use by the app "{value}" (process entry {record.proc_name_raw}), which matches the {malware} app indicator "{indicator}" ({bundle}).',
    harmless: ['An app id indicator published for Android may name a legitimate iOS app with the same bundle id.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.datausage.manipulated-process-entry',
    version: 1,
    type: 'heuristic',
    artifacts: ['datausage'],
    condition: { field: 'kind', equals: 'live-usage-without-process' },
    field: 'orphan_process_pk',
    severity: 'high',
    confidence: 'medium',
    title: 'A process record was removed from DataUsage',
    explanation:
      'The live-usage row {record.live_pk} of DataUsage.sqlite points to process {value}, which no longer exists: its process record was deleted while its traffic row stayed, which is how an implant that scrubs its process name from the database gives itself away.',
    harmless: [
      'A damaged or partially restored database can also leave a dangling reference.',
      'iOS does not normally delete process rows one at a time; treat this as a lead and look for other traces around the live-usage time.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
  {
    id: 'ios.datausage.unlinked-live-usage',
    version: 1,
    type: 'heuristic',
    artifacts: ['datausage'],
    condition: { field: 'kind', equals: 'live-usage-unlinked' },
    field: 'live_pk',
    severity: 'medium',
    confidence: 'low',
    title: 'Network usage linked to no process',
    explanation:
      'The live-usage row {value} of DataUsage.sqlite is linked to no process at all, so the process that used the network cannot be named; MVT reports such rows as manipulated.',
    harmless: ['Core Data leaves the link empty when it removes a process row itself, for instance when iOS prunes old entries.'],
    references: [MVT_RECORDS],
  },
  {
    id: 'ios.datausage.missing-process',
    version: 1,
    type: 'heuristic',
    artifacts: ['datausage'],
    condition: { field: 'kind', equals: 'missing-process' },
    field: 'missing_pk',
    severity: 'low',
    confidence: 'low',
    title: 'Process records are missing from DataUsage',
    explanation:
      'DataUsage.sqlite lacks {record.missing_count} process record(s) starting at Z_PK {value}, after process {record.previous_process_pk} ({record.previous_proc_name}); deleted process records are how an implant hides its process names.',
    harmless: ['iOS removes old process records when it prunes the database, which also leaves gaps.'],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
  {
    id: 'ios.datausage.binary-not-found',
    version: 1,
    type: 'heuristic',
    artifacts: ['datausage'],
    // `binary_in_acquisition` is only true or false in a file-system dump; backups leave it null.
    condition: { all: [{ field: 'kind', equals: 'process' }, { field: 'binary_in_acquisition', equals: false }] },
    field: 'process',
    severity: 'medium',
    confidence: 'low',
    title: 'A process with no app used the network, and no file of the dump bears its name',
    explanation:
      'DataUsage.sqlite records network use by the process "{value}" (first used {record.first_used}), which belongs to no app, and no file of the file-system dump has that name: an implant that runs from memory or deletes its binary leaves exactly this.',
    harmless: [
      'System daemons whose binary lives in the shared cache, or on a system volume the dump did not extract, are not found either; weigh the process name and the other findings.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_RECORDS],
  },
];
