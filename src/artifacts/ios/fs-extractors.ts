/**
 * Extractors of artifacts only a file-system dump holds (the file-system walk,
 * shutdown.log, Cache.db, netusage, keychain analytics…), in run order. The backup
 * extractors that also read dumps are in the registry with their `ios-fs` paths.
 */
import type { Extractor } from '../types.js';
import { filesystemExtractor } from './filesystem.js';
import { shutdownLogExtractor } from './shutdown-log.js';
import { netusageExtractor } from './netusage.js';
import { cacheFilesExtractor } from './cache-files.js';
import { keychainAnalyticsExtractor } from './keychain-analytics.js';
import { analyticsIosVersionsExtractor } from './analytics-ios-versions.js';
import { iosVersionHistoryExtractor } from './ios-version-history.js';

export const IOS_FS_EXTRACTORS: readonly Extractor[] = [
  filesystemExtractor,
  shutdownLogExtractor,
  netusageExtractor,
  cacheFilesExtractor,
  keychainAnalyticsExtractor,
  analyticsIosVersionsExtractor,
  iosVersionHistoryExtractor,
];
