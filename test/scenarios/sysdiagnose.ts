/**
 * A synthetic sysdiagnose of an infected iPhone for end-to-end tests: Pegasus's
 * `roleaccountd` running from its staging folder, Predator's binary in /private/var/tmp,
 * a crash report of `bh`, and the same Pegasus client still running at a shutdown — with
 * near-misses beside them (reference/artifacts.md §5). Taken in a +0530 zone, so every
 * local log time must be shifted to UTC.
 */
import { crashReport309, type SysdiagnoseSpec } from '../builders/sysdiagnose.js';

const STAGING = '/private/var/db/com.apple.xpc.roleaccountd.staging';

export function infectedSysdiagnoseSpec(): SysdiagnoseSpec {
  return {
    takenAt: '2026-03-10T18:30:00',
    zone: '+0530',
    processes: [
      { pid: 4211, command: `${STAGING}/roleaccountd` },
      { pid: 4212, command: '/private/var/tmp/UserEventAgent -d' },
      // Near-misses: a look-alike name, a look-alike folder.
      { pid: 4213, command: '/usr/libexec/bhx' },
      { pid: 4214, command: '/private/var/tmp2/hooker' },
    ],
    crashReports: [
      {
        file: 'bh-2026-03-10-181500.ips',
        content: crashReport309({ timestamp: '2026-03-10 18:15:00.00 +0530', procName: 'bh', procPath: `${STAGING}/bh`, parentProc: 'launchd' }),
      },
    ],
    shutdownLog: [
      'SIGTERM: [1773136800] All buffers flushed',
      'After 0.56s, these clients are still here:',
      '\t\tremaining client pid: 1042 (/usr/libexec/mobileassetd)',
      `\t\tremaining client pid: 4211 (${STAGING}/roleaccountd)`,
      'SIGTERM: [1773140400] All buffers flushed',
      '',
    ].join('\n'),
  };
}
