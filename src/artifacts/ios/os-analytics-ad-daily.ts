/**
 * com.apple.osanalytics.addaily.plist: osanalyticshelper's daily network-usage baseline,
 * one entry per process name. Like DataUsage, it names short-lived processes that used the
 * network (Kaspersky's Triangulation check looks for `BackupAgent` here), and it survives
 * when an implant scrubs DataUsage.sqlite.
 */
import type { ArtifactRecord, Extractor, RecordFields } from '../types.js';
import type { FileDigest } from '../../acquisition/source.js';
import { isPlistDict, type PlistValue } from '../../formats/plist.js';
import { ArtifactError } from '../../errors.js';
import { eachPlistFile, makeRecord, originOf, pathsFor } from '../locate.js';
import { MOBILE_HOME } from './device-paths.js';
import { splitProcName } from './process-name.js';
import { plistAmount, plistTime } from '../../formats/plist-values.js';

export const OS_ANALYTICS_AD_DAILY_ARTIFACT = 'os_analytics_ad_daily';

export function* readOsAnalyticsAdDaily(value: PlistValue, digest: FileDigest): Generator<ArtifactRecord> {
  if (!isPlistDict(value)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: the plist root is not a dictionary');
  }
  const baseline = value['netUsageBaseline'];
  if (baseline === undefined) return;
  if (!isPlistDict(baseline)) {
    throw new ArtifactError('ARTIFACT_UNSUPPORTED_SCHEMA', 'unsupported schema: netUsageBaseline is not a dictionary');
  }
  for (const name of Object.keys(baseline).sort()) {
    const entry = baseline[name];
    const values: PlistValue[] = Array.isArray(entry) ? entry : [];
    const parts = splitProcName(name);
    const date = plistTime(values[0]);
    const fields: RecordFields = {
      name_raw: name,
      process: parts.process,
      proc_bundle: parts.proc_bundle,
      container_uuid: parts.container_uuid,
      baseline_date: date,
      wifi_in: plistAmount(values[1]),
      wifi_out: plistAmount(values[2]),
      wwan_in: plistAmount(values[3]),
      wwan_out: plistAmount(values[4]),
      // An entry that is not the usual five-element array is kept, but said to be odd.
      well_formed: Array.isArray(entry) && entry.length >= 5,
    };
    yield makeRecord(OS_ANALYTICS_AD_DAILY_ARTIFACT, fields, originOf(digest, { kind: 'plist', keyPath: ['netUsageBaseline', name] }), [
      { at: date, meaning: 'usage baseline' },
    ]);
  }
}

export const OS_ANALYTICS_AD_DAILY_PATHS = ['HomeDomain/Library/Preferences/com.apple.osanalytics.addaily.plist'] as const;
export const OS_ANALYTICS_AD_DAILY_FS_PATHS = [`${MOBILE_HOME}/Library/Preferences/com.apple.osanalytics.addaily.plist`] as const;
export const OS_ANALYTICS_AD_DAILY_PATHS_BY_KIND: Extractor['paths'] = { 'ios-backup': OS_ANALYTICS_AD_DAILY_PATHS, 'ios-fs': OS_ANALYTICS_AD_DAILY_FS_PATHS };

export const osAnalyticsAdDailyExtractor: Extractor = {
  id: OS_ANALYTICS_AD_DAILY_ARTIFACT,
  title: 'Daily network usage baseline per process (osanalytics ADDaily)',
  platform: 'ios',
  acquisitions: ['ios-backup', 'ios-fs'],
  paths: OS_ANALYTICS_AD_DAILY_PATHS_BY_KIND,
  extract: (source, context) => eachPlistFile(source, pathsFor(OS_ANALYTICS_AD_DAILY_PATHS_BY_KIND, source), context, readOsAnalyticsAdDaily),
};
