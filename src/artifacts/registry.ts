/**
 * Every artifact extractor, in run order. Adding an artifact means adding its file and one
 * line here; a test fails when a file in artifacts/ is missing from this list.
 */
import type { Extractor } from './types.js';
import type { AcquisitionKind } from '../acquisition/source.js';
import { backupInfoExtractor } from './ios/backup-info.js';
import { manifestExtractor } from './ios/manifest.js';
import { applicationsExtractor } from './ios/applications.js';
import { configurationProfilesExtractor } from './ios/configuration-profiles.js';
import { profileEventsExtractor } from './ios/profile-events.js';
import { globalPreferencesExtractor } from './ios/global-preferences.js';
import { datausageExtractor } from './ios/datausage.js';
import { osAnalyticsAdDailyExtractor } from './ios/os-analytics-ad-daily.js';
import { idStatusCacheExtractor } from './ios/id-status-cache.js';
import { tccExtractor } from './ios/tcc.js';
import { smsExtractor } from './ios/sms.js';
import { smsAttachmentsExtractor } from './ios/sms-attachments.js';
import { safariHistoryExtractor } from './ios/safari-history.js';
import { safariBrowserStateExtractor } from './ios/safari-browser-state.js';
import { webkitResourceLoadStatisticsExtractor } from './ios/webkit-resource-load-statistics.js';
import { webkitSessionResourceLogExtractor } from './ios/webkit-session-resource-log.js';
import { chromeHistoryExtractor } from './ios/chrome-history.js';
import { chromeFaviconExtractor } from './ios/chrome-favicon.js';
import { firefoxHistoryExtractor } from './ios/firefox-history.js';
import { firefoxFaviconExtractor } from './ios/firefox-favicon.js';
import { safariFaviconExtractor } from './ios/safari-favicon.js';
import { webkitWebsiteDataExtractor } from './ios/webkit-website-data.js';
import { shortcutsExtractor } from './ios/shortcuts.js';
import { locationdClientsExtractor } from './ios/locationd-clients.js';
import { whatsappExtractor } from './ios/whatsapp.js';
import { whatsappContactsExtractor } from './ios/whatsapp-contacts.js';
import { interactionCExtractor } from './ios/interaction-c.js';
import { callsExtractor } from './ios/calls.js';
import { contactsExtractor } from './ios/contacts.js';
import { calendarExtractor } from './ios/calendar.js';
import { IOS_FS_EXTRACTORS } from './ios/fs-extractors.js';
import { SYSDIAGNOSE_EXTRACTORS } from './ios/sysdiagnose/extractors.js';
import { ANDROID_EXTRACTORS } from './android/extractors.js';

export const EXTRACTORS: readonly Extractor[] = [
  backupInfoExtractor,
  manifestExtractor,
  applicationsExtractor,
  configurationProfilesExtractor,
  profileEventsExtractor,
  globalPreferencesExtractor,
  datausageExtractor,
  osAnalyticsAdDailyExtractor,
  idStatusCacheExtractor,
  tccExtractor,
  smsExtractor,
  smsAttachmentsExtractor,
  safariHistoryExtractor,
  safariBrowserStateExtractor,
  webkitResourceLoadStatisticsExtractor,
  webkitSessionResourceLogExtractor,
  chromeHistoryExtractor,
  chromeFaviconExtractor,
  firefoxHistoryExtractor,
  firefoxFaviconExtractor,
  safariFaviconExtractor,
  webkitWebsiteDataExtractor,
  shortcutsExtractor,
  locationdClientsExtractor,
  whatsappExtractor,
  whatsappContactsExtractor,
  interactionCExtractor,
  callsExtractor,
  contactsExtractor,
  calendarExtractor,
  ...IOS_FS_EXTRACTORS,
  ...SYSDIAGNOSE_EXTRACTORS,
  ...ANDROID_EXTRACTORS,
];

export function extractorsFor(kind: AcquisitionKind): Extractor[] {
  return EXTRACTORS.filter((extractor) => extractor.acquisitions.includes(kind));
}

/**
 * The globs of every file some extractor reads the content of, for this kind: what an
 * archive must keep while it is indexed. Listing-only extractors need no content.
 */
export function contentPathsFor(kind: AcquisitionKind): string[] {
  const globs = new Set<string>();
  for (const extractor of extractorsFor(kind)) {
    if (extractor.listingOnly === true) continue;
    for (const glob of extractor.paths[kind] ?? []) globs.add(glob);
  }
  return [...globs].sort();
}
