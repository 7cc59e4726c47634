/** What each kind of acquisition cannot show, said plainly (honest coverage). */
import type { AcquisitionKind } from '../acquisition/source.js';

const LIMITS: Record<AcquisitionKind, string[]> = {
  'ios-backup': [
    'An unencrypted backup leaves out Safari history, call history, health data, the keychain and several other databases that iOS only includes in encrypted backups; make an encrypted backup to see them.',
    'A backup holds no running processes, no system logs and no crash reports: a file-system dump or a sysdiagnose archive shows those.',
    'Files an implant writes outside backed-up folders (for example under /private/var/tmp or /private/var/db) never appear in a backup.',
    'Spyware that leaves no trace in backed-up databases, or whose traces were deleted before the backup, cannot be seen.',
  ],
};

export function acquisitionLimits(kind: AcquisitionKind): string[] {
  return LIMITS[kind];
}
