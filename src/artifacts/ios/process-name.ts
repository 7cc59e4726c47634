/** Process names as DataUsage and osanalytics write them. */
const CONTAINER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

export interface ProcNameParts {
  /** The process (executable) name, or null when the entry names an app container. */
  process: string | null;
  /** What follows the first `/`: a bundle id or a `com.apple.datausage.*` accounting tag. */
  proc_bundle: string | null;
  /** The app container UUID when the entry is `<UUID>/<bundle id>`. */
  container_uuid: string | null;
}

/**
 * Splits a DataUsage / osanalytics process name. iOS writes `<proc>/<bundle id>`
 * (`mDNSResponder/com.apple.datausage.dns`), `<container UUID>/<bundle id>` for apps, or a
 * bare name. MVT checks only the part after the slash (basename); indicators name the
 * process, so both parts are kept.
 */
export function splitProcName(raw: string): ProcNameParts {
  const slash = raw.indexOf('/');
  if (slash < 0) return { process: raw === '' ? null : raw, proc_bundle: null, container_uuid: null };
  const head = raw.slice(0, slash);
  const tail = raw.slice(slash + 1);
  const bundle = tail === '' ? null : tail;
  if (CONTAINER_UUID.test(head)) return { process: null, proc_bundle: bundle, container_uuid: head.toUpperCase() };
  return { process: head === '' ? null : head, proc_bundle: bundle, container_uuid: null };
}
