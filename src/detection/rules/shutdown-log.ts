import type { Rule } from '../rule-types.js';

const KASPERSKY_ISHUTDOWN = 'https://securelist.com/shutdown-log-lightweight-ios-malware-detection-method/111734/';
const ISHUTDOWN_TOOL = 'https://github.com/KasperskyLab/iShutdown';
const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';

export const shutdownLogRules: Rule[] = [
  {
    id: 'ios.shutdown-log.file-path',
    version: 1,
    type: 'indicator',
    artifacts: ['shutdown_log'],
    // Without the UUID iOS 26 appends first, so the finding shows the binary's own path; the
    // path as written still counts when normalising changed nothing an indicator needs.
    fields: ['client_path_normalised', 'client_path'],
    check: 'file-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware binary was running when the phone shut down',
    explanation:
      '{record.log_file} lists the process {value} (pid {record.pid}) still running at the shutdown of {record.sigterm_at}, and its path matches the {malware} indicator "{indicator}" ({bundle}).',
    harmless: ['A generic file name in an indicator can also be the name of a legitimate binary; check the folder the process ran from.'],
    references: [KASPERSKY_ISHUTDOWN, AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.shutdown-log.process-in-path',
    version: 1,
    type: 'indicator',
    artifacts: ['shutdown_log'],
    fields: ['client_path_normalised'],
    check: 'process-in-path',
    severity: 'critical',
    confidence: 'high',
    title: 'A spyware process was running when the phone shut down',
    explanation:
      '{record.log_file} lists {value} (pid {record.pid}) still running at the shutdown of {record.sigterm_at}; a component of that path is the {malware} process indicator "{indicator}" ({bundle}).',
    harmless: ['Short or generic process names can also name a legitimate folder or binary; check the whole path.'],
    references: [KASPERSKY_ISHUTDOWN, AMNESTY_METHODOLOGY],
  },
  {
    id: 'ios.shutdown-log.unusual-location',
    version: 1,
    type: 'heuristic',
    artifacts: ['shutdown_log'],
    condition: { all: [{ field: 'kind', equals: 'client' }, { field: 'in_unusual_location', equals: true }] },
    field: 'client_path_normalised',
    severity: 'medium',
    confidence: 'low',
    title: 'A process ran from a data folder at shutdown',
    explanation:
      '{record.log_file} lists {value} (pid {record.pid}) still running at the shutdown of {record.sigterm_at}: system binaries live on the system volume, while Pegasus, Reign and Predator ran theirs from /private/var/db/ or /private/var/tmp/. This is a lead to review, not a detection.',
    harmless: [
      'Some legitimate components run from these folders, for instance while iOS stages a software update; weigh the process name, the date and the other findings.',
    ],
    references: [KASPERSKY_ISHUTDOWN, ISHUTDOWN_TOOL],
  },
  {
    id: 'ios.shutdown-log.many-delays',
    version: 1,
    type: 'heuristic',
    artifacts: ['shutdown_log'],
    // Read on the per-shutdown record, so a reboot with many late clients is one finding.
    condition: { all: [{ field: 'kind', equals: 'shutdown' }, { field: 'delays_before_sigterm', greaterThan: 2 }] },
    field: 'delays_before_sigterm',
    severity: 'low',
    confidence: 'low',
    title: 'A shutdown was held up by processes that would not stop',
    explanation:
      'At the shutdown of {record.sigterm_at}, {record.log_file} notes {value} times that processes were still running ({record.client_count} of them, the last notice after {record.last_delay_seconds} s): Kaspersky saw infected iPhones delay their reboot this way.',
    harmless: [
      'A busy or slow phone, a software update or a stuck legitimate daemon also delays a shutdown; look at which processes were listed.',
    ],
    references: [KASPERSKY_ISHUTDOWN, ISHUTDOWN_TOOL],
  },
];
