/**
 * What each kind of acquisition cannot show, in English: the words of coverage.json's
 * `cannot_show` and of the English report. French and Arabic follow the same order.
 */
import type { LimitsCatalogue } from './types.js';

export const LIMITS_EN: LimitsCatalogue = {
  'ios-backup': [
    'An unencrypted backup leaves out Safari history, call history, health data, the keychain and several other databases that iOS only includes in encrypted backups; make an encrypted backup to see them.',
    'A backup holds no running processes, no system logs and no crash reports: a file-system dump or a sysdiagnose archive shows those.',
    'Files an implant writes outside backed-up folders (for example under /private/var/tmp or /private/var/db) never appear in a backup.',
    'Spyware that leaves no trace in backed-up databases, or whose traces were deleted before the backup, cannot be seen.',
  ],
  'ios-fs': [
    'A file-system dump shows the files as they were when it was taken: traces deleted before that are gone, unless a database still holds them.',
    'It holds what the extraction tool could reach; a partial extraction (for example without the keychain or app containers) misses what it left out.',
  ],
  'ios-sysdiagnose': [
    'A sysdiagnose holds logs and system summaries, not the phone\'s databases: messages, browsing history and data usage are not in it; a backup shows those.',
    'Its logs cover days to weeks; older activity has rotated out.',
  ],
  'android-androidqf': [
    'An androidqf collection holds what adb can read without root: app data, messages inside apps and most of /data are out of reach.',
    'Spyware that hides its package or process from the system tools androidqf runs cannot be seen.',
  ],
  'android-bugreport': [
    'A bugreport holds system state and logs, not app data or messages; its logs cover a short recent period.',
  ],
  'android-backup': [
    'An Android backup holds only the apps that allow backup (often just SMS); it shows nothing of system state or installed packages.',
  ],
};
