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
];
