/** Sources the sysdiagnose rules cite, shared so each is spelled once. */
export const AMNESTY_METHODOLOGY =
  'https://www.amnesty.org/en/latest/research/2021/07/forensic-methodology-report-how-to-catch-nso-groups-pegasus/';
export const KASPERSKY_ISHUTDOWN = 'https://securelist.com/shutdown-log-lightweight-ios-malware-detection-method/111734/';
export const MVT_INDICATORS = 'https://github.com/mvt-project/mvt-indicators';

/**
 * Writable folders Kaspersky's iShutdown flags when a process runs from them: iOS runs its
 * own binaries from the system volume, app bundles or cryptexes, while Pegasus, Reign and
 * Predator ran theirs from here.
 */
export const TEMPORARY_FOLDERS = ['/private/var/tmp/', '/private/var/db/', '/tmp/', '/var/tmp/', '/var/db/'] as const;
