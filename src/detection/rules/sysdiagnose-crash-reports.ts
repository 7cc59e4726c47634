import type { Rule } from '../rule-types.js';
import { AMNESTY_METHODOLOGY, KASPERSKY_ISHUTDOWN, MVT_INDICATORS, TEMPORARY_FOLDERS } from './sysdiagnose-references.js';

const CRASH_REPORTS = ['sysdiagnose_crash_reports'] as const;

export const sysdiagnoseCrashReportRules: Rule[] = [
  {
    id: 'ios.sysdiagnose-crash.process',
    version: 1,
    type: 'indicator',
    artifacts: CRASH_REPORTS,
    // app_name and report_name name the process in the header, which is all a damaged report keeps.
    fields: ['process', 'parent_process', 'responsible_process', 'app_name', 'report_name'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A crash report names a spyware process',
    explanation:
      'The {record.bug_type_name} report {record.file_name} names "{value}" ({field}), which matches the {malware} process indicator "{indicator}" ({bundle}); exploits and implants that fail leave such reports.',
    harmless: ['A few published process names collide with legitimate iOS daemons; check the path in the report and the other findings.'],
    references: [AMNESTY_METHODOLOGY, MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-crash.listed-process',
    version: 1,
    type: 'indicator',
    artifacts: CRASH_REPORTS,
    fields: ['listed_processes'],
    check: 'process',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process was alive when iOS wrote a system report',
    explanation:
      'The {record.bug_type_name} report {record.file_name} lists "{value}" among the processes alive at that moment, which matches the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['A few published process names collide with legitimate iOS daemons; check the other findings.'],
    references: [AMNESTY_METHODOLOGY, MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-crash.file-path',
    version: 1,
    type: 'indicator',
    artifacts: CRASH_REPORTS,
    fields: ['executable_path'],
    check: 'file-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A crash report names a spyware binary',
    explanation:
      'The {record.bug_type_name} report {record.file_name} is about {value}, a path that matches the {malware} file indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name in an indicator can also be the name of a legitimate binary; check the folder.'],
    references: [AMNESTY_METHODOLOGY, MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-crash.process-in-path',
    version: 1,
    type: 'indicator',
    artifacts: CRASH_REPORTS,
    fields: ['executable_folder'],
    check: 'process-in-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A crash report names a binary in a folder named after spyware',
    explanation:
      'The {record.bug_type_name} report {record.file_name} is about {record.executable_path}, in the folder {value} named after the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['Short or generic process names can also name a legitimate folder; check the whole path.'],
    references: [AMNESTY_METHODOLOGY, KASPERSKY_ISHUTDOWN],
  },
  {
    id: 'ios.sysdiagnose-crash.app-id',
    version: 1,
    type: 'indicator',
    artifacts: CRASH_REPORTS,
    fields: ['bundle_id', 'coalition'],
    check: 'app-id',
    severity: 'critical',
    confidence: 'high',
    title: 'A crash report names a spyware app',
    explanation:
      'The {record.bug_type_name} report {record.file_name} names the app {value} ({field}), which matches the {malware} app indicator "{indicator}" ({bundle}).',
    harmless: ['An identifier published for Android can name a legitimate iOS app that uses the same identifier.'],
    references: [MVT_INDICATORS],
  },
  {
    id: 'ios.sysdiagnose-crash.temporary-folder',
    version: 1,
    type: 'heuristic',
    artifacts: CRASH_REPORTS,
    condition: { field: 'executable_path', startsWith: TEMPORARY_FOLDERS },
    field: 'executable_path',
    severity: 'medium',
    confidence: 'low',
    title: 'A binary in a temporary or data folder crashed',
    explanation:
      'The {record.bug_type_name} report {record.file_name} is about {value}: iOS runs its own binaries from the system volume and app bundles, while Pegasus, Reign and Predator ran theirs from /private/var/db/ or /private/var/tmp/. This is a lead to review, not a detection.',
    harmless: [
      'iOS itself stages some XPC services under /private/var/db/ (for instance while installing a software update); weigh the process name and the other findings.',
    ],
    references: [KASPERSKY_ISHUTDOWN, AMNESTY_METHODOLOGY],
  },
];
