/** Rules of the artifacts only a file-system dump holds, one import per artifact. */
import type { Rule } from '../rule-types.js';
import { filesystemRules } from './filesystem.js';
import { shutdownLogRules } from './shutdown-log.js';
import { netusageRules } from './netusage.js';
import { cacheFilesRules } from './cache-files.js';
import { keychainAnalyticsRules } from './keychain-analytics.js';

export const IOS_FS_RULES: readonly Rule[] = [
  ...filesystemRules,
  ...shutdownLogRules,
  ...netusageRules,
  ...cacheFilesRules,
  ...keychainAnalyticsRules,
];
