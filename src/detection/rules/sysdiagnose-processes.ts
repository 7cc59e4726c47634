import type { Rule } from '../rule-types.js';
import { AMNESTY_METHODOLOGY, KASPERSKY_ISHUTDOWN, MVT_INDICATORS, TEMPORARY_FOLDERS } from './sysdiagnose-references.js';

/** Both process lists of a sysdiagnose: ps.txt and ps_thread.txt, read into the same fields. */
const PROCESS_LISTS = ['sysdiagnose_ps', 'sysdiagnose_ps_thread'] as const;

export const sysdiagnoseProcessRules: Rule[] = [
  {
    id: 'ios.sysdiagnose-ps.process',
    version: 1,
    type: 'indicator',
    artifacts: PROCESS_LISTS,
    fields: ['process'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process was running when the sysdiagnose was taken',
    explanation:
      'The sysdiagnose process list shows "{value}" running (pid {record.pid}, user {record.user}, command {record.command}), which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: [
      'A few published process names collide with legitimate iOS daemons; check the folder the process ran from and the other findings.',
    ],
    references: [AMNESTY_METHODOLOGY, MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-ps.process-in-path',
    version: 1,
    type: 'indicator',
    artifacts: PROCESS_LISTS,
    // The folder only: the executable's own name is the process rule's, so one binary is not counted twice.
    fields: ['executable_folder'],
    check: 'process-in-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A process was running from a folder named after spyware',
    explanation:
      'The sysdiagnose process list shows {record.command} (pid {record.pid}) running from {value}, a folder named after the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['Short or generic process names can also name a legitimate folder; check the whole path.'],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_ISHUTDOWN],
  },
  {
    id: 'ios.sysdiagnose-ps.file-path',
    version: 1,
    type: 'indicator',
    artifacts: PROCESS_LISTS,
    fields: ['executable_path'],
    check: 'file-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware binary was running when the sysdiagnose was taken',
    explanation:
      'The sysdiagnose process list shows {value} running (pid {record.pid}, user {record.user}), and that path matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name in an indicator can also be the name of a legitimate binary; check the folder it ran from.'],
    references: [AMNESTY_METHODOLOGY, MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-ps.temporary-folder',
    version: 1,
    type: 'heuristic',
    artifacts: PROCESS_LISTS,
    condition: { field: 'executable_path', startsWith: TEMPORARY_FOLDERS },
    field: 'executable_path',
    severity: 'medium',
    confidence: 'low',
    title: 'A process was running from a temporary or data folder',
    explanation:
      'The sysdiagnose process list shows {value} running (pid {record.pid}, user {record.user}): iOS runs its own binaries from the system volume and app bundles, while Pegasus, Reign and Predator ran theirs from /private/var/db/ or /private/var/tmp/. This is a lead to review, not a detection.',
    harmless: [
      'iOS itself stages some XPC services under /private/var/db/ (for instance while installing a software update); weigh the process name, its parent and the other findings.',
    ],
    references: [KASPERSKY_ISHUTDOWN, AMNESTY_METHODOLOGY],
  },
];
