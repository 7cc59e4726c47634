/**
 * The rule set: every rule Exhibit applies, in a stable order. Its version goes into
 * findings.json so a finding can be traced to the exact logic that produced it.
 */
import type { Rule } from './rule-types.js';
import { manifestRules } from './rules/manifest.js';
import { applicationsRules } from './rules/applications.js';
import { configurationProfilesRules } from './rules/configuration-profiles.js';
import { profileEventsRules } from './rules/profile-events.js';
import { globalPreferencesRules } from './rules/global-preferences.js';
import { datausageRules } from './rules/datausage.js';
import { osAnalyticsAdDailyRules } from './rules/os-analytics-ad-daily.js';
import { idStatusCacheRules } from './rules/id-status-cache.js';
import { tccRules } from './rules/tcc.js';
import { smsRules } from './rules/sms.js';
import { smsAttachmentsRules } from './rules/sms-attachments.js';
import { safariHistoryRules } from './rules/safari-history.js';
import { safariBrowserStateRules } from './rules/safari-browser-state.js';
import { webkitResourceLoadStatisticsRules } from './rules/webkit-resource-load-statistics.js';
import { webkitSessionResourceLogRules } from './rules/webkit-session-resource-log.js';
import { chromeHistoryRules } from './rules/chrome-history.js';
import { chromeFaviconRules } from './rules/chrome-favicon.js';
import { firefoxHistoryRules } from './rules/firefox-history.js';
import { firefoxFaviconRules } from './rules/firefox-favicon.js';
import { safariFaviconRules } from './rules/safari-favicon.js';
import { webkitWebsiteDataRules } from './rules/webkit-website-data.js';
import { shortcutsRules } from './rules/shortcuts.js';
import { locationdClientsRules } from './rules/locationd-clients.js';
import { whatsappRules } from './rules/whatsapp.js';
import { whatsappContactsRules } from './rules/whatsapp-contacts.js';
import { interactionCRules } from './rules/interaction-c.js';
import { callsRules } from './rules/calls.js';
import { contactsRules } from './rules/contacts.js';
import { calendarRules } from './rules/calendar.js';
import { IOS_FS_RULES } from './rules/ios-fs.js';
import { SYSDIAGNOSE_RULES } from './rules/sysdiagnose.js';
import { ANDROID_RULES } from './rules/android.js';

export const RULE_SET_VERSION = '2026.11.0';

export const RULES: readonly Rule[] = [
  ...manifestRules,
  ...applicationsRules,
  ...configurationProfilesRules,
  ...profileEventsRules,
  ...globalPreferencesRules,
  ...datausageRules,
  ...osAnalyticsAdDailyRules,
  ...idStatusCacheRules,
  ...tccRules,
  ...smsRules,
  ...smsAttachmentsRules,
  ...safariHistoryRules,
  ...safariBrowserStateRules,
  ...webkitResourceLoadStatisticsRules,
  ...webkitSessionResourceLogRules,
  ...chromeHistoryRules,
  ...chromeFaviconRules,
  ...firefoxHistoryRules,
  ...firefoxFaviconRules,
  ...safariFaviconRules,
  ...webkitWebsiteDataRules,
  ...shortcutsRules,
  ...locationdClientsRules,
  ...whatsappRules,
  ...whatsappContactsRules,
  ...interactionCRules,
  ...callsRules,
  ...contactsRules,
  ...calendarRules,
  ...IOS_FS_RULES,
  ...SYSDIAGNOSE_RULES,
  ...ANDROID_RULES,
];
