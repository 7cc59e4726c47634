/**
 * Builds WebKit full_browsing_session_resourceLog.plist content (reference/artifacts.md
 * §2.3.13) in either of WebKit's spellings: statistics model < 15 writes
 * `PrevalentResourceOrigin` and `{origin, count}` list items, model 15+ writes
 * `PrevalentResourceDomain` and `{domain}`. WebKit writes times as Unix-seconds doubles;
 * `times: 'date'` writes plist dates instead, as MVT expects.
 */
import { binaryPlist, PlistReal, xmlPlist, type PlistInput, type PlistInputDict } from '../ios-backup.js';

export interface ResourceLogEntrySpec {
  domain: string;
  /** Unix seconds. */
  lastSeen: number;
  hadUserInteraction?: boolean;
  /** Unix seconds; 0 (the default) for never. */
  mostRecentUserInteraction?: number;
  redirectsTo?: string[];
  redirectsFrom?: string[];
  subframeUnder?: string[];
  subresourceUnder?: string[];
}

export interface ResourceLogOptions {
  spelling?: 'origin' | 'domain';
  times?: 'double' | 'date';
  format?: 'binary' | 'xml';
}

export function resourceLogValue(entries: ResourceLogEntrySpec[], options: ResourceLogOptions = {}): PlistInputDict {
  const spelling = options.spelling ?? 'domain';
  const time = (seconds: number): PlistInput => (options.times === 'date' ? new Date(seconds * 1000) : new PlistReal(seconds));
  const list = (domains: string[] | undefined): PlistInputDict[] | undefined => {
    if (!domains || domains.length === 0) return undefined;
    return domains.map((domain) => (spelling === 'domain' ? { domain } : { origin: domain, count: 1 }));
  };
  const suffix = spelling === 'domain' ? 'Domains' : 'Origins';
  return {
    version: spelling === 'domain' ? 15 : 14,
    browsingStatistics: entries.map((entry) => ({
      [spelling === 'domain' ? 'PrevalentResourceDomain' : 'PrevalentResourceOrigin']: entry.domain,
      lastSeen: time(entry.lastSeen),
      hadUserInteraction: entry.hadUserInteraction ?? false,
      mostRecentUserInteraction: time(entry.mostRecentUserInteraction ?? 0),
      grandfathered: false,
      topFrameUniqueRedirectsTo: list(entry.redirectsTo),
      topFrameUniqueRedirectsFrom: list(entry.redirectsFrom),
      [`subframeUnderTopFrame${suffix}`]: list(entry.subframeUnder),
      [`subresourceUnderTopFrame${suffix}`]: list(entry.subresourceUnder),
      isPrevalentResource: false,
      isVeryPrevalentResource: false,
      dataRecordsRemoved: 0,
      timesAccessedAsFirstPartyDueToUserInteraction: 0,
      timesAccessedAsFirstPartyDueToStorageAccessAPI: 0,
    })),
    operatingDates: [],
  };
}

export function buildSessionResourceLog(entries: ResourceLogEntrySpec[], options: ResourceLogOptions = {}): Buffer {
  const value = resourceLogValue(entries, options);
  return options.format === 'xml' ? xmlPlist(value) : binaryPlist(value);
}
